import type { IngestEvent } from "@closewatch/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createAgent, type Agent } from "../src/index.js";
import { connect, nextMessage, startCollector, startWsServer, type FakeCollector, type TestServer } from "./helpers.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let collector: FakeCollector;
let agent: Agent;
let server: TestServer | undefined;

beforeEach(async () => {
  collector = await startCollector();
  // A long interval: each test flushes explicitly, so what it reads is deterministic.
  agent = createAgent({ endpoint: collector.endpoint, service: "chat-api", instance: "node-1", flushIntervalMs: 60_000 });
});

afterEach(async () => {
  await agent.shutdown({ timeoutMs: 1000 });
  await server?.close();
  server = undefined;
  await collector.close();
});

/** Host handler used by most cases: echoes messages; the test decides how the connection ends. */
function echo(ws: WebSocket): void {
  ws.on("message", (data, isBinary) => ws.send(data, { binary: isBinary }));
}

/** Flushes and returns the one event shipped, checking the batch met the ingest schema. */
async function onlyEvent(): Promise<IngestEvent> {
  await agent.flush();
  expect(collector.requests.map((r) => r.valid)).toEqual([true]);
  const events = collector.delivered();
  expect(events).toHaveLength(1);
  const [event] = events;
  if (!event) throw new Error("no event");
  expect(event.id).toMatch(UUID);
  expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
  expect(event.connectionAgeMs).toBeGreaterThanOrEqual(0);
  return event;
}

/** The event without the fields that differ on every run. */
function stable(event: IngestEvent): Omit<IngestEvent, "id" | "occurredAt" | "connectionAgeMs"> {
  const { id: _id, occurredAt: _at, connectionAgeMs: _age, ...rest } = event;
  return rest;
}

describe("case 1: message over maxPayload", () => {
  it("records 1009 sent by the server although ws's own 'close' says 1006", async () => {
    server = await startWsServer({ maxPayload: 1024 }, echo);
    agent.instrument(server.wss, { route: "/chat" });
    const { client, closed } = await connect(server.url);
    client.send("hello");
    expect(await nextMessage(client)).toBe("hello");

    client.send("x".repeat(5000));

    expect(await closed).toEqual({ code: 1009, reason: "" });
    expect(await server.serverClosed(0)).toBe(1006); // the trap a naive hook falls into
    expect(stable(await onlyEvent())).toEqual({
      service: "chat-api",
      instance: "node-1",
      route: "/chat",
      code: 1009,
      reason: "",
      initiator: "server",
      cause: "message_too_big",
      wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      sizeLimit: 1024,
      messageSize: 5000,
      messagesIn: 1,
      messagesOut: 1,
      bytesIn: 5,
      bytesOut: 5,
    });
  });
});

describe("case 2: closePolicy", () => {
  it("closes with 1008 and records the cause, evidence and default reason", async () => {
    server = await startWsServer({}, (ws) => {
      ws.on("message", () => agent.closePolicy(ws, "rate_limit", { limit: 50, observed: 73 }));
    });
    agent.instrument(server.wss, { route: "/chat" });
    const { client, closed } = await connect(server.url);
    client.send("spam");

    expect(await closed).toEqual({ code: 1008, reason: "rate limit exceeded" });
    await server.serverClosed(0);
    expect(stable(await onlyEvent())).toEqual({
      service: "chat-api",
      instance: "node-1",
      route: "/chat",
      code: 1008,
      reason: "rate limit exceeded",
      initiator: "server",
      cause: "rate_limit",
      evidence: { limit: 50, observed: 73 },
      messagesIn: 1,
      messagesOut: 0,
      bytesIn: 4,
      bytesOut: 0,
    });
  });

  it("uses the given reason, cut to 123 UTF-8 bytes without splitting a character", async () => {
    const reason = `token expired ${"é".repeat(100)}`; // 214 bytes
    server = await startWsServer({}, (ws) => agent.closePolicy(ws, "auth_expired", { tokenAgeS: 3601 }, reason));
    agent.instrument(server.wss);
    const { closed } = await connect(server.url);

    const seen = await closed;
    expect(seen.code).toBe(1008);
    expect(Buffer.byteLength(seen.reason)).toBe(122); // 14 ASCII bytes + 54 × 2 bytes; a 123rd byte would split "é"
    expect(reason.startsWith(seen.reason)).toBe(true);
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1008, initiator: "server", cause: "auth_expired", reason: seen.reason });
    expect(event.evidence).toEqual({ tokenAgeS: 3601 });
    expect(event.route).toBeUndefined();
  });

  it("records a policy close made inside the host's own 'connection' handler", async () => {
    server = await startWsServer({}, (ws) => agent.closePolicy(ws, "origin_rejected"));
    agent.instrument(server.wss);
    const { closed } = await connect(server.url);

    expect(await closed).toEqual({ code: 1008, reason: "origin not allowed" });
    await server.serverClosed(0);
    expect(await onlyEvent()).toMatchObject({ code: 1008, initiator: "server", cause: "origin_rejected" });
  });

  it("records a policy close on a socket of a server that was not instrumented", async () => {
    server = await startWsServer({}, (ws) => ws.on("message", () => agent.closePolicy(ws, "forbidden", { room: "ops" })));
    const { client, closed } = await connect(server.url);
    client.send("join ops");

    expect(await closed).toEqual({ code: 1008, reason: "forbidden" });
    await server.serverClosed(0);
    expect(stable(await onlyEvent())).toEqual({
      service: "chat-api",
      instance: "node-1",
      code: 1008,
      reason: "forbidden",
      initiator: "server",
      cause: "forbidden",
      evidence: { room: "ops" },
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
    });
  });
});

describe("case 3: the client closes", () => {
  it.each([
    [1000, "bye"],
    [4001, "custom"],
  ])("records %i initiated by the client", async (code, reason) => {
    server = await startWsServer({}, echo);
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);
    client.send("ping!");
    await nextMessage(client);

    client.close(code, reason);

    expect(await closed).toEqual({ code, reason });
    expect(await server.serverClosed(0)).toBe(code);
    expect(await onlyEvent()).toMatchObject({
      code,
      reason,
      initiator: "client",
      messagesIn: 1,
      messagesOut: 1,
      bytesIn: 5,
      bytesOut: 5,
    });
    const event = collector.delivered()[0];
    expect(event?.cause).toBeUndefined();
    expect(event?.wsErrorCode).toBeUndefined();
  });

  it("records 1005 when the client's close frame has no code", async () => {
    server = await startWsServer();
    agent.instrument(server.wss);
    const { client } = await connect(server.url);
    client.close();

    expect(await server.serverClosed(0)).toBe(1005);
    expect(await onlyEvent()).toMatchObject({ code: 1005, reason: "", initiator: "client" });
  });
});

describe("case 4: the server closes", () => {
  it("records 1001 initiated by the server", async () => {
    server = await startWsServer({}, (ws) => ws.on("message", () => ws.close(1001, "shutting down")));
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);
    client.send("hi");

    expect(await closed).toEqual({ code: 1001, reason: "shutting down" });
    await server.serverClosed(0);
    expect(await onlyEvent()).toMatchObject({ code: 1001, reason: "shutting down", initiator: "server", messagesIn: 1 });
  });

  it("records 1005 when the server closes without a code", async () => {
    server = await startWsServer({}, (ws) => ws.close());
    agent.instrument(server.wss);
    const { closed } = await connect(server.url);

    expect((await closed).code).toBe(1005);
    await server.serverClosed(0);
    expect(await onlyEvent()).toMatchObject({ code: 1005, reason: "", initiator: "server" });
  });
});

describe("case 5: the client's socket is destroyed", () => {
  it("records 1006 with no initiator", async () => {
    server = await startWsServer({}, echo);
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);
    client.send("abc");
    await nextMessage(client);

    client.terminate(); // destroys the client's TCP socket: no close frame

    expect((await closed).code).toBe(1006);
    expect(await server.serverClosed(0)).toBe(1006);
    const event = await onlyEvent();
    expect(stable(event)).toEqual({
      service: "chat-api",
      instance: "node-1",
      code: 1006,
      reason: "",
      initiator: "none",
      messagesIn: 1,
      messagesOut: 1,
      bytesIn: 3,
      bytesOut: 3,
    });
  });
});

describe("case 6: the server terminates", () => {
  it("records 1006 with no initiator and terminatedBy server", async () => {
    server = await startWsServer({}, (ws) => ws.on("message", () => ws.terminate()));
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);
    client.send("x");

    expect((await closed).code).toBe(1006);
    expect(await server.serverClosed(0)).toBe(1006);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1006, reason: "", initiator: "none", evidence: { terminatedBy: "server" } });
    expect(event.cause).toBeUndefined();
  });
});

describe("fragment flood (ws maxFragments)", () => {
  it("records 1008 fragment_flood with the ws error code", async () => {
    // ws ≥ 8.21 option, not yet in @types/ws: a variable avoids the excess-property check.
    const options = { maxFragments: 4 };
    server = await startWsServer(options);
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    for (let i = 0; i < 6; i++) client.send("part", { fin: false });
    client.send("end", { fin: true });

    expect((await closed).code).toBe(1008);
    expect(await server.serverClosed(0)).toBe(1006);
    const event = await onlyEvent();
    expect(event).toMatchObject({
      code: 1008,
      initiator: "server",
      cause: "fragment_flood",
      wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS",
    });
    expect(event.sizeLimit).toBeUndefined();
  });
});
