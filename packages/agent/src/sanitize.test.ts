import { describe, expect, it } from "vitest";
import { listText, reasonText, sanitizeEvidence, truncateUtf8 } from "./sanitize.js";

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

  it("turns a Date into ISO text and a list into comma-separated text", () => {
    const result = sanitizeEvidence({ expiredAt: new Date(Date.UTC(2026, 0, 1)), allowed: ["https://a.example", "https://b.example"] });
    expect(result).toEqual({ evidence: { expiredAt: "2026-01-01T00:00:00.000Z", allowed: "https://a.example,https://b.example" }, problems: [] });
    expect(sanitizeEvidence({ when: new Date(Number.NaN) }).problems).toHaveLength(1);
    expect(sanitizeEvidence({ mixed: ["a", { b: 1 }] }).problems).toHaveLength(1);
  });

  it("skips keys whose value is undefined without a problem", () => {
    expect(sanitizeEvidence({ tokenAgeMs: undefined, limit: 1 })).toEqual({ evidence: { limit: 1 }, problems: [] });
  });

  it("does not split a surrogate pair at 200 characters", () => {
    const value = sanitizeEvidence({ s: `${"x".repeat(199)}😀` }).evidence?.s;
    expect(value).toBe("x".repeat(199));
  });
});

describe("listText", () => {
  it("cuts a long list after the last whole entry, marked with an ellipsis", () => {
    const origins = Array.from({ length: 20 }, (_, i) => `https://app${i}.example.com`);
    const text = listText(origins);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text.endsWith("…")).toBe(true);
    const entries = text.slice(0, -1).split(",");
    expect(entries).toEqual(origins.slice(0, entries.length));
  });

  it("cuts a single entry longer than the limit", () => {
    expect(listText(["y".repeat(300)])).toBe(`${"y".repeat(199)}…`);
  });
});
