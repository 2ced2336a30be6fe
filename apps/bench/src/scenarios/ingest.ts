import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { openDatabase } from "@closewatch/db";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { type CollectorProcess, startCollectorProcess } from "../lib/ingest-collector.js";
import type { LoadConfig } from "../lib/ingest-load-protocol.js";
import { describeCpu, type LoadRun, loadRun, type StoredCounter } from "../lib/ingest-measure.js";
import { waitForQuiet } from "../lib/ingest-proc.js";
import { MB, percentile, round } from "../lib/ingest-stats.js";
import { connect, countEvents, resetEventTables, withBenchDatabase } from "../lib/pg-database.js";
import type { BenchResult, Scenario, ScenarioOptions } from "../result.js";

/** Sizes of one ingest run; the defaults are the issue's (batches of 1000, 8 in flight, half load 25,000 events/s). */
export interface IngestSettings {
  batchSize: number;
  /** Requests in flight at maximum load. */
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Stop each load after this many events (smoke). */
  maxEvents?: number;
  /** The fixed rate for the latency and memory figures. */
  halfRate: number;
  halfRateBatchSize: number;
  halfRateWarmupMs: number;
  halfRateDurationMs: number;
  pgliteDurationMs: number;
  templates: number;
  /** Longest wait for other processes to quiet down before each measured run. */
  quietWaitMs: number;
}

export const INGEST_TARGET_EVENTS_PER_SECOND = 50_000;

export const FULL_INGEST: IngestSettings = {
  batchSize: 1000,
  concurrency: 8,
  warmupMs: 3000,
  durationMs: 15_000,
  halfRate: INGEST_TARGET_EVENTS_PER_SECOND / 2,
  halfRateBatchSize: 1000,
  halfRateWarmupMs: 2000,
  halfRateDurationMs: 10_000,
  pgliteDurationMs: 10_000,
  templates: 32,
  quietWaitMs: 20_000,
};

export const SMOKE_INGEST: IngestSettings = {
  batchSize: 200,
  concurrency: 2,
  warmupMs: 0,
  durationMs: 1000,
  maxEvents: 2000,
  halfRate: 2000,
  halfRateBatchSize: 100,
  halfRateWarmupMs: 0,
  halfRateDurationMs: 1000,
  pgliteDurationMs: 1000,
  templates: 2,
  quietWaitMs: 0,
};

function maxLoad(url: string, s: IngestSettings, durationMs = s.durationMs): LoadConfig {
  return {
    url,
    mode: "max",
    batchSize: s.batchSize,
    concurrency: s.concurrency,
    warmupMs: s.warmupMs,
    durationMs,
    ...(s.maxEvents !== undefined ? { maxEvents: s.maxEvents } : {}),
    templates: s.templates,
    maxRetryAfterMs: 1000,
  };
}

const pgCounter =
  (client: pg.Client): StoredCounter =>
  async () => {
    const at = performance.now();
    return { at, stored: await countEvents(client) };
  };

/**
 * PGlite lives inside the collector, so rows are counted through it: the
 * summary total over a range that holds every generated event (its
 * timestamps are "now"), timed at the middle of the request.
 */
function summaryCounter(url: string, from: Date, to: Date): StoredCounter {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  return async () => {
    const sent = performance.now();
    const res = await fetch(`${url}/api/summary?${query}`);
    if (!res.ok) throw new Error(`GET /api/summary answered ${res.status}: ${await res.text()}`);
    const { total } = (await res.json()) as { total: number };
    return { at: (sent + performance.now()) / 2, stored: total };
  };
}

/** Exports the stored rows, empties the table and times one COPY of exactly those rows back in. */
async function copyBaseline(client: pg.Client): Promise<{ rows: number; rowsPerSecond: number; bytes: number }> {
  const chunks: Buffer[] = [];
  await pipeline(
    client.query(copyTo("COPY close_events TO STDOUT")),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  const rows = await countEvents(client);
  await resetEventTables(client);
  const started = performance.now();
  await pipeline(Readable.from(chunks), client.query(copyFrom("COPY close_events FROM STDIN")));
  const seconds = (performance.now() - started) / 1000;
  const copied = await countEvents(client);
  if (copied !== rows) throw new Error(`COPY baseline stored ${copied} rows of ${rows}`);
  return { rows, rowsPerSecond: rows / seconds, bytes: chunks.reduce((n, c) => n + c.length, 0) };
}

function loadNote(run: LoadRun): string {
  const l = run.load;
  const parts = [
    `${run.storedInWindow.toLocaleString("en-US")} rows in ${round(run.windowSeconds)} s`,
    `${l.eventsAccepted.toLocaleString("en-US")} acknowledged, ${run.storedTotal.toLocaleString("en-US")} stored, ${l.duplicates} duplicates`,
    `${l.retries503} × 503 retried, ${l.errors} errors${l.errorSamples.length ? ` (${l.errorSamples[0]})` : ""}`,
    `${Math.round(l.bodyBytes / 1024)} KiB per batch`,
    describeCpu(run.cpu),
    `collector peak RSS ${round(run.peakRssBytes / MB)} MB${describeHeap(run)}`,
  ];
  return parts.join("; ");
}

function describeHeap(run: LoadRun): string {
  const m = run.memoryAtEnd;
  if (m.heapUsed === undefined || m.heapTotal === undefined) return "";
  return ` (at the window's end: V8 heap ${round(m.heapUsed / MB)} MB used of ${round(m.heapTotal / MB)} MB${m.external !== undefined ? `, external ${round(m.external / MB)} MB` : ""})`;
}

function failIfErrors(run: LoadRun, what: string): void {
  if (run.load.errors > 0) throw new Error(`${what}: ${run.load.errors} requests failed, e.g. ${run.load.errorSamples.join(" | ")}`);
}

async function withCollector<T>(start: () => Promise<CollectorProcess>, fn: (c: CollectorProcess) => Promise<T>): Promise<T> {
  const collector = await start();
  try {
    return await fn(collector);
  } catch (error) {
    const output = collector.output().trim();
    if (output && error instanceof Error) error.message += `\ncollector output:\n${output}`;
    throw error;
  } finally {
    await collector.stop();
  }
}

interface PostgresFigures {
  max: LoadRun;
  copy: { rows: number; rowsPerSecond: number; bytes: number };
  half: LoadRun;
}

async function runPostgres(options: ScenarioOptions, s: IngestSettings, dataDir: string): Promise<PostgresFigures> {
  const { log } = options;
  return withBenchDatabase(options.pgAdminUrl, "closewatch_bench_ingest", async (db) => {
    const start = () => startCollectorProcess({ databaseUrl: db.url, dataDir });
    const client = await connect(db.url);
    try {
      // The collector applies the migrations when it starts; the first one creates the tables.
      const max = await withCollector(start, async (collector) => {
        await resetEventTables(client);
        await waitForQuiet(s.quietWaitMs, log);
        log(`PostgreSQL, max load: ${s.concurrency} × ${s.batchSize}-event batches in flight, ${s.warmupMs / 1000} s warm-up + ${s.durationMs / 1000} s`);
        return loadRun(collector, pgCounter(client), maxLoad(collector.url, s), db.name);
      });
      failIfErrors(max, "max load on PostgreSQL");
      log(`  stored ${Math.round(max.storedPerSecond).toLocaleString("en-US")} events/s; ${describeCpu(max.cpu)}`);

      const copy = await copyBaseline(client);
      log(`raw COPY of the same ${copy.rows.toLocaleString("en-US")} rows: ${Math.round(copy.rowsPerSecond).toLocaleString("en-US")} rows/s`);

      await resetEventTables(client);
      const half = await withCollector(start, async (collector) => {
        await waitForQuiet(s.quietWaitMs, log);
        log(`PostgreSQL, fixed rate ${s.halfRate.toLocaleString("en-US")} events/s for ${s.halfRateWarmupMs / 1000} + ${s.halfRateDurationMs / 1000} s (fresh collector)`);
        return loadRun(collector, pgCounter(client), {
          url: collector.url,
          mode: "rate",
          eventsPerSecond: s.halfRate,
          batchSize: s.halfRateBatchSize,
          concurrency: 64,
          warmupMs: s.halfRateWarmupMs,
          durationMs: s.halfRateDurationMs,
          ...(s.maxEvents !== undefined ? { maxEvents: s.maxEvents } : {}),
          templates: s.templates,
          maxRetryAfterMs: 1000,
        }, db.name);
      });
      failIfErrors(half, "fixed-rate load on PostgreSQL");
      log(`  ack p99 ${round(percentile(half.load.measured.latenciesMs, 99))} ms, peak RSS ${round(half.peakRssBytes / MB)} MB`);
      return { max, copy, half };
    } finally {
      await client.end();
    }
  });
}

async function runPglite(options: ScenarioOptions, s: IngestSettings, dataDir: string): Promise<{ run: LoadRun; counted: number }> {
  const started = new Date();
  const run = await withCollector(
    () => startCollectorProcess({ dataDir }),
    async (collector) => {
      await waitForQuiet(s.quietWaitMs, options.log);
      options.log(`PGlite (embedded, in the collector process), max load, ${s.warmupMs / 1000} s warm-up + ${s.pgliteDurationMs / 1000} s`);
      const counter = summaryCounter(collector.url, new Date(started.getTime() - 3_600_000), new Date(started.getTime() + 3_600_000));
      return loadRun(collector, counter, maxLoad(collector.url, s, s.pgliteDurationMs));
    },
  );
  failIfErrors(run, "max load on PGlite");
  // The collector has stopped: count the raw rows in its files directly.
  const db = await openDatabase({ dataDir: join(dataDir, "pglite") });
  try {
    const counted = await db.session(async (session) => {
      const [row] = await session.query<{ n: number }>("SELECT count(*)::int AS n FROM close_events");
      return row!.n;
    });
    options.log(`  stored ${Math.round(run.storedPerSecond).toLocaleString("en-US")} events/s; ${describeCpu(run.cpu)}`);
    return { run, counted };
  } finally {
    await db.close();
  }
}

export function createIngestScenario(overrides: { full?: Partial<IngestSettings>; smoke?: Partial<IngestSettings> } = {}): Scenario {
  return {
    name: "ingest",
    description: "HTTP batches from a separate load process into a collector process: stored rate vs raw COPY, ack latency and RSS at half load, PGlite",
    async run(options) {
      const s = options.smoke ? { ...SMOKE_INGEST, ...overrides.smoke } : { ...FULL_INGEST, ...overrides.full };
      const scratch = await mkdtemp(join(tmpdir(), "closewatch-bench-ingest-"));
      try {
        const pgFigures = await runPostgres(options, s, join(scratch, "pg"));
        const pglite = await runPglite(options, s, join(scratch, "pglite"));
        const { max, copy, half } = pgFigures;
        const halfRate = `${s.halfRate.toLocaleString("en-US")} events/s`;
        const lat = half.load.measured.latenciesMs;
        const metricsGap =
          Math.abs(max.metricsTotal - max.storedTotal) + Math.abs(half.metricsTotal - half.storedTotal) + Math.abs(pglite.run.metricsTotal - pglite.counted);
        const liveShare = (100 * (max.liveEvents + half.liveEvents)) / (max.storedTotal + half.storedTotal);
        const results: BenchResult[] = [
          {
            scenario: "ingest",
            figure: "stored events/s at max load (PostgreSQL)",
            value: max.storedPerSecond,
            unit: "events/s",
            target: { op: ">=", value: INGEST_TARGET_EVENTS_PER_SECOND },
            baseline: { label: "raw COPY, same rows", value: copy.rowsPerSecond },
            note: `${loadNote(max)}; batches of ${s.batchSize}, ${s.concurrency} in flight`,
          },
          {
            scenario: "ingest",
            figure: "stored rate ÷ raw COPY rate (PostgreSQL)",
            value: max.storedPerSecond / copy.rowsPerSecond,
            unit: "×",
            target: { op: ">=", value: 0.5 },
            note: `one COPY … FROM STDIN of the ${copy.rows.toLocaleString("en-US")} rows the run stored (${round(copy.bytes / MB)} MB, all columns) into the emptied table, indexes in place`,
          },
          {
            scenario: "ingest",
            figure: `batch ack p99 at ${halfRate} (PostgreSQL)`,
            value: percentile(lat, 99),
            unit: "ms",
            target: { op: "<=", value: 50 },
            note: `${lat.length} batches of ${s.halfRateBatchSize}, timed from when each was due (open loop), retries included; p90 ${round(percentile(lat, 90))} ms, max ${round(percentile(lat, 100))} ms; stored ${Math.round(half.storedPerSecond).toLocaleString("en-US")} events/s; ${loadNote(half)}`,
          },
          { scenario: "ingest", figure: `batch ack p50 at ${halfRate} (PostgreSQL)`, value: percentile(lat, 50), unit: "ms" },
          {
            scenario: "ingest",
            figure: `collector peak RSS at ${halfRate}`,
            value: half.peakRssBytes / MB,
            unit: "MB",
            target: { op: "<=", value: 300 },
            note: `VmRSS sampled every 200 ms over the whole run of a freshly started collector, warm-up included${describeHeap(half)}`,
          },
          {
            scenario: "ingest",
            figure: "|closewatch_close_events_total − stored rows|",
            value: metricsGap,
            unit: "events",
            target: { op: "<=", value: 0 },
            note: `after each run settled: /metrics ${max.metricsTotal} vs ${max.storedTotal} rows (max load), ${half.metricsTotal} vs ${half.storedTotal} (fixed rate), ${pglite.run.metricsTotal} vs ${pglite.counted} (PGlite)`,
          },
          {
            scenario: "ingest",
            figure: "live feed: events announced ÷ stored (PostgreSQL runs)",
            value: liveShare,
            unit: "%",
            note: `one /api/live client during each run: ${max.liveEvents} + ${half.liveEvents} events received; disconnections: ${[...max.liveCloses, ...half.liveCloses].join(", ") || "none"}`,
          },
          {
            scenario: "ingest",
            figure: "stored events/s at max load (PGlite)",
            value: pglite.run.storedPerSecond,
            unit: "events/s",
            baseline: { label: "PostgreSQL, same run", value: max.storedPerSecond },
            note: `embedded PGlite inside the collector process; rows counted through /api/summary (timed mid-request) and checked with count(*) afterwards (${pglite.counted} rows); ${loadNote(pglite.run)}`,
          },
        ];
        return results;
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}

export const ingestScenario: Scenario = createIngestScenario();
