import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, metricValue, type TestCollector } from "./support/engines.js";

describe.each(ENGINES)("POST /v1/events on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
  });
  afterAll(() => c?.close());

  const post = (payload: unknown, headers: Record<string, string> = {}) =>
    c.app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { "content-type": "application/json", ...headers },
      payload: typeof payload === "string" || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    });

  it("stores a batch, classifies it and skips ids it already has", async () => {
    const events = [
      makeEvent({ code: 1008, reason: "JWT expired", initiator: "server" }),
      makeEvent({ code: 1009, reason: "", wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH", sizeLimit: 1024 }),
      makeEvent({ code: 1008, cause: "rate_limit", evidence: { limit: 50, observed: 73 } }),
    ];
    const first = await post({ events });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ accepted: 3, duplicates: 0 });

    // The agent retried after a lost acknowledgement, and added one new event.
    const retry = await post({ events: [...events, makeEvent({ code: 1000 })] });
    expect(retry.json()).toEqual({ accepted: 1, duplicates: 3 });

    const rows = await c.db.prisma.closeEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(events[0]!.id)).toMatchObject({ cause: "auth_expired", causeSource: "reason" });
    expect(byId.get(events[1]!.id)).toMatchObject({ cause: "message_too_big", causeSource: "ws_error", sizeLimit: 1024n });
    expect(byId.get(events[2]!.id)).toMatchObject({
      cause: "rate_limit",
      causeSource: "agent",
      evidence: { limit: 50, observed: 73 },
    });

    const metrics = (await c.app.inject("/metrics")).body;
    expect(metricValue(metrics, "closewatch_close_events_total", { service: "chat-api", code: "1008", cause: "rate_limit" })).toBe(1);
    expect(metricValue(metrics, "closewatch_close_events_total", { service: "chat-api", code: "1000", cause: "normal" })).toBe(1);
  });

  it("stores evidence booleans as booleans, not coerced to 0/1 (regression)", async () => {
    const event = makeEvent({ code: 1009, evidence: { sizeIsLowerBound: true, deflate: false, observed: 1, origin: "true" } });
    expect((await post({ events: [event] })).statusCode).toBe(202);
    const row = await c.db.prisma.closeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.evidence).toStrictEqual({ sizeIsLowerBound: true, deflate: false, observed: 1, origin: "true" });
  });

  it("counts an id repeated inside one batch once", async () => {
    const event = makeEvent();
    expect((await post({ events: [event, event] })).json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  it("accepts gzip bodies", async () => {
    const res = await post(gzipSync(JSON.stringify({ events: [makeEvent()] })), { "content-encoding": "gzip" });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it("answers a schema violation with problem+json naming every field", async () => {
    const res = await post({ events: [makeEvent({ code: 999 }), { ...makeEvent(), initiator: "proxy" }] });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe("COLLECTOR_ERR_VALIDATION");
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toContain("body/events/0/code");
    expect(paths.some((p: string) => p.startsWith("body/events/1/initiator"))).toBe(true);
  });

  it("rejects an id in the URN form, which PostgreSQL cannot store (regression: was a 500)", async () => {
    const event = makeEvent();
    const res = await post({ events: [{ ...event, id: `urn:uuid:${event.id}` }] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "COLLECTOR_ERR_VALIDATION", errors: [{ path: "body/events/0/id" }] });
  });

  it("rejects unknown fields instead of dropping them silently", async () => {
    const res = await post({ events: [{ ...makeEvent(), colour: "red" }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/additional properties/);
  });

  it.each([
    ["malformed JSON", "{\"events\": [", {}, 400, "COLLECTOR_ERR_MALFORMED_BODY"],
    ["a corrupt gzip body", Buffer.from("not gzip at all"), { "content-encoding": "gzip" }, 400, "COLLECTOR_ERR_MALFORMED_BODY"],
    ["an unknown encoding", "{}", { "content-encoding": "br" }, 415, "COLLECTOR_ERR_UNSUPPORTED_MEDIA_TYPE"],
    ["a non-JSON content type", "events", { "content-type": "text/plain" }, 415, "COLLECTOR_ERR_UNSUPPORTED_MEDIA_TYPE"],
  ])("answers %s with a stable code", async (_label, payload, headers, status, code) => {
    const res = await post(payload, headers as Record<string, string>);
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe(code);
  });

  it("applies the body limit to the decompressed size (gzip bomb)", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20)); // ~20 KiB compressed, 20 MiB inflated
    const res = await post(bomb, { "content-encoding": "gzip" });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe("COLLECTOR_ERR_BODY_TOO_LARGE");
  });
});
