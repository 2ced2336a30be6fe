import type { AddressInfo } from "node:net";
import { createAgent } from "@closewatch/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { startLossyProxy } from "./support/lossy-proxy.js";
import { createTestCollector, ENGINES, metricValue, type TestCollector } from "./support/engines.js";

const MAX_PAYLOAD = 1024;

/** Opens a client and runs `act` once it is open; resolves when the client has seen the close. */
function client(url: string, act: (ws: WebSocket) => void): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("error", () => {});
    ws.once("open", () => act(ws));
    ws.once("close", (code) => resolve(code));
  });
}

// The whole path, for real: ws server + agent → HTTP (through a hop that loses
// one acknowledgement) → collector → database → /api/summary and /metrics.
describe.each(ENGINES)("end to end on %s", (engine) => {
  let collector: TestCollector;
  let wss: WebSocketServer;
  let wsUrl: string;
  let serverCloses = 0;

  beforeAll(async () => {
    collector = await createTestCollector(engine);
    await collector.app.listen({ port: 0, host: "127.0.0.1" });
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1", maxPayload: MAX_PAYLOAD });
    await new Promise((resolve) => wss.once("listening", resolve));
    wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => wss?.close(resolve));
    await collector?.close();
  });

  it("records each kind of close exactly once, with the right code and cause", async () => {
    const proxy = await startLossyProxy(`http://127.0.0.1:${(collector.app.server.address() as AddressInfo).port}`, 1);
    const agent = createAgent({ endpoint: proxy.url, service: "chat-api", flushIntervalMs: 60_000, onError: () => {} });
    agent.instrument(wss, { route: "/chat" });

    const allClosed = new Promise<void>((resolve) => {
      wss.on("connection", (ws) => {
        ws.on("error", () => {});
        ws.on("message", (data) => {
          const text = String(data);
          if (text === "flood") agent.closePolicy(ws, "rate_limit", { limit: 50, observed: 73 });
          if (text === "leave") ws.close(1001, "server restarting");
        });
        ws.on("close", () => {
          if (++serverCloses === 6) resolve();
        });
      });
    });

    const clientCodes = await Promise.all([
      client(wsUrl, (ws) => ws.send(Buffer.alloc(5000))), // over maxPayload
      client(wsUrl, (ws) => ws.send("flood")), // policy close via closePolicy
      client(wsUrl, (ws) => ws.close(1000, "bye")), // client close
      client(wsUrl, (ws) => ws.close(4001, "session replaced")), // application code
      client(wsUrl, (ws) => ws.send("leave")), // server close
      new Promise<number>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.on("error", () => {});
        ws.once("open", () => {
          ws.terminate(); // the client vanishes without a close frame
          resolve(1006);
        });
      }),
    ]);
    expect(clientCodes).toEqual([1009, 1008, 1000, 4001, 1001, 1006]);
    await allClosed;

    await agent.flush(); // first delivery: stored, but the acknowledgement is lost
    await agent.flush(); // the agent sends the same batch again
    expect(proxy.forwarded).toBe(2);
    expect(agent.stats()).toMatchObject({ sent: 6, queued: 0, failed: 0, dropped: 0 });
    expect(agent.stats().retries).toBeGreaterThanOrEqual(1);
    await agent.shutdown();
    await proxy.close();

    const summary = (await collector.app.inject("/api/summary?service=chat-api")).json();
    expect(summary.total).toBe(6);
    expect(summary.byCause).toEqual(
      expect.arrayContaining([
        { code: 1009, cause: "message_too_big", count: 1 },
        { code: 1008, cause: "rate_limit", count: 1 },
        { code: 1000, cause: "normal", count: 1 },
        { code: 4001, cause: "application", count: 1 },
        { code: 1001, cause: "going_away", count: 1 },
        { code: 1006, cause: "abnormal", count: 1 },
      ]),
    );
    expect(summary.byCause).toHaveLength(6);

    const metrics = (await collector.app.inject("/metrics")).body;
    const count = (code: string, cause: string) =>
      metricValue(metrics, "closewatch_close_events_total", { service: "chat-api", code, cause });
    expect([
      count("1009", "message_too_big"),
      count("1008", "rate_limit"),
      count("1000", "normal"),
      count("4xxx", "application"),
      count("1001", "going_away"),
      count("1006", "abnormal"),
    ]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(metrics).toMatch(/^closewatch_ingest_duplicate_events_total 6$/m);

    const events = (await collector.app.inject("/api/events?code=1009")).json().events;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      initiator: "server",
      route: "/chat",
      sizeLimit: MAX_PAYLOAD,
      wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      causeSource: "agent",
    });
    const policy = (await collector.app.inject("/api/events?code=1008")).json().events[0];
    expect(policy).toMatchObject({ initiator: "server", evidence: { limit: 50, observed: 73 } });
    const bye = (await collector.app.inject("/api/events?code=1000")).json().events[0];
    expect(bye).toMatchObject({ initiator: "client", reason: "bye" });
    const dropped = (await collector.app.inject("/api/events?code=1006")).json().events[0];
    expect(dropped).toMatchObject({ initiator: "none" });
  });
});
