import { describe, expect, it } from "vitest";
import { chooseBucketSeconds, resolveRange } from "./time-range.js";

describe("resolveRange", () => {
  const now = new Date("2026-11-25T12:00:00Z");

  it("defaults to the last hour", () => {
    expect(resolveRange({}, now)).toEqual({ from: new Date("2026-11-25T11:00:00Z"), to: now });
  });

  it("rejects an inverted range", () => {
    expect(() => resolveRange({ from: "2026-11-25T12:00:00Z", to: "2026-11-25T11:00:00Z" }, now)).toThrow(
      /earlier than/,
    );
  });
});

describe("chooseBucketSeconds", () => {
  const range = (hours: number) => ({ from: new Date(0), to: new Date(hours * 3600_000) });
  it.each([
    [0.25, 10],
    [1, 30],
    [24, 900],
    [24 * 30, 6 * 3600],
  ])("%f h → %i s", (hours, bucket) => {
    expect(chooseBucketSeconds(range(hours))).toBe(bucket);
  });
});
