import type { IngestEvent } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const t = (hms: string) => `2026-11-25T${hms}.000Z`;
// 09:29:30–11:40:20 reads raw rows for 09:29:30–09:30 and 11:40–11:40:20, the
// minute rollup for 09:30–10:00 and 11:00–11:40, and the hour rollup for 10:00–11:00.
const FROM = t("09:29:30");
const TO = t("11:40:20");
const range = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;
const RANGE_MINUTES = 7850 / 60;

const times = (n: number, overrides: Partial<IngestEvent>) => Array.from({ length: n }, () => makeEvent(overrides));

/**
 * Four series, each with closes in every part of the range:
 * chat-api /chat 8, feed (no route) 6, chat-api /upload 4, feed /chat 3; plus closes just outside.
 */
function traffic(): IngestEvent[] {
  const chat = { service: "chat-api", route: "/chat" };
  const upload = { service: "chat-api", route: "/upload" };
  const feedChat = { service: "feed", route: "/chat" };
  const feed = { service: "feed" };
  return [
    ...times(1, { ...chat, occurredAt: t("09:29:40"), code: 1008, cause: "rate_limit" }),
    ...times(2, { ...chat, occurredAt: t("09:45:00"), code: 1000 }),
    ...times(2, { ...chat, occurredAt: t("10:15:00"), code: 1008, cause: "rate_limit" }),
    ...times(1, { ...chat, occurredAt: t("10:15:00"), code: 1009, cause: "message_too_big" }),
    ...times(1, { ...chat, occurredAt: t("11:20:00"), code: 1001 }),
    ...times(1, { ...chat, occurredAt: t("11:40:10"), code: 1008, cause: "rate_limit" }),
    ...times(3, { ...upload, occurredAt: t("10:30:00"), code: 1009, cause: "message_too_big" }),
    ...times(1, { ...upload, occurredAt: t("11:40:05"), code: 1000 }),
    ...times(1, { ...feedChat, occurredAt: t("09:29:50"), code: 1000 }),
    ...times(1, { ...feedChat, occurredAt: t("09:50:00"), code: 1000 }),
    ...times(1, { ...feedChat, occurredAt: t("10:50:00"), code: 1008, cause: "auth_expired" }),
    ...times(5, { ...feed, occurredAt: t("10:05:00"), code: 1000 }),
    ...times(1, { ...feed, occurredAt: t("11:39:00"), code: 1001 }),
    // Outside the range, in the same minutes as its edges and beyond.
    ...times(1, { ...chat, occurredAt: t("09:29:10"), code: 1008, cause: "rate_limit" }),
    ...times(1, { ...chat, occurredAt: t("11:40:30"), code: 1008, cause: "rate_limit" }),
    ...times(1, { ...feedChat, occurredAt: t("12:30:00"), code: 1000 }),
    ...times(1, { ...feed, occurredAt: t("08:00:00"), code: 1000 }),
  ];
}

const pointTotal = (p: { counts: Record<string, number> }) => Object.values(p.counts).reduce((a, b) => a + b, 0);

describe.each(ENGINES)("route filter and GET /api/services on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
    const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: traffic() } });
    expect(res.statusCode).toBe(202);
  });
  afterAll(() => c?.close());

  const get = async (url: string) => {
    const res = await c.app.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("stores routes in the rollups next to the all-services rows, which keep route ''", async () => {
    const hour = await c.db.prisma.closeRollupHour.findMany({ where: { bucket: new Date(t("10:00:00")) } });
    const rows = hour.map((r) => `${r.service}|${r.route}|${r.code}|${r.cause}|${r.count}`).sort();
    expect(rows).toEqual([
      "||1000|normal|5",
      "||1008|auth_expired|1",
      "||1008|rate_limit|2",
      "||1009|message_too_big|4",
      "chat-api|/chat|1008|rate_limit|2",
      "chat-api|/chat|1009|message_too_big|1",
      "chat-api|/upload|1009|message_too_big|3",
      "feed||1000|normal|5",
      "feed|/chat|1008|auth_expired|1",
    ].sort());
  });

  it("sums the per-service rows of a route in summaries, across hour, minute and raw parts", async () => {
    expect(await get(`/api/summary?${range}&route=/chat`)).toEqual({
      range: { from: FROM, to: TO },
      total: 11,
      byCode: [
        { code: 1008, count: 5 },
        { code: 1000, count: 4 },
        { code: 1001, count: 1 },
        { code: 1009, count: 1 },
      ],
      byCause: [
        { code: 1000, cause: "normal", count: 4 },
        { code: 1008, cause: "rate_limit", count: 4 },
        { code: 1001, cause: "going_away", count: 1 },
        { code: 1008, cause: "auth_expired", count: 1 },
        { code: 1009, cause: "message_too_big", count: 1 },
      ],
    });
    expect((await get(`/api/summary?${range}&route=/chat&service=feed`)).total).toBe(3);
    expect((await get(`/api/summary?${range}&route=/upload&code=1009`)).byCause).toEqual([{ code: 1009, cause: "message_too_big", count: 3 }]);
    expect((await get(`/api/summary?${range}&service=feed`)).total).toBe(9);
    expect((await get(`/api/summary?${range}`)).total).toBe(21);
    expect((await get(`/api/summary?${range}&route=/nowhere`)).total).toBe(0);
  });

  it("agrees with counting raw rows for each route", async () => {
    for (const route of ["/chat", "/upload"]) {
      const raw = await c.db.prisma.closeEvent.count({ where: { route, occurredAt: { gte: new Date(FROM), lt: new Date(TO) } } });
      expect((await get(`/api/summary?${range}&route=${route}`)).total).toBe(raw);
    }
  });

  it("filters series by route, per hour, per minute and below a minute", async () => {
    const hourly = await get(`/api/timeseries?${range}&route=/chat&bucketSeconds=3600`);
    expect(hourly.points).toEqual([
      { t: t("09:00:00"), counts: { "1000": 4, "1008": 1 } },
      { t: t("10:00:00"), counts: { "1008": 3, "1009": 1 } },
      { t: t("11:00:00"), counts: { "1001": 1, "1008": 1 } },
    ]);
    const perMinute = await get(`/api/timeseries?${range}&route=/chat&bucketSeconds=60`);
    expect(perMinute.points).toHaveLength(132);
    expect(perMinute.points.filter((p: { counts: object }) => Object.keys(p.counts).length > 0)).toEqual([
      { t: t("09:29:00"), counts: { "1000": 1, "1008": 1 } },
      { t: t("09:45:00"), counts: { "1000": 2 } },
      { t: t("09:50:00"), counts: { "1000": 1 } },
      { t: t("10:15:00"), counts: { "1008": 2, "1009": 1 } },
      { t: t("10:50:00"), counts: { "1008": 1 } },
      { t: t("11:20:00"), counts: { "1001": 1 } },
      { t: t("11:40:00"), counts: { "1008": 1 } },
    ]);
    const raw = await get(`/api/timeseries?${range}&route=/chat&bucketSeconds=30`);
    expect(raw.points.reduce((n: number, p: { counts: Record<string, number> }) => n + pointTotal(p), 0)).toBe(11);
  });

  it("passes the route to the counts behind insights", async () => {
    const size = async (query: string) =>
      (await get(`/api/insights?${range}${query}`)).insights.find((i: { id: string }) => i.id === "size_limit:1009:message_too_big")?.eventsAffected;
    expect(await size("")).toBe(4);
    expect(await size("&route=/upload")).toBe(3);
    expect(await size("&route=/chat")).toBe(1);
  });

  it("lists services and routes by total, with rate, codes and the top abnormal cause", async () => {
    expect(await get(`/api/services?${range}`)).toEqual({
      range: { from: FROM, to: TO },
      rows: [
        {
          service: "chat-api",
          route: "/chat",
          total: 8,
          perMinute: 8 / RANGE_MINUTES,
          byCode: [
            { code: 1008, count: 4 },
            { code: 1000, count: 2 },
            { code: 1001, count: 1 },
            { code: 1009, count: 1 },
          ],
          topCause: { code: 1008, cause: "rate_limit", count: 4 },
        },
        {
          service: "feed",
          route: null,
          total: 6,
          perMinute: 6 / RANGE_MINUTES,
          byCode: [
            { code: 1000, count: 5 },
            { code: 1001, count: 1 },
          ],
          topCause: null,
        },
        {
          service: "chat-api",
          route: "/upload",
          total: 4,
          perMinute: 4 / RANGE_MINUTES,
          byCode: [
            { code: 1009, count: 3 },
            { code: 1000, count: 1 },
          ],
          topCause: { code: 1009, cause: "message_too_big", count: 3 },
        },
        {
          service: "feed",
          route: "/chat",
          total: 3,
          perMinute: 3 / RANGE_MINUTES,
          byCode: [
            { code: 1000, count: 2 },
            { code: 1008, count: 1 },
          ],
          topCause: { code: 1008, cause: "auth_expired", count: 1 },
        },
      ],
    });
  });

  it("applies service, route, code and cause filters to the rows", async () => {
    const rows = async (query: string) =>
      (await get(`/api/services?${range}&${query}`)).rows.map((r: { service: string; route: string | null; total: number }) => [r.service, r.route, r.total]);
    expect(await rows("route=/chat")).toEqual([
      ["chat-api", "/chat", 8],
      ["feed", "/chat", 3],
    ]);
    expect(await rows("service=feed")).toEqual([
      ["feed", null, 6],
      ["feed", "/chat", 3],
    ]);
    expect(await rows("code=1000")).toEqual([
      ["feed", null, 5],
      ["chat-api", "/chat", 2],
      ["feed", "/chat", 2],
      ["chat-api", "/upload", 1],
    ]);
    expect(await rows("code=1008&cause=rate_limit")).toEqual([["chat-api", "/chat", 4]]);
    expect(await rows("service=nobody")).toEqual([]);
  });

  it("rejects bad parameters with a validation problem", async () => {
    for (const query of ["route=", "code=999", "from=yesterday", `from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`]) {
      const res = await c.app.inject(`/api/services?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe("COLLECTOR_ERR_VALIDATION");
    }
    expect((await c.app.inject(`/api/summary?route=${"r".repeat(201)}`)).statusCode).toBe(400);
  });
});

describe.each(ENGINES)("route cap on %s", (engine) => {
  let c: TestCollector;
  const hour = Date.parse("2026-11-25T10:00:00.000Z");
  const at = (seconds: number) => new Date(hour + seconds * 1000).toISOString();
  const post = async (app: TestCollector["app"], events: IngestEvent[]) => {
    const res = await app.inject({ method: "POST", url: "/v1/events", payload: { events } });
    expect(res.statusCode).toBe(202);
  };
  const rollupRows = async (bucket: string) =>
    (await c.db.prisma.closeRollupHour.findMany({ where: { bucket: new Date(bucket), service: { not: "" } } }))
      .map((r) => `${r.service} ${r.route || "-"} ${r.count}`)
      .sort();

  beforeAll(async () => {
    c = await createTestCollector(engine, { CLOSEWATCH_MAX_SERVICE_LABELS: "2", CLOSEWATCH_MAX_ROUTES_PER_SERVICE: "2" });
    const route = (service: string, route: string | undefined, seconds = 0) => makeEvent({ service, route, occurredAt: at(seconds) });
    await post(c.app, [
      // a: two routes of its own, then two more that fold; closes without a route never fold.
      route("a", "/r1"), route("a", "/r2"), route("a", "/r3"), route("a", "/r4"), route("a", "/r1"), route("a", undefined), route("a", ""),
      // b has its own budget, untouched by a's flood.
      route("b", "/x1"), route("b", "/x2"), route("b", "/x3"),
      // c and d are beyond the service cap: 'other', whose routes are capped like any service's.
      route("c", "/c1"), route("d", "/d1"), route("c", "/c2"),
    ]);
    // Inside the partial first minute of the range queried below: read from raw rows.
    await post(c.app, [route("a", "/r9", 3630), route("c", "/c1", 3640), route("a", "/r2", 3650)]);
  });
  afterAll(() => c?.close());

  it("folds routes beyond each service's cap into 'other' in the rollups, and keeps them in raw events", async () => {
    expect(await rollupRows(at(0))).toEqual(
      ["a - 2", "a /r1 2", "a /r2 1", "a other 2", "b /x1 1", "b /x2 1", "b other 1", "other /c1 1", "other /d1 1", "other other 1"].sort(),
    );
    expect(await c.db.prisma.closeEvent.count({ where: { route: "/r3" } })).toBe(1);
    // The all-services row stays one row per code and cause, with route ''.
    const all = await c.db.prisma.closeRollupHour.findMany({ where: { bucket: new Date(at(0)), service: "" } });
    expect(all.map((r) => [r.route, r.code, Number(r.count)])).toEqual([["", 1000, 13]]);
  });

  it("shows folded services and routes as 'other' in /api/services, raw edges included", async () => {
    const from = encodeURIComponent(at(3620));
    const to = encodeURIComponent(at(3720));
    const rows = (await c.app.inject(`/api/services?from=${from}&to=${to}`)).json().rows;
    expect(rows.map((r: { service: string; route: string | null; total: number }) => [r.service, r.route, r.total])).toEqual([
      ["a", "/r2", 1],
      ["a", "other", 1],
      ["other", "/c1", 1],
    ]);
    const filtered = (await c.app.inject(`/api/services?from=${from}&to=${to}&service=other&route=/c1`)).json().rows;
    expect(filtered.map((r: { service: string; total: number }) => [r.service, r.total])).toEqual([["other", 1]]);
  });

  it("remembers which routes have their own series across restarts", async () => {
    const restarted = await buildApp({ config: c.config, db: c.db, logger: false });
    try {
      await post(restarted, [makeEvent({ service: "a", route: "/r1", occurredAt: at(7200) }), makeEvent({ service: "a", route: "/r5", occurredAt: at(7200) })]);
    } finally {
      await restarted.close();
    }
    const next = await c.db.prisma.closeRollupHour.findMany({ where: { bucket: new Date(at(7200)), service: "a" }, orderBy: { route: "asc" } });
    expect(next.map((r) => [r.route, Number(r.count)])).toEqual([
      ["/r1", 1],
      ["other", 1],
    ]);
  });
});
