import { setTimeout as sleep } from "node:timers/promises";
import type { CollectorProcess } from "./ingest-collector.js";
import { collectorMemory, storedEventsInMetrics } from "./ingest-collector.js";
import { LiveFeedClient } from "./ingest-live.js";
import type { LoadConfig, LoadStats } from "./ingest-load-protocol.js";
import { CpuMeter, type CpuSnapshot, postgresPids, RssSampler } from "./ingest-proc.js";
import { runLoad } from "./ingest-load-process.js";

/** Rows in the database now, and when that count was taken (performance.now()). */
export type StoredCounter = () => Promise<{ at: number; stored: number }>;

export interface LoadRun {
  load: LoadStats;
  /** Rows that reached the database in the measured window, per second. */
  storedPerSecond: number;
  windowSeconds: number;
  storedInWindow: number;
  /** Rows stored by the end of the run, once the collector settled. */
  storedTotal: number;
  metricsTotal: number;
  liveEvents: number;
  liveCloses: number[];
  peakRssBytes: number;
  /** The collector's V8 heap and external memory at the end of the window, still under load. */
  memoryAtEnd: Awaited<ReturnType<typeof collectorMemory>>;
  /** Percent of one core per process group in the measured window, and how busy the machine was. */
  cpu: ReturnType<typeof CpuMeter.between>;
}

/** Polls `read` until `done` holds or the value stops changing for `quietMs`. */
export async function settle<T>(read: () => Promise<T> | T, done: (v: T) => boolean, quietMs = 3000): Promise<T> {
  let last = await read();
  let since = Date.now();
  while (!done(last) && Date.now() - since < quietMs) {
    await sleep(200);
    const next = await read();
    if (next !== last) since = Date.now();
    last = next;
  }
  return last;
}

/**
 * Runs the load process against a collector process with one live-feed
 * client attached, counting stored rows at the start and end of the measured
 * window; then waits for the collector to settle and reads what /metrics and
 * the live feed saw of it.
 */
export async function loadRun(
  collector: CollectorProcess,
  count: StoredCounter,
  config: LoadConfig,
  /** The PostgreSQL database the collector writes to; unset for PGlite (inside the collector). */
  database?: string,
): Promise<LoadRun> {
  const live = await LiveFeedClient.connect(collector.url);
  const rss = new RssSampler(collector.pid);
  let loadPid: number | undefined;
  const cpu = new CpuMeter({
    collector: () => [collector.pid],
    ...(database ? { postgres: () => postgresPids(database) } : {}),
    load: () => (loadPid ? [loadPid] : []),
    bench: () => [process.pid],
  });
  let first: { at: number; stored: number } | undefined;
  let last: { at: number; stored: number } | undefined;
  let cpuFirst: CpuSnapshot | undefined;
  let cpuLast: CpuSnapshot | undefined;
  let memoryAtEnd: LoadRun["memoryAtEnd"] = {};
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
        // CPU first: a load process that stopped early (maxEvents) may exit while the rows are counted.
        cpuLast = cpu.snapshot();
        last = await count();
        memoryAtEnd = await collectorMemory(collector.url);
      },
    });
    if (!first || !last || !cpuFirst || !cpuLast) throw new Error("the load process never announced its measured window");
    const storedTotal = (await settle(count, (c) => c.stored >= load.eventsAccepted)).stored;
    const metricsTotal = await settle(() => storedEventsInMetrics(collector.url), (m) => m === storedTotal);
    const liveEvents = await settle(() => live.events, (n) => n >= storedTotal);
    const windowSeconds = (last.at - first.at) / 1000;
    return {
      load,
      storedPerSecond: (last.stored - first.stored) / windowSeconds,
      windowSeconds,
      storedInWindow: last.stored - first.stored,
      storedTotal,
      metricsTotal,
      liveEvents,
      liveCloses: [...live.closes],
      peakRssBytes: rss.peakBytes(),
      memoryAtEnd,
      cpu: CpuMeter.between(cpuFirst, cpuLast),
    };
  } finally {
    live.stop();
    rss.stop();
  }
}

/** "collector 97%, postgres 60%, …" (percent of one core; the machine's busy share of all its cores last). */
export function describeCpu(cpu: LoadRun["cpu"]): string {
  const values = Object.values(cpu.groups);
  const groups = Object.entries(cpu.groups)
    .map(([k, v]) => `${k} ${Number.isNaN(v) ? "n/a" : `${Math.round(v)}%`}`)
    .join(", ");
  // Whatever else ran on the machine meanwhile (it disturbs the figures when it is large).
  const others = (cpu.machineBusyPercent * cpu.cores) - values.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
  return `CPU in the window (% of one core): ${groups}, other processes ${Math.max(0, Math.round(others))}%; machine ${Math.round(cpu.machineBusyPercent)}% busy of ${cpu.cores} cores`;
}
