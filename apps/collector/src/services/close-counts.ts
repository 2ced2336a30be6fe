import type { Database } from "@closewatch/db";
import type { QueryFilters } from "@closewatch/protocol";
import { countSources } from "./count-sources.js";
import { planRange } from "./range-plan.js";
import type { TimeRange } from "./time-range.js";

export interface CodeCauseCount {
  code: number;
  cause: string;
  count: number;
}

export interface SeriesCount extends CodeCauseCount {
  /** Bucket start, epoch milliseconds. */
  bucket: number;
}

/**
 * Close counts by code and cause, and per time bucket, read from the rollups
 * (charts never scan raw events) and exact for any range: only the partial
 * minutes at its ends come from raw rows.
 */
export class CloseCounts {
  constructor(private readonly db: Database) {}

  byCodeCause(filters: QueryFilters, range: TimeRange): Promise<CodeCauseCount[]> {
    const plan = planRange(range.from, range.to);
    return this.db.prisma.$queryRaw<CodeCauseCount[]>`
      SELECT code, cause, sum(n)::float8 AS count FROM (${countSources(plan, filters)}) s
      GROUP BY code, cause ORDER BY count DESC, code, cause`;
  }

  /**
   * Counts per bucket, code and cause. Buckets of whole minutes come from the
   * rollups (whole hours from the hourly one); finer buckets need raw rows,
   * which the callers only ask for on short ranges.
   */
  series(filters: QueryFilters, range: TimeRange, bucketSeconds: number): Promise<SeriesCount[]> {
    const plan =
      bucketSeconds % 60 === 0
        ? planRange(range.from, range.to, bucketSeconds % 3600 === 0)
        : { hours: [], minutes: [], raw: [[range.from, range.to] as const] };
    return this.db.prisma.$queryRaw<SeriesCount[]>`
      SELECT (floor(extract(epoch FROM t) / ${bucketSeconds}::int) * ${bucketSeconds}::int * 1000)::float8 AS bucket,
             code, cause, sum(n)::float8 AS count
      FROM (${countSources(plan, filters)}) s
      GROUP BY 1, 2, 3 ORDER BY 1`;
  }
}
