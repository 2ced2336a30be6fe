import { describe, expect, it } from "vitest";
import {
  bytesText,
  causeSourceText,
  deliveryText,
  evidenceEntries,
  formatInstant,
  initiatorText,
  sizeFacts,
  trafficText,
} from "./eventFacts.js";

const en = { locale: "en-GB", timeZone: "UTC" };

describe("formatInstant", () => {
  it("shows the date, the time to the millisecond and the zone", () => {
    expect(formatInstant("2026-11-20T14:05:09.123Z", en)).toBe("20 Nov 2026, 14:05:09.123 UTC");
    expect(formatInstant("garbage", en)).toBe("garbage");
  });
});

describe("deliveryText", () => {
  it("says how long the close took to arrive, and when the agent's clock runs ahead", () => {
    expect(deliveryText("2026-11-20T14:05:09.000Z", "2026-11-20T14:05:09.250Z", en)).toBe("250 ms after it occurred");
    expect(deliveryText("2026-11-20T14:05:12.000Z", "2026-11-20T14:05:09.000Z", en)).toMatch(/^3 s before it occurred/);
  });
});

describe("sizeFacts", () => {
  it("puts the size against the limit with exact bytes", () => {
    expect(sizeFacts({ messageSize: 4096, sizeLimit: 2048, evidence: null }, en)).toEqual({
      size: "4 KiB (4,096 bytes)",
      limit: "2 KiB (2,048 bytes)",
      comparison: "2× the limit, 2 KiB (2,048 bytes) over",
    });
  });

  it("shows what was recorded when one side is missing", () => {
    expect(sizeFacts({ messageSize: null, sizeLimit: 1024, evidence: null }, en)).toEqual({ limit: "1 KiB (1,024 bytes)" });
    expect(sizeFacts({ messageSize: null, sizeLimit: null, evidence: null }, en)).toEqual({});
    expect(sizeFacts({ messageSize: 100, sizeLimit: 1024, evidence: null }, en).comparison).toBe("within the limit");
  });

  it("says when the agent only knew a lower bound or an estimate", () => {
    const cut = sizeFacts({ messageSize: 1025, sizeLimit: 1024, evidence: { sizeIsLowerBound: true } }, en);
    expect(cut.size).toBe("at least 1 KiB (1,025 bytes)");
    expect(cut.comparison).toBe("at least 1 byte over");
    const guess = sizeFacts({ messageSize: 8000, sizeLimit: null, evidence: { sizeIsEstimate: true } }, en);
    expect(guess.size).toBe("about 7.8 KiB (8,000 bytes)");
  });
});

describe("bytesText and trafficText", () => {
  it("keep small numbers exact", () => {
    expect(bytesText(1, en)).toBe("1 byte");
    expect(bytesText(1023, en)).toBe("1,023 bytes");
    expect(trafficText(1, 20, en)).toBe("1 message · 20 B");
    expect(trafficText(3, 4096, en)).toBe("3 messages · 4 KiB");
  });
});

describe("texts for enumerations", () => {
  it("explain known values and pass unknown ones through", () => {
    expect(initiatorText("none")).toMatch(/without a close frame/);
    expect(initiatorText("proxy")).toBe("proxy");
    expect(causeSourceText("agent")).toMatch(/agent/);
    expect(causeSourceText("future")).toBe("future");
  });
});

describe("evidenceEntries", () => {
  it("lists every key in order, with units beside durations and sizes", () => {
    expect(
      evidenceEntries(
        { windowMs: 1000, limit: 10, observed: 25, tokenLifetimeMs: 900_000, origin: "https://x", ok: true, frameSize: 4096 },
        en,
      ),
    ).toEqual([
      { key: "frameSize", value: "4,096 (4 KiB)" },
      { key: "limit", value: "10" },
      { key: "observed", value: "25" },
      { key: "ok", value: "yes" },
      { key: "origin", value: "https://x" },
      { key: "tokenLifetimeMs", value: "900,000 (15 min)" },
      { key: "windowMs", value: "1,000 (1 s)" },
    ]);
    expect(evidenceEntries(null)).toEqual([]);
  });
});
