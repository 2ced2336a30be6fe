import { createServer } from "node:net";
import { loadavg } from "node:os";
import type { AgentStats } from "@closewatch/agent";
import { Churn, type EchoLoadResult, runEchoLoad } from "../lib/agent-echo-load.js";
import type { EchoServerArgs, EchoServerInfo, EchoServerSample } from "../lib/agent-echo-protocol.js";
import { type ChildRpc, startChild } from "../lib/load-child.js";
import { MB, median, sleep } from "../lib/load-stats.js";
import type { BenchResult, Scenario } from "../result.js";

const SCENARIO = "agent-overhead";
/** The agent's defaults, which the down-collector run relies on. */
const DEFAULT_MAX_QUEUE = 10_000;

interface Sizes {
  connections: number;
  ratePerSecond: number;
  messageBytes: number;
  warmupMs: number;
  durationMs: number;
  churnPerSecond: number;
  /** Runs per variant; the order is ABBA… so that drift hits both alike. */
  rounds: number;
  flushIntervalMs: number;
  down: { churnPerSecond: number; durationMs: number; maxQueueSize: number };
}

const FULL: Sizes = {
  connections: 50,
  ratePerSecond: 20_000,
  messageBytes: 64,
  warmupMs: 1500,
  durationMs: 5000,
  churnPerSecond: 100,
  rounds: 5,
  flushIntervalMs: 1000,
  down: { churnPerSecond: 1500, durationMs: 10_000, maxQueueSize: DEFAULT_MAX_QUEUE },
};

const SMOKE: Sizes = {
  connections: 10,
  ratePerSecond: 1000,
  messageBytes: 64,
  warmupMs: 200,
  durationMs: 600,
  churnPerSecond: 20,
  rounds: 1,
  flushIntervalMs: 1000,
  down: { churnPerSecond: 200, durationMs: 600, maxQueueSize: 50 },
};

interface SteadyRun {
  load: EchoLoadResult;
  /** The server during the measured window. */
  window: EchoServerSample;
  /** The server after the load stopped and all connections closed, after a GC. */
  after: EchoServerSample;
}

interface ChurnRun {
  opened: number;
  end: EchoServerSample;
}

/** A port nothing listens on: the agent's POSTs are refused at once. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function withEchoServer<T>(args: EchoServerArgs, fn: (server: ChildRpc<EchoServerInfo>) => Promise<T>): Promise<T> {
  const server = await startChild<EchoServerInfo>("agent-echo-server", args, { execArgv: ["--expose-gc"] });
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

function steadyRun(sizes: Sizes, args: EchoServerArgs): Promise<SteadyRun> {
  return withEchoServer(args, async (server) => {
    let window: EchoServerSample | undefined;
    const load = await runEchoLoad({
      url: `ws://127.0.0.1:${server.info.port}`,
      connections: sizes.connections,
      ratePerSecond: sizes.ratePerSecond,
      messageBytes: sizes.messageBytes,
      warmupMs: sizes.warmupMs,
      durationMs: sizes.durationMs,
      churnPerSecond: sizes.churnPerSecond,
      onWindowStart: () => server.call("mark", { gc: true }),
      onWindowEnd: async () => {
        window = await server.call<EchoServerSample>("sample", { gc: false });
      },
    });
    // Let the server see the last closes before reading the agent's counters.
    await sleep(300);
    const after = await server.call<EchoServerSample>("sample", { gc: true });
    return { load, window: window!, after };
  });
}

/** Heavy churn and nothing else; heap measured after a GC before and after. */
function churnRun(sizes: Sizes, args: EchoServerArgs): Promise<ChurnRun> {
  return withEchoServer(args, async (server) => {
    await server.call("mark", { gc: true });
    const churn = new Churn(`ws://127.0.0.1:${server.info.port}`, sizes.down.churnPerSecond, [5, 30]);
    churn.start();
    await sleep(sizes.down.durationMs);
    const stats = await churn.stop();
    await sleep(300);
    const end = await server.call<EchoServerSample>("sample", { gc: true });
    return { opened: stats.opened, end };
  });
}

const throughput = (r: SteadyRun): number => r.load.echoesPerSecond;
/** Server CPU over the window ÷ messages it echoed in it, µs. */
const cpuPerMessage = (r: SteadyRun): number => r.window.cpuMicros / (r.load.echoesPerSecond * (r.load.windowMs / 1000));

const statsText = (s: AgentStats | undefined): string =>
  s ? `queued ${s.queued}, sent ${s.sent}, dropped ${s.dropped}, failed ${s.failed}, retries ${s.retries}` : "no agent";

export const agentOverhead: Scenario = {
  name: SCENARIO,
  description: "a ws echo server at a fixed message rate, without and with the agent (and with the collector down)",
  async run({ smoke, pgAdminUrl, log }) {
    const sizes = smoke ? SMOKE : FULL;
    const loadBefore = loadavg()[0]!;
    const collector = await startChild<{ url: string }>("agent-collector", { engine: "PostgreSQL", pgAdminUrl });
    const runs: Record<"without" | "with", SteadyRun[]> = { without: [], with: [] };
    try {
      const agentArgs: EchoServerArgs = { agent: { endpoint: collector.info.url, flushIntervalMs: sizes.flushIntervalMs } };
      for (let i = 0; i < sizes.rounds * 2; i++) {
        // A B B A A B …
        const withAgent = i % 4 === 1 || i % 4 === 2;
        const run = await steadyRun(sizes, withAgent ? agentArgs : {});
        runs[withAgent ? "with" : "without"].push(run);
        log(
          `${withAgent ? "with agent   " : "without agent"}: ${Math.round(run.load.echoesPerSecond)} echoes/s, ` +
            `p50 ${run.load.p50Ms.toFixed(2)} ms, p99 ${run.load.p99Ms.toFixed(2)} ms, ` +
            `cpu ${cpuPerMessage(run).toFixed(2)} µs/msg, ` +
            `churn ${run.load.churn.opened} opened / ${run.load.churn.failed} failed, lost ${run.load.lost}` +
            (withAgent ? `; agent: ${statsText(run.after.stats)}, queue high-water ${run.window.queueHighWater}` : ""),
        );
      }
    } finally {
      await collector.stop();
    }

    // The collector is down: the agent keeps at most maxQueueSize events, the batch being retried included.
    const downArgs: EchoServerArgs = {
      agent: {
        endpoint: `http://127.0.0.1:${await unusedPort()}`,
        flushIntervalMs: sizes.flushIntervalMs,
        ...(sizes.down.maxQueueSize === DEFAULT_MAX_QUEUE ? {} : { maxQueueSize: sizes.down.maxQueueSize }),
      },
    };
    const downBaseline = await churnRun(sizes, {});
    const down = await churnRun(sizes, downArgs);
    const growth = (r: ChurnRun) => (r.end.heapUsedBytes - r.end.heapAtMarkBytes) / MB;
    // What each event waiting in the queue costs, beyond what the same churn costs without the agent.
    const bytesPerQueued = ((growth(down) - growth(downBaseline)) * MB) / Math.max(1, down.end.stats?.queued ?? 0);
    log(
      `collector down: ${down.opened} connections in ${sizes.down.durationMs / 1000} s; heap +${growth(down).toFixed(1)} MB ` +
        `(without agent +${growth(downBaseline).toFixed(1)} MB), ~${Math.round(bytesPerQueued)} B per queued event; ` +
        `agent: ${statsText(down.end.stats)}, queue high-water ${down.end.queueHighWater}`,
    );

    const med = (variant: "without" | "with", pick: (r: SteadyRun) => number) => median(runs[variant].map(pick));
    const recorded = runs.with.reduce((n, r) => n + (r.after.stats ? r.after.stats.sent + r.after.stats.queued + r.after.stats.dropped + r.after.stats.failed : 0), 0);
    const closed = runs.with.reduce((n, r) => n + r.load.churn.opened + sizes.connections, 0);
    const lastWith = runs.with.at(-1)!;

    const setup =
      `${sizes.connections} connections sending ${sizes.ratePerSecond.toLocaleString("en-US")} msg/s in total (${sizes.messageBytes} B binary, ` +
      `send time stamped), ${sizes.durationMs / 1000} s measured after ${sizes.warmupMs / 1000} s warm-up, ` +
      `${sizes.churnPerSecond} short connections/s churned (9 endings: client 1000/1001/3001/4000, server 1008/1011/4100, terminate either side); ` +
      `echo server in a child process; ${sizes.rounds} runs each, alternated ABBA, medians; agent flushIntervalMs ${sizes.flushIntervalMs} to a collector on PostgreSQL (a third process); ` +
      `1-min load average ${loadBefore.toFixed(1)} when the scenario started (whatever else runs on the machine shares its cores)`;
    const base = (value: number) => ({ label: "without agent", value });

    // Runs 2k and 2k+1 are adjacent in time and hold without[k] and with[k]: their ratio is immune to slow drift.
    const pairRatio = (pick: (r: SteadyRun) => number) => median(runs.with.map((r, k) => pick(r) / pick(runs.without[k]!)));
    const baseThroughput = med("without", throughput);
    const baseP99 = med("without", (r) => r.load.p99Ms);
    const queueCap = sizes.down.maxQueueSize;
    const rows: Omit<BenchResult, "scenario">[] = [
      {
        figure: "echo throughput, with agent",
        value: med("with", throughput),
        unit: "msg/s",
        target: { op: ">=", value: 0.98 * baseThroughput },
        baseline: base(baseThroughput),
        note: `${setup}. Target: ≥ 98% of the baseline; median of the per-pair ratios ${pairRatio(throughput).toFixed(3)}.`,
      },
      { figure: "echo round trip p50, with agent", value: med("with", (r) => r.load.p50Ms), unit: "ms", baseline: base(med("without", (r) => r.load.p50Ms)) },
      {
        figure: "echo round trip p99, with agent",
        value: med("with", (r) => r.load.p99Ms),
        unit: "ms",
        target: { op: "<=", value: 1.05 * baseP99 },
        baseline: base(baseP99),
        note:
          `target: ≤ 105% of the baseline; median of the per-pair ratios ${pairRatio((r) => r.load.p99Ms).toFixed(2)}; each run's p99 (without | with): ` +
          `${runs.without.map((r) => r.load.p99Ms.toFixed(1)).join(", ")} | ${runs.with.map((r) => r.load.p99Ms.toFixed(1)).join(", ")} ms. ` +
          `Measured in the load process, so it includes that process's own event-loop delays (alike in both runs)`,
      },
      {
        figure: "server CPU per echoed message, with agent",
        value: med("with", cpuPerMessage),
        unit: "µs",
        baseline: base(med("without", cpuPerMessage)),
        note:
          `user+system CPU of the server process over the window ÷ messages echoed; includes the churn, and with the agent its recording and shipping; ` +
          `median of the per-pair ratios ${pairRatio(cpuPerMessage).toFixed(3)}`,
      },
      {
        figure: "server peak RSS, with agent",
        value: med("with", (r) => r.window.rssPeakBytes / MB),
        unit: "MB",
        baseline: base(med("without", (r) => r.window.rssPeakBytes / MB)),
      },
      {
        figure: "server heap after GC, with agent",
        value: med("with", (r) => r.after.heapUsedBytes / MB),
        unit: "MB",
        baseline: base(med("without", (r) => r.after.heapUsedBytes / MB)),
        note: "heapUsed after a full GC once the load stopped",
      },
      {
        figure: "agent queue high-water, collector up",
        value: Math.max(...runs.with.map((r) => r.window.queueHighWater)),
        unit: "events",
        target: { op: "<=", value: DEFAULT_MAX_QUEUE },
        note: `stats() after the last run: ${statsText(lastWith.after.stats)}; sampled every 20 ms`,
      },
      {
        figure: "agent events recorded, collector up",
        value: recorded,
        unit: "events",
        baseline: { label: "connections closed", value: closed },
        note: "sent + queued + dropped + failed over the runs with the agent, against churn connections opened plus the load connections",
      },
      {
        figure: "agent heap growth, collector down",
        value: growth(down),
        unit: "MB",
        target: { op: "<=", value: 50 },
        baseline: { label: "same churn without agent", value: growth(downBaseline) },
        note:
          `${sizes.down.churnPerSecond} connections/s for ${sizes.down.durationMs / 1000} s (${down.opened} closes) and no other load, collector port refusing; ` +
          `heapUsed after GC vs before the churn; ~${Math.round(bytesPerQueued)} B per queued event, so the default cap of ` +
          `${DEFAULT_MAX_QUEUE} events holds ~${((bytesPerQueued * DEFAULT_MAX_QUEUE) / MB).toFixed(0)} MB; ` +
          `peak RSS ${(down.end.rssPeakBytes / MB).toFixed(0)} MB (without agent ${(downBaseline.end.rssPeakBytes / MB).toFixed(0)} MB)`,
      },
      {
        figure: "agent queue high-water, collector down",
        value: down.end.queueHighWater,
        unit: "events",
        target: { op: "<=", value: queueCap },
        note: `maxQueueSize ${sizes.down.maxQueueSize}, the batch being retried included; stats(): ${statsText(down.end.stats)}`,
      },
      {
        figure: "agent events dropped, collector down",
        value: down.end.stats?.dropped ?? Number.NaN,
        unit: "events",
        baseline: { label: "closes", value: down.opened },
        note: "the oldest events are dropped once the queue is full; the rest wait in memory for the collector",
      },
    ];
    return rows.map((row) => ({ scenario: SCENARIO, ...row }));
  },
};
