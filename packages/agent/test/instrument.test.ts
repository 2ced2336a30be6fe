import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createAgent, type Agent } from "../src/index.js";
import { connect, startCollector, waitFor, type FakeCollector } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ collector: FakeCollector; agent: Agent; wss: WebSocketServer; url: string }> {
  const collector = await startCollector();
  cleanups.push(() => collector.close());
  const agent = createAgent({ endpoint: collector.endpoint, service: "chat-api", flushIntervalMs: 60_000, onError: () => {} });
  cleanups.push(() => agent.shutdown({ timeoutMs: 500 }));
  // A bare server: these tests look at listeners, so no helper adds any.
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return { collector, agent, wss, url: `ws://127.0.0.1:${port}` };
}

function nextConnection(wss: WebSocketServer): Promise<WebSocket> {
  return new Promise((resolve) => wss.once("connection", resolve));
}

const WRAPPED = ["close", "terminate", "send", "emit"] as const;

describe("instrument", () => {
  it("adds no listener to sockets, so an unhandled socket 'error' still throws as before", async () => {
    const { agent, wss, url } = await setup();
    const seen: (string | symbol)[][] = [];
    wss.on("connection", (ws) => seen.push(ws.eventNames()));
    await connect(url); // baseline: ws's own clientTracking 'close' listener
    agent.instrument(wss);
    const socketPromise = nextConnection(wss);
    await connect(url);
    const ws = await socketPromise;

    expect(seen).toEqual([["close"], ["close"]]);
    expect(ws.listenerCount("error")).toBe(0);
    expect(ws.listenerCount("close")).toBe(1);
    expect(() => ws.emit("error", new Error("host has no error listener"))).toThrow("host has no error listener");
  });

  it("adds exactly one 'connection' listener, ahead of the host's, and undo removes it", async () => {
    const { agent, wss } = await setup();
    const host = (): void => {};
    wss.on("connection", host);

    const undo = agent.instrument(wss);
    expect(wss.listenerCount("connection")).toBe(2);
    expect(wss.listeners("connection")[1]).toBe(host);

    undo();
    undo(); // idempotent
    expect(wss.listeners("connection")).toEqual([host]);
  });

  it("undo restores the sockets' own methods and stops recording", async () => {
    const { collector, agent, wss, url } = await setup();
    const undo = agent.instrument(wss);
    const socketPromise = nextConnection(wss);
    const { client, closed } = await connect(url);
    const ws = await socketPromise;
    for (const name of WRAPPED) expect(Object.hasOwn(ws, name)).toBe(true);

    undo();

    for (const name of WRAPPED) {
      expect(Object.hasOwn(ws, name)).toBe(false);
      expect(ws[name]).toBe(WebSocket.prototype[name]);
    }
    ws.on("error", () => {});
    ws.on("message", (data) => ws.send(data));
    client.send("still works");
    expect((await new Promise<Buffer>((resolve) => client.once("message", resolve))).toString()).toBe("still works");
    ws.close(1001, "bye");
    expect(await closed).toEqual({ code: 1001, reason: "bye" });

    // A connection made after undo is not touched either.
    const laterPromise = nextConnection(wss);
    const later = await connect(url);
    const laterWs = await laterPromise;
    laterWs.on("error", () => {});
    for (const name of WRAPPED) expect(Object.hasOwn(laterWs, name)).toBe(false);
    later.client.close(1000);
    await later.closed;
    // Wait for the server side too: that is where a leftover hook would record.
    await waitFor(() => ws.readyState === WebSocket.CLOSED && laterWs.readyState === WebSocket.CLOSED);

    await agent.flush();
    expect(collector.requests).toHaveLength(0);
  });

  it("puts methods back after the connection closes", async () => {
    const { collector, agent, wss, url } = await setup();
    agent.instrument(wss);
    const socketPromise = nextConnection(wss);
    const { client } = await connect(url);
    const ws = await socketPromise;
    const closedOnServer = new Promise((resolve) => ws.once("close", resolve));
    client.close(1000);
    await closedOnServer;

    for (const name of WRAPPED) expect(Object.hasOwn(ws, name)).toBe(false);
    await agent.flush();
    expect(collector.delivered().map((e) => e.code)).toEqual([1000]);
  });

  it("leaves a wrapper the host installed after the agent in place on undo", async () => {
    const { agent, wss, url } = await setup();
    const undo = agent.instrument(wss);
    let hostSends = 0;
    wss.on("connection", (ws) => {
      ws.send = new Proxy(ws.send, {
        apply(target, thisArg, args) {
          hostSends++;
          return Reflect.apply(target, thisArg, args);
        },
      });
    });
    const socketPromise = nextConnection(wss);
    const { client } = await connect(url);
    const ws = await socketPromise;
    ws.on("error", () => {});

    undo();
    ws.send("one");
    await new Promise((resolve) => client.once("message", resolve));

    expect(hostSends).toBe(1);
    expect(Object.hasOwn(ws, "send")).toBe(true);
    expect(Object.hasOwn(ws, "close")).toBe(false);
  });

  it("instrumenting the same server twice records each close once", async () => {
    const { collector, agent, wss, url } = await setup();
    agent.instrument(wss);
    agent.instrument(wss);
    const socketPromise = nextConnection(wss);
    const { client } = await connect(url);
    const ws = await socketPromise;
    ws.on("error", () => {});
    client.close(4001);
    await waitFor(() => ws.readyState === WebSocket.CLOSED);

    await agent.flush();
    expect(collector.delivered().map((e) => e.code)).toEqual([4001]);
  });
});
