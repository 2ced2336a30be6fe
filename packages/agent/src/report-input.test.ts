import { describe, expect, it } from "vitest";
import { normalizeReport } from "./report-input.js";

const defaults = { service: "chat-api", instance: "node-1" };

describe("normalizeReport", () => {
  it("fills in id, time, service, instance, counters and initiator", () => {
    const result = normalizeReport({ code: 1008, reason: "slow down" }, defaults);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      service: "chat-api",
      instance: "node-1",
      code: 1008,
      reason: "slow down",
      initiator: "server",
      connectionAgeMs: 0,
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
    });
    expect(result.problems).toEqual([]);
  });

  it("keeps valid caller fields and defaults 1006 to no initiator", () => {
    const id = "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11";
    const result = normalizeReport(
      { code: 1006, id, occurredAt: "2026-01-01T00:00:00Z", route: "/feed", messagesIn: 3, sizeLimit: 10 },
      defaults,
    );
    expect(result.ok && result.event).toMatchObject({
      id,
      occurredAt: "2026-01-01T00:00:00.000Z",
      route: "/feed",
      initiator: "none",
      messagesIn: 3,
      sizeLimit: 10,
    });
  });

  it("refuses an event without a valid code", () => {
    expect(normalizeReport({ code: 999 }, defaults).ok).toBe(false);
    expect(normalizeReport({ code: "1008" }, defaults).ok).toBe(false);
    expect(normalizeReport(null, defaults).ok).toBe(false);
  });

  it("repairs fields the collector would reject and lists them", () => {
    const result = normalizeReport(
      { code: 1008, id: "nope", cause: "Rate Limit!", wsErrorCode: "bad code", reason: "r".repeat(300), messagesIn: -1 },
      defaults,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event.id).not.toBe("nope");
    expect(result.event.cause).toBeUndefined();
    expect(result.event.wsErrorCode).toBeUndefined();
    expect(result.event.reason).toHaveLength(123);
    expect(result.event.messagesIn).toBe(0);
    expect(result.problems).toHaveLength(3);
  });
});
