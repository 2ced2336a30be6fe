import { describe, expect, it } from "vitest";
import {
  bucketSecondsFor,
  DEFAULT_RANGE,
  describeRange,
  parseView,
  previousWindow,
  rangePreset,
  RANGE_PRESETS,
  serializeView,
  windowFor,
} from "./view.js";

const FROM = "2026-11-20T00:00:00.000Z";
const TO = "2026-11-21T12:00:00.000Z";

describe("view filters in the URL", () => {
  it("defaults to the last hour of all services", () => {
    expect(parseView("")).toEqual({ range: "1h", service: "" });
    expect(DEFAULT_RANGE).toBe("1h");
  });

  it("round-trips presets, custom windows and the service", () => {
    for (const view of [
      { range: "7d", service: "chat api" },
      { range: "30d", service: "" },
      { range: { from: FROM, to: TO }, service: "feed" },
    ] as const) {
      expect(parseView(serializeView(view))).toEqual(view);
    }
  });

  it("leaves defaults out of the URL", () => {
    expect(serializeView({ range: "1h", service: "" })).toBe("");
  });

  it("ignores unknown ranges and trims services", () => {
    expect(parseView("?range=9y&service=%20chat-api%20")).toEqual({ range: "1h", service: "chat-api" });
  });

  it("prefers a valid custom window and drops a reversed or unreadable one", () => {
    expect(parseView(`?range=6h&from=${FROM}&to=${TO}`).range).toEqual({ from: FROM, to: TO });
    expect(parseView(`?range=6h&from=${TO}&to=${FROM}`).range).toBe("6h");
    expect(parseView(`?from=soon&to=${TO}`).range).toBe("1h");
    expect(parseView(`?from=2020-01-01T00:00:00Z&to=${TO}`).range).toBe("1h"); // longer than retention
  });

  it("caps the service name at the API limit", () => {
    expect(parseView(`?service=${"x".repeat(300)}`).service).toHaveLength(100);
  });
});

describe("windows", () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it("ends a preset now and keeps a custom window as it is", () => {
    expect(windowFor("15m", now)).toEqual({ from: "2025-01-01T11:45:00.000Z", to: "2025-01-01T12:00:00.000Z" });
    expect(windowFor({ from: FROM, to: TO }, now)).toEqual({ from: FROM, to: TO });
  });

  it("puts the previous period right before, with the same length", () => {
    expect(previousWindow({ from: FROM, to: TO })).toEqual({ from: "2026-11-18T12:00:00.000Z", to: FROM });
  });

  it("keeps every bucket inside the API bounds and at most ~100 bars", () => {
    for (const key of RANGE_PRESETS.map((p) => p.key)) {
      const p = rangePreset(key);
      expect(p.bucketSeconds).toBeGreaterThanOrEqual(10);
      expect(p.ms / 1000 / p.bucketSeconds).toBeLessThanOrEqual(100);
    }
    expect(bucketSecondsFor({ from: FROM, to: TO })).toBe(1800); // 36 h → 72 bars
    expect(bucketSecondsFor({ from: FROM, to: "2026-11-20T00:05:00.000Z" })).toBe(10);
  });

  it("describes presets in words", () => {
    expect(describeRange("7d")).toBe("last 7d");
    expect(describeRange({ from: FROM, to: TO }, "en-GB")).toContain("2026");
  });
});
