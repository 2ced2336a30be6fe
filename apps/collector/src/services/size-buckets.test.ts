import { describe, expect, it } from "vitest";
import { SIZE_EDGES, sizeBuckets } from "./size-buckets.js";

describe("SIZE_EDGES", () => {
  it("starts one byte wide and then grows by about a quarter power of two", () => {
    expect(SIZE_EDGES.slice(0, 18)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 23, 27, 32, 39]);
    const kib = SIZE_EDGES.indexOf(1024);
    expect(SIZE_EDGES.slice(kib, kib + 5)).toEqual([1024, 1218, 1449, 1723, 2048]);
  });

  it("has every power of two as an edge, rising strictly up to 2^53", () => {
    for (let p = 0; p <= 53; p++) expect(SIZE_EDGES).toContain(2 ** p);
    expect(SIZE_EDGES.every((e, i) => i === 0 || e > SIZE_EDGES[i - 1]!)).toBe(true);
    expect(SIZE_EDGES.at(-1)).toBe(2 ** 53);
    expect(SIZE_EDGES.every(Number.isInteger)).toBe(true);
  });
});

describe("sizeBuckets", () => {
  it("names width_bucket indexes and fills the gaps between them", () => {
    const i = SIZE_EDGES.indexOf(1024) + 1; // width_bucket is 1-based: index i is [edge i-1, edge i)
    expect(sizeBuckets(new Map([[i, 3], [i + 2, 1]]))).toEqual([
      { from: 1024, to: 1218, count: 3 },
      { from: 1218, to: 1449, count: 0 },
      { from: 1449, to: 1723, count: 1 },
    ]);
    expect(sizeBuckets(new Map())).toEqual([]);
  });
});
