import type { StoredEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { isCompleteStoredEvent, isEventsPage } from "./guards.js";

const event: StoredEvent = {
  id: "0b6f9c55-4a3e-4ab0-9b1c-2a8e2b0c8f11",
  occurredAt: "2026-11-20T14:05:09.123Z",
  receivedAt: "2026-11-20T14:05:09.300Z",
  service: "chat-api",
  instance: null,
  route: "/chat",
  code: 1009,
  reason: "",
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
  evidence: { limit: 2048, compressed: false },
};

describe("isEventsPage", () => {
  it("accepts a page with its cursor, or null on the last page", () => {
    expect(isEventsPage({ events: [event], nextCursor: "eyJ0IjoiIn0" })).toBe(true);
    expect(isEventsPage({ events: [], nextCursor: null })).toBe(true);
  });

  it("rejects a page without nextCursor: the explorer could not tell whether more exist", () => {
    expect(isEventsPage({ events: [event] })).toBe(false);
    expect(isEventsPage({ events: [event], nextCursor: 3 })).toBe(false);
  });
});

describe("isCompleteStoredEvent", () => {
  it("accepts every field the detail shows, nulls where the schema allows them", () => {
    expect(isCompleteStoredEvent(event)).toBe(true);
    expect(
      isCompleteStoredEvent({ ...event, route: null, wsErrorCode: null, messageSize: null, sizeLimit: null, evidence: null }),
    ).toBe(true);
  });

  it("rejects an event missing a field or with a wrong type", () => {
    const { bytesOut: _, ...partial } = event;
    expect(isCompleteStoredEvent(partial)).toBe(false);
    expect(isCompleteStoredEvent({ ...event, messageSize: "4096" })).toBe(false);
    expect(isCompleteStoredEvent({ ...event, connectionAgeMs: -1 })).toBe(false);
    expect(isCompleteStoredEvent({ ...event, evidence: { nested: { a: 1 } } })).toBe(false);
  });
});
