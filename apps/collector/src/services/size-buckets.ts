import type { Bucket } from "../insights/stats.js";

/** Largest size a bucket must hold: JSON numbers (and `Count`) are exact up to 2^53 − 1. */
const TOP = 2 ** 53;

/**
 * Integer bucket edges on a log scale: 0, then 2^(k/4) rounded up, four
 * buckets per doubling (…, 1024, 1218, 1449, 1723, 2048, …). Fine enough to
 * see how far sizes run past a limit, coarse enough that any spread of sizes
 * fits in a few dozen buckets. Small sizes would round to the same integer,
 * so repeated edges are dropped (the first buckets are one byte wide).
 * The same edges go to SQL's `width_bucket`, so counting stays in the
 * database and JavaScript only names the buckets.
 */
export const SIZE_EDGES: readonly number[] = (() => {
  const edges = [0];
  for (let k = 0; edges[edges.length - 1]! < TOP; k++) {
    const edge = Math.ceil(2 ** (k / 4));
    if (edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
})();

/**
 * Buckets from `width_bucket(size, SIZE_EDGES)` indexes (1-based: index i is
 * [SIZE_EDGES[i-1], SIZE_EDGES[i])) and their counts: every bucket from the
 * smallest to the largest index, empty ones included, so a chart keeps its axis.
 */
export function sizeBuckets(counts: ReadonlyMap<number, number>): Bucket[] {
  if (counts.size === 0) return [];
  const indexes = [...counts.keys()];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const buckets: Bucket[] = [];
  for (let i = first; i <= last; i++) {
    buckets.push({ from: SIZE_EDGES[i - 1]!, to: SIZE_EDGES[i]!, count: counts.get(i) ?? 0 });
  }
  return buckets;
}
