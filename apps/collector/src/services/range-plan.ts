export type Interval = readonly [from: Date, to: Date];

/** Which source answers which part of a range: exact counts without scanning raw events. */
export interface RangePlan {
  /** Whole clock hours: the per-hour rollup. */
  hours: Interval[];
  /** Whole minutes outside those hours: the per-minute rollup. */
  minutes: Interval[];
  /** The partial minutes at either end: raw events (at most two minutes' worth). */
  raw: Interval[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const floorTo = (t: number, unit: number) => Math.floor(t / unit) * unit;
const ceilTo = (t: number, unit: number) => Math.ceil(t / unit) * unit;

function interval(from: number, to: number): Interval[] {
  return from < to ? [[new Date(from), new Date(to)]] : [];
}

/**
 * Splits [from, to) into hour, minute and raw parts. `useHours: false` keeps
 * hours out, for series whose buckets are not whole hours.
 */
export function planRange(from: Date, to: Date, useHours = true): RangePlan {
  const start = from.getTime();
  const end = to.getTime();
  const m1 = ceilTo(start, MINUTE);
  const m2 = floorTo(end, MINUTE);
  if (m1 >= m2) return { hours: [], minutes: [], raw: interval(start, end) };
  const raw = [...interval(start, m1), ...interval(m2, end)];
  const h1 = ceilTo(m1, HOUR);
  const h2 = floorTo(m2, HOUR);
  if (!useHours || h1 >= h2) return { hours: [], minutes: interval(m1, m2), raw };
  return { hours: interval(h1, h2), minutes: [...interval(m1, h1), ...interval(h2, m2)], raw };
}
