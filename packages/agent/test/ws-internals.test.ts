import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer, type ClientOptions, type ServerOptions } from "ws";
import { readBufferedParts, readCloseFrameReceived, readDeflateNegotiated, readInboundSize } from "../src/ws-internals.js";
import { connect } from "./helpers.js";

/**
 * Guards for the ws internals the agent relies on (see src/ws-internals.ts),
 * checked on plain ws without the agent. If one of these fails after a ws
 * upgrade, the agent records the wrong initiator, size or cause: fix
 * src/ws-internals.ts before anything else. Every assertion names the
 * internal it guards.
 */

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const wss of servers.splice(0)) {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
});

interface CloseCall {
  args: unknown[];
  frameReceived: boolean | undefined;
}

/** The receiver's fields the agent reads, as they were when ws emitted 'error'. */
type ReceiverSnapshot = Record<(typeof RECEIVER_FIELDS)[number], unknown>;
const RECEIVER_FIELDS = [
  "_payloadLength",
  "_totalPayloadLength",
  "_messageLength",
  "_fin",
  "_compressed",
  "_maxPayload",
  "_numFragments",
  "_maxFragments",
  "_buffers",
  "_maxBufferedChunks",
] as const;

interface ErrorSeen {
  code: string | undefined;
  receiver: ReceiverSnapshot | undefined;
  inbound: ReturnType<typeof readInboundSize>;
  parts: ReturnType<typeof readBufferedParts>;
}

interface Spy {
  url: string;
  wss: WebSocketServer;
  calls: CloseCall[];
  events: string[];
  errors: ErrorSeen[];
  sockets: WebSocket[];
  closed: Promise<number>;
}

/** A bare ws server whose sockets log every close() call with ws's `_closeFrameReceived` at that moment. */
async function spyServer(options: ServerOptions = {}): Promise<Spy> {
  const wss = new WebSocketServer({ ...options, port: 0, host: "127.0.0.1" });
  servers.push(wss);
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const calls: CloseCall[] = [];
  const events: string[] = [];
  const errors: ErrorSeen[] = [];
  const sockets: WebSocket[] = [];
  let resolveClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  wss.on("connection", (ws) => {
    sockets.push(ws);
    const close = ws.close;
    ws.close = function (this: WebSocket, ...args: Parameters<WebSocket["close"]>) {
      calls.push({ args, frameReceived: readCloseFrameReceived(this) });
      events.push(`close(${String(args[0])})`);
      return Reflect.apply(close, this, args);
    };
    ws.on("error", (err: Error & { code?: string }) => {
      events.push(`error ${err.code ?? ""}`);
      const receiver: unknown = Reflect.get(ws, "_receiver");
      errors.push({
        code: err.code,
        receiver:
          typeof receiver === "object" && receiver !== null
            ? (Object.fromEntries(
                RECEIVER_FIELDS.map((name) => {
                  const value: unknown = Reflect.get(receiver, name);
                  return [name, Array.isArray(value) ? [...value] : value];
                }),
              ) as ReceiverSnapshot)
            : undefined,
        inbound: readInboundSize(ws, undefined),
        parts: readBufferedParts(ws),
      });
    });
    ws.on("close", (code) => resolveClosed(code));
    ws.on("message", () => ws.close(1001, "server says bye"));
  });
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, wss, calls, events, errors, sockets, closed };
}

async function connectWith(url: string, options: ClientOptions): Promise<WebSocket> {
  const client = new WebSocket(url, options);
  client.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    client.once("open", () => resolve());
    client.once("error", reject);
  });
  return client;
}

/** The one error the spy saw, with its receiver snapshot; fails naming `_receiver` if there is none. */
async function onlyError(spy: Spy): Promise<ErrorSeen & { receiver: ReceiverSnapshot }> {
  await spy.closed;
  expect(spy.errors).toHaveLength(1);
  const [seen] = spy.errors;
  expect(seen?.receiver, "ws internal WebSocket#_receiver changed").toBeDefined();
  if (!seen?.receiver) throw new Error("unreachable");
  return { ...seen, receiver: seen.receiver };
}

describe("ws internals the agent relies on", () => {
  describe("WebSocket#_closeFrameReceived (who initiated)", () => {
    it("ws echoes a client's close through websocket.close() with _closeFrameReceived already true", async () => {
      const spy = await spyServer();
      const { client } = await connect(spy.url);
      client.close(4001, "custom");
      await spy.closed;

      expect(spy.calls, "ws no longer echoes via close() with _closeFrameReceived set").toHaveLength(1);
      expect(spy.calls[0]?.frameReceived, "ws internal WebSocket#_closeFrameReceived changed").toBe(true);
      expect(spy.calls[0]?.args[0]).toBe(4001);
    });

    it("_closeFrameReceived is false when the server initiates", async () => {
      const spy = await spyServer();
      const { client } = await connect(spy.url);
      client.send("trigger");
      await spy.closed;

      expect(spy.calls[0]?.frameReceived, "ws internal WebSocket#_closeFrameReceived changed").toBe(false);
      expect(spy.calls[0]?.args).toEqual([1001, "server says bye"]);
    });
  });

  describe("maxPayload (WS_ERR_UNSUPPORTED_MESSAGE_LENGTH → 1009)", () => {
    it("close(1009) on the instance, then 'error', then 'close' 1006", async () => {
      const spy = await spyServer({ maxPayload: 1024 });
      const { client, closed } = await connect(spy.url);
      client.send(Buffer.alloc(5000));

      expect(await spy.closed).toBe(1006);
      expect((await closed).code).toBe(1009);
      expect(spy.events, "receiverOnError no longer calls websocket.close(err[kStatusCode]) before emitting 'error'").toEqual([
        "close(1009)",
        "error WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      ]);
    });

    it("a single oversized frame: Receiver#_payloadLength and _totalPayloadLength hold the declared length before the payload arrives", async () => {
      const spy = await spyServer({ maxPayload: 1024 });
      const { client } = await connect(spy.url);
      client.send(Buffer.alloc(8 * 1024 * 1024));
      const seen = await onlyError(spy);

      expect(seen.code).toBe("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH");
      expect(seen.receiver._payloadLength, "ws internal Receiver#_payloadLength changed").toBe(8 * 1024 * 1024);
      expect(seen.receiver._totalPayloadLength, "ws internal Receiver#_totalPayloadLength changed").toBe(8 * 1024 * 1024);
      expect(seen.receiver._fin, "ws internal Receiver#_fin changed").toBe(true);
      expect(seen.receiver._compressed, "ws internal Receiver#_compressed changed").toBe(false);
      expect(seen.receiver._maxPayload, "ws internal Receiver#_maxPayload changed").toBe(1024);
      expect(seen.inbound).toEqual({
        messageSize: 8 * 1024 * 1024,
        sizeIsLowerBound: false,
        frameSize: 8 * 1024 * 1024,
        compressed: false,
        wireSize: undefined,
        whileInflating: false,
      });
    });

    it("a fragmented message: _totalPayloadLength sums the fragments so far (a lower bound before the last)", async () => {
      const spy = await spyServer({ maxPayload: 1024 });
      const { client } = await connect(spy.url);
      client.send(Buffer.alloc(800), { fin: false });
      client.send(Buffer.alloc(800), { fin: false });
      const seen = await onlyError(spy);

      expect(seen.receiver._payloadLength, "ws internal Receiver#_payloadLength changed").toBe(800);
      expect(seen.receiver._totalPayloadLength, "ws internal Receiver#_totalPayloadLength changed").toBe(1600);
      expect(seen.receiver._fin, "ws internal Receiver#_fin changed").toBe(false);
      expect(seen.inbound).toMatchObject({ messageSize: 1600, sizeIsLowerBound: true, frameSize: 800 });
    });

    it("the last fragment of a message: _totalPayloadLength is its exact size", async () => {
      const spy = await spyServer({ maxPayload: 1024 });
      const { client } = await connect(spy.url);
      client.send(Buffer.alloc(800), { fin: false });
      client.send(Buffer.alloc(900), { fin: true });
      const seen = await onlyError(spy);

      expect(seen.receiver._fin, "ws internal Receiver#_fin changed").toBe(true);
      expect(seen.inbound).toMatchObject({ messageSize: 1700, sizeIsLowerBound: false, frameSize: 900 });
    });
  });

  describe("permessage-deflate and maxPayload", () => {
    const deflate = { perMessageDeflate: true } as const;

    it("WebSocket#extensions (public) names permessage-deflate when negotiated, also after the close", async () => {
      const plain = await spyServer({ maxPayload: 1024 });
      const compressed = await spyServer({ maxPayload: 1024, ...deflate });
      const a = await connectWith(plain.url, {});
      const b = await connectWith(compressed.url, deflate);
      a.close();
      b.close();
      await Promise.all([plain.closed, compressed.closed]);

      expect(plain.sockets[0]?.extensions, "WebSocket#extensions changed").toBe("");
      expect(compressed.sockets[0]?.extensions, "WebSocket#extensions changed").toBe("permessage-deflate");
      expect(b.extensions).toBe("permessage-deflate");
      expect(plain.sockets[0] && readDeflateNegotiated(plain.sockets[0], undefined)).toBe(false);
      expect(compressed.sockets[0] && readDeflateNegotiated(compressed.sockets[0], undefined)).toBe(true);
    });

    it("one frame that inflates past the limit: permessage-deflate raises WS_ERR_UNSUPPORTED_MESSAGE_LENGTH while Receiver#_totalPayloadLength is under it", async () => {
      const spy = await spyServer({ maxPayload: 1024, ...deflate });
      const client = await connectWith(spy.url, deflate);
      client.send("a".repeat(100_000)); // ~100 bytes on the wire
      const seen = await onlyError(spy);

      expect(spy.events, "the inflate path no longer closes with 1009 before 'error'").toEqual([
        "close(1009)",
        "error WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      ]);
      expect(seen.receiver._compressed, "ws internal Receiver#_compressed changed").toBe(true);
      expect(seen.receiver._totalPayloadLength, "ws internal Receiver#_totalPayloadLength changed").toEqual(expect.any(Number));
      expect(seen.receiver._totalPayloadLength as number, "Receiver#_totalPayloadLength is no longer the wire size while inflating").toBeLessThanOrEqual(1024);
      expect(seen.receiver._messageLength, "ws internal Receiver#_messageLength changed").toBe(0);
      expect(seen.inbound).toMatchObject({ messageSize: 1025, sizeIsLowerBound: true, compressed: true, whileInflating: true });
      expect(seen.inbound?.wireSize).toBe(seen.receiver._totalPayloadLength);
    });

    it("fragments that inflate past the limit together: Receiver#_messageLength is their inflated sum", async () => {
      const spy = await spyServer({ maxPayload: 1024, ...deflate });
      const client = await connectWith(spy.url, deflate);
      for (let i = 0; i < 4; i++) client.send("a".repeat(600), { fin: i === 3 });
      const seen = await onlyError(spy);

      expect(seen.code).toBe("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH");
      expect(seen.receiver._messageLength, "ws internal Receiver#_messageLength changed").toBe(1200);
      expect(seen.inbound).toMatchObject({ messageSize: 1200, sizeIsLowerBound: true, compressed: true, whileInflating: true });
    });

    it("a compressed message over the limit on the wire is rejected by Receiver#haveLength", async () => {
      const spy = await spyServer({ maxPayload: 1024, ...deflate });
      const client = await connectWith(spy.url, deflate);
      client.send(randomBytes(5000)); // incompressible: more than 1024 bytes on the wire
      const seen = await onlyError(spy);

      expect(seen.receiver._compressed, "ws internal Receiver#_compressed changed").toBe(true);
      expect(seen.receiver._totalPayloadLength as number).toBeGreaterThan(1024);
      expect(seen.inbound).toMatchObject({ sizeIsLowerBound: false, compressed: true, whileInflating: false });
      expect(seen.inbound?.messageSize).toBe(seen.receiver._totalPayloadLength);
    });
  });

  describe("fragment flood (WS_ERR_TOO_MANY_BUFFERED_PARTS → 1008, ws ≥ 8.21)", () => {
    it("the server options maxFragments and maxBufferedChunks exist, with 8.23's defaults, and reach the receiver", async () => {
      const spy = await spyServer();
      const options: Record<string, unknown> = { ...spy.wss.options };
      expect(options.maxFragments, "WebSocketServer option maxFragments changed").toBe(16 * 1024);
      expect(options.maxBufferedChunks, "WebSocketServer option maxBufferedChunks changed").toBe(256 * 1024);
      const { client } = await connect(spy.url);
      client.close();
      await spy.closed;
      const receiver: unknown = Reflect.get(spy.sockets[0] ?? {}, "_receiver");
      expect(receiver, "ws internal WebSocket#_receiver changed").toBeTypeOf("object");
      expect(Reflect.get(receiver as object, "_maxFragments"), "ws internal Receiver#_maxFragments changed").toBe(16 * 1024);
      expect(Reflect.get(receiver as object, "_maxBufferedChunks"), "ws internal Receiver#_maxBufferedChunks changed").toBe(256 * 1024);
    });

    it("too many fragments: close(1008), 'error', and Receiver#_numFragments is one past _maxFragments", async () => {
      const spy = await spyServer({ maxFragments: 4 });
      const { client, closed } = await connect(spy.url);
      for (let i = 0; i < 6; i++) client.send("p", { fin: false });
      const seen = await onlyError(spy);

      expect((await closed).code).toBe(1008);
      expect(spy.events).toEqual(["close(1008)", "error WS_ERR_TOO_MANY_BUFFERED_PARTS"]);
      expect(seen.receiver._numFragments, "ws internal Receiver#_numFragments changed").toBe(5);
      expect(seen.receiver._maxFragments, "ws internal Receiver#_maxFragments changed").toBe(4);
      expect(seen.parts).toEqual({ parts: 5, kind: "fragments", limit: 4 });
    });

    it("too many buffered chunks: Receiver#_buffers holds _maxBufferedChunks reads", async () => {
      const spy = await spyServer({ maxBufferedChunks: 2 });
      const { client, closed } = await connect(spy.url);
      client.send(Buffer.alloc(1024 * 1024)); // arrives in many socket reads, buffered until the frame is complete
      const seen = await onlyError(spy);

      expect((await closed).code).toBe(1008);
      expect(seen.code).toBe("WS_ERR_TOO_MANY_BUFFERED_PARTS");
      expect(Array.isArray(seen.receiver._buffers), "ws internal Receiver#_buffers changed").toBe(true);
      expect((seen.receiver._buffers as unknown[]).length, "ws internal Receiver#_buffers changed").toBe(2);
      expect(seen.receiver._maxBufferedChunks, "ws internal Receiver#_maxBufferedChunks changed").toBe(2);
      expect(seen.parts).toEqual({ parts: 3, kind: "chunks", limit: 2 });
    });
  });
});
