import type { Timeseries } from "@closewatch/protocol";
import { seriesKeyFor, type SeriesKey } from "../../lib/codes.js";

/** One bar of the stacked chart: a bucket start (epoch ms) and closes per series. */
export type ChartRow = { t: number; total: number } & Record<SeriesKey, number>;

/** Beyond this many buckets the gaps are not filled (a range/bucket mismatch, not a chart). */
const MAX_FILLED_BUCKETS = 2000;

function emptyRow(t: number): ChartRow {
  return { t, total: 0, "1008": 0, "1009": 0, other: 0 };
}

/**
 * Turn the API time series into chart rows: codes folded into 1008 / 1009 /
 * other, and buckets the API left out (no closes) filled with zeros so the
 * time axis stays even. Buckets are aligned on the points the API returned,
 * or on multiples of the bucket width when there are none.
 */
export function toChartRows(ts: Timeseries): ChartRow[] {
  const step = ts.bucketSeconds * 1000;
  const rows = new Map<number, ChartRow>();
  for (const point of ts.points) {
    const t = Date.parse(point.t);
    if (Number.isNaN(t)) continue;
    const row = rows.get(t) ?? emptyRow(t);
    for (const [code, count] of Object.entries(point.counts)) {
      row[seriesKeyFor(Number(code))] += count;
      row.total += count;
    }
    rows.set(t, row);
  }

  const from = Date.parse(ts.range.from);
  const to = Date.parse(ts.range.to);
  if (step > 0 && !Number.isNaN(from) && !Number.isNaN(to) && (to - from) / step <= MAX_FILLED_BUCKETS) {
    const anchor = rows.size > 0 ? rows.keys().next().value ?? 0 : 0;
    const offset = ((anchor % step) + step) % step;
    const first = Math.floor((from - offset) / step) * step + offset;
    for (let t = first; t < to; t += step) if (!rows.has(t)) rows.set(t, emptyRow(t));
  }

  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Largest stacked bar, for deciding whether there is anything to draw. */
export function peak(rows: readonly ChartRow[]): number {
  return rows.reduce((max, r) => Math.max(max, r.total), 0);
}
