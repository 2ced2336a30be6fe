import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LiveMessage } from "@closewatch/protocol";
import type pg from "pg";
import WebSocket from "ws";
import { generateEvent } from "../lib/events-generate.js";
import { type CollectorProcess, startCollectorProcess, storedEventsInMetrics } from "../lib/ingest-collector.js";
import { LiveFeedClient } from "../lib/ingest-live.js";
import type { LoadConfig, LoadStats } from "../lib/ingest-load-protocol.js";
import { runLoad } from "../lib/ingest-load-process.js";
import { describeCpu, settle } from "../lib/ingest-measure.js";
import { CpuMeter, type CpuSnapshot, postgresPids, waitForQuiet } from "../lib/ingest-proc.js";
import { percentile, round } from "../lib/ingest-stats.js";
import { measureNotifyCost, type NotifyCost } from "../lib/notify-cost.js";
import { connect, countEvents, resetEventTables, withBenchDatabase } from "../lib/pg-database.js";
import type { BenchResult, Scenario, ScenarioOptions } from "../result.js";

/*
 * One collector against two on one PostgreSQL, on this machine: stored
 * events/s at maximum load and batch ack latency at a fixed rate (half of
 * what one collector stored at maximum load in the same run), with the
 * load spread round-robin over the replicas (as a load balancer would), each
 * replica with one live dashboard attached (so the live fan-out does its
 * whole job: every replica reads back the others' rows). Baselines, same run:
 * one collector with the fan-out on, and one with it off (the collector as it
 * was before replicas existed). Then the latency the fan-out adds to a live
 * update: one event at a time, POST to one replica, arrival on a dashboard
 * of that replica and of the other.
 */

const SCENARIO = "replicas";

interface Sizes {
  batchSize: number;
  /** Requests in flight at maximum load, over all replicas. */
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxEvents?: number;
  /** The most the fixed-rate runs send (they send half of the measured maximum, up to this). */
  rate: number;
  rateBatchSize: number;
  rateWarmupMs: number;
  rateDurationMs: number;
  templates: number;
  quietWaitMs: number;
  /** Single-event POSTs for the live latency probe, and their pace. */
  probes: number;
  probesPerSecond: number;
  /** Times the alert evaluator is killed and replaced. */
  takeovers: number;
  /** Events' worth of NOTIFY payloads for the design check (ids: five times as many, as each is smaller). */
  notifyEvents: number;
}

const FULL: Sizes = {
  batchSize: 1000,
  concurrency: 8,
  warmupMs: 3000,
  durationMs: 15_000,
  rate: 25_000,
  rateBatchSize: 1000,
  rateWarmupMs: 2000,
  rateDurationMs: 10_000,
  templates: 32,
  quietWaitMs: 20_000,
  probes: 300,
  probesPerSecond: 20,
  takeovers: 5,
  notifyEvents: 120_000,
};

const SMOKE: Sizes = {
  batchSize: 200,
  concurrency: 2,
  warmupMs: 0,
  durationMs: 1000,
  maxEvents: 2000,
  rate: 2000,
  rateBatchSize: 100,
  rateWarmupMs: 0,
  rateDurationMs: 1000,
  templates: 2,
  quietWaitMs: 0,
  probes: 10,
  probesPerSecond: 20,
  takeovers: 1,
  notifyEvents: 3000,
};

interface Setup {
  label: string;
  replicas: number;
  fanout: boolean;
  /** One live dashboard on each replica during the run. */
  dashboards: boolean;
}

const ONE_OFF: Setup = { label: "1 collector, fan-out off", replicas: 1, fanout: false, dashboards: true };
const ONE: Setup = { label: "1 collector", replicas: 1, fanout: true, dashboards: true };
const TWO: Setup = { label: "2 collectors", replicas: 2, fanout: true, dashboards: true };
const TWO_QUIET: Setup = { label: "2 collectors, no dashboard", replicas: 2, fanout: true, dashboards: false };

interface Run {
  setup: Setup;
  load: LoadStats;
  storedPerSecond: number;
  storedTotal: number;
  /** What Σ closewatch_close_events_total over the replicas grew by in this run, once settled. */
  metricsTotal: number;
  /** Events each replica's dashboard received, once settled. */
  liveEvents: number[];
  liveCloses: number[];
  cpu: ReturnType<typeof CpuMeter.between>;
}

async function startReplicas(setup: Setup, databaseUrl: string, dataDir: string): Promise<CollectorProcess[]> {
  const replicas: CollectorProcess[] = [];
  try {
    // One after the other: the first applies the migrations (the others would wait on Prisma's lock anyway).
    for (let i = 0; i < setup.replicas; i++) {
      replicas.push(
        await startCollectorProcess({
          databaseUrl,
          dataDir: join(dataDir, `replica-${i}`),
          env: { CLOSEWATCH_LIVE_FANOUT: setup.fanout ? "on" : "off" },
        }),
      );
    }
    return replicas;
  } catch (error) {
    await Promise.all(replicas.map((r) => r.stop()));
    throw error;
  }
}

async function withReplicas<T>(setup: Setup, databaseUrl: string, dataDir: string, fn: (replicas: CollectorProcess[]) => Promise<T>): Promise<T> {
  const replicas = await startReplicas(setup, databaseUrl, dataDir);
  try {
    return await fn(replicas);
  } catch (error) {
    const output = replicas.map((r, i) => `replica ${i}:\n${r.output().trim()}`).join("\n");
    if (error instanceof Error) error.message += `\n${output}`;
    throw error;
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
  }
}

/** One load run against the replicas, rows counted in the database at the window's edges, then everything settled. */
async function measure(replicas: CollectorProcess[], setup: Setup, client: pg.Client, database: string, config: LoadConfig): Promise<Run> {
  const live = setup.dashboards ? await Promise.all(replicas.map((r) => LiveFeedClient.connect(r.url))) : [];
  let loadPid: number | undefined;
  const cpu = new CpuMeter({
    collectors: () => replicas.map((r) => r.pid),
    postgres: () => postgresPids(database),
    load: () => (loadPid ? [loadPid] : []),
    bench: () => [process.pid],
  });
  let first: { at: number; stored: number } | undefined;
  let last: { at: number; stored: number } | undefined;
  let cpuFirst: CpuSnapshot | undefined;
  let cpuLast: CpuSnapshot | undefined;
  // Counters live as long as the process, which served earlier runs: count this run's share.
  const metricsSum = async () => (await Promise.all(replicas.map((r) => storedEventsInMetrics(r.url)))).reduce((a, b) => a + b, 0);
  const metricsBefore = await metricsSum();
  const count = async () => {
    const at = performance.now();
    return { at, stored: await countEvents(client) };
  };
  try {
    const load = await runLoad(config, {
      onReady: (pid) => {
        loadPid = pid;
      },
      onMeasure: async () => {
        cpuFirst = cpu.snapshot();
        first = await count();
      },
      onEnd: async () => {
        cpuLast = cpu.snapshot();
        last = await count();
      },
    });
    if (!first || !last || !cpuFirst || !cpuLast) throw new Error("the load process never announced its measured window");
    if (load.errors > 0) throw new Error(`${setup.label}: ${load.errors} requests failed, e.g. ${load.errorSamples.join(" | ")}`);
    const storedTotal = (await settle(count, (c) => c.stored >= load.eventsAccepted)).stored;
    const metricsTotal = await settle(async () => (await metricsSum()) - metricsBefore, (m) => m === storedTotal);
    const liveEvents: number[] = [];
    for (const feed of live) liveEvents.push(await settle(() => feed.events, (n) => n >= storedTotal));
    return {
      setup,
      load,
      storedPerSecond: (last.stored - first.stored) / ((last.at - first.at) / 1000),
      storedTotal,
      metricsTotal,
      liveEvents,
      liveCloses: live.flatMap((feed) => feed.closes),
      cpu: CpuMeter.between(cpuFirst, cpuLast),
    };
  } finally {
    for (const feed of live) feed.stop();
  }
}

function loadConfig(replicas: CollectorProcess[], s: Sizes, mode: "max" | "rate", eventsPerSecond: number): LoadConfig {
  const urls = replicas.map((r) => r.url);
  const common = { url: urls[0]!, urls, templates: s.templates, maxRetryAfterMs: 1000, ...(s.maxEvents !== undefined ? { maxEvents: s.maxEvents } : {}) };
  return mode === "max"
    ? { ...common, mode, batchSize: s.batchSize, concurrency: s.concurrency, warmupMs: s.warmupMs, durationMs: s.durationMs }
    : { ...common, mode, eventsPerSecond, batchSize: s.rateBatchSize, concurrency: 64, warmupMs: s.rateWarmupMs, durationMs: s.rateDurationMs };
}

/** A dashboard socket that stamps the arrival of each event id (bench clock). */
async function stampingDashboard(url: string): Promise<{ arrivals: Map<string, number>; close(): void }> {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/api/live`);
  const arrivals = new Map<string, number>();
  socket.on("message", (data) => {
    const at = performance.now();
    const message = JSON.parse(String(data)) as LiveMessage;
    if (message.type === "events") for (const e of message.events) if (!arrivals.has(e.id)) arrivals.set(e.id, at);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("message", () => resolve());
  });
  return { arrivals, close: () => socket.close(1000, "bench done") };
}

interface Probe {
  /** POST sent → event on a dashboard of the replica that stored it, ms. */
  local: number[];
  /** POST sent → event on a dashboard of the other replica, ms. */
  remote: number[];
  missing: number;
}

/** One event per POST to replica 0, at a gentle pace; each arrival timed on a dashboard of replica 0 and of replica 1. */
async function probeLiveLatency(replicas: CollectorProcess[], s: Sizes): Promise<Probe> {
  const [here, there] = await Promise.all(replicas.slice(0, 2).map((r) => stampingDashboard(r.url)));
  try {
    const sent = new Map<string, number>();
    for (let i = 0; i < s.probes; i++) {
      const event = generateEvent(randomUUID(), new Date().toISOString());
      const at = performance.now();
      const res = await fetch(`${replicas[0]!.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events: [event] }) });
      if (res.status !== 202) throw new Error(`probe POST answered ${res.status}: ${await res.text()}`);
      sent.set(event.id, at);
      await new Promise((resolve) => setTimeout(resolve, 1000 / s.probesPerSecond));
    }
    await settle(() => there!.arrivals.size + here!.arrivals.size, (n) => n >= 2 * sent.size, 2000);
    const probe: Probe = { local: [], remote: [], missing: 0 };
    for (const [id, at] of sent) {
      const a = here!.arrivals.get(id);
      const b = there!.arrivals.get(id);
      if (a === undefined || b === undefined) probe.missing++;
      if (a !== undefined) probe.local.push(a - at);
      if (b !== undefined) probe.remote.push(b - at);
    }
    return probe;
  } finally {
    here?.close();
    there?.close();
  }
}

const PAYLOAD_NOTE = "7,900";
const NOTIFY_NOTE =
  "each way NOTIFYs in statements of 40 notifications; sending ids costs the ingest side less, and a receiving collector adds the read-back (previous row) only while it has dashboards";

/** The default CLOSEWATCH_ALERT_LEADER_RETRY_S, which the takeover figure is measured with. */
const DEFAULT_LEADER_RETRY_MS = 5000;

async function leaderGauge(replica: CollectorProcess): Promise<number | undefined> {
  try {
    const text = await (await fetch(`${replica.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith("closewatch_alert_evaluator_leader "));
    return line === undefined ? undefined : Number(line.split(" ")[1]);
  } catch {
    return undefined; // killed, or not listening yet
  }
}

/**
 * Two collectors with default settings; SIGKILL the one that evaluates the
 * alert rules at a random moment of the other's retry cycle, and time until
 * the other reports that it leads. The killed one is replaced by a new
 * replica before the next round.
 */
async function measureTakeovers(databaseUrl: string, dataDir: string, rounds: number): Promise<number[]> {
  const setup: Setup = { label: "2 collectors, default settings", replicas: 2, fanout: true, dashboards: false };
  const replicas = await startReplicas(setup, databaseUrl, dataDir);
  const times: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      let leader = -1;
      const deadline = Date.now() + 30_000;
      while (leader < 0) {
        const gauges = await Promise.all(replicas.map(leaderGauge));
        if (gauges.filter((g) => g === 1).length === 1 && gauges.every((g) => g === 0 || g === 1)) leader = gauges.indexOf(1);
        else if (Date.now() > deadline) throw new Error(`no single alert evaluator after 30 s: ${gauges.join(", ")}`);
        else await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * DEFAULT_LEADER_RETRY_MS));
      const survivor = replicas[1 - leader]!;
      const killedAt = performance.now();
      await replicas[leader]!.kill();
      while ((await leaderGauge(survivor)) !== 1) {
        if (performance.now() - killedAt > 60_000) throw new Error("no takeover within 60 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      times.push(performance.now() - killedAt);
      replicas[leader] = await startCollectorProcess({ databaseUrl, dataDir: join(dataDir, `takeover-${round}`) });
    }
    return times;
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
  }
}

function runNote(run: Run): string {
  const l = run.load;
  const live = run.liveEvents.length
    ? `dashboards received ${run.liveEvents.map((n) => `${round((100 * n) / Math.max(1, run.storedTotal))}%`).join(" and ")} of the stored events${run.liveCloses.length ? ` (cut off: ${run.liveCloses.join(", ")})` : ""}`
    : "no dashboard";
  return [
    `${l.eventsAccepted.toLocaleString("en-US")} acknowledged, ${run.storedTotal.toLocaleString("en-US")} stored, ${l.retries503} × 503 retried`,
    live,
    describeCpu(run.cpu),
  ].join("; ");
}

export const replicasScenario: Scenario = {
  name: SCENARIO,
  description: "one collector vs two on one PostgreSQL (load round-robin, a live dashboard on each): stored events/s, ack latency, live fan-out latency",
  async run(options: ScenarioOptions): Promise<BenchResult[]> {
    const s = options.smoke ? SMOKE : FULL;
    const { log } = options;
    const scratch = await mkdtemp(join(tmpdir(), "closewatch-bench-replicas-"));
    try {
      return await withBenchDatabase(options.pgAdminUrl, "closewatch_bench_replicas", async (db) => {
        const client = await connect(db.url);
        try {
          const max = new Map<Setup, Run>();
          const rate = new Map<Setup, Run>();
          let probe: Probe | undefined;
          log(`alert evaluator takeover: 2 collectors with default settings, the evaluator killed ${s.takeovers} time(s)`);
          const takeovers = await measureTakeovers(db.url, join(scratch, "takeover"), s.takeovers);
          log(`  ${takeovers.map((t) => `${Math.round(t)} ms`).join(", ")}`);
          for (const setup of [ONE_OFF, ONE, TWO, TWO_QUIET]) {
            await withReplicas(setup, db.url, scratch, async (replicas) => {
              await resetEventTables(client);
              await waitForQuiet(s.quietWaitMs, log);
              log(`${setup.label}: max load, ${s.concurrency} × ${s.batchSize}-event batches in flight, ${s.warmupMs / 1000} + ${s.durationMs / 1000} s`);
              const run = await measure(replicas, setup, client, db.name, loadConfig(replicas, s, "max", 0));
              max.set(setup, run);
              log(`  stored ${Math.round(run.storedPerSecond).toLocaleString("en-US")} events/s; ${runNote(run)}`);
            });
          }
          // Half of what one collector (as before replicas) stored at max load, at most s.rate: a
          // fixed rate above what the machine sustains would measure a growing queue, not latency.
          const fixedRate = Math.max(1000, Math.min(s.rate, Math.floor(max.get(ONE_OFF)!.storedPerSecond / 2 / 1000) * 1000));
          for (const setup of [ONE_OFF, ONE, TWO]) {
            await withReplicas(setup, db.url, scratch, async (replicas) => {
              await resetEventTables(client);
              await waitForQuiet(s.quietWaitMs, log);
              log(`${setup.label}: fixed rate ${fixedRate.toLocaleString("en-US")} events/s, ${s.rateWarmupMs / 1000} + ${s.rateDurationMs / 1000} s`);
              const fixed = await measure(replicas, setup, client, db.name, loadConfig(replicas, s, "rate", fixedRate));
              rate.set(setup, fixed);
              const lat = fixed.load.measured.latenciesMs;
              log(`  ack p50 ${round(percentile(lat, 50))} ms, p99 ${round(percentile(lat, 99))} ms; ${runNote(fixed)}`);
              if (setup === TWO) {
                await waitForQuiet(s.quietWaitMs, log);
                log(`${setup.label}: live probe, ${s.probes} single-event POSTs to one replica at ${s.probesPerSecond}/s`);
                probe = await probeLiveLatency(replicas, s);
                log(`  same replica p50 ${round(percentile(probe.local, 50))} ms, other replica p50 ${round(percentile(probe.remote, 50))} ms, p99 ${round(percentile(probe.remote, 99))} ms, ${probe.missing} missing`);
              }
            });
          }
          await waitForQuiet(s.quietWaitMs, log);
          log(`design check: PostgreSQL CPU to NOTIFY events themselves vs their ids, 2 listeners`);
          const notify = {
            events: await measureNotifyCost(db.url, "events", s.notifyEvents),
            ids: await measureNotifyCost(db.url, "ids", s.notifyEvents * 5),
          };
          for (const [kind, cost] of Object.entries(notify)) {
            log(`  ${kind}: ${cost.notifications} notifications for ${cost.events} events; ${round(cost.senderMicros, 2)} µs per event to send, ${round(cost.listenerMicros, 2)} µs per listener`);
          }
          return results(s, fixedRate, max, rate, probe!, takeovers, notify);
        } finally {
          await client.end();
        }
      });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
};

/** µs of PostgreSQL CPU (its processes for this database, and the shared ones) per event stored in the window. */
function postgresMicrosPerEvent(run: Run): number {
  return ((run.cpu.groups.postgres ?? Number.NaN) / 100) * (1e6 / run.storedPerSecond);
}

function results(
  s: Sizes,
  fixedRate: number,
  max: Map<Setup, Run>,
  rate: Map<Setup, Run>,
  probe: Probe,
  takeovers: number[],
  notify: { events: NotifyCost; ids: NotifyCost },
): BenchResult[] {
  const [oneOff, one, two, twoQuiet] = [max.get(ONE_OFF)!, max.get(ONE)!, max.get(TWO)!, max.get(TWO_QUIET)!];
  const [rOneOff, rOne, rTwo] = [rate.get(ONE_OFF)!, rate.get(ONE)!, rate.get(TWO)!];
  const lat = (run: Run, p: number) => percentile(run.load.measured.latenciesMs, p);
  const rateLabel = "half load";
  const all = [...max.values(), ...rate.values()];
  const metricsGap = all.reduce((sum, run) => sum + Math.abs(run.metricsTotal - run.storedTotal), 0);
  const withDashboards = all.filter((run) => run.setup.replicas === 2 && run.setup.dashboards);
  const liveShare = Math.min(...withDashboards.flatMap((run) => run.liveEvents.map((n) => (100 * n) / Math.max(1, run.storedTotal))));
  const loadNote = `batches of ${s.batchSize}, ${s.concurrency} in flight over all replicas, each request to the next replica in turn; ${s.warmupMs / 1000} s warm-up + ${s.durationMs / 1000} s; rows counted in PostgreSQL at the window's edges`;
  const rows: Omit<BenchResult, "scenario">[] = [
    {
      figure: "stored events/s at max load, 2 collectors",
      value: two.storedPerSecond,
      unit: "events/s",
      baseline: { label: "1 collector, same run", value: one.storedPerSecond },
      note: `${loadNote}; a live dashboard on each collector (each reads back the other's rows); ${runNote(two)}`,
    },
    {
      figure: "stored events/s at max load, 2 collectors, no dashboard",
      value: twoQuiet.storedPerSecond,
      unit: "events/s",
      baseline: { label: "1 collector, same run", value: one.storedPerSecond },
      note: `the same without dashboards: announcements are ignored, nothing is read back; ${runNote(twoQuiet)}`,
    },
    {
      figure: "stored events/s at max load, 1 collector",
      value: one.storedPerSecond,
      unit: "events/s",
      baseline: { label: "fan-out off, same run", value: oneOff.storedPerSecond },
      note: `CLOSEWATCH_LIVE_FANOUT on (the default): the ingest statement NOTIFYs its new ids; baseline off (no NOTIFY); ${runNote(one)} | off: ${runNote(oneOff)}`,
    },
    {
      figure: `batch ack p99 at ${rateLabel}, 2 collectors`,
      value: lat(rTwo, 99),
      unit: "ms",
      target: { op: "<=", value: 50 },
      baseline: { label: "1 collector, same run", value: lat(rOne, 99) },
      note: `${fixedRate.toLocaleString("en-US")} events/s (half of what 1 collector with the fan-out off stored at max load in this run, at most ${s.rate.toLocaleString("en-US")}); ${rTwo.load.measured.latenciesMs.length} batches of ${s.rateBatchSize}, open loop (timed from when each was due), round-robin; p50 ${round(lat(rTwo, 50))} ms vs ${round(lat(rOne, 50))} ms; ${runNote(rTwo)}`,
    },
    { figure: `batch ack p50 at ${rateLabel}, 2 collectors`, value: lat(rTwo, 50), unit: "ms", baseline: { label: "1 collector, same run", value: lat(rOne, 50) } },
    {
      figure: `batch ack p99 at ${rateLabel}, 1 collector`,
      value: lat(rOne, 99),
      unit: "ms",
      target: { op: "<=", value: 50 },
      baseline: { label: "fan-out off, same run", value: lat(rOneOff, 99) },
      note: `p50 ${round(lat(rOne, 50))} ms vs ${round(lat(rOneOff, 50))} ms with the fan-out off`,
    },
    {
      figure: "live update, POST → dashboard of the other collector, p50",
      value: percentile(probe.remote, 50),
      unit: "ms",
      baseline: { label: "dashboard of the same collector", value: percentile(probe.local, 50) },
      note: `${probe.remote.length} single-event POSTs to one collector at ${s.probesPerSecond}/s, a dashboard on each collector, otherwise idle; from sending the POST to the event's arrival on the socket (same process, same clock)`,
    },
    {
      figure: "live update, POST → dashboard of the other collector, p99",
      value: percentile(probe.remote, 99),
      unit: "ms",
      baseline: { label: "dashboard of the same collector", value: percentile(probe.local, 99) },
      note: `max ${round(percentile(probe.remote, 100))} ms (same collector: ${round(percentile(probe.local, 100))} ms); ${probe.missing} events missing on a dashboard`,
    },
    {
      figure: "live: events received ÷ stored, each dashboard, 2 collectors",
      value: liveShare,
      unit: "%",
      note: "the lowest share over both dashboards of the 2-collector runs (max load and fixed rate), after the runs settled; a dashboard that falls 4 MB behind is cut off (1013) and reconnects, missing what came meanwhile",
    },
    {
      figure: "PostgreSQL CPU per stored event at max load, 1 collector",
      value: postgresMicrosPerEvent(one),
      unit: "µs",
      baseline: { label: "fan-out off, same run", value: postgresMicrosPerEvent(oneOff) },
      note: "CPU of PostgreSQL's processes (this database's backends and the server's shared processes) in the measured window ÷ rows stored in it; the difference is the NOTIFY of ids in the ingest statement (shared processes also work for other databases: noisy when others use the server)",
    },
    {
      figure: "PostgreSQL CPU per stored event at max load, 2 collectors",
      value: postgresMicrosPerEvent(two),
      unit: "µs",
      baseline: { label: "2 collectors, no dashboard", value: postgresMicrosPerEvent(twoQuiet) },
      note: "the same; the difference is the read-back by id of the other collector's rows, which a collector does only while a dashboard is connected to it",
    },
    {
      figure: "NOTIFY cost per event: ids (200 a notification), sender + 2 listeners",
      value: notify.ids.senderMicros + 2 * notify.ids.listenerMicros,
      unit: "µs",
      baseline: { label: "events as JSON", value: notify.events.senderMicros + 2 * notify.events.listenerMicros },
      note:
        `design check, PostgreSQL CPU only, from /proc: ids ${round(notify.ids.senderMicros, 2)} µs to send + ${round(notify.ids.listenerMicros, 2)} µs per listener (${notify.ids.notifications} notifications, ${notify.ids.events} events); ` +
        `events ${round(notify.events.senderMicros, 2)} + ${round(notify.events.listenerMicros, 2)} µs per listener (${notify.events.notifications} notifications of ≤ ${PAYLOAD_NOTE} B, ${notify.events.events} events); ` +
        `${NOTIFY_NOTE}`,
    },
    {
      figure: "alert evaluator takeover after SIGKILL, slowest of the rounds",
      value: Math.max(...takeovers),
      unit: "ms",
      target: { op: "<=", value: DEFAULT_LEADER_RETRY_MS + 1000 },
      baseline: { label: "CLOSEWATCH_ALERT_LEADER_RETRY_S", value: DEFAULT_LEADER_RETRY_MS },
      note: `${takeovers.length} rounds: ${takeovers.map((t) => Math.round(t)).join(", ")} ms, from SIGKILL of the evaluating collector (at a random moment of the other's retry cycle) to closewatch_alert_evaluator_leader 1 on the other, polled every 20 ms; default settings (retry every 5 s)`,
    },
    {
      figure: "|Σ closewatch_close_events_total over collectors − stored rows|",
      value: metricsGap,
      unit: "events",
      target: { op: "<=", value: 0 },
      note: `summed over the ${all.length} runs once settled: ${all.map((r) => `${r.metricsTotal} vs ${r.storedTotal}`).join(", ")}`,
    },
  ];
  return rows.map((row) => ({ scenario: SCENARIO, ...row }));
}
