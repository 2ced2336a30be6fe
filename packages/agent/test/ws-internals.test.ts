import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer, type ServerOptions } from "ws";
import { readAttemptedMessageSize, readCloseFrameReceived } from "../src/ws-internals.js";
import { connect } from "./helpers.js";

/**
 * Guards for the ws internals the agent relies on (see src/ws-internals.ts),
 * checked on plain ws without the agent. If one of these fails after a ws
 * upgrade, the agent records the wrong initiator or size: fix
 * src/ws-internals.ts before anything else.
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

/** A bare ws server whose sockets log every close() call with ws's `_closeFrameReceived` at that moment. */
async function spyServer(options: ServerOptions = {}): Promise<{ url: string; calls: CloseCall[]; events: string[]; closed: Promise<number> }> {
  const wss = new WebSocketServer({ ...options, port: 0, host: "127.0.0.1" });
  servers.push(wss);
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const calls: CloseCall[] = [];
  const events: string[] = [];
  let resolveClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (resolveClosed = resolve));
  wss.on("connection", (ws) => {
    const close = ws.close;
    ws.close = function (this: WebSocket, ...args: Parameters<WebSocket["close"]>) {
      calls.push({ args, frameReceived: readCloseFrameReceived(this) });
      events.push(`close(${String(args[0])})`);
      return Reflect.apply(close, this, args);
    };
    ws.on("error", (err: Error & { code?: string }) => {
      events.push(`error ${err.code ?? ""}`);
      events.push(`size ${String(readAttemptedMessageSize(ws))}`);
    });
    ws.on("close", (code) => resolveClosed(code));
    ws.on("message", () => ws.close(1001, "server says bye"));
  });
  const { port } = wss.address() as AddressInfo;
  return { url: `ws://127.0.0.1:${port}`, calls, events, closed };
}

describe("ws internals the agent relies on", () => {
  it("ws echoes a client's close through websocket.close() with _closeFrameReceived already true", async () => {
    const spy = await spyServer();
    const { client } = await connect(spy.url);
    client.close(4001, "custom");
    await spy.closed;

    expect(spy.calls, "ws no longer echoes via close() with _closeFrameReceived set").toHaveLength(1);
    expect(spy.calls[0]?.frameReceived, "WebSocket#_closeFrameReceived changed").toBe(true);
    expect(spy.calls[0]?.args[0]).toBe(4001);
  });

  it("_closeFrameReceived is false when the server initiates", async () => {
    const spy = await spyServer();
    const { client } = await connect(spy.url);
    client.send("trigger");
    await spy.closed;

    expect(spy.calls[0]?.frameReceived, "WebSocket#_closeFrameReceived changed").toBe(false);
    expect(spy.calls[0]?.args).toEqual([1001, "server says bye"]);
  });

  it("maxPayload: close(1009) on the instance, then 'error' with the size readable, then 'close' 1006", async () => {
    const spy = await spyServer({ maxPayload: 1024 });
    const { client, closed } = await connect(spy.url);
    client.send(Buffer.alloc(5000));

    expect(await spy.closed).toBe(1006);
    expect((await closed).code).toBe(1009);
    expect(spy.events, "receiverOnError no longer calls websocket.close(err[kStatusCode]) before emitting 'error'").toEqual([
      "close(1009)",
      "error WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      "size 5000",
    ]);
  });

  it("a fragmented message over maxPayload has no knowable size", async () => {
    const spy = await spyServer({ maxPayload: 1024 });
    const { client } = await connect(spy.url);
    client.send(Buffer.alloc(800), { fin: false });
    client.send(Buffer.alloc(800), { fin: false });
    await spy.closed;

    expect(spy.events).toEqual(["close(1009)", "error WS_ERR_UNSUPPORTED_MESSAGE_LENGTH", "size undefined"]);
  });
});
