import type { IngestEvent } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { createRedactor, REDACTED } from "./redact.js";
import { redactEvent } from "./redact-event.js";

const base: IngestEvent = {
  id: "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11",
  occurredAt: "2026-01-01T00:00:00.000Z",
  service: "chat-api",
  code: 1008,
  reason: "",
  initiator: "server",
  connectionAgeMs: 0,
  messagesIn: 0,
  messagesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
};

describe("redactEvent", () => {
  const redactor = createRedactor([]);

  it("redacts the reason, the labels and string evidence, and nothing else", () => {
    const event = redactEvent(
      {
        ...base,
        reason: "auth failed for bob@example.com",
        service: "svc?api_key=k1",
        instance: "pod-7",
        route: "/chat?token=abc",
        cause: "auth_invalid",
        evidence: { scheme: "bearer", detail: "Bearer abc123def456ghi", limit: 5, strict: true },
      },
      redactor,
    );
    expect(event).toEqual({
      ...base,
      reason: `auth failed for ${REDACTED}`,
      service: `svc?api_key=${REDACTED}`,
      instance: "pod-7",
      route: `/chat?token=${REDACTED}`,
      cause: "auth_invalid",
      evidence: { scheme: "bearer", detail: `Bearer ${REDACTED}`, limit: 5, strict: true },
    });
  });

  it("keeps every field within the ingest limits when markers are longer than what they replace", () => {
    const emails = Array.from({ length: 20 }, () => "a@b.io").join(" "); // 139 characters
    const event = redactEvent(
      { ...base, reason: emails.slice(0, 123), route: emails.repeat(2).slice(0, 200), evidence: { who: emails.repeat(2).slice(0, 200) } },
      redactor,
    );
    expect(Buffer.byteLength(event.reason)).toBeLessThanOrEqual(123);
    expect(event.reason.startsWith(`${REDACTED} ${REDACTED}`)).toBe(true);
    expect(event.route?.length).toBeLessThanOrEqual(200);
    expect(String(event.evidence?.who).length).toBeLessThanOrEqual(200);
    const service = redactEvent({ ...base, service: "x@y.io ".repeat(14).slice(0, 100) }, redactor).service;
    expect(service.length).toBeLessThanOrEqual(100);
  });
});
