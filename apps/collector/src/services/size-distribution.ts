import type { Database } from "@closewatch/db";
import type { SizeDistribution, SizesQuery, SizesResponse } from "@closewatch/protocol";
import { evidenceBoolean } from "../insights/evidence-sql.js";
import { sqlWhere } from "./filters.js";
import { SIZE_EDGES, sizeBuckets } from "./size-buckets.js";
import { resolveRange } from "./time-range.js";

/** The close code whose sizes are asked for when the query names none: 1009 Message Too Big. */
export const DEFAULT_SIZE_CODE = 1009;

interface LimitRow {
  limit: number | null;
  closes: number;
  withSize: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  lowerBounds: number;
}

interface BucketRow {
  limit: number | null;
  index: number;
  count: number;
}

/** Null limits (not reported) sort after every known limit. */
const byCountThenLimit = (a: SizeDistribution, b: SizeDistribution) =>
  b.count - a.count || (a.limit ?? Number.POSITIVE_INFINITY) - (b.limit ?? Number.POSITIVE_INFINITY);

/**
 * Recorded message sizes of size-limit closes, per enforced limit. Counting,
 * percentiles and histogram buckets all happen in SQL, so the answer costs two
 * aggregate scans and a handful of rows however many closes match; sizes never
 * travel to JavaScript one by one.
 */
export class SizeDistributions {
  constructor(private readonly db: Database) {}

  async sizes(query: SizesQuery): Promise<SizesResponse> {
    const range = resolveRange(query);
    const code = query.code ?? DEFAULT_SIZE_CODE;
    const where = sqlWhere({ ...query, code }, range);
    // percentile_disc is the nearest-rank quantile, the same definition as
    // insights/stats.ts `quantile`: the smallest size with at least q·n sizes at or below it.
    // Ordered-set aggregates skip NULLs, so closes without a size only count in `closes`.
    const [limits, buckets] = await Promise.all([
      this.db.prisma.$queryRaw<LimitRow[]>`
        SELECT size_limit::float8 AS "limit", count(*)::float8 AS closes, count(message_size)::float8 AS "withSize",
               percentile_disc(0.5) WITHIN GROUP (ORDER BY message_size)::float8 AS p50,
               percentile_disc(0.95) WITHIN GROUP (ORDER BY message_size)::float8 AS p95,
               max(message_size)::float8 AS max,
               count(message_size) FILTER (WHERE ${evidenceBoolean("sizeIsLowerBound")})::float8 AS "lowerBounds"
        FROM close_events WHERE ${where}
        GROUP BY size_limit`,
      this.db.prisma.$queryRaw<BucketRow[]>`
        SELECT size_limit::float8 AS "limit", width_bucket(message_size, ${SIZE_EDGES}::int8[]) AS index, count(*)::float8 AS count
        FROM close_events WHERE ${where} AND message_size IS NOT NULL
        GROUP BY 1, 2`,
    ]);

    const bucketsByLimit = new Map<number | null, Map<number, number>>();
    for (const row of buckets) {
      const counts = bucketsByLimit.get(row.limit) ?? new Map<number, number>();
      counts.set(Number(row.index), row.count);
      bucketsByLimit.set(row.limit, counts);
    }
    const distributions: SizeDistribution[] = limits
      .filter((row) => row.withSize > 0)
      .map((row) => ({
        limit: row.limit,
        count: row.withSize,
        p50: row.p50!,
        p95: row.p95!,
        max: row.max!,
        lowerBoundShare: row.lowerBounds / row.withSize,
        buckets: sizeBuckets(bucketsByLimit.get(row.limit) ?? new Map()),
      }));
    return {
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      code,
      total: limits.reduce((n, row) => n + row.closes, 0),
      withSize: limits.reduce((n, row) => n + row.withSize, 0),
      limits: distributions.sort(byCountThenLimit),
    };
  }
}
