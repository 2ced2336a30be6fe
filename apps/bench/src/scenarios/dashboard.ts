import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate, openDatabase } from "@closewatch/db";
import type { Browser } from "playwright-core";
import { measureBundle } from "../lib/bundle-size.js";
import { launchChromium } from "../lib/chromium.js";
import { type RenderTiming, timeOverview } from "../lib/dashboard-render.js";
import { startCollectorProcess } from "../lib/ingest-collector.js";
import { round } from "../lib/ingest-stats.js";
import { connect, resetEventTables, withBenchDatabase } from "../lib/pg-database.js";
import { fillEvents, type SqlRunner } from "../lib/query-fill.js";
import type { BenchResult, Scenario, ScenarioOptions } from "../result.js";

export const FIRST_RENDER_TARGET_MS = 1000;

interface DashboardSettings {
  /** Stored events the target is about. */
  events: number;
  /** The baseline's fill: the same page over a small database, all of it in the last hour so every view has data. */
  baselineEvents: number;
  /** The full fill spans this many days up to now. */
  days: number;
  samples: number;
  warmup: number;
}

const FULL: DashboardSettings = { events: 1_000_000, baselineEvents: 1000, days: 30, samples: 15, warmup: 2 };
const SMOKE: DashboardSettings = { events: 5000, baselineEvents: 500, days: 30, samples: 1, warmup: 0 };

/** The default view, and the one that covers every stored event. */
const VIEWS = [
  { label: "last 1 h (default view)", search: "" },
  { label: "last 30 d (every stored event)", search: "?range=30d" },
] as const;

type Engine = "PostgreSQL" | "PGlite";

interface Stage {
  events: number;
  timings: RenderTiming[];
}

interface EngineRun {
  engine: Engine;
  baseline: Stage;
  full: Stage;
}

/** The raw collector keeps raw events 14 days by default; the fill spans 30. */
const KEEP_FILL = { CLOSEWATCH_RETENTION_RAW_DAYS: "31" };

async function timeViews(browser: Browser, url: string, s: DashboardSettings): Promise<RenderTiming[]> {
  const timings: RenderTiming[] = [];
  for (const view of VIEWS) timings.push(await timeOverview(browser, `${url}/${view.search}`, s.samples, s.warmup));
  return timings;
}

/**
 * Fill the baseline's small database, time the overview, then refill with
 * `events` and time it again, each time with a collector process started the
 * way `npm start` runs it. `fill` replaces what is stored (the bulk fill
 * assumes empty tables: its rollup rows would collide with earlier ones).
 */
async function runEngine(
  engine: Engine,
  browser: Browser,
  s: DashboardSettings,
  dataDir: string,
  fill: (events: number, days: number) => Promise<void>,
  databaseUrl: string | undefined,
  log: (line: string) => void,
): Promise<EngineRun> {
  const stage = async (events: number): Promise<Stage> => {
    const collector = await startCollectorProcess({ ...(databaseUrl ? { databaseUrl } : {}), dataDir, env: KEEP_FILL });
    try {
      const timings = await timeViews(browser, collector.url, s);
      timings.forEach((t, i) =>
        log(`${engine} ${events.toLocaleString("en-US")} events, ${VIEWS[i]!.label}: first render p50 ${round(t.firstRender.p50)} ms, p95 ${round(t.firstRender.p95)} ms; complete p95 ${round(t.complete.p95)} ms (1009 card: ${t.count1009})`),
      );
      return { events, timings };
    } catch (error) {
      if (error instanceof Error) error.message += `\ncollector output:\n${collector.output()}`;
      throw error;
    } finally {
      await collector.stop();
    }
  };
  await fill(s.baselineEvents, 1 / 24);
  const baseline = await stage(s.baselineEvents);
  log(`${engine}: filling ${s.events.toLocaleString("en-US")} events`);
  await fill(s.events, s.days);
  return { engine, baseline, full: await stage(s.events) };
}

async function runPostgres(options: ScenarioOptions, browser: Browser, s: DashboardSettings, dataDir: string): Promise<EngineRun> {
  return withBenchDatabase(options.pgAdminUrl, "closewatch_bench_dashboard", async (db) => {
    const handle = await openDatabase({ url: db.url, poolSize: 1 });
    try {
      await migrate(handle);
    } finally {
      await handle.close();
    }
    const fill = async (events: number, days: number) => {
      const clients = [await connect(db.url), await connect(db.url)];
      try {
        await resetEventTables(clients[0]!);
        await fillEvents(clients, { events, days });
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    };
    return runEngine("PostgreSQL", browser, s, dataDir, fill, db.url, options.log);
  });
}

async function runPglite(options: ScenarioOptions, browser: Browser, s: DashboardSettings, dataDir: string): Promise<EngineRun> {
  const fill = async (events: number, days: number) => {
    const db = await openDatabase({ dataDir: join(dataDir, "pglite") });
    try {
      await migrate(db);
      await db.session(async (session) => {
        await session.exec("TRUNCATE close_events, close_rollups_minute, close_rollups_hour");
        await fillEvents([session as SqlRunner], { events, days, workMem: "64MB", maintenanceWorkMem: "128MB", sliceEvents: 250_000 });
      });
    } finally {
      await db.close();
    }
  };
  return runEngine("PGlite", browser, s, dataDir, fill, undefined, options.log);
}

function results(run: EngineRun): BenchResult[] {
  const size = `${run.full.events.toLocaleString("en-US")} events`;
  return run.full.timings.flatMap((t, i): BenchResult[] => {
    const base = run.baseline.timings[i]!;
    return [
      {
        scenario: "dashboard",
        figure: `overview first render, ${VIEWS[i]!.label}, p95 (${run.engine}, ${size})`,
        value: t.firstRender.p95,
        unit: "ms",
        target: { op: "<=", value: FIRST_RENDER_TARGET_MS },
        baseline: { label: `${run.baseline.events.toLocaleString("en-US")} events`, value: base.firstRender.p95 },
        note: `navigation start → both code cards show counts, fresh browser context per load (cold cache); p50 ${round(t.firstRender.p50)} ms, n=${t.n}; 1009 card showed ${t.count1009}`,
      },
      {
        scenario: "dashboard",
        figure: `overview complete, ${VIEWS[i]!.label}, p95 (${run.engine}, ${size})`,
        value: t.complete.p95,
        unit: "ms",
        baseline: { label: `${run.baseline.events.toLocaleString("en-US")} events`, value: base.complete.p95 },
        note: `navigation start → cards, chart, sizes and findings drawn, nothing loading; p50 ${round(t.complete.p50)} ms`,
      },
    ];
  });
}

export const dashboardScenario: Scenario = {
  name: "dashboard",
  description: "the overview's first render in headless Chromium over 1M stored events (PGlite and PostgreSQL), against the same page over 1k; bundle size",
  async run(options) {
    const s = options.smoke ? SMOKE : FULL;
    const bundle = await measureBundle();
    options.log(`bundle: ${bundle.initialBytes.toLocaleString("en-US")} B before first render (${bundle.initialGzipBytes.toLocaleString("en-US")} B gzip), ${bundle.totalBytes.toLocaleString("en-US")} B in ${bundle.files} files`);
    const scratch = await mkdtemp(join(tmpdir(), "closewatch-bench-dashboard-"));
    const browser = await launchChromium();
    try {
      const lite = await runPglite(options, browser, s, join(scratch, "pglite"));
      const pg = await runPostgres(options, browser, s, join(scratch, "pg"));
      return [
        {
          scenario: "dashboard",
          figure: "dashboard JS+CSS loaded before the first render, gzip",
          value: round(bundle.initialGzipBytes / 1024),
          unit: "KiB",
          note: `${round(bundle.initialBytes / 1024)} KiB uncompressed; all ${bundle.files} JS/CSS files ${round(bundle.totalBytes / 1024)} KiB (pages other than the overview load on demand)`,
        },
        ...results(lite),
        ...results(pg),
      ];
    } finally {
      await browser.close();
      await rm(scratch, { recursive: true, force: true });
    }
  },
};
