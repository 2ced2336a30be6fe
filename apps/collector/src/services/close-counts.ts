import { type Database, Prisma } from "@closewatch/db";
import type { QueryFilters } from "@closewatch/protocol";
import { sqlFilters } from "./filters.js";
import { type Interval, planRange, type RangePlan } from "./range-plan.js";
import { ALL_SERVICES } from "./service-labels.js";
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

function within(column: "bucket" | "occurred_at", intervals: readonly Interval[]): Prisma.Sql {
  const col = Prisma.raw(column);
  return Prisma.join(
    intervals.map(([from, to]) => Prisma.sql`(${col} >= ${from} AND ${col} < ${to})`),
    " OR ",
  );
}

/**
 * The rows behind a count, from the cheapest exact source for each part of
 * the range: `t` (time), code, cause and `n` (how many closes it stands for).
 */
function sources(plan: RangePlan, filters: QueryFilters): Prisma.Sql {
  const where = sqlFilters(filters);
  // Without a service filter the rollups' all-services rows answer alone.
  const rollupWhere = filters.service ? where : Prisma.sql`${where} AND service = ${ALL_SERVICES}`;
  const parts: Prisma.Sql[] = [];
  if (plan.hours.length) {
    parts.push(Prisma.sql`SELECT bucket AS t, code, cause, count AS n FROM close_rollups_hour WHERE (${within("bucket", plan.hours)}) AND ${rollupWhere}`);
  }
  if (plan.minutes.length) {
    parts.push(Prisma.sql`SELECT bucket AS t, code, cause, count AS n FROM close_rollups_minute WHERE (${within("bucket", plan.minutes)}) AND ${rollupWhere}`);
  }
  if (plan.raw.length) {
    parts.push(Prisma.sql`SELECT occurred_at AS t, code, cause, 1::bigint AS n FROM close_events WHERE (${within("occurred_at", plan.raw)}) AND ${where}`);
  }
  return Prisma.join(parts, " UNION ALL ");
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
      SELECT code, cause, sum(n)::float8 AS count FROM (${sources(plan, filters)}) s
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
      FROM (${sources(plan, filters)}) s
      GROUP BY 1, 2, 3 ORDER BY 1`;
  }
}
