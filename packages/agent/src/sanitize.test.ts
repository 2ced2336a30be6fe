import { describe, expect, it } from "vitest";
import { reasonText, sanitizeEvidence, truncateUtf8 } from "./sanitize.js";

describe("truncateUtf8", () => {
  it("keeps text that fits", () => {
    expect(truncateUtf8("bye")).toBe("bye");
    expect(truncateUtf8("x".repeat(123))).toBe("x".repeat(123));
  });

  it("cuts ASCII at 123 bytes", () => {
    expect(truncateUtf8("x".repeat(200))).toBe("x".repeat(123));
  });

  it("never splits a multi-byte character", () => {
    // 122 ASCII bytes, then a 2-byte "é" that would end at byte 124.
    expect(truncateUtf8(`${"x".repeat(122)}é`)).toBe("x".repeat(122));
    // "€" is 3 bytes: 41 of them are exactly 123 bytes.
    expect(truncateUtf8("€".repeat(50))).toBe("€".repeat(41));
    // "😀" is 4 bytes (a surrogate pair): 30 of them are 120 bytes.
    const emoji = truncateUtf8("😀".repeat(40));
    expect(emoji).toBe("😀".repeat(30));
    expect(Buffer.byteLength(emoji)).toBe(120);
  });

  it("honours a custom limit", () => {
    expect(truncateUtf8("héllo", 2)).toBe("h");
  });
});

describe("reasonText", () => {
  it("decodes a Buffer reason and bounds invalid UTF-8 that grows when decoded", () => {
    expect(reasonText(Buffer.from("bye"))).toBe("bye");
    const decoded = reasonText(Buffer.alloc(123, 0xff)); // each byte becomes U+FFFD (3 bytes)
    expect(Buffer.byteLength(decoded)).toBeLessThanOrEqual(123);
    expect(decoded).toBe("\ufffd".repeat(41));
  });

  it("turns anything else into an empty reason", () => {
    expect(reasonText(undefined)).toBe("");
    expect(reasonText(42)).toBe("");
  });
});

describe("sanitizeEvidence", () => {
  it("keeps a valid flat record as is", () => {
    expect(sanitizeEvidence({ limit: 50, observed: 73, window: "1m", strict: true })).toEqual({
      evidence: { limit: 50, observed: 73, window: "1m", strict: true },
      problems: [],
    });
  });

  it("drops what the ingest schema would reject and says why", () => {
    const result = sanitizeEvidence({
      ok: 1,
      "bad key": 2,
      nested: { a: 1 },
      infinite: Number.POSITIVE_INFINITY,
      long: "y".repeat(300),
    });
    expect(result.evidence).toEqual({ ok: 1, long: "y".repeat(200) });
    expect(result.problems).toHaveLength(3);
  });

  it("keeps at most 16 keys", () => {
    const input = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    const result = sanitizeEvidence(input);
    expect(Object.keys(result.evidence ?? {})).toHaveLength(16);
    expect(result.problems).toEqual(["evidence has more than 16 keys; the rest were dropped"]);
  });

  it("treats no evidence and empty evidence alike", () => {
    expect(sanitizeEvidence(undefined)).toEqual({ evidence: undefined, problems: [] });
    expect(sanitizeEvidence({})).toEqual({ evidence: undefined, problems: [] });
    expect(sanitizeEvidence([1, 2]).evidence).toBeUndefined();
  });
});
