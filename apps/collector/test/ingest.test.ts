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

  it("stores the valid events of a batch with invalid ones and lists those by index (regression: the whole batch was lost)", async () => {
    const good = [makeEvent({ code: 1008, reason: "rate limit exceeded" }), makeEvent({ code: 1009 })];
    const badCode = { ...makeEvent(), code: 999 };
    const badTwice = { ...makeEvent(), initiator: "proxy", colour: "red" };
    const before = (await c.app.inject("/metrics")).body;
    const res = await post({ events: [good[0], badCode, good[1], badTwice] });
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(body.rejected).toEqual([
      { index: 1, errors: [{ path: "body/events/1/code", message: expect.any(String) }] },
      { index: 3, errors: expect.arrayContaining([expect.objectContaining({ path: "body/events/3/initiator" }), expect.objectContaining({ path: "body/events/3" })]) },
    ]);
    expect(body.rejected[1].errors.map((e: { message: string }) => e.message).join(" ")).toMatch(/additional properties/);

    const stored = await c.db.prisma.closeEvent.findMany({ where: { id: { in: [...good, badCode, badTwice].map((e) => e.id) } } });
    expect(stored.map((r) => r.id).sort()).toEqual(good.map((e) => e.id).sort());
    const after = (await c.app.inject("/metrics")).body;
    const rejected = (text: string) => Number(/^closewatch_ingest_rejected_events_total (\S+)$/m.exec(text)?.[1] ?? NaN);
    expect(rejected(after) - rejected(before)).toBe(2);

    // The agent resends the same batch (say, its answer was lost): the good ones are duplicates now.
    const again = await post({ events: [good[0], badCode, good[1], badTwice] });
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 2, rejected: [{ index: 1 }, { index: 3 }] });
  });

  it("omits `rejected` when every event is valid", async () => {
    const res = await post({ events: [makeEvent()] });
    expect(Object.keys(res.json()).sort()).toEqual(["accepted", "duplicates"]);
  });

  it("answers 400 when no event of the batch is valid, and stores nothing", async () => {
    const events = [{ ...makeEvent(), code: "loud" }, { ...makeEvent(), reason: "x".repeat(124) }];
    const res = await post({ events });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "COLLECTOR_ERR_VALIDATION",
      errors: [{ path: "body/events/0/code" }, { path: "body/events/1/reason" }],
    });
    expect(await c.db.prisma.closeEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(0);
  });

  it("refuses an occurredAt that is a valid date-time string but no storable instant (regression: was a 500)", async () => {
    // The first and last storable instants are fine; the rest pass `format: date-time` but cannot be stored.
    const first = makeEvent({ occurredAt: "0001-01-01T00:00:00Z" });
    const last = makeEvent({ occurredAt: "9999-12-31T23:59:59.999Z" });
    const events = [first, makeEvent({ occurredAt: "2016-12-31T23:59:60Z" }), makeEvent({ occurredAt: "0001-01-01T00:30:00+01:00" }), makeEvent({ occurredAt: "9999-12-31T23:30:00-01:00" }), last];
    const res = await post({ events });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({
      accepted: 2,
      rejected: [1, 2, 3].map((index) => ({ index, errors: [{ path: `body/events/${index}/occurredAt` }] })),
    });
    const rows = await c.db.prisma.closeEvent.findMany({ where: { id: { in: [first.id, last.id] } }, orderBy: { occurredAt: "asc" } });
    expect(rows.map((r) => r.occurredAt.toISOString())).toEqual(["0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"]);
  });

  it("stores U+0000 and lone surrogates as U+FFFD instead of failing the group commit (regression: was a 500)", async () => {
    const event = makeEvent({ reason: "a\u0000b\ud800c", route: "/x\u0000", evidence: { origin: "\udc00evil\u0000" } });
    const res = await post({ events: [event] });
    expect(res.statusCode).toBe(202);
    const row = await c.db.prisma.closeEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({ reason: "a\ufffdb\ufffdc", route: "/x\ufffd", evidence: { origin: "\ufffdevil\ufffd" } });
  });

  it("documents the whole event schema and the `rejected` list in /docs, though the route checks the envelope alone", async () => {
    const post = (await c.app.inject("/docs")).json().paths["/v1/events"].post;
    const items = post.requestBody.content["application/json"].schema.properties.events.items;
    expect(Object.keys(items.properties)).toEqual(expect.arrayContaining(["id", "occurredAt", "code", "reason", "initiator"]));
    expect(post.responses["202"].content["application/json"].schema.properties.rejected).toBeDefined();
  });

  it("still refuses an invalid envelope as a whole", async () => {
    for (const payload of [[], { events: [] }, { events: {} }, { events: [makeEvent()], extra: 1 }, { events: Array(5001).fill(1) }]) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
      expect(res.json().code).toBe("COLLECTOR_ERR_VALIDATION");
    }
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
