import { describe, expect, it } from "vitest";
import { widerRange } from "./widen.js";

describe("widerRange", () => {
  it("offers the next longer preset", () => {
    expect(widerRange("15m")).toBe("1h");
    expect(widerRange("1h")).toBe("6h");
    expect(widerRange("7d")).toBe("30d");
  });

  it("offers nothing past the longest preset", () => {
    expect(widerRange("30d")).toBeUndefined();
  });

  it("measures a custom window by its length", () => {
    expect(widerRange({ from: "2026-11-20T00:00:00.000Z", to: "2026-11-20T03:00:00.000Z" })).toBe("6h");
    expect(widerRange({ from: "2026-01-01T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z" })).toBeUndefined();
  });
});
