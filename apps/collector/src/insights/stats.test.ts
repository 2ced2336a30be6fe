import { describe, expect, it } from "vitest";
import { densestWindow, histogram, mode, niceBytesCeil, quantile, sorted } from "./stats.js";

describe("quantile", () => {
  it("is the nearest rank: at least q·n values are at or below it", () => {
    const values = sorted(Array.from({ length: 100 }, (_, i) => 100 - i)); // 1..100
    expect(quantile(values, 0.9)).toBe(90);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile([7], 0.5)).toBe(7);
  });
});

describe("niceBytesCeil", () => {
  it.each([
    [500, 1024],
    [1_048_576, 1_048_576],
    [1_048_577, 1_179_648], // 1.125 MiB
    [1_400_000, 1_441_792], // 1.375 MiB
  ])("%i → %i", (input, expected) => {
    expect(niceBytesCeil(input)).toBe(expected);
    expect(niceBytesCeil(input)).toBeGreaterThanOrEqual(input);
  });
});

describe("histogram", () => {
  it("covers every value and the included marker", () => {
    const buckets = histogram([5, 15, 25, 26], { include: 0, target: 3 });
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
    expect(buckets[0]!.from).toBeLessThanOrEqual(0);
    expect(buckets.at(-1)!.to).toBeGreaterThan(26);
  });
});

describe("densestWindow", () => {
  it("finds the cluster and its centre", () => {
    const ages = sorted([100, 900_000, 899_500, 900_400, 900_100, 5_000, 1_800_000]);
    expect(densestWindow(ages, 2000)).toMatchObject({ center: 900_000, count: 4 });
  });
});

it("mode picks the most frequent value", () => {
  expect(mode([3, 1, 3, 2, 1, 3])).toBe(3);
  expect(mode([])).toBeUndefined();
});
