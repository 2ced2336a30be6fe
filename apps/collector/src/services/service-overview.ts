import type { Database } from "@closewatch/db";
import type { ServiceRow, ServicesQuery, ServicesResponse } from "@closewatch/protocol";
import { countSources } from "./count-sources.js";
import { planRange } from "./range-plan.js";
import { NO_ROUTE, type RouteLabels } from "./route-labels.js";
import { rollupKeys } from "./rollup-keys.js";
import type { ServiceLabels } from "./service-labels.js";
import { resolveRange } from "./time-range.js";

export interface SeriesCodeCauseCount {
  service: string;
  route: string;
  code: number;
  cause: string;
  count: number;
}

/** 1000 (normal) and 1001 (going away) are how healthy connections end; they are never a "top cause". */
const ORDINARY_CODES = new Set([1000, 1001]);

const byCountThenCode = <T extends { count: number; code: number }>(a: T, b: T) => b.count - a.count || a.code - b.code;

/** One row per (service, route) series from its counts by code and cause; sorted by total, descending. */
export function toServiceRows(counts: readonly SeriesCodeCauseCount[], rangeMinutes: number): ServiceRow[] {
  const series = new Map<string, SeriesCodeCauseCount[]>();
  for (const c of counts) {
    const key = JSON.stringify([c.service, c.route]);
    const group = series.get(key);
    if (group) group.push(c);
    else series.set(key, [c]);
  }
  const rows = [...series.values()].map((group): ServiceRow => {
    const byCode = new Map<number, number>();
    for (const c of group) byCode.set(c.code, (byCode.get(c.code) ?? 0) + c.count);
    const total = group.reduce((n, c) => n + c.count, 0);
    const top = group
      .filter((c) => !ORDINARY_CODES.has(c.code))
      .sort((a, b) => byCountThenCode(a, b) || a.cause.localeCompare(b.cause))[0];
    return {
      service: group[0]!.service,
      route: group[0]!.route === NO_ROUTE ? null : group[0]!.route,
      total,
      perMinute: total / rangeMinutes,
      byCode: [...byCode].map(([code, count]) => ({ code, count })).sort(byCountThenCode),
      topCause: top ? { code: top.code, cause: top.cause, count: top.count } : null,
    };
  });
  return rows.sort(
    (a, b) => b.total - a.total || a.service.localeCompare(b.service) || (a.route ?? "").localeCompare(b.route ?? ""),
  );
}

/**
 * Closes per service and route, from the rollups (raw rows only for the
 * partial minutes at the ends, labelled the way the rollups are). Services
 * and routes beyond their caps show up as 'other', as they do in the rollups.
 */
export class ServiceOverview {
  constructor(
    private readonly db: Database,
    private readonly services: ServiceLabels,
    private readonly routes: RouteLabels,
  ) {}

  async rows(query: ServicesQuery): Promise<ServicesResponse> {
    const range = resolveRange(query);
    const plan = planRange(range.from, range.to);
    const counts = await this.db.prisma.$queryRaw<SeriesCodeCauseCount[]>`
      SELECT service, route, code, cause, sum(n)::float8 AS count
      FROM (${countSources(plan, query, rollupKeys(this.services, this.routes))}) s
      GROUP BY service, route, code, cause`;
    const minutes = (range.to.getTime() - range.from.getTime()) / 60_000;
    return {
      range: { from: range.from.toISOString(), to: range.to.toISOString() },
      rows: toServiceRows(counts, minutes),
    };
  }
}
