import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createAgent, type Agent, type AgentError, type AgentOptions } from "../src/index.js";
import { connect, startCollector, startWsServer, unusedPort, waitFor, type CollectorAnswer, type FakeCollector } from "./helpers.js";

// What the host must be able to count on, whatever the collector does:
// bounded memory, an event loop that keeps turning, no exception from the agent.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function collector(respond?: (attempt: number) => number | CollectorAnswer): Promise<FakeCollector> {
  const started = await startCollector(respond);
  cleanups.push(() => started.close());
  return started;
}

function agentFor(endpoint: string, options: Partial<AgentOptions> = {}): { agent: Agent; problems: AgentError[] } {
  const problems: AgentError[] = [];
  const agent = createAgent({
    endpoint,
    service: "chat-api",
    flushIntervalMs: 20,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 100,
    onError: (error) => problems.push(error),
    ...options,
  });
  cleanups.push(() => agent.shutdown({ timeoutMs: 200 }));
  return { agent, problems };
}

/** `n` UUIDs in order, so that tests can tell which events survived. */
const uuids = (n: number): string[] => Array.from({ length: n }, () => crypto.randomUUID());

describe("bounded queue", () => {
  it("holds at most maxQueueSize events under a burst while a request hangs, dropping the oldest first", async () => {
    const up = await collector((attempt) => (attempt === 1 ? { status: 0, hang: true } : 202));
    const { agent, problems } = agentFor(up.endpoint, { maxQueueSize: 1000, maxBatchSize: 100, requestTimeoutMs: 300 });
    const ids = uuids(5000);
    let highWater = 0;
    const report = (from: number, to: number): void => {
      for (let i = from; i < to; i++) {
        agent.report({ id: ids[i], code: 4000 + (i % 100) });
        highWater = Math.max(highWater, agent.stats().queued);
      }
    };
    // A full batch goes out at once, and hangs; the burst goes on queueing.
    report(0, 100);
    await waitFor(() => up.requests.length === 1, 3000, "the hanging request");
    report(100, 5000);
    expect(highWater).toBe(1000);
    expect(agent.stats()).toMatchObject({ queued: 1000, dropped: 4000, sent: 0 });
    expect(problems.filter((p) => p.code === "AGENT_ERR_QUEUE_FULL")).toHaveLength(1);

    await waitFor(() => agent.stats().sent === 1000, 5000, "the survivors");
    // Exactly the newest 1000, in order, each once: the oldest were dropped,
    // including those of the hanging request (which timed out, unanswered).
    const delivered = up.delivered().map((e) => e.id);
    expect(delivered).toEqual(ids.slice(4000));
    expect(up.requests[0]?.status).toBe(0);
    expect(up.requests[0]?.events.map((e) => e.id)).toEqual(ids.slice(0, 100));
    expect(agent.stats()).toMatchObject({ queued: 0, sent: 1000, dropped: 4000, failed: 0 });
  });

  it("counts events dropped from the queue while their request was in flight as sent when it succeeds", async () => {
    const up = await collector(() => ({ status: 202, delayMs: 100 }));
    const { agent } = agentFor(up.endpoint, { maxQueueSize: 200, maxBatchSize: 100 });
    const ids = uuids(1000);
    for (const [i, id] of ids.entries()) {
      agent.report({ id, code: 4000 + (i % 100) });
      if (i === 99) await waitFor(() => up.requests.length === 1, 3000, "the first batch to arrive");
    }
    // The first batch (ids 0–99) is in flight; the burst pushed it out of the queue.
    expect(agent.stats()).toMatchObject({ queued: 200, dropped: 800 });

    await waitFor(() => agent.stats().queued === 0, 5000, "the queue to drain");
    const delivered = up.delivered().map((e) => e.id);
    expect(delivered).toEqual([...ids.slice(0, 100), ...ids.slice(800)]);
    expect(agent.stats()).toMatchObject({ sent: 300, dropped: 700, failed: 0 });
  });

  it("holds at most maxQueueSize closes of real connections with the collector down", async () => {
    const { endpoint } = await unusedPort();
    const { agent } = agentFor(endpoint, { maxQueueSize: 10 });
    let highWater = 0;
    const server = await startWsServer({}, (ws) => ws.on("close", () => (highWater = Math.max(highWater, agent.stats().queued))));
    cleanups.push(() => server.close());
    agent.instrument(server.wss);

    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const { client } = await connect(server.url);
        client.close(4000 + i);
      }),
    );
    await waitFor(() => agent.stats().queued + agent.stats().dropped === 40, 3000, "40 recorded closes");
    expect(highWater).toBe(10);
    expect(agent.stats()).toMatchObject({ queued: 10, dropped: 30, sent: 0 });
  });
});

interface LoopDelay {
  /** monitorEventLoopDelay (wall clock), ms. */
  readonly p99: number;
  readonly max: number;
  /** The same delays counted only while this process had the CPU, ms (see cpuStalls). */
  readonly cpuP99: number;
  readonly cpuMax: number;
  /** CPU time of the whole burst, ms. */
  readonly cpuMs: number;
}

/**
 * Event-loop delay counted only while this process was on a CPU: every ~1 ms
 * a timer notes how late it fired and how much CPU time the process used
 * since the last one; the smaller of the two is time the loop was busy, not
 * time the machine gave to other processes. A loaded machine (tests of other
 * packages run alongside) inflates monitorEventLoopDelay's wall-clock figures
 * but not these, so their bound can be tight without being flaky.
 */
function cpuStalls(): { stop(): number[] } {
  const stalls: number[] = [];
  let running = true;
  let lastWall = performance.now();
  let lastCpu = process.cpuUsage();
  const tick = (): void => {
    const wall = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    stalls.push(Math.max(0, Math.min(wall - lastWall - 1, (cpu.user + cpu.system) / 1000)));
    lastWall = wall;
    lastCpu = process.cpuUsage();
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  return {
    stop() {
      running = false;
      return stalls.sort((a, b) => a - b);
    },
  };
}

describe("the host's event loop", () => {
  const REAL = 200;
  // Reasons with secrets to redact, and inputs made to make regular expressions backtrack.
  const REASONS = [
    "rate limit exceeded",
    "Message too big",
    "auth failed: Bearer abc123def456ghi789",
    "expired eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl",
    "GET /chat?access_token=abc123&room=1&password=hunter2",
    "user alice.smith+tag@example.co.uk banned",
    `${"a".repeat(64)}@${"b.".repeat(25)}`,
    "eyJ".repeat(40),
    "=".repeat(120),
    `${"token".repeat(20)}=x`,
  ];

  /**
   * `closes` closes as fast as a busy host makes them: REAL connections of a
   * real ws server closed 10 per turn of the event loop, then the rest
   * reported (a server that is not ws) 100 per turn; until the agent has
   * recorded them all (`recorded`) and the connections are gone.
   */
  async function burst(agent: Agent | undefined, closes: number, recorded: () => number = () => 0): Promise<LoopDelay> {
    const server = await startWsServer();
    cleanups.push(() => server.close());
    if (agent) agent.instrument(server.wss, { route: "/chat?token=secret" });
    for (let i = 0; i < REAL; i += 50) await Promise.all(Array.from({ length: 50 }, () => connect(server.url)));
    await waitFor(() => server.sockets.length === REAL, 5000, "connections");
    const sockets: WebSocket[] = [...server.sockets];
    const before = recorded();

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const stalls = cpuStalls();
    const cpuBefore = process.cpuUsage();
    for (let j = 0; j < closes; ) {
      for (const end = j + (j < REAL ? 10 : 100); j < end && j < closes; j++) {
        const reason = REASONS[j % REASONS.length] ?? "";
        const socket = sockets[j];
        if (socket) socket.close(4000 + (j % 100), reason);
        else agent?.report({ code: 4000 + (j % 100), reason, evidence: { detail: reason } });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => recorded() - before === (agent ? closes : 0), 15_000, "every close recorded");
    await waitFor(() => server.wss.clients.size === 0, 5000, "every connection closed");
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = stalls.stop();
    histogram.disable();
    await server.close();
    const round = (ms: number): number => Math.round(ms * 10) / 10;
    return {
      p99: round(histogram.percentile(99) / 1e6),
      max: round(histogram.max / 1e6),
      cpuP99: round(sorted[Math.floor(sorted.length * 0.99)] ?? 0),
      cpuMax: round(sorted.at(-1) ?? 0),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
  }

  it("keeps turning during a burst of 10k closes, shipped to the collector or queued while it is down", async () => {
    const up = await collector();
    const { agent } = agentFor(up.endpoint, { flushIntervalMs: 50 });
    const shipped = (): number => agent.stats().sent;
    await burst(agent, 2000, shipped); // warm-up: JIT, the first fetch
    const withAgent = await burst(agent, 10_000, shipped);
    // The collector down: the queue fills up (5000) and drops the oldest.
    const { agent: queueing } = agentFor((await unusedPort()).endpoint, { flushIntervalMs: 50, maxQueueSize: 5000 });
    const held = (): number => queueing.stats().queued + queueing.stats().dropped;
    const collectorDown = await burst(queueing, 10_000, held);
    const without = await burst(undefined, 10_000);
    const detail =
      `event-loop delay, ms: with the agent ${JSON.stringify(withAgent)}, ` +
      `collector down ${JSON.stringify(collectorDown)}, without the agent ${JSON.stringify(without)}`;
    if (process.env.CLOSEWATCH_PRINT_LOOP_DELAY) console.info(detail);

    expect(agent.stats()).toMatchObject({ sent: 12_000, dropped: 0, failed: 0, queued: 0 });
    expect(queueing.stats()).toMatchObject({ queued: 5000, dropped: 5000, sent: 0 });
    // Redacted on the way out, the route too.
    const events = up.delivered();
    expect(events.some((e) => /abc123|hunter2|alice|eyJhbGci/.test(e.reason))).toBe(false);
    expect(events.some((e) => /abc123|hunter2|alice|eyJhbGci/.test(String(e.evidence?.detail)))).toBe(false);
    expect(events[0]?.route).toBe("/chat?token=[redacted]");

    // The agent's work comes in small pieces: a close is a few µs, a batch
    // of 500 is serialized and sent at a time. A task that blocks (a
    // backtracking pattern, the whole queue serialized at once) shows here.
    for (const run of [withAgent, collectorDown]) {
      expect(run.cpuP99, detail).toBeLessThan(50);
      // Wall clock, loose: it also counts time the machine spent on other processes.
      expect(run.p99, detail).toBeLessThan(1000);
    }
    // Its whole cost, recording to HTTP (and the fake collector parsing each
    // batch, in this process), stays in the tens of µs per close.
    expect((withAgent.cpuMs - without.cpuMs) / 10_000, detail).toBeLessThan(0.1);
    expect((collectorDown.cpuMs - without.cpuMs) / 10_000, detail).toBeLessThan(0.1);
  });
});

describe("errors inside the agent", () => {
  it("never reach the host: a throwing onError, a throwing socket getter, a failing collector", async () => {
    const escaped: unknown[] = [];
    const onUncaught = (err: unknown): void => void escaped.push(err);
    process.on("uncaughtException", onUncaught);
    process.on("unhandledRejection", onUncaught);
    cleanups.push(async () => {
      process.off("uncaughtException", onUncaught);
      process.off("unhandledRejection", onUncaught);
    });

    let onErrorCalls = 0;
    const refusing = await collector(() => 400);
    const agent = createAgent({
      endpoint: refusing.endpoint,
      service: "chat-api",
      flushIntervalMs: 60_000,
      maxQueueSize: 3,
      onError: () => {
        onErrorCalls++;
        throw new Error("the host's onError is broken");
      },
    });
    cleanups.push(() => agent.shutdown({ timeoutMs: 200 }));
    const hostCloses: number[] = [];
    const server = await startWsServer({}, (ws) => {
      // A host (or another library) that makes a property the agent reads at close throw.
      Object.defineProperty(ws, "extensions", {
        get() {
          throw new Error("host getter");
        },
      });
      ws.on("close", (code) => hostCloses.push(code));
    });
    cleanups.push(() => server.close());
    agent.instrument(server.wss);

    for (let i = 0; i < 3; i++) {
      const { client } = await connect(server.url);
      client.close(4001);
      await server.serverClosed(i);
    }
    // The closes were recorded all the same (without the deflate fact).
    expect(agent.stats()).toMatchObject({ queued: 3, dropped: 0 });
    for (let i = 0; i < 6; i++) agent.report({ code: 4100 + i }); // overflow
    Reflect.apply(agent.report, agent, [{ code: "nope" }]); // invalid
    await agent.flush(); // 400: refused

    expect(hostCloses).toEqual([4001, 4001, 4001]);
    // Three failed hooks, one overflow, one invalid report, one refusal.
    expect(onErrorCalls).toBe(6);
    expect(agent.stats()).toEqual({ queued: 0, sent: 0, failed: 3, dropped: 7, retries: 0 });
    await expect(agent.shutdown({ timeoutMs: 100 })).resolves.toBeUndefined();
    expect(escaped).toEqual([]);
  });
});
