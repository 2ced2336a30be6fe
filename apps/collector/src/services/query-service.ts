import type { Database } from "@closewatch/db";
import type { QueryFilters, Summary, Timeseries, TimeseriesQuery } from "@closewatch/protocol";
import { CloseCounts } from "./close-counts.js";
import { queryFieldError } from "../query-field-error.js";
import { chooseBucketSeconds, resolveRange, type TimeRange } from "./time-range.js";

/** Most points one series answer may hold: a year in hourly buckets, or 10,000 days. */
export const MAX_SERIES_POINTS = 10_000;

/** Read side of the collector: counts and series under the same filters (events: EventSearch). */
export class QueryService {
  private readonly counts: CloseCounts;

  constructor(private readonly db: Database) {
    this.counts = new CloseCounts(db);
  }

  async summary(filters: QueryFilters): Promise<Summary> {
    const range = resolveRange(filters);
    const byCause = await this.counts.byCodeCause(filters, range);
    const codeTotals = new Map<number, number>();
    for (const g of byCause) codeTotals.set(g.code, (codeTotals.get(g.code) ?? 0) + g.count);
    const byCode = [...codeTotals]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code - b.code);
    return {
      range: isoRange(range),
      total: byCause.reduce((sum, g) => sum + g.count, 0),
      byCode,
      byCause,
    };
  }

  async timeseries(query: TimeseriesQuery): Promise<Timeseries> {
    const range = resolveRange(query);
    const bucketSeconds = query.bucketSeconds ?? chooseBucketSeconds(range);
    // Every bucket becomes a point (fillBuckets): bound them, or ten years in 10 s buckets would exhaust memory.
    const points = Math.ceil((range.to.getTime() - range.from.getTime()) / (bucketSeconds * 1000));
    if (points > MAX_SERIES_POINTS) {
      throw queryFieldError(
        query.bucketSeconds === undefined ? "from" : "bucketSeconds",
        `makes ${points} buckets of ${bucketSeconds} s; at most ${MAX_SERIES_POINTS}: shorten the range or widen the buckets`,
      );
    }
    const rows = await this.counts.series(query, range, bucketSeconds);
    return { range: isoRange(range), bucketSeconds, points: fillBuckets(range, bucketSeconds, rows) };
  }
}

/** One point per bucket across the whole range, zeros included, so charts keep their time axis. */
export function fillBuckets(
  range: TimeRange,
  bucketSeconds: number,
  rows: readonly { bucket: number; code: number; count: number }[],
): Timeseries["points"] {
  const step = bucketSeconds * 1000;
  const byBucket = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const counts = byBucket.get(row.bucket) ?? {};
    counts[String(row.code)] = (counts[String(row.code)] ?? 0) + row.count;
    byBucket.set(row.bucket, counts);
  }
  const points: Timeseries["points"] = [];
  const first = Math.floor(range.from.getTime() / step) * step;
  for (let t = first; t < range.to.getTime(); t += step) {
    points.push({ t: new Date(t).toISOString(), counts: byBucket.get(t) ?? {} });
  }
  return points;
}

function isoRange(range: TimeRange) {
  return { from: range.from.toISOString(), to: range.to.toISOString() };
}
