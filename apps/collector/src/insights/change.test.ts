import { describe, expect, it } from "vitest";
import { analyzeChange, findChangePoint } from "./change.js";

const steady = (n: number, level: number) => Array.from({ length: n }, (_, i) => level + (i % 3 === 0 ? 1 : 0));

describe("findChangePoint", () => {
  it("finds the bucket where a cause jumps", () => {
    const counts = [...steady(40, 1), ...steady(20, 9)];
    expect(findChangePoint(counts)).toMatchObject({ index: 40 });
  });

  it("stays quiet on a flat series and on a one-bucket blip", () => {
    expect(findChangePoint(steady(60, 5))).toBeUndefined();
    const blip = steady(60, 2);
    blip[30] = 25;
    expect(findChangePoint(blip)).toBeUndefined();
  });

  it("ignores sparse series", () => {
    expect(findChangePoint([0, 0, 0, 0, 0, 0, 1, 2, 1])).toBeUndefined();
  });
});

describe("analyzeChange", () => {
  it("reports when the new level started, the rates and the shares", () => {
    const counts = [...Array(45).fill(1), ...Array(15).fill(10)];
    const totals = Array(60).fill(20);
    const insight = analyzeChange({
      code: 1009,
      cause: "message_too_big",
      counts,
      totals,
      bucketStartMs: Date.parse("2026-11-25T10:00:00Z"),
      bucketSeconds: 60,
      context: ["The enforced limit changed from 1 MiB to 256 KiB at about that time."],
    })!;
    expect(insight.since).toBe("2026-11-25T10:45:00.000Z");
    expect(insight.title).toBe("1009 message_too_big rose 10×");
    expect(insight.severity).toBe("critical");
    expect(insight.facts.find((f) => f.key === "shareAfter")?.value).toBe(50);
    expect(insight.fixSteps).toContain("The enforced limit changed from 1 MiB to 256 KiB at about that time.");
  });
});

describe("analyzeChange against total traffic", () => {
  const base = { code: 1008, cause: "rate_limit", bucketStartMs: 0, bucketSeconds: 60 };

  it("stays quiet when a cause only follows total traffic", () => {
    const counts = [...Array(30).fill(2), ...Array(30).fill(8)];
    const totals = [...Array(30).fill(20), ...Array(30).fill(80)];
    expect(analyzeChange({ ...base, counts, totals })).toBeUndefined();
  });

  it("reports a cause whose share jumps while total traffic is flat", () => {
    const counts = [...Array(30).fill(2), ...Array(30).fill(8)];
    const totals = Array(60).fill(40);
    expect(analyzeChange({ ...base, counts, totals })?.title).toBe("1008 rate_limit rose 4×");
  });
});

it("stays quiet when a cause falls while its share rises (total traffic fell faster)", () => {
  const counts = [...Array(30).fill(8), ...Array(30).fill(3)];
  const totals = [...Array(30).fill(100), ...Array(30).fill(20)];
  expect(analyzeChange({ code: 1008, cause: "auth_expired", counts, totals, bucketStartMs: 0, bucketSeconds: 60 })).toBeUndefined();
});
