import { randomBytes } from "node:crypto";
import { connect as connectTcp } from "node:net";
import type { IngestEvent } from "@closewatch/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createAgent, type Agent, type PolicyCause, type PolicyEvidence } from "../src/index.js";
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
      evidence: { direction: "inbound", deflate: false, compressed: false, frameSize: 5000 },
    });
  });

  it("records the length a single frame's header declared, before its payload arrived", async () => {
    server = await startWsServer({ maxPayload: 1024 });
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    client.send(Buffer.alloc(8 * 1024 * 1024));

    expect((await closed).code).toBe(1009);
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1009, cause: "message_too_big", sizeLimit: 1024, messageSize: 8 * 1024 * 1024 });
    expect(event.evidence).toEqual({ direction: "inbound", deflate: false, compressed: false, frameSize: 8 * 1024 * 1024 });
  });

  it("records a lower bound for a fragmented message rejected before its last fragment", async () => {
    server = await startWsServer({ maxPayload: 1024 });
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    client.send(Buffer.alloc(600), { fin: false });
    client.send(Buffer.alloc(600), { fin: false });

    expect((await closed).code).toBe(1009);
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1009, initiator: "server", cause: "message_too_big", sizeLimit: 1024, messageSize: 1200 });
    expect(event.evidence).toEqual({ direction: "inbound", deflate: false, sizeIsLowerBound: true, compressed: false, frameSize: 600 });
  });

  it("records decompressed_too_big when a message small on the wire inflates past the limit", async () => {
    const deflate = { perMessageDeflate: true } as const;
    server = await startWsServer({ maxPayload: 1024, ...deflate });
    agent.instrument(server.wss, { route: "/upload" });
    const { client, closed } = await connect(server.url, deflate);
    expect(client.extensions).toBe("permessage-deflate");

    client.send("a".repeat(64 * 1024)); // 64 KiB of text: a few dozen bytes compressed

    expect((await closed).code).toBe(1009);
    expect(await server.serverClosed(0)).toBe(1006);
    const event = await onlyEvent();
    expect(stable(event)).toEqual({
      service: "chat-api",
      instance: "node-1",
      route: "/upload",
      code: 1009,
      reason: "",
      initiator: "server",
      cause: "decompressed_too_big",
      wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      sizeLimit: 1024,
      messageSize: 1025, // ws stops inflating at the limit: all that is known is "more than 1024"
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      evidence: {
        direction: "inbound",
        deflate: true,
        sizeIsLowerBound: true,
        compressed: true,
        frameSize: expect.any(Number),
        wireSize: expect.any(Number),
      },
    });
    expect(event.evidence?.wireSize).toBeLessThan(1024);
    expect(event.evidence?.wireSize).toBe(event.evidence?.frameSize);
  });

  it("records deflate, but message_too_big, for an uncompressed message on a deflate connection", async () => {
    const deflate = { perMessageDeflate: true } as const;
    server = await startWsServer({ maxPayload: 1024, ...deflate });
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url, deflate);

    client.send(randomBytes(4096), { compress: false });

    expect((await closed).code).toBe(1009);
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1009, cause: "message_too_big", sizeLimit: 1024, messageSize: 4096 });
    expect(event.evidence).toEqual({ direction: "inbound", deflate: true, compressed: false, frameSize: 4096 });
  });
});

describe("1009 sent by the client (outbound: the client rejected the server's message)", () => {
  it("records the largest recent send as an estimate, without a limit", async () => {
    server = await startWsServer({}, (ws) => ws.on("message", () => ws.send("x".repeat(5000))));
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url, { maxPayload: 1024 });

    client.send("send me something big");

    // The enforcing side (here the client) sees 1006 locally; its peer gets the 1009.
    expect((await closed).code).toBe(1006);
    expect(await server.serverClosed(0)).toBe(1009);
    const event = await onlyEvent();
    expect(stable(event)).toEqual({
      service: "chat-api",
      instance: "node-1",
      code: 1009,
      reason: "",
      initiator: "client",
      cause: "message_too_big",
      messageSize: 5000,
      messagesIn: 1,
      messagesOut: 1,
      bytesIn: 21,
      bytesOut: 5000,
      evidence: { direction: "outbound", deflate: false, sizeIsEstimate: true, sentMsAgo: expect.any(Number) },
    });
    expect(event.sizeLimit).toBeUndefined();
    expect(event.evidence?.sentMsAgo).toBeLessThan(1000);
  });

  it("records a lower bound when the server was still sending a fragmented message", async () => {
    server = await startWsServer({}, (ws) =>
      ws.on("message", () => {
        ws.send("small");
        ws.send(Buffer.alloc(700), { fin: false });
        ws.send(Buffer.alloc(700), { fin: false });
      }),
    );
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url, { maxPayload: 1024 });

    client.send("go");

    expect((await closed).code).toBe(1006);
    expect(await server.serverClosed(0)).toBe(1009);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1009, initiator: "client", messageSize: 1400, messagesOut: 1, bytesOut: 1405 });
    expect(event.evidence).toMatchObject({ direction: "outbound", sizeIsEstimate: true, sizeIsLowerBound: true });
  });

  it("records deflate when the client's limit was hit on the inflated message", async () => {
    const deflate = { perMessageDeflate: true } as const;
    server = await startWsServer(deflate, (ws) => ws.on("message", () => ws.send("a".repeat(100_000))));
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url, { ...deflate, maxPayload: 1024 });

    client.send("go");

    expect((await closed).code).toBe(1006);
    expect(await server.serverClosed(0)).toBe(1009);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1009, initiator: "client", cause: "message_too_big", messageSize: 100_000 });
    expect(event.evidence).toMatchObject({ direction: "outbound", deflate: true, sizeIsEstimate: true });
  });
});

describe("1009 for a frame length ws cannot represent", () => {
  it("records frame_too_big from WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH", async () => {
    server = await startWsServer({ maxPayload: 1024 });
    agent.instrument(server.wss);
    const url = new URL(server.url);
    // A hand-made client: no library sends a frame header declaring more than 2^53 - 1 bytes.
    const socket = connectTcp(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write(
      `GET / HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      if (received.length === 1) {
        // FIN + binary, MASK + 127 (64-bit length), length 2^60, then a mask.
        socket.write(Buffer.from([0x82, 0xff, 0x10, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
      }
    });
    socket.on("error", () => {});

    await server.serverClosed(0);
    socket.destroy();
    const closeFrame = Buffer.concat(received).subarray(Buffer.concat(received).indexOf("\r\n\r\n") + 4);
    expect(closeFrame.subarray(0, 4)).toEqual(Buffer.from([0x88, 0x02, 0x03, 0xf1])); // close, 2 bytes, 1009
    const event = await onlyEvent();
    expect(event).toMatchObject({
      code: 1009,
      initiator: "server",
      cause: "frame_too_big",
      wsErrorCode: "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH",
      evidence: { direction: "inbound", deflate: false },
    });
    expect(event.sizeLimit).toBeUndefined();
    expect(event.messageSize).toBeUndefined();
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

describe("fragment flood (ws ≥ 8.21 closes with 1008 itself)", () => {
  it("records 1008 fragment_flood with the parts, against a lowered maxFragments", async () => {
    server = await startWsServer({ maxFragments: 4 });
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    for (let i = 0; i < 6; i++) client.send("part", { fin: false });
    client.send("end", { fin: true });

    expect((await closed).code).toBe(1008);
    expect(await server.serverClosed(0)).toBe(1006);
    const event = await onlyEvent();
    expect(stable(event)).toEqual({
      service: "chat-api",
      instance: "node-1",
      code: 1008,
      reason: "",
      initiator: "server",
      cause: "fragment_flood",
      wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS",
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      evidence: { parts: 5, partsKind: "fragments", partsLimit: 4 },
    });
  });

  it("records a flood of tiny fragments against ws's default maxFragments (16384)", async () => {
    server = await startWsServer();
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    // 16385 one-byte fragments: about 110 KB on the wire, well under a second.
    const part = Buffer.from("p");
    for (let i = 0; i <= 16 * 1024; i++) client.send(part, { fin: false });

    expect((await closed).code).toBe(1008);
    await server.serverClosed(0);
    expect(await onlyEvent()).toMatchObject({
      code: 1008,
      initiator: "server",
      cause: "fragment_flood",
      wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS",
      evidence: { parts: 16 * 1024 + 1, partsKind: "fragments", partsLimit: 16 * 1024 },
    });
  });

  it("records too many buffered chunks (maxBufferedChunks) as fragment_flood too", async () => {
    server = await startWsServer({ maxBufferedChunks: 2 });
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);

    client.send(Buffer.alloc(1024 * 1024)); // one frame, read from the socket in many chunks

    expect((await closed).code).toBe(1008);
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({
      code: 1008,
      cause: "fragment_flood",
      wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS",
      evidence: { parts: 3, partsKind: "chunks", partsLimit: 2 },
    });
    expect(event.sizeLimit).toBeUndefined();
  });
});

describe("closePolicy evidence per cause", () => {
  const cases: { cause: PolicyCause; evidence?: PolicyEvidence; reason: string; recorded: Record<string, unknown> | undefined }[] = [
    { cause: "rate_limit", evidence: { limit: 50, observed: 73, windowMs: 1000 }, reason: "rate limit exceeded", recorded: { limit: 50, observed: 73, windowMs: 1000 } },
    {
      cause: "auth_expired",
      evidence: { tokenLifetimeMs: 3_600_000, expiredAt: new Date(Date.UTC(2026, 0, 1, 12)) },
      reason: "authentication expired",
      recorded: { tokenLifetimeMs: 3_600_000, expiredAt: "2026-01-01T12:00:00.000Z" },
    },
    { cause: "auth_invalid", evidence: { scheme: "bearer", detail: "bad signature" }, reason: "authentication failed", recorded: { scheme: "bearer", detail: "bad signature" } },
    { cause: "forbidden", evidence: { resource: "room:ops", permission: "read" }, reason: "forbidden", recorded: { resource: "room:ops", permission: "read" } },
    {
      cause: "origin_rejected",
      evidence: { origin: "https://evil.example", allowed: ["https://app.example", "https://admin.example"] },
      reason: "origin not allowed",
      recorded: { origin: "https://evil.example", allowed: "https://app.example,https://admin.example" },
    },
    { cause: "content_rejected", evidence: { rule: "no-links", detail: "url in message" }, reason: "invalid message content", recorded: { rule: "no-links", detail: "url in message" } },
    {
      cause: "limit_exceeded",
      evidence: { resource: "subscriptions", limit: 100, observed: 101 },
      reason: "subscriptions limit exceeded",
      recorded: { resource: "subscriptions", limit: 100, observed: 101 },
    },
    { cause: "fragment_flood", evidence: { parts: 5000 }, reason: "too many message fragments", recorded: { parts: 5000 } },
    { cause: "unspecified", evidence: { tenant: "acme" }, reason: "policy violation", recorded: { tenant: "acme" } },
    { cause: "auth_expired", reason: "authentication expired", recorded: undefined },
  ];

  it.each(cases)("$cause records its evidence and default reason", async ({ cause, evidence, reason, recorded }) => {
    const problems: string[] = [];
    await agent.shutdown({ timeoutMs: 100 });
    agent = createAgent({ endpoint: collector.endpoint, service: "chat-api", instance: "node-1", flushIntervalMs: 60_000, onError: (e) => problems.push(e.message) });
    server = await startWsServer({}, (ws) => ws.on("message", () => agent.closePolicy(ws, cause, evidence)));
    agent.instrument(server.wss);
    const { client, closed } = await connect(server.url);
    await new Promise((resolve) => setTimeout(resolve, 20)); // some connection age
    client.send("go");

    expect(await closed).toEqual({ code: 1008, reason });
    await server.serverClosed(0);
    const event = await onlyEvent();
    expect(event).toMatchObject({ code: 1008, reason, initiator: "server", cause });
    expect(event.evidence).toEqual(recorded);
    // Without tokenAgeMs the connection's age still stands in for the token's.
    expect(event.connectionAgeMs).toBeGreaterThanOrEqual(15);
    expect(problems).toEqual([]);
  });

  it("reports evidence that misses documented keys, still closes, and passes extra keys through", async () => {
    const problems: string[] = [];
    await agent.shutdown({ timeoutMs: 100 });
    agent = createAgent({ endpoint: collector.endpoint, service: "chat-api", flushIntervalMs: 60_000, onError: (e) => problems.push(e.message) });
    // What an untyped (JavaScript) caller can pass.
    const untyped = { observed: "73", route: "/chat" } as unknown as PolicyEvidence<"rate_limit">;
    server = await startWsServer({}, (ws) => agent.closePolicy(ws, "rate_limit", untyped));
    agent.instrument(server.wss);
    const { closed } = await connect(server.url);

    expect(await closed).toEqual({ code: 1008, reason: "rate limit exceeded" });
    await server.serverClosed(0);
    expect((await onlyEvent()).evidence).toEqual({ observed: "73", route: "/chat" });
    expect(problems).toEqual([
      'closePolicy(): rate_limit evidence should have "limit" (a finite number); rate_limit evidence "observed" should be a finite number',
    ]);
  });
});
