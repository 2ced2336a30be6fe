import { describe, expect, it } from "vitest";
import { Compile } from "typebox/compile";
import { IngestBatch } from "./ingest.js";

const valid = {
  id: "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11",
  occurredAt: "2026-11-25T10:00:00.000Z",
  service: "chat-api",
  code: 1009,
  reason: "",
  initiator: "server",
  cause: "message_too_big",
  sizeLimit: 1024,
  connectionAgeMs: 12,
  messagesIn: 1,
  messagesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
};

describe("IngestBatch schema", () => {
  const check = Compile(IngestBatch);

  it("accepts a well-formed event", () => {
    expect(check.Check({ events: [valid] })).toBe(true);
  });

  it.each([
    ["unknown property", { ...valid, extra: 1 }],
    ["code below the range", { ...valid, code: 999 }],
    ["reason longer than a close frame allows", { ...valid, reason: "x".repeat(124) }],
    ["negative size", { ...valid, sizeLimit: -1 }],
    ["bad initiator", { ...valid, initiator: "proxy" }],
    ["cause that is not an id", { ...valid, cause: "Rate Limit!" }],
    ["evidence key that is not an identifier (regression: admitted with any value)", { ...valid, evidence: { "bad key": { deep: [1] } } }],
  ])("rejects %s", (_label, event) => {
    expect(check.Check({ events: [event] })).toBe(false);
  });

  it("rejects an empty batch", () => {
    expect(check.Check({ events: [] })).toBe(false);
  });
});
