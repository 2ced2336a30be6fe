import { randomUUID } from "node:crypto";
import type { IngestEvent, StoredEvent } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const base = Date.parse("2026-11-25T10:00:00.000Z");
const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
const between = (from: number, to: number) => `from=${encodeURIComponent(at(from))}&to=${encodeURIComponent(at(to))}`;

/** The filter fixtures live in the first hour, the paging fixtures in the second: neither sees the other. */
const FILTERS = between(0, 3600);
const PAGING = between(3600, 7200);

// One event per row, each differing from the others in what a filter looks at.
const e1 = makeEvent({
  occurredAt: at(10), route: "/chat", code: 1009, initiator: "server", reason: "frame in C:\\tmp\\upload too big",
  messageSize: 3_000_000_000, sizeLimit: 1_048_576, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
});
const e2 = makeEvent({
  occurredAt: at(20), route: "/chat", code: 1008, cause: "rate_limit", initiator: "server", reason: "rate limit: quota 100% used",
  evidence: { limit: 50, observed: 73, burst: true },
});
const e3 = makeEvent({ occurredAt: at(30), service: "feed", route: "/feed", code: 1008, cause: "rate_limit", initiator: "server", reason: "RATE_LIMIT exceeded" });
const e4 = makeEvent({ occurredAt: at(40), service: "feed", route: "/chat", code: 1000, initiator: "client", reason: "Quota 1000 used, /tmp cleared" });
const e5 = makeEvent({ occurredAt: at(50), code: 1008, cause: "auth_expired", initiator: "server", reason: "token expired" });
const e6 = makeEvent({ occurredAt: at(60), route: "/chat", code: 1006, initiator: "none" });
const outside = makeEvent({ occurredAt: at(9000), route: "/chat", code: 1008, cause: "rate_limit", initiator: "server", reason: "quota 100% used" });

/**
 * 24 events in the second hour on only 5 distinct instants, so most pages
 * end inside a run of equal occurredAt and only the id can tell where to resume.
 */
const paging: IngestEvent[] = Array.from({ length: 24 }, (_, i) =>
  makeEvent({ occurredAt: at(3700 + (i % 5)), service: i % 2 ? "odd" : "even", code: 1001 }),
);

/** What the API promises: newest first, ties broken by id descending (uuid order is lowercase-hex order). */
function newestFirst(events: readonly IngestEvent[]): string[] {
  return [...events]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((e) => e.id);
}

describe.each(ENGINES)("events API on %s", (engine) => {
  let c: TestCollector;

  const get = (query: string) => c.app.inject(`/api/events?${query}`);
  const ids = async (query: string) => {
    const res = await get(query);
    expect(res.statusCode).toBe(200);
    return res.json().events.map((e: StoredEvent) => e.id);
  };

  /** Follows nextCursor to the end; returns every page's ids. */
  async function walk(query: string): Promise<string[][]> {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await get(cursor === null ? query : `${query}&cursor=${cursor}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { events: StoredEvent[]; nextCursor: string | null };
      pages.push(body.events.map((e) => e.id));
      cursor = body.nextCursor;
      expect(pages.length).toBeLessThan(50); // a cursor that never ends would loop forever
    } while (cursor !== null);
    return pages;
  }

  beforeAll(async () => {
    c = await createTestCollector(engine);
    const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [e1, e2, e3, e4, e5, e6, outside, ...paging] } });
    expect(res.statusCode).toBe(202);
  });
  afterAll(() => c?.close());

  describe("filters", () => {
    it.each([
      ["no filter but the range", "", [e6, e5, e4, e3, e2, e1]],
      ["a narrower range", between(25, 45), [e4, e3]],
      ["service", "service=feed", [e4, e3]],
      ["route", "route=%2Fchat", [e6, e4, e2, e1]],
      ["code", "code=1008", [e5, e3, e2]],
      ["cause", "cause=rate_limit", [e3, e2]],
      ["initiator client", "initiator=client", [e4]],
      ["initiator none", "initiator=none", [e6]],
      ["q, case-insensitive", "q=QUOTA", [e4, e2]],
      ["service and code", "service=chat-api&code=1008", [e5, e2]],
      ["service, route and initiator", "service=chat-api&route=%2Fchat&initiator=server", [e2, e1]],
      ["code, cause and service", "code=1008&cause=rate_limit&service=feed", [e3]],
      ["route and q", "route=%2Fchat&q=quota", [e4, e2]],
      ["filters nothing matches", "service=feed&initiator=none", []],
    ])("narrows by %s", async (_label, query, expected) => {
      const range = query.startsWith("from=") ? "" : `${FILTERS}&`;
      expect(await ids(`${range}${query}`)).toEqual(expected.map((e) => e.id));
    });

    it.each([
      // Unescaped, "%" would also match "Quota 1000 used", "_" the space in "rate limit",
      // and "\t" would mean a plain "t" and match "/tmp".
      ["%", "100%", [e2]],
      ["_", "rate_limit", [e3]],
      ["\\", "\\tmp", [e1]],
    ])("matches %s in q literally", async (_char, q, expected) => {
      expect(await ids(`${FILTERS}&q=${encodeURIComponent(q)}`)).toEqual(expected.map((e) => e.id));
    });

    it("returns events with every stored field", async () => {
      const body = (await get(`${FILTERS}&code=1008&service=feed`)).json();
      expect(body).toEqual({
        nextCursor: null,
        events: [
          {
            id: e3.id,
            occurredAt: e3.occurredAt,
            receivedAt: expect.any(String),
            service: "feed",
            instance: null,
            route: "/feed",
            code: 1008,
            reason: "RATE_LIMIT exceeded",
            initiator: "server",
            cause: "rate_limit",
            causeSource: "agent",
            wsErrorCode: null,
            messageSize: null,
            sizeLimit: null,
            connectionAgeMs: 1000,
            messagesIn: 1,
            messagesOut: 1,
            bytesIn: 10,
            bytesOut: 10,
            evidence: null,
          },
        ],
      });
    });
  });

  describe("cursor pagination", () => {
    it.each([
      [5, 5], // the last page is short
      [4, 6], // the last page is exactly full: nextCursor must still be null after it
      [24, 1],
      [500, 1],
    ])("walks every event once with limit %i (%i pages), ties included", async (limit, pageCount) => {
      const pages = await walk(`${PAGING}&limit=${limit}`);
      expect(pages).toHaveLength(pageCount);
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(pages.flat()).toEqual(newestFirst(paging));
    });

    it("pages under a filter with the same cursor rules", async () => {
      const pages = await walk(`${PAGING}&service=odd&limit=5`);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
      expect(pages.flat()).toEqual(newestFirst(paging.filter((e) => e.service === "odd")));
    });

    it("gives nextCursor null on the last page and a string before it", async () => {
      const first = (await get(`${PAGING}&limit=23`)).json();
      expect(first.events).toHaveLength(23);
      expect(first.nextCursor).toEqual(expect.any(String));
      const last = (await get(`${PAGING}&limit=23&cursor=${first.nextCursor}`)).json();
      expect(last).toEqual({ events: [expect.objectContaining({ id: newestFirst(paging)[23] })], nextCursor: null });
    });

    it("is not shifted by events stored after the first page", async () => {
      const first = (await get(`${PAGING}&limit=10`)).json();
      const newer = makeEvent({ occurredAt: at(3900), service: "even", code: 1001 });
      expect((await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [newer] } })).statusCode).toBe(202);
      try {
        const second = (await get(`${PAGING}&limit=10&cursor=${first.nextCursor}`)).json();
        expect(second.events.map((e: StoredEvent) => e.id)).toEqual(newestFirst(paging).slice(10, 20));
      } finally {
        await c.db.prisma.closeEvent.delete({ where: { id: newer.id } });
      }
    });

    const b64 = (text: string) => Buffer.from(text).toString("base64url");
    it.each([
      ["characters outside base64url", "not a cursor!"],
      ["base64url that is not JSON", b64("hello")],
      ["JSON of the wrong shape", b64(JSON.stringify([1, 2]))],
      ["a time that is not ISO-8601", b64(JSON.stringify({ t: "yesterday", id: randomUUID() }))],
      ["a time in another ISO form", b64(JSON.stringify({ t: "2026-11-25T10:00:00Z", id: randomUUID() }))],
      ["an id that is not a uuid", b64(JSON.stringify({ t: at(0), id: "1; DROP TABLE close_events" }))],
      ["a cursor over the length limit", "A".repeat(201)],
    ])("rejects %s as a validation problem on the cursor", async (_label, cursor) => {
      const res = await get(`${PAGING}&cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body.code).toBe("COLLECTOR_ERR_VALIDATION");
      expect(body.errors.map((e: { path: string }) => e.path)).toEqual(["querystring/cursor"]);
    });

    it("explains a cursor it cannot decode", async () => {
      const body = (await get(`${PAGING}&cursor=${b64("hello")}`)).json();
      expect(body).toMatchObject({
        status: 400,
        detail: "querystring/cursor must be a nextCursor returned by this endpoint",
        errors: [{ path: "querystring/cursor", message: "must be a nextCursor returned by this endpoint" }],
      });
    });
  });

  describe("one event by id", () => {
    it("returns each event exactly as the list returns it", async () => {
      const listed: StoredEvent[] = (await get(FILTERS)).json().events;
      expect(listed).toHaveLength(6);
      for (const event of listed) {
        const res = await c.app.inject(`/api/events/${event.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(event);
      }
      // Big counters, evidence and enums survive both paths (raw SQL for the list, the client for one).
      expect(listed.find((e) => e.id === e1.id)).toMatchObject({
        messageSize: 3_000_000_000, sizeLimit: 1_048_576, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH", cause: "message_too_big", causeSource: "ws_error",
      });
      expect(listed.find((e) => e.id === e2.id)).toMatchObject({ evidence: { limit: 50, observed: 73, burst: true }, causeSource: "agent" });
    });

    it("accepts the id in upper case; the URN form is not a plain uuid", async () => {
      const upper = await c.app.inject(`/api/events/${e4.id.toUpperCase()}`);
      expect(upper.statusCode).toBe(200);
      expect(upper.json().id).toBe(e4.id);
      const urn = await c.app.inject(`/api/events/urn:uuid:${e4.id}`);
      expect(urn.statusCode).toBe(400);
      expect(urn.json()).toMatchObject({ code: "COLLECTOR_ERR_VALIDATION", errors: [{ path: "params/id" }] });
    });

    it("answers an unknown id with 404", async () => {
      const res = await c.app.inject(`/api/events/${randomUUID()}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe("COLLECTOR_ERR_NOT_FOUND");
    });

    it("answers an id that is not a uuid with 400", async () => {
      const res = await c.app.inject("/api/events/not-a-uuid");
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "COLLECTOR_ERR_VALIDATION", errors: [{ path: "params/id" }] });
    });
  });
});

describe("events API in the OpenAPI document", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(() => c?.close());

  it("documents every filter, the cursor and each answer", async () => {
    const doc = (await c.app.inject("/docs")).json();
    const list = doc.paths["/api/events"].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ["cause", "code", "cursor", "from", "initiator", "limit", "q", "route", "service", "to"],
    );
    expect(Object.keys(list.responses).sort()).toEqual(["200", "400"]);
    expect(Object.keys(list.responses["200"].content["application/json"].schema.properties).sort()).toEqual(["events", "nextCursor"]);
    const one = doc.paths["/api/events/{id}"].get;
    expect(one.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    expect(Object.keys(one.responses).sort()).toEqual(["200", "400", "404"]);
  });
});
