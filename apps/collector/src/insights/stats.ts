/** Small, dependency-free statistics for the insight analyzers. Inputs are never mutated. */

/** Sorted copy, ascending. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The `q`-quantile (0..1) of ascending `values` by the nearest-rank method:
 * the smallest value with at least q·n values at or below it. That is what
 * "a limit of X would admit q of them" needs: at least q·n values are ≤ X.
 */
export function quantile(ascending: readonly number[], q: number): number {
  if (ascending.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1]!;
}

/** Most frequent value (ties: the smaller), or undefined for no values. */
export function mode(values: readonly number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Rounds a byte count up to a value people would configure: a multiple of
 * 1/8 of its power of two (1 MiB, 1.125 MiB, … 1.875 MiB, 2 MiB, 2.25 MiB …),
 * never below 1 KiB. Always ≥ the input, so a recommendation keeps its promise.
 */
export function niceBytesCeil(bytes: number): number {
  if (bytes <= 1024) return 1024;
  const step = 2 ** Math.max(10, Math.floor(Math.log2(bytes)) - 3);
  return Math.ceil(bytes / step) * step;
}

/** A "nice" width (1, 2 or 5 × 10^k, or a power of two for bytes) giving about `target` buckets. */
export function niceWidth(span: number, target: number, binary: boolean): number {
  const raw = Math.max(span / target, Number.EPSILON);
  if (binary) return 2 ** Math.ceil(Math.log2(raw));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= raw)!;
  return step * magnitude;
}

export interface Bucket {
  from: number;
  to: number;
  count: number;
}

/** Equal-width histogram over [min, max] (plus `include`, e.g. a limit to mark) with nice edges. */
export function histogram(values: readonly number[], options: { target?: number; binary?: boolean; include?: number } = {}): Bucket[] {
  if (values.length === 0) return [];
  const { target = 12, binary = false, include } = options;
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (include !== undefined) {
    min = Math.min(min, include);
    max = Math.max(max, include);
  }
  const width = niceWidth(max - min || Math.abs(max) || 1, target, binary);
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.floor((max - start) / width) + 1);
  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({ from: start + i * width, to: start + (i + 1) * width, count: 0 }));
  for (const v of values) buckets[Math.min(count - 1, Math.floor((v - start) / width))]!.count += 1;
  return buckets;
}

/**
 * The densest cluster: the window of width `width` holding the most values
 * (two pointers over the sorted values, O(n)). Returns its median and size.
 */
export function densestWindow(ascending: readonly number[], width: number): { center: number; count: number; from: number; to: number } | undefined {
  if (ascending.length === 0) return undefined;
  let bestStart = 0;
  let bestEnd = 0;
  let start = 0;
  for (let end = 0; end < ascending.length; end++) {
    while (ascending[end]! - ascending[start]! > width) start++;
    if (end - start > bestEnd - bestStart) {
      bestStart = start;
      bestEnd = end;
    }
  }
  const inWindow = ascending.slice(bestStart, bestEnd + 1);
  return { center: quantile(inWindow, 0.5), count: inWindow.length, from: inWindow[0]!, to: inWindow[inWindow.length - 1]! };
}

export const share = (part: number, whole: number): number => (whole === 0 ? 0 : (part / whole) * 100);

/** Counts per key, descending. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
