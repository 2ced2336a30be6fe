import type { StoredEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { NO_FILTERS } from "./explorerFilters.js";
import { eventsRequest, matchesFilters, pendingCloses, tableRows, type EventsRequest } from "./eventsRequest.js";

const ANCHOR = Date.UTC(2026, 10, 20, 12, 0, 0);
const at = (secondsFromAnchor: number) => new Date(ANCHOR + secondsFromAnchor * 1000).toISOString();

function ev(id: string, second: number, over: Partial<StoredEvent> = {}): StoredEvent {
  return {
    id,
    occurredAt: at(second),
    receivedAt: at(second),
    service: "chat-api",
    instance: null,
    route: "/chat",
    code: 1009,
    reason: "Max payload size exceeded",
    initiator: "server",
    cause: "message_too_big",
    causeSource: "agent",
    wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
    messageSize: 4096,
    sizeLimit: 2048,
    connectionAgeMs: 12,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
    evidence: null,
    ...over,
  };
}

describe("eventsRequest", () => {
  it("fixes a preset's window at the anchor and leaves unset filters out", () => {
    expect(eventsRequest({ range: "1h", service: "" }, NO_FILTERS, ANCHOR, 50)).toEqual({
      from: at(-3600),
      to: at(0),
      limit: 50,
    });
  });

  it("carries every filter, and keeps a custom window as chosen", () => {
    const range = { from: at(-7200), to: at(-3600) };
    expect(
      eventsRequest(
        { range, service: "chat-api" },
        { code: 1009, cause: "message_too_big", route: "/chat", initiator: "server", q: "too big" },
        ANCHOR,
        5,
      ),
    ).toEqual({
      ...range,
      service: "chat-api",
      code: 1009,
      cause: "message_too_big",
      route: "/chat",
      initiator: "server",
      q: "too big",
      limit: 5,
    });
  });
});

describe("matchesFilters", () => {
  const base: EventsRequest = { from: at(-3600), to: at(0), limit: 50 };

  it("applies each filter like the API", () => {
    const e = ev("a", 0);
    expect(matchesFilters(e, base)).toBe(true);
    expect(matchesFilters(e, { ...base, code: 1008 })).toBe(false);
    expect(matchesFilters(e, { ...base, cause: "frame_too_big" })).toBe(false);
    expect(matchesFilters(e, { ...base, route: "/feed" })).toBe(false);
    expect(matchesFilters(e, { ...base, initiator: "client" })).toBe(false);
    expect(matchesFilters(e, { ...base, service: "feed-api" })).toBe(false);
    expect(matchesFilters(e, { ...base, q: "PAYLOAD SIZE" })).toBe(true); // case-insensitive, like ILIKE
    expect(matchesFilters(e, { ...base, q: "done" })).toBe(false);
  });
});

describe("pendingCloses", () => {
  const request: EventsRequest = { from: at(-3600), to: at(0), code: 1009, limit: 50 };

  it("announces matching live events after the anchor, newest first, and not what is shown", () => {
    const live = [ev("new2", 20), ev("new1", 10), ev("shown", -5), ev("other", 15, { code: 1008 })];
    const pending = pendingCloses({ live, request, shown: new Set(["shown"]), openEnded: true });
    expect(pending.map((e) => e.id)).toEqual(["new2", "new1"]);
  });

  it("counts a late arrival inside the loaded span, but not one that older pages will bring", () => {
    const live = [ev("late", -30), ev("old", -1800)];
    expect(pendingCloses({ live, request, shown: new Set(), openEnded: true }).map((e) => e.id)).toEqual(["late", "old"]);
    const partial = pendingCloses({ live, request, shown: new Set(), openEnded: true, oldestLoaded: at(-600) });
    expect(partial.map((e) => e.id)).toEqual(["late"]);
  });

  it("announces nothing past the end of a fixed window", () => {
    const pending = pendingCloses({ live: [ev("after", 10)], request, shown: new Set(), openEnded: false });
    expect(pending).toEqual([]);
  });
});

describe("tableRows", () => {
  it("keeps the pages' order and merges revealed events by time", () => {
    const rows = tableRows([[ev("c", -1), ev("b", -2)], [ev("a", -3)]], [ev("new", 5), ev("b", -2)]);
    expect(rows.map((e) => e.id)).toEqual(["new", "c", "b", "a"]);
  });

  it("does not hide a row a page repeated (that would hide a paging bug)", () => {
    expect(tableRows([[ev("a", 0)], [ev("a", 0)]], []).map((e) => e.id)).toEqual(["a", "a"]);
  });
});
