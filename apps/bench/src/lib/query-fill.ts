import { CLOSE_MIX, MIX_SLOTS, ROUTES, SERVICES, SERVICE_SLOTS, sizeLimitOf } from "./events-mix.js";

/** What the fill needs of a connection: pg's Client and @closewatch/db's SqlSession both fit. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface FillOptions {
  events: number;
  days: number;
  /** End of the filled range (the newest events); defaults to now. */
  end?: Date;
  /** Rows per INSERT statement. */
  sliceEvents?: number;
  /** Session settings for the bulk load (memory is smaller in PGlite). */
  workMem?: string;
  maintenanceWorkMem?: string;
  log?: (line: string) => void;
}

export interface FillTimings {
  insertMs: number;
  indexMs: number;
  vacuumMs: number;
  totalMs: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TABLES = ["close_events", "close_rollups_minute", "close_rollups_hour"] as const;

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (items: readonly (string | undefined)[]) =>
  `(ARRAY[${items.map((s) => (s === undefined ? "NULL" : lit(s))).join(", ")}]::text[])`;
const intArray = (items: readonly number[]) => `(ARRAY[${items.join(", ")}]::int[])`;

/**
 * One INSERT … SELECT over generate_series that writes `$3` events between
 * `$1` and `$2` and, in the same statement, their minute and hour rollups
 * (the same counts the collector keeps, per service and route and for all
 * services together under service '' and route ''; every service has one
 * route here, well under the route cap). Slices never share a minute or an
 * hour, so rollup rows never collide between statements.
 */
export function fillStatement(): string {
  const k = "t.k";
  const s = "t.s";
  const mix = (pickValue: (kind: (typeof CLOSE_MIX)[number]) => string | undefined) => `${textArray(CLOSE_MIX.map(pickValue))}[${k}]`;
  const ev = mix((m) => m.evidence);
  const limits = intArray(SERVICES.map((_, i) => sizeLimitOf(i)));
  return `
WITH ins AS (
  INSERT INTO close_events (id, occurred_at, received_at, service, instance, route, code, reason, initiator,
    cause, cause_source, ws_error_code, message_size, size_limit, connection_age_ms,
    messages_in, messages_out, bytes_in, bytes_out, evidence)
  SELECT gen_random_uuid(), t.at, t.at + (50 + t.r1 * 450) * interval '1 millisecond',
    ${textArray(SERVICES)}[${s}],
    ${textArray(SERVICES)}[${s}] || '-7d9f6c' || to_hex(${s} - 1) || '-' || (t.g % 4)::text,
    ${textArray(SERVICES.map((_, i) => ROUTES[i % ROUTES.length]))}[${s}],
    ${intArray(CLOSE_MIX.map((m) => m.code))}[${k}],
    ${mix((m) => m.reason)},
    ${mix((m) => m.initiator)}::close_initiator,
    ${mix((m) => m.storedCause)},
    ${mix((m) => m.causeSource)}::cause_source,
    ${mix((m) => m.wsErrorCode)},
    CASE ${ev} WHEN 'inbound' THEN (${limits}[${s}] * (1.1 + t.r1 * 0.3))::int8 WHEN 'outbound' THEN (70000 + t.r1 * 130000)::int8 END,
    CASE ${ev} WHEN 'inbound' THEN ${limits}[${s}]::int8 END,
    (50 + t.r2 * 3600000)::int8, t.mi, t.mo, t.mi * (20 + (t.r1 * 380)::int8), t.mo * (20 + (t.r2 * 380)::int8),
    CASE ${ev}
      WHEN 'rate' THEN jsonb_build_object('limit', 20, 'observed', 21 + (t.r1 * 39)::int, 'windowMs', 1000)
      WHEN 'token' THEN jsonb_build_object('tokenLifetimeMs', 3600000, 'tokenAgeMs', 3600000 + (t.r1 * 5000)::int)
      WHEN 'inbound' THEN '{"direction":"inbound","deflate":false,"compressed":false}'::jsonb
      WHEN 'outbound' THEN jsonb_build_object('direction', 'outbound', 'sizeIsEstimate', true, 'sentMsAgo', 250 * (1 + (t.r2 * 7)::int))
    END
  FROM (
    SELECT g, $1::timestamptz + random() * ($2::timestamptz - $1::timestamptz) AS at,
      ${intArray(MIX_SLOTS.map((i) => i + 1))}[1 + floor(random() * ${MIX_SLOTS.length})::int] AS k,
      ${intArray(SERVICE_SLOTS.map((i) => i + 1))}[1 + floor(random() * ${SERVICE_SLOTS.length})::int] AS s,
      random() AS r1, random() AS r2, floor(random() * 401)::int8 AS mi, floor(random() * 401)::int8 AS mo
    FROM generate_series(1, $3::int) AS g
    OFFSET 0
  ) AS t
  RETURNING occurred_at, service, route, code, cause
), minute AS (
  INSERT INTO close_rollups_minute (bucket, service, route, code, cause, count)
  SELECT bucket, COALESCE(service, ''), COALESCE(route, ''), code, cause, count(*)
  FROM (SELECT date_bin('1 minute', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, service, route, code, cause FROM ins) i
  GROUP BY GROUPING SETS ((bucket, service, route, code, cause), (bucket, code, cause))
)
INSERT INTO close_rollups_hour (bucket, service, route, code, cause, count)
SELECT bucket, COALESCE(service, ''), COALESCE(route, ''), code, cause, count(*)
FROM (SELECT date_bin('1 hour', occurred_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, service, route, code, cause FROM ins) i
GROUP BY GROUPING SETS ((bucket, service, route, code, cause), (bucket, code, cause))`;
}

/** Time slices of the range with hour-aligned inner boundaries, each with its share of the events. */
export function fillSlices(events: number, start: number, end: number, sliceEvents: number) {
  const count = Math.max(1, Math.ceil(events / sliceEvents));
  const bounds = [start];
  for (let i = 1; i < count; i++) bounds.push(Math.floor((start + ((end - start) * i) / count) / HOUR_MS) * HOUR_MS);
  bounds.push(end);
  const slices: Array<{ from: Date; to: Date; events: number }> = [];
  let assigned = 0;
  for (let i = 0; i < count; i++) {
    const upTo = i === count - 1 ? events : Math.round((events * (bounds[i + 1]! - start)) / (end - start));
    slices.push({ from: new Date(bounds[i]!), to: new Date(bounds[i + 1]!), events: upTo - assigned });
    assigned = upTo;
  }
  return slices.filter((s) => s.events > 0);
}

interface IndexToRestore {
  table: string;
  name: string;
  definition: string;
  /** Set for indexes behind a PRIMARY KEY or UNIQUE constraint. */
  constraint?: "PRIMARY KEY" | "UNIQUE";
}

async function rows<T>(runner: SqlRunner, sql: string, params?: unknown[]): Promise<T[]> {
  const result = (await runner.query(sql, params)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Drops every index of the event tables (constraints included), to be
 * rebuilt after the load: sorting once is far cheaper than maintaining four
 * b-trees, one of them on random UUIDs, row by row. Rebuilt from the
 * definitions read here, so the schema ends up exactly as migrated.
 */
async function dropIndexes(runner: SqlRunner): Promise<IndexToRestore[]> {
  const found = await rows<{ table: string; name: string; definition: string; contype: string | null }>(
    runner,
    `SELECT i.tablename AS "table", i.indexname AS name, i.indexdef AS definition, c.contype::text AS contype
     FROM pg_indexes i
     LEFT JOIN pg_constraint c ON c.conname = i.indexname AND c.conrelid = (quote_ident(i.tablename))::regclass
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])`,
    [TABLES],
  );
  const restore: IndexToRestore[] = [];
  for (const f of found) {
    if (f.contype === "p" || f.contype === "u") {
      await runner.query(`ALTER TABLE "${f.table}" DROP CONSTRAINT "${f.name}"`);
      restore.push({ table: f.table, name: f.name, definition: f.definition, constraint: f.contype === "p" ? "PRIMARY KEY" : "UNIQUE" });
    } else if (f.contype === null) {
      await runner.query(`DROP INDEX "${f.name}"`);
      restore.push({ table: f.table, name: f.name, definition: f.definition });
    }
  }
  return restore;
}

/** Runs `jobs` on the runners, each runner taking the next job when it is free. */
async function spread<T>(runners: readonly SqlRunner[], jobs: readonly T[], fn: (runner: SqlRunner, job: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    runners.map(async (runner) => {
      while (next < jobs.length) await fn(runner, jobs[next++]!);
    }),
  );
}

/**
 * Fills close_events (and its rollups) with `events` rows over the last
 * `days` days, server-side, on as many connections as `runners` (one per
 * core pays off on PostgreSQL; PGlite has one). Then VACUUM ANALYZE, so the
 * measured queries see settled tables and autovacuum has nothing left to do.
 */
export async function fillEvents(runners: readonly SqlRunner[], options: FillOptions): Promise<FillTimings> {
  const log = options.log ?? (() => {});
  const end = (options.end ?? new Date()).getTime();
  const start = end - options.days * DAY_MS;
  const began = performance.now();
  for (const r of runners) {
    await r.query("SET TIME ZONE 'UTC'");
    await r.query(`SET work_mem = '${options.workMem ?? "256MB"}'`);
    await r.query(`SET maintenance_work_mem = '${options.maintenanceWorkMem ?? "512MB"}'`);
  }
  const restore = await dropIndexes(runners[0]!);
  const statement = fillStatement();
  const slices = fillSlices(options.events, start, end, options.sliceEvents ?? 1_000_000);
  let done = 0;
  await spread(runners, slices, async (runner, slice) => {
    await runner.query(statement, [slice.from.toISOString(), slice.to.toISOString(), slice.events]);
    done += slice.events;
    log(`filled ${done.toLocaleString("en-US")} / ${options.events.toLocaleString("en-US")} events (${((performance.now() - began) / 1000).toFixed(1)} s)`);
  });
  const inserted = performance.now();
  // Largest first, so the two connections finish together.
  const order = (t: string) => TABLES.indexOf(t as (typeof TABLES)[number]);
  await spread(
    runners,
    [...restore].sort((a, b) => order(a.table) - order(b.table)),
    async (runner, index) => {
      await runner.query(index.definition);
    },
  );
  for (const index of restore.filter((i) => i.constraint)) {
    await runners[0]!.query(`ALTER TABLE "${index.table}" ADD CONSTRAINT "${index.name}" ${index.constraint} USING INDEX "${index.name}"`);
  }
  const indexed = performance.now();
  log(`rebuilt ${restore.length} indexes (${((indexed - inserted) / 1000).toFixed(1)} s)`);
  await spread(runners, TABLES, async (runner, table) => {
    await runner.query(`VACUUM ANALYZE "${table}"`);
  });
  const vacuumed = performance.now();
  log(`VACUUM ANALYZE (${((vacuumed - indexed) / 1000).toFixed(1)} s)`);
  for (const r of runners) await r.query("RESET ALL");
  return { insertMs: inserted - began, indexMs: indexed - inserted, vacuumMs: vacuumed - indexed, totalMs: vacuumed - began };
}
