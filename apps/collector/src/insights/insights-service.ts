import { type Database, Prisma } from "@closewatch/db";
import type { Insight, InsightsQuery, InsightsResponse, QueryFilters } from "@closewatch/protocol";
import { CloseCounts, type CodeCauseCount } from "../services/close-counts.js";
import { sqlWhere } from "../services/filters.js";
import { chooseBucketSeconds, resolveRange, type TimeRange } from "../services/time-range.js";
import { analyzeChange } from "./change.js";
import { evidenceBoolean, evidenceNumber, evidenceText } from "./evidence-sql.js";
import { formatBytes } from "./format.js";
import { analyzeRateLimit } from "./rate-limit.js";
import type { RateRow, SizeRow, TokenRow } from "./rows.js";
import { bySeverityThenSize } from "./severity.js";
import { analyzeSizeLimit } from "./size-limit.js";
import { mode } from "./stats.js";
import { analyzeTokenLifetime } from "./token-lifetime.js";

/** Newest events read per finding: percentiles over this many are stable, and the query stays cheap. */
const SAMPLE = 5000;
/** Code/cause pairs checked for sudden changes, most frequent first. */
const MAX_CHANGE_SERIES = 20;
/** Buckets of the change-detection series across the range. */
const CHANGE_BUCKETS = 60;

/** Distinct limits that get a finding of their own, most affected first. */
const MAX_LIMITS = 3;

/**
 * One size finding per enforced limit: services with different limits need
 * different advice. Rows without a limit (clients rejecting the server's
 * messages) go with the largest group. Event counts are scaled from the sample.
 */
function sizeFindingsPerLimit(cause: string, rows: SizeRow[], events: number, total: number): Array<Insight | undefined> {
  // Rows come newest first: a place's first limit is its current one. Closes under a
  // limit the place no longer enforces would only give stale advice (the change finding
  // reports the switch), so they are left out.
  const current = new Map<string, number>();
  const groups = new Map<number | null, SizeRow[]>();
  for (const row of rows) {
    if (row.sizeLimit !== null) {
      const place = `${row.service}\u0000${row.route ?? ""}`;
      if (!current.has(place)) current.set(place, row.sizeLimit);
      if (current.get(place) !== row.sizeLimit) continue;
    }
    const group = groups.get(row.sizeLimit);
    if (group) group.push(row);
    else groups.set(row.sizeLimit, [row]);
  }
  const unlimited = groups.get(null) ?? [];
  groups.delete(null);
  const ranked = [...groups.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, MAX_LIMITS);
  if (ranked.length === 0) return [analyzeSizeLimit(cause, unlimited, events, total)];
  ranked[0]![1].push(...unlimited);
  const kept = ranked.reduce((n, [, group]) => n + group.length, 0);
  return ranked.map(([limit, group]) => {
    const insight = analyzeSizeLimit(cause, group, Math.round((events * group.length) / Math.max(kept, 1)), total);
    if (insight && ranked.length > 1) insight.id = `${insight.id}:${limit}`;
    return insight;
  });
}

/** Ranked findings for a range: which limits closes hit, by how much, and what to change. */
export class InsightsService {
  private readonly counts: CloseCounts;

  constructor(private readonly db: Database) {
    this.counts = new CloseCounts(db);
  }

  async insights(filters: InsightsQuery): Promise<InsightsResponse> {
    const range = resolveRange(filters);
    const where = sqlWhere({ ...filters, code: undefined, cause: undefined }, range);
    // Counts of every code and cause in the same place (service, route): the share of each finding.
    const place = { service: filters.service, route: filters.route };
    const counts = await this.counts.byCodeCause(place, range);
    const total = counts.reduce((sum, c) => sum + c.count, 0);
    const countOf = (code: number, cause: string) => counts.find((c) => c.code === code && c.cause === cause)?.count ?? 0;
    const wanted = (code: number, cause: string) =>
      (filters.code === undefined || code === filters.code) && (!filters.cause || cause === filters.cause);

    const found: Array<Insight | undefined> = [];
    for (const c of counts.filter((c) => c.code === 1009 && wanted(c.code, c.cause))) {
      found.push(...sizeFindingsPerLimit(c.cause, await this.sizeRows(where, c.cause), c.count, total));
    }
    if (wanted(1008, "rate_limit") && countOf(1008, "rate_limit") > 0) {
      found.push(analyzeRateLimit(await this.rateRows(where), countOf(1008, "rate_limit"), total));
    }
    if (wanted(1008, "auth_expired") && countOf(1008, "auth_expired") > 0) {
      found.push(analyzeTokenLifetime(await this.tokenRows(where), countOf(1008, "auth_expired"), total));
    }
    found.push(...(await this.changes(range, place, where, counts.filter((c) => wanted(c.code, c.cause)).slice(0, MAX_CHANGE_SERIES))));

    const insights = found.filter((i): i is Insight => i !== undefined).sort(bySeverityThenSize);
    return { range: { from: range.from.toISOString(), to: range.to.toISOString() }, insights };
  }

  private sizeRows(where: Prisma.Sql, cause: string): Promise<SizeRow[]> {
    return this.db.prisma.$queryRaw<SizeRow[]>`
      SELECT service, route, cause, message_size::float8 AS "messageSize", size_limit::float8 AS "sizeLimit",
             ${evidenceText("direction")} AS direction, ${evidenceBoolean("deflate")} AS deflate
      FROM close_events WHERE ${where} AND code = 1009 AND cause = ${cause}
      ORDER BY occurred_at DESC LIMIT ${SAMPLE}`;
  }

  private rateRows(where: Prisma.Sql): Promise<RateRow[]> {
    return this.db.prisma.$queryRaw<RateRow[]>`
      SELECT service, route, ${evidenceNumber("observed")} AS observed, ${evidenceNumber("limit")} AS "limit",
             ${evidenceNumber("windowMs")} AS "windowMs", connection_age_ms::float8 AS "connectionAgeMs"
      FROM close_events WHERE ${where} AND code = 1008 AND cause = 'rate_limit'
      ORDER BY occurred_at DESC LIMIT ${SAMPLE}`;
  }

  private tokenRows(where: Prisma.Sql): Promise<TokenRow[]> {
    return this.db.prisma.$queryRaw<TokenRow[]>`
      SELECT service, route, connection_age_ms::float8 AS "connectionAgeMs",
             ${evidenceNumber("tokenLifetimeMs")} AS "tokenLifetimeMs", ${evidenceNumber("tokenAgeMs")} AS "tokenAgeMs"
      FROM close_events WHERE ${where} AND code = 1008 AND cause = 'auth_expired'
      ORDER BY occurred_at DESC LIMIT ${SAMPLE}`;
  }

  /** Per-bucket counts of each pair, tested for a level change. */
  private async changes(range: TimeRange, place: QueryFilters, where: Prisma.Sql, pairs: CodeCauseCount[]): Promise<Array<Insight | undefined>> {
    if (pairs.length === 0) return [];
    const bucketSeconds = chooseBucketSeconds(range, CHANGE_BUCKETS);
    const bucketMs = bucketSeconds * 1000;
    const startMs = Math.floor(range.from.getTime() / bucketMs) * bucketMs;
    const n = Math.ceil((range.to.getTime() - startMs) / bucketMs);
    const rows = (await this.counts.series(place, range, bucketSeconds)).map((r) => ({ ...r, bucket: Math.round((r.bucket - startMs) / bucketMs) }));
    const totals = new Array<number>(n).fill(0);
    const series = new Map(pairs.map((p) => [`${p.code}:${p.cause}`, new Array<number>(n).fill(0)]));
    for (const row of rows) {
      if (row.bucket < 0 || row.bucket >= n) continue;
      totals[row.bucket]! += row.count;
      const counts = series.get(`${row.code}:${row.cause}`);
      if (counts) counts[row.bucket]! += row.count;
    }
    // Only the span with data: before the first close nothing was observed (not "zero closes"),
    // and a bucket still in progress would look like a drop.
    const firstFull = range.from.getTime() === startMs ? 0 : 1;
    const first = totals.findIndex((t, i) => i >= firstFull && t > 0);
    const end = Math.min(n, Math.floor((Math.min(range.to.getTime(), Date.now()) - startMs) / bucketMs));
    if (first < 0 || end - first < 5) return [];
    const results: Array<Insight | undefined> = [];
    for (const pair of pairs) {
      const insight = analyzeChange({
        code: pair.code,
        cause: pair.cause,
        counts: series.get(`${pair.code}:${pair.cause}`)!.slice(first, end),
        totals: totals.slice(first, end),
        bucketStartMs: startMs + first * bucketMs,
        bucketSeconds,
      });
      if (insight?.since && pair.code === 1009) insight.fixSteps.splice(1, 0, ...(await this.limitChange(where, pair.cause, new Date(insight.since))));
      results.push(insight);
    }
    return results;
  }

  /** "The limit went from 1 MiB to 256 KiB": the most common limit before and after a change. */
  private async limitChange(where: Prisma.Sql, cause: string, since: Date): Promise<string[]> {
    const rows = await this.db.prisma.$queryRaw<Array<{ after: boolean; limit: number }>>`
      SELECT occurred_at >= ${since} AS after, size_limit::float8 AS "limit"
      FROM close_events WHERE ${where} AND code = 1009 AND cause = ${cause} AND size_limit IS NOT NULL
      ORDER BY occurred_at DESC LIMIT ${SAMPLE}`;
    const before = mode(rows.filter((r) => !r.after).map((r) => r.limit));
    const after = mode(rows.filter((r) => r.after).map((r) => r.limit));
    if (before === undefined || after === undefined || before === after) return [];
    return [`The enforced size limit changed from ${formatBytes(before)} to ${formatBytes(after)} at about that time; if that was not intended, restore \`maxPayload\`.`];
  }
}
