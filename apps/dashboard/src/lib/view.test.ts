import { describe, expect, it } from "vitest";
import { DEFAULT_RANGE, parseView, rangePreset, RANGE_PRESETS, serializeView, windowFor } from "./view.js";

describe("view filters in the URL", () => {
  it("defaults to the last hour of all services", () => {
    expect(parseView("")).toEqual({ range: "1h", service: "" });
    expect(DEFAULT_RANGE).toBe("1h");
  });

  it("round-trips range and service", () => {
    const view = { range: "6h", service: "chat api" } as const;
    expect(parseView(serializeView(view))).toEqual(view);
  });

  it("leaves defaults out of the URL", () => {
    expect(serializeView({ range: "1h", service: "" })).toBe("");
  });

  it("ignores unknown ranges and trims services", () => {
    expect(parseView("?range=7d&service=%20chat-api%20")).toEqual({ range: "1h", service: "chat-api" });
  });

  it("caps the service name at the API limit", () => {
    expect(parseView(`?service=${"x".repeat(300)}`).service).toHaveLength(100);
  });
});

describe("windowFor", () => {
  it("ends now and spans the preset", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(windowFor("15m", now)).toEqual({ from: "2025-01-01T11:45:00.000Z", to: "2025-01-01T12:00:00.000Z" });
  });

  it("keeps every preset's bucket inside the API bounds and under 200 bars", () => {
    for (const key of RANGE_PRESETS.map((p) => p.key)) {
      const p = rangePreset(key);
      expect(p.bucketSeconds).toBeGreaterThanOrEqual(10);
      expect(p.ms / 1000 / p.bucketSeconds).toBeLessThanOrEqual(200);
    }
  });
});
