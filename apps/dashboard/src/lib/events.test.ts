import type { StoredEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { mergeEvents, visibleFeed } from "./events.js";

function ev(id: string, second: number, service = "chat-api"): StoredEvent {
  const at = new Date(Date.UTC(2025, 0, 1, 12, 0, second)).toISOString();
  return {
    id,
    occurredAt: at,
    receivedAt: at,
    service,
    instance: null,
    route: null,
    code: 1008,
    reason: "",
    initiator: "server",
    cause: "rate_limit",
    causeSource: "agent",
    wsErrorCode: null,
    messageSize: null,
    sizeLimit: null,
    connectionAgeMs: 0,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    evidence: null,
  };
}

const ids = (events: StoredEvent[]) => events.map((e) => e.id);

describe("mergeEvents", () => {
  it("orders newest first and drops duplicate ids", () => {
    const merged = mergeEvents([[ev("c", 3), ev("a", 1)], [ev("b", 2), ev("a", 1)]], 10);
    expect(ids(merged)).toEqual(["c", "b", "a"]);
  });

  it("keeps at most `limit` events, the newest ones", () => {
    expect(ids(mergeEvents([[ev("a", 1), ev("b", 2), ev("c", 3)]], 2))).toEqual(["c", "b"]);
  });

  it("orders a live batch that arrives oldest first", () => {
    expect(ids(mergeEvents([[ev("a", 1), ev("b", 2)]], 10))).toEqual(["b", "a"]);
  });
});

describe("visibleFeed", () => {
  const fromMs = Date.UTC(2025, 0, 1, 12, 0, 2);

  it("prepends live events to the fetched page", () => {
    const feed = visibleFeed([ev("old", 5)], [ev("new", 9)], { service: "", fromMs }, 50);
    expect(ids(feed)).toEqual(["new", "old"]);
  });

  it("filters live events by service and range like the page was filtered", () => {
    const live = [ev("other-service", 9, "billing"), ev("too-old", 1), ev("ok", 8)];
    const feed = visibleFeed([], live, { service: "chat-api", fromMs }, 50);
    expect(ids(feed)).toEqual(["ok"]);
  });

  it("shows an event once when the refetched page already contains a live one", () => {
    const feed = visibleFeed([ev("x", 5)], [ev("x", 5)], { service: "", fromMs }, 50);
    expect(ids(feed)).toEqual(["x"]);
  });
});
