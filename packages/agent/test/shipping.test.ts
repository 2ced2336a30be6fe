import { afterEach, describe, expect, it } from "vitest";
import { AgentError, createAgent, type Agent, type AgentOptions } from "../src/index.js";
import { connect, nextMessage, startCollector, startWsServer, unusedPort, waitFor, type FakeCollector, type TestServer } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function collectorAnswering(respond?: (attempt: number) => number): Promise<FakeCollector> {
  const collector = await startCollector(respond);
  cleanups.push(() => collector.close());
  return collector;
}

function agentFor(endpoint: string, options: Partial<AgentOptions> = {}): { agent: Agent; problems: AgentError[] } {
  const problems: AgentError[] = [];
  const agent = createAgent({
    endpoint,
    service: "chat-api",
    flushIntervalMs: 60_000,
    // Short backoff keeps the suite fast; test/retry.test.ts covers the policy.
    retryBaseDelayMs: 20,
    retryMaxDelayMs: 200,
    onError: (error) => problems.push(error),
    ...options,
  });
  cleanups.push(() => agent.shutdown({ timeoutMs: 500 }));
  return { agent, problems };
}

async function wsServer(...args: Parameters<typeof startWsServer>): Promise<TestServer> {
  const server = await startWsServer(...args);
  cleanups.push(() => server.close());
  return server;
}

async function deadEndpoint(): Promise<string> {
  return (await unusedPort()).endpoint;
}

describe("batching", () => {
  it("ships the closes of several connections in one POST with the bearer token", async () => {
    const collector = await collectorAnswering();
    const { agent } = agentFor(collector.endpoint, { token: "s3cret-token" });
    const server = await wsServer();
    agent.instrument(server.wss, { route: "/chat" });

    for (const code of [1000, 4001, 4002]) {
      const { client } = await connect(server.url);
      client.close(code);
    }
    for (const index of [0, 1, 2]) await server.serverClosed(index);
    await agent.flush();

    expect(collector.requests).toHaveLength(1);
    const [request] = collector.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/v1/events");
    expect(request?.headers.authorization).toBe("Bearer s3cret-token");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.valid).toBe(true);
    expect(request?.events.map((e) => e.code).sort()).toEqual([1000, 4001, 4002]);
    expect(new Set(request?.events.map((e) => e.id)).size).toBe(3);
    expect(agent.stats()).toEqual({ queued: 0, sent: 3, dropped: 0, failed: 0, retries: 0 });
  });

  it("splits the queue into batches of maxBatchSize", async () => {
    const collector = await collectorAnswering();
    const { agent } = agentFor(collector.endpoint, { maxBatchSize: 2 });
    for (const code of [4001, 4002, 4003, 4004, 4005]) agent.report({ code });

    await agent.flush();

    expect(collector.requests.map((r) => r.events.map((e) => e.code))).toEqual([[4001, 4002], [4003, 4004], [4005]]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 5, dropped: 0, failed: 0, retries: 0 });
  });

  it("ships on the timer without an explicit flush", async () => {
    const collector = await collectorAnswering();
    const { agent } = agentFor(collector.endpoint, { flushIntervalMs: 20 });
    agent.report({ code: 4001, reason: "manual" });

    const [event] = await collector.waitForDelivered(1);
    expect(event).toMatchObject({ code: 4001, reason: "manual", initiator: "server", service: "chat-api" });
  });

  it("does not keep the process alive: its timer is unref'd", () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    agentFor("http://127.0.0.1:9", { flushIntervalMs: 50 });
    const after = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    expect(after).toBe(before);
  });
});

describe("bounded queue", () => {
  it("drops the oldest events when full, counts each and reports the overflow once", async () => {
    const collector = await collectorAnswering();
    const { agent, problems } = agentFor(collector.endpoint, { maxQueueSize: 3 });
    for (const code of [4001, 4002, 4003, 4004, 4005]) agent.report({ code });

    expect(agent.stats()).toEqual({ queued: 3, sent: 0, dropped: 2, failed: 0, retries: 0 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_QUEUE_FULL"]);
    await agent.flush();

    expect(collector.delivered().map((e) => e.code)).toEqual([4003, 4004, 4005]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 3, dropped: 2, failed: 0, retries: 0 });
  });
});

describe("retries", () => {
  it("keeps a batch after a 5xx and delivers it once on the next tick", async () => {
    const collector = await collectorAnswering((attempt) => (attempt === 1 ? 503 : 202));
    const { agent, problems } = agentFor(collector.endpoint, { flushIntervalMs: 20 });
    agent.report({ code: 4001 });
    agent.report({ code: 4002 });

    await agent.flush();
    expect(agent.stats()).toEqual({ queued: 2, sent: 0, dropped: 0, failed: 0, retries: 1 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_TRANSPORT"]);
    expect(problems[0]?.message).toContain("HTTP 503");

    await waitFor(() => agent.stats().sent === 2, 3000, "the retried batch");
    const delivered = collector.delivered();
    expect(collector.requests.map((r) => r.status)).toEqual([503, 202]);
    // The same bytes are sent again, so the event ids (the collector's dedup key) do not change.
    expect(collector.requests[1]?.body).toBe(collector.requests[0]?.body);
    expect(delivered.map((e) => e.code)).toEqual([4001, 4002]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(collector.requests).toHaveLength(2);
    expect(agent.stats()).toEqual({ queued: 0, sent: 2, dropped: 0, failed: 0, retries: 1 });
  });

  it("drops a batch the collector refuses with 400 and does not retry it", async () => {
    const collector = await collectorAnswering(() => 400);
    const { agent, problems } = agentFor(collector.endpoint, { flushIntervalMs: 20 });
    agent.report({ code: 4001 });
    agent.report({ code: 4002 });

    await agent.flush();
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(collector.requests).toHaveLength(1);
    expect(agent.stats()).toEqual({ queued: 0, sent: 0, dropped: 0, failed: 2, retries: 0 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_REJECTED"]);
    expect(problems[0]?.message).toContain("HTTP 400 COLLECTOR_ERR_TEST: status 400");
  });

  it("retries 429 like a 5xx", async () => {
    const collector = await collectorAnswering((attempt) => (attempt === 1 ? 429 : 202));
    const { agent } = agentFor(collector.endpoint, { flushIntervalMs: 20 });
    agent.report({ code: 4001 });

    // The collector logs the request before the agent reads the answer: wait for the agent.
    await waitFor(() => agent.stats().sent === 1, 3000, "the retried batch");
    expect(collector.requests.map((r) => r.status)).toEqual([429, 202]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 1, dropped: 0, failed: 0, retries: 1 });
  });
});

describe("collector unreachable", () => {
  it("never throws and the host keeps serving", async () => {
    const { agent, problems } = agentFor(await deadEndpoint(), { flushIntervalMs: 20, requestTimeoutMs: 500 });
    const server = await wsServer({}, (ws) => {
      ws.on("message", (data) => {
        if (data.toString() === "quit") agent.closePolicy(ws, "rate_limit", { limit: 1, observed: 2 });
        else ws.send(data);
      });
    });
    agent.instrument(server.wss);

    for (let i = 0; i < 5; i++) {
      const { client, closed } = await connect(server.url);
      client.send(`hello ${i}`);
      expect(await nextMessage(client)).toBe(`hello ${i}`);
      client.send("quit");
      expect(await closed).toEqual({ code: 1008, reason: "rate limit exceeded" });
      // The agent records at the server's 'close', which can come after the client's.
      await server.serverClosed(i);
    }
    await waitFor(() => agent.stats().retries >= 2, 3000, "two retries");

    expect(agent.stats()).toMatchObject({ queued: 5, sent: 0, failed: 0 });
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.code))).toEqual(new Set(["AGENT_ERR_TRANSPORT"]));
    expect(problems[0]?.message).toContain("ECONNREFUSED");

    const started = Date.now();
    await agent.shutdown({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problems.at(-1)?.code).toBe("AGENT_ERR_SHUT_DOWN");
  });

  it("turns bad calls into onError reports instead of exceptions", async () => {
    const { agent, problems } = agentFor(await deadEndpoint());
    // Deliberately wrong at runtime, as a JavaScript caller could pass.
    const junk: unknown = { not: "a server" };
    const noSocket: unknown = null;
    const badEvent: unknown = { code: 99 };

    // Reflect.apply passes them past the types without a cast.
    expect(() => Reflect.apply(agent.instrument, agent, [junk])()).not.toThrow();
    expect(() => Reflect.apply(agent.closePolicy, agent, [noSocket, "rate_limit"])).not.toThrow();
    expect(() => Reflect.apply(agent.report, agent, [badEvent])).not.toThrow();

    expect(problems.map((p) => p.code)).toEqual([
      "AGENT_ERR_INVALID_ARGUMENT",
      "AGENT_ERR_INVALID_ARGUMENT",
      "AGENT_ERR_INVALID_ARGUMENT",
    ]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 0, dropped: 1, failed: 0, retries: 0 });
  });

  it("a throwing onError does not reach the host", async () => {
    const agent = createAgent({
      endpoint: await deadEndpoint(),
      service: "chat-api",
      onError: () => {
        throw new Error("host bug");
      },
    });
    cleanups.push(() => agent.shutdown({ timeoutMs: 200 }));
    agent.report({ code: 4001 });

    await expect(agent.flush()).resolves.toBeUndefined();
    expect(agent.stats().retries).toBe(1);
  });
});

describe("shutdown", () => {
  it("flushes what is queued, then stops recording", async () => {
    const collector = await collectorAnswering();
    const { agent, problems } = agentFor(collector.endpoint);
    const server = await wsServer();
    agent.instrument(server.wss);
    const { client } = await connect(server.url);
    client.close(1000, "done");
    await server.serverClosed(0);

    await agent.shutdown();
    expect(collector.delivered().map((e) => e.code)).toEqual([1000]);

    // After shutdown the server is no longer instrumented: this close is not recorded.
    const second = await connect(server.url);
    second.client.close(4002);
    await server.serverClosed(1);
    agent.report({ code: 4003 });
    await agent.flush();

    expect(collector.delivered().map((e) => e.code)).toEqual([1000]);
    expect(agent.stats()).toEqual({ queued: 0, sent: 1, dropped: 1, failed: 0, retries: 0 });
    expect(problems.map((p) => p.code)).toEqual(["AGENT_ERR_SHUT_DOWN"]);
  });
});
