import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffDelay, liveUrl, parseLiveMessage } from "./live.js";

describe("liveUrl", () => {
  it("follows the page protocol", () => {
    expect(liveUrl({ protocol: "http:", host: "127.0.0.1:4000" })).toBe("ws://127.0.0.1:4000/api/live");
    expect(liveUrl({ protocol: "https:", host: "cw.example.com" })).toBe("wss://cw.example.com/api/live");
  });
});

describe("backoffDelay", () => {
  it("grows exponentially", () => {
    const mid = () => 0.5;
    expect(backoffDelay(0, mid)).toBeLessThan(backoffDelay(1, mid));
    expect(backoffDelay(1, mid)).toBeLessThan(backoffDelay(2, mid));
  });

  it("never exceeds the cap, even after many attempts", () => {
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(1000, () => 0.99)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
  });

  it("waits at least half the step, so jitter cannot make it a busy loop", () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(50, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});

describe("parseLiveMessage", () => {
  it("reads hello", () => {
    expect(parseLiveMessage('{"type":"hello","serverTime":"2025-01-01T00:00:00.000Z"}')).toEqual({
      type: "hello",
      serverTime: "2025-01-01T00:00:00.000Z",
    });
  });

  it("keeps well-formed events and drops malformed ones", () => {
    const good = {
      id: "e1",
      occurredAt: "2025-01-01T00:00:00.000Z",
      service: "chat-api",
      code: 1009,
      cause: "message_too_big",
      reason: "",
    };
    const msg = parseLiveMessage(JSON.stringify({ type: "events", events: [good, { id: 3 }] }));
    expect(msg?.type).toBe("events");
    expect(msg?.type === "events" && msg.events.map((e) => e.id)).toEqual(["e1"]);
  });

  it("ignores garbage and unknown message types", () => {
    expect(parseLiveMessage("not json")).toBeUndefined();
    expect(parseLiveMessage("null")).toBeUndefined();
    expect(parseLiveMessage('{"type":"bye"}')).toBeUndefined();
  });
});
