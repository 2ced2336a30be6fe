import { Prisma } from "@closewatch/db";
import type { QueryFilters } from "@closewatch/protocol";
import { sqlFilters } from "./filters.js";
import type { Interval, RangePlan } from "./range-plan.js";
import { type RollupKeys, rollupRouteSql, rollupServiceSql } from "./rollup-keys.js";
import { ALL_SERVICES } from "./service-labels.js";

function within(column: "bucket" | "occurred_at", intervals: readonly Interval[]): Prisma.Sql {
  const col = Prisma.raw(column);
  return Prisma.join(
    intervals.map(([from, to]) => Prisma.sql`(${col} >= ${from} AND ${col} < ${to})`),
    " OR ",
  );
}

/** Raw rows under the rollup key ingest gave them, filtered by that key (as the rollups are). */
function labelledRaw(intervals: readonly Interval[], filters: QueryFilters, keys: RollupKeys): Prisma.Sql {
  const service = rollupServiceSql(keys);
  return Prisma.sql`SELECT t, service, route, code, cause, n FROM (
      SELECT occurred_at AS t, ${service} AS service, ${rollupRouteSql(service, keys)} AS route, code, cause, 1::bigint AS n
      FROM close_events WHERE (${within("occurred_at", intervals)}) AND ${sqlFilters({ code: filters.code, cause: filters.cause })}
    ) r WHERE ${sqlFilters({ service: filters.service, route: filters.route })}`;
}

/**
 * The rows behind a count, from the cheapest exact source for each part of
 * the range (see planRange): `t` (time), `service`, `route`, `code`, `cause`
 * and `n` (how many closes the row stands for).
 *
 * Without `keys` the rows serve totals: with neither a service nor a route
 * filter the rollups' all-services rows (service '') answer alone; with
 * either, the per-service rows do, never the '' rows, or a route filter would
 * count every close twice. Raw rows keep their real names here, so
 * `service`/`route` only mean something with `keys`.
 *
 * With `keys` every row belongs to one rollup series: the rollups give only
 * their per-service rows, and raw rows are labelled and filtered the way
 * ingest labelled them, so a service beyond the cap shows as 'other' in
 * every part of the range.
 */
export function countSources(plan: RangePlan, filters: QueryFilters, keys?: RollupKeys): Prisma.Sql {
  const perSeries = keys !== undefined || filters.service !== undefined || filters.route !== undefined;
  const rollupWhere = Prisma.sql`${perSeries ? Prisma.sql`service <> ${ALL_SERVICES}` : Prisma.sql`service = ${ALL_SERVICES}`} AND ${sqlFilters(filters)}`;
  const rollup = (table: "close_rollups_hour" | "close_rollups_minute", intervals: readonly Interval[]) =>
    Prisma.sql`SELECT bucket AS t, service, route, code, cause, count AS n FROM ${Prisma.raw(table)} WHERE (${within("bucket", intervals)}) AND ${rollupWhere}`;
  const parts: Prisma.Sql[] = [];
  if (plan.hours.length) parts.push(rollup("close_rollups_hour", plan.hours));
  if (plan.minutes.length) parts.push(rollup("close_rollups_minute", plan.minutes));
  if (plan.raw.length) {
    parts.push(
      keys
        ? labelledRaw(plan.raw, filters, keys)
        : Prisma.sql`SELECT occurred_at AS t, service, route, code, cause, 1::bigint AS n FROM close_events WHERE (${within("occurred_at", plan.raw)}) AND ${sqlFilters(filters)}`,
    );
  }
  return Prisma.join(parts, " UNION ALL ");
}
