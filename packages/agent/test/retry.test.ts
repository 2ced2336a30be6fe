import { afterEach, describe, expect, it } from "vitest";
import { createAgent, type Agent, type AgentError, type AgentOptions } from "../src/index.js";
import {
  connect,
  sleep,
  startCollector,
  startWsServer,
  unusedPort,
  waitFor,
  type CollectorAnswer,
  type FakeCollector,
  type ReceivedRequest,
} from "./helpers.js";

// Delivery against real HTTP servers (node:http) standing in for the
// collector: backoff, Retry-After, refusals, one request at a time.

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
    flushIntervalMs: 20,
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    onError: (error) => problems.push(error),
    ...options,
  });
  cleanups.push(() => agent.shutdown({ timeoutMs: 300 }));
  return { agent, problems };
}

const ids = (requests: readonly ReceivedRequest[]): string[] => requests.flatMap((r) => r.events.map((e) => e.id));

function expectEachOnce(delivered: readonly { id: string }[], expected: readonly string[]): void {
  expect(delivered.map((e) => e.id).sort()).toEqual([...expected].sort());
}

describe("a collector that is down", () => {
  it("does not stop the agent from starting; events arrive exactly once when it comes up", async () => {
    const { port, endpoint } = await unusedPort();
    const { agent, problems } = agentFor(endpoint);
    const server = await startWsServer();
    cleanups.push(() => server.close());
    agent.instrument(server.wss, { route: "/chat" });

    for (let i = 0; i < 3; i++) {
      const { client } = await connect(server.url);
      client.close(4000 + i, `bye ${i}`);
      await server.serverClosed(i);
    }
    for (let i = 0; i < 4; i++) agent.report({ code: 4100 + i });
    await waitFor(() => agent.stats().retries >= 2, 3000, "two failed attempts");
    expect(agent.stats()).toMatchObject({ queued: 7, sent: 0, dropped: 0, failed: 0 });
    expect(problems.every((p) => p.code === "AGENT_ERR_TRANSPORT")).toBe(true);
    expect(problems[0]?.message).toContain("ECONNREFUSED");

    // A retrying batch does not stop new closes from queueing.
    agent.report({ code: 4200 });
    expect(agent.stats().queued).toBe(8);

    const up = await collector(undefined, port);
    const delivered = await up.waitForDelivered(8);
    await sleep(100); // nothing more arrives
    expect(up.delivered()).toHaveLength(8);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(8);
    expect(delivered.map((e) => e.code).sort()).toEqual([4000, 4001, 4002, 4100, 4101, 4102, 4103, 4200]);
    expect(agent.stats()).toMatchObject({ queued: 0, sent: 8, dropped: 0, failed: 0 });
  });
});

describe("retries", () => {
  it("500 twice then 202: delivered once, with the same ids, after growing waits", async () => {
    const up = await collector((attempt) => (attempt <= 2 ? 500 : 202));
    const { agent } = agentFor(up.endpoint, { retryBaseDelayMs: 100, retryMaxDelayMs: 1000 });
    for (let i = 0; i < 5; i++) agent.report({ code: 4001 + i });
    await agent.flush();

    await waitFor(() => agent.stats().sent === 5, 3000, "delivery");
    expect(up.requests.map((r) => r.status)).toEqual([500, 500, 202]);
    const [first, second, third] = up.requests;
    // Same bytes each time, so the same event ids: the collector deduplicates.
    expect(second?.body).toBe(first?.body);
    expect(third?.body).toBe(first?.body);
    expectEachOnce(up.delivered(), ids([first as ReceivedRequest]));
    // Backoff with jitter: the first wait in [50, 100] ms, the second in [100, 200] ms.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(50);
    expect((third?.at ?? 0) - (second?.at ?? 0)).toBeGreaterThanOrEqual(100);
    await sleep(100);
    expect(up.requests).toHaveLength(3);
    expect(agent.stats()).toEqual({ queued: 0, sent: 5, dropped: 0, failed: 0, retries: 2 });
  });

  it("503 with Retry-After: 1 is retried after at least a second, even when flush() is called at once", async () => {
    const up = await collector((attempt) => (attempt === 1 ? { status: 503, headers: { "retry-after": "1" } } : 202));
    const { agent, problems } = agentFor(up.endpoint, { flushIntervalMs: 10, retryBaseDelayMs: 10, retryMaxDelayMs: 5000 });
    agent.report({ code: 4001 });
    await agent.flush();
    expect(agent.stats()).toMatchObject({ queued: 1, retries: 1 });
    expect(problems[0]?.message).toMatch(/HTTP 503 COLLECTOR_ERR_TEST: status 503; will retry$/);

    // An explicit flush() does not jump the queue: it waits for the retry time.
    await agent.flush();
    expect(up.requests.map((r) => r.status)).toEqual([503, 202]);
    const [first, second] = up.requests;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(second?.body).toBe(first?.body);
    expect(agent.stats()).toEqual({ queued: 0, sent: 1, dropped: 0, failed: 0, retries: 1 });
  });

  it("429 with an HTTP-date Retry-After waits until that date", async () => {
    let retryAt = 0;
    const up = await collector((attempt) => {
      if (attempt > 1) return 202;
      // HTTP-dates have whole seconds: somewhere between 1 and 2 s from now.
      const date = new Date(Date.now() + 2000).toUTCString();
      retryAt = Date.parse(date);
      return { status: 429, headers: { "retry-after": date } };
    });
    const { agent } = agentFor(up.endpoint, { retryMaxDelayMs: 5000 });
    agent.report({ code: 4001 });

    await waitFor(() => agent.stats().sent === 1, 4000, "the retried batch");
    expect(up.requests.map((r) => r.status)).toEqual([429, 202]);
    expect(up.requests[1]?.at ?? 0).toBeGreaterThanOrEqual(retryAt);
    expect(agent.stats()).toEqual({ queued: 0, sent: 1, dropped: 0, failed: 0, retries: 1 });
  });

  it("caps a Retry-After that is too long at retryMaxDelayMs", async () => {
    const up = await collector((attempt) => (attempt === 1 ? { status: 503, headers: { "retry-after": "3600" } } : 202));
    const { agent } = agentFor(up.endpoint, { retryMaxDelayMs: 300 });
    agent.report({ code: 4001 });

    await waitFor(() => agent.stats().sent === 1, 3000, "the retried batch");
    const gap = (up.requests[1]?.at ?? 0) - (up.requests[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(300);
    expect(gap).toBeLessThan(2000);
  });

  it("sends nothing while it waits, however often the timer ticks", async () => {
    const up = await collector(() => 500);
    const { agent } = agentFor(up.endpoint, { flushIntervalMs: 10, retryBaseDelayMs: 1000, retryMaxDelayMs: 1000 });
    agent.report({ code: 4001 });
    await waitFor(() => up.requests.length === 1, 3000, "the first attempt");
    // The first wait is at least 500 ms; the timer ticks about 15 times meanwhile.
    await sleep(150);
    agent.report({ code: 4002 });
    await sleep(40);
    expect(up.requests).toHaveLength(1);
    expect(agent.stats()).toMatchObject({ queued: 2, retries: 1 });
  });
});

describe("refusals", () => {
  it("counts the events a 202 lists as rejected as failed, not sent, and reports it once", async () => {
    const up = await collector(() => ({ status: 202, rejectIndexes: [1] }));
    const { agent, problems } = agentFor(up.endpoint, { maxBatchSize: 3, flushIntervalMs: 60_000 });
    for (let i = 0; i < 6; i++) agent.report({ code: 4001 + i });
    await agent.flush();

    expect(up.requests).toHaveLength(2); // not retried
    expect(agent.stats()).toEqual({ queued: 0, sent: 4, dropped: 0, failed: 2, retries: 0 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_REJECTED"]);
    expect(problems[0]?.message).toContain("refused 1 of 3 events as invalid (/events/1/reason test refusal)");
  });

  it("400 is not retried and is reported once for many batches; another status is reported once more", async () => {
    let answer: CollectorAnswer = { status: 400, code: "COLLECTOR_ERR_VALIDATION" };
    const up = await collector(() => answer);
    const { agent, problems } = agentFor(up.endpoint, { maxBatchSize: 2, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) agent.report({ code: 4001 + i });
    await agent.flush();
    for (let i = 0; i < 4; i++) agent.report({ code: 4101 + i });
    await agent.flush();
    await sleep(100);

    // 7 batches, each sent once: no event id appears twice.
    expect(up.requests).toHaveLength(7);
    const sentIds = ids(up.requests);
    expect(sentIds).toHaveLength(14);
    expect(new Set(sentIds).size).toBe(14);
    expect(agent.stats()).toEqual({ queued: 0, sent: 0, dropped: 0, failed: 14, retries: 0 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_REJECTED"]);
    expect(problems[0]?.message).toContain("HTTP 400 COLLECTOR_ERR_VALIDATION: status 400; 2 events discarded, not retried");

    answer = { status: 401, code: "COLLECTOR_ERR_UNAUTHORIZED" };
    for (let i = 0; i < 4; i++) agent.report({ code: 4201 + i });
    await agent.flush();
    answer = { status: 400, code: "COLLECTOR_ERR_VALIDATION" };
    agent.report({ code: 4301 });
    await agent.flush();
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_REJECTED", "AGENT_ERR_REJECTED"]);
    expect(problems[1]?.message).toContain("HTTP 401 COLLECTOR_ERR_UNAUTHORIZED");
    expect(agent.stats()).toMatchObject({ failed: 19, retries: 0, queued: 0 });
  });

  it("a refusal after failures ends the backoff: the next batch goes out without waiting", async () => {
    const up = await collector((attempt) => (attempt === 1 ? 503 : attempt === 2 ? 413 : 202));
    const { agent } = agentFor(up.endpoint, { flushIntervalMs: 60_000, retryBaseDelayMs: 100 });
    agent.report({ code: 4001 });
    await agent.flush(); // 503
    await agent.flush(); // waits, then 413: dropped, counted as failed
    agent.report({ code: 4002 });
    const started = Date.now();
    await agent.flush(); // 202 at once
    expect(Date.now() - started).toBeLessThan(100);
    expect(up.requests.map((r) => r.status)).toEqual([503, 413, 202]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 1, dropped: 0, failed: 1, retries: 1 });
  });
});

describe("one request at a time", () => {
  it("never has two requests in flight, whatever calls flush() and however fast closes come", async () => {
    const up = await collector(() => ({ status: 202, delayMs: 30 }));
    const { agent } = agentFor(up.endpoint, { maxBatchSize: 10, flushIntervalMs: 10 });
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 100; i++) {
      agent.report({ code: 4000 + i });
      if (i % 7 === 0) flushes.push(agent.flush());
      if (i % 10 === 0) await sleep(1);
    }
    await Promise.all(flushes);
    await waitFor(() => agent.stats().sent === 100, 5000, "everything delivered");
    expect(up.maxConcurrent).toBe(1);
    expect(new Set(ids(up.requests)).size).toBe(100);
  });
});
