import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createAgent, type Agent, type AgentError, type AgentOptions } from "../src/index.js";
import { sleep, startCollector, unusedPort, waitFor, type CollectorAnswer, type FakeCollector } from "./helpers.js";

// shutdown(): a bounded final flush that never rejects and leaves nothing
// behind that could keep the host's process alive.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function collector(respond?: (attempt: number) => number | CollectorAnswer, port?: number): Promise<FakeCollector> {
  const started = await startCollector(respond, port);
  cleanups.push(() => started.close());
  return started;
}

function agentFor(endpoint: string, options: Partial<AgentOptions> = {}): { agent: Agent; problems: AgentError[] } {
  const problems: AgentError[] = [];
  const agent = createAgent({
    endpoint,
    service: "chat-api",
    flushIntervalMs: 60_000,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    onError: (error) => problems.push(error),
    ...options,
  });
  cleanups.push(() => agent.shutdown({ timeoutMs: 100 }));
  return { agent, problems };
}

/** Active handles of a kind that keep the event loop alive (unref'd timers are not listed). */
const active = (kind: string): number => process.getActiveResourcesInfo().filter((r) => r === kind).length;

describe("shutdown against a collector that never answers", () => {
  it("resolves by its deadline and cuts the hanging request", async () => {
    const hanging = await collector(() => ({ status: 0, hang: true }));
    const { agent, problems } = agentFor(hanging.endpoint, { requestTimeoutMs: 60_000 });
    for (let i = 0; i < 3; i++) agent.report({ code: 4001 + i });
    void agent.flush(); // a request is now in flight, and will never be answered
    await waitFor(() => hanging.requests.length === 1, 3000, "the hanging request");
    const timersBefore = active("Timeout");

    const started = Date.now();
    await expect(agent.shutdown({ timeoutMs: 300 })).resolves.toBeUndefined();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1000);

    // The agent closed its side of the request: nothing of it is left open.
    await waitFor(() => hanging.open === 0, 2000, "the request to be aborted");
    // The deadline timer was the only one shutdown held; it is gone.
    expect(active("Timeout")).toBeLessThanOrEqual(timersBefore);
    expect(agent.stats()).toMatchObject({ queued: 3, sent: 0 });
    expect(problems.at(-1)?.code).toBe("AGENT_ERR_SHUT_DOWN");
    expect(problems.at(-1)?.message).toBe("3 events were not delivered before shutdown");
  });

  it("uses the shutdownTimeoutMs option when shutdown() gets no deadline", async () => {
    const hanging = await collector(() => ({ status: 0, hang: true }));
    const { agent } = agentFor(hanging.endpoint, { shutdownTimeoutMs: 250 });
    agent.report({ code: 4001 });

    const started = Date.now();
    await agent.shutdown();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(240);
    expect(took).toBeLessThan(1000);
    await waitFor(() => hanging.open === 0, 2000, "the request to be aborted");
  });
});

describe("shutdown with the collector failing", () => {
  it("keeps retrying until the deadline, and delivers once the collector is back", async () => {
    const { port, endpoint } = await unusedPort();
    const { agent } = agentFor(endpoint, { retryBaseDelayMs: 50, retryMaxDelayMs: 100 });
    for (let i = 0; i < 3; i++) agent.report({ code: 4001 + i });

    const shutdown = agent.shutdown({ timeoutMs: 3000 });
    await sleep(300);
    expect(agent.stats().retries).toBeGreaterThanOrEqual(2);
    const up = await collector(undefined, port);
    const started = Date.now();
    await shutdown;
    // It ended when everything was delivered, not at the deadline.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(up.delivered().map((e) => e.code)).toEqual([4001, 4002, 4003]);
    expect(agent.stats()).toMatchObject({ queued: 0, sent: 3 });
  });

  it("does not sit out its deadline when the collector asks for a wait beyond it", async () => {
    const busy = await collector(() => ({ status: 503, headers: { "retry-after": "30" } }));
    const { agent, problems } = agentFor(busy.endpoint, { retryMaxDelayMs: 60_000 });
    agent.report({ code: 4001 });

    const started = Date.now();
    await agent.shutdown({ timeoutMs: 5000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(busy.requests).toHaveLength(1);
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_TRANSPORT", "AGENT_ERR_SHUT_DOWN"]);
  });

  it("ends a flush() that waits for a retry time past the deadline", async () => {
    const busy = await collector(() => ({ status: 503, headers: { "retry-after": "30" } }));
    const { agent } = agentFor(busy.endpoint, { retryMaxDelayMs: 60_000 });
    agent.report({ code: 4001 });
    await agent.flush(); // 503: the next attempt in 30 s
    const waiting = agent.flush(); // waits for it

    const started = Date.now();
    await agent.shutdown({ timeoutMs: 5000 });
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(busy.requests).toHaveLength(1);
  });

  it("never rejects, even when onError throws at every call", async () => {
    const { endpoint } = await unusedPort();
    const agent = createAgent({
      endpoint,
      service: "chat-api",
      retryBaseDelayMs: 10,
      maxQueueSize: 2,
      onError: () => {
        throw new Error("host bug");
      },
    });
    for (let i = 0; i < 5; i++) agent.report({ code: 4001 + i }); // overflow reports
    await expect(agent.flush()).resolves.toBeUndefined(); // transport report
    await expect(agent.shutdown({ timeoutMs: 200 })).resolves.toBeUndefined(); // undelivered report
    agent.report({ code: 4009 }); // after shutdown
    await expect(agent.flush()).resolves.toBeUndefined();
    expect(agent.stats()).toMatchObject({ queued: 2, dropped: 4 });
  });
});

describe("shutdown's own timer", () => {
  it("is gone once a shutdown finishes early", async () => {
    const up = await collector();
    const { agent } = agentFor(up.endpoint);
    agent.report({ code: 4001 });
    const before = active("Timeout");
    await agent.shutdown({ timeoutMs: 10_000 });
    expect(up.delivered()).toHaveLength(1);
    expect(active("Timeout")).toBe(before);
  });
});

// In a fresh process, against the built agent (`npm test` builds first): after
// shutdown() the process must end by itself, with no timer or socket left.
const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe.runIf(existsSync(dist))("a host process", () => {
  function runHost(endpoint: string, shutdown = true): Promise<{ code: number | null; ms: number; out: string }> {
    const script = `
      const { createAgent } = await import(${JSON.stringify(dist)});
      const agent = createAgent({ endpoint: ${JSON.stringify(endpoint)}, service: "exit-test", flushIntervalMs: 50,
        retryBaseDelayMs: 20, retryMaxDelayMs: 100, requestTimeoutMs: 60000, onError: () => {} });
      for (let i = 0; i < 1000; i++) agent.report({ code: 4000 + (i % 10) });
      void agent.flush();
      await new Promise((resolve) => setTimeout(resolve, 300));
      ${shutdown ? "await agent.shutdown({ timeoutMs: 300 });" : ""}
      console.log(JSON.stringify(agent.stats()));
      // No process.exit(): the process must end on its own.
    `;
    const started = Date.now();
    return new Promise((resolve) => {
      const child = execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 10_000 }, (_err, stdout) => {
        resolve({ code: child.exitCode, ms: Date.now() - started, out: stdout });
      });
    });
  }

  it("exits on its own after shutdown while the collector hangs", async () => {
    const hanging = await collector(() => ({ status: 0, hang: true }));
    const run = await runHost(hanging.endpoint);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ queued: 1000, sent: 0 });
    // Node's own start-up plus 200 ms of traffic and a 300 ms deadline; a
    // leftover handle would hold it until the 10 s kill.
    expect(run.ms).toBeLessThan(5000);
  });

  it("exits on its own while the agent backs off from a down collector, without shutdown", async () => {
    const { endpoint } = await unusedPort();
    const run = await runHost(endpoint, false);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).retries).toBeGreaterThanOrEqual(2);
    expect(run.ms).toBeLessThan(5000);
  });

  it("exits on its own after shutdown while the collector is down", async () => {
    const { endpoint } = await unusedPort();
    const run = await runHost(endpoint);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ queued: 1000, sent: 0 });
    expect(run.ms).toBeLessThan(5000);
  });
});
