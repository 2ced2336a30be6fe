import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { LiveMessage } from "@closewatch/protocol";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

function nextMessage(socket: WebSocket): Promise<LiveMessage> {
  return new Promise((resolve, reject) => {
    socket.once("message", (data) => resolve(JSON.parse(String(data)) as LiveMessage));
    socket.once("error", reject);
  });
}

describe("live feed at /api/live", () => {
  let c: TestCollector;
  let url: string;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
    url = (await c.app.listen({ port: 0, host: "127.0.0.1" })).replace("http", "ws");
  });
  afterAll(() => c?.close());

  it("pushes each newly stored event to every dashboard, and never a duplicate", async () => {
    const sockets = [new WebSocket(`${url}/api/live`), new WebSocket(`${url}/api/live`)];
    const hellos = await Promise.all(sockets.map(nextMessage));
    expect(hellos.map((h) => h.type)).toEqual(["hello", "hello"]);

    const event = makeEvent({ code: 1009, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" });
    const pushed = Promise.all(sockets.map(nextMessage));
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [event] } });
    for (const message of await pushed) {
      expect(message.type).toBe("events");
      if (message.type !== "events") continue;
      expect(message.events).toHaveLength(1);
      expect(message.events[0]).toMatchObject({ id: event.id, code: 1009, cause: "message_too_big" });
    }

    // A retried batch stores nothing new, so nothing is pushed: the next message is the new event.
    const next = nextMessage(sockets[0]!);
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [event] } });
    const fresh = makeEvent();
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [fresh] } });
    const message = await next;
    expect(message.type === "events" && message.events.map((e) => e.id)).toEqual([fresh.id]);

    for (const socket of sockets) socket.close(1000, "test done");
  });

  it("closes dashboards with 1001 when the collector shuts down", async () => {
    const socket = new WebSocket(`${url}/api/live`);
    await nextMessage(socket);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    await c.app.close();
    expect(await closed).toBe(1001);
  });
});
