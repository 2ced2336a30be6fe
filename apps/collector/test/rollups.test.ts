import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const hour = Date.parse("2026-11-24T10:00:00.000Z");
const at = (seconds: number) => new Date(hour + seconds * 1000).toISOString();

describe.each(ENGINES)("rollups on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine, { CLOSEWATCH_INGEST_QUEUE_EVENTS: "5000" });
  });
  afterAll(() => c?.close());

  const post = (events: unknown[]) => c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });

  it("count exactly the new rows, per minute and per hour, whatever is retried", async () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      makeEvent({ occurredAt: at(i * 20), code: i % 3 === 0 ? 1009 : 1000, wsErrorCode: i % 3 === 0 ? "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" : undefined, service: i % 2 ? "a" : "b" }),
    );
    await Promise.all([post(events.slice(0, 200)), post(events.slice(100, 300)), post(events.slice(50, 150))]);

    const raw = await c.db.prisma.closeEvent.groupBy({ by: ["service", "code", "cause"], _count: { _all: true } });
    const sums = async (table: "closeRollupMinute" | "closeRollupHour") => {
      const groups =
        table === "closeRollupMinute"
          ? await c.db.prisma.closeRollupMinute.groupBy({ by: ["service", "code", "cause"], where: { service: { not: "" } }, _sum: { count: true } })
          : await c.db.prisma.closeRollupHour.groupBy({ by: ["service", "code", "cause"], where: { service: { not: "" } }, _sum: { count: true } });
      return Object.fromEntries(groups.map((g) => [`${g.service}/${g.code}/${g.cause}`, Number(g._sum.count)]));
    };
    const expected = Object.fromEntries(raw.map((g) => [`${g.service}/${g.code}/${g.cause}`, g._count._all]));
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBe(300);
    expect(await sums("closeRollupMinute")).toEqual(expected);
    expect(await sums("closeRollupHour")).toEqual(expected);
    // …and the all-services rows (service '') hold the same totals per code and cause.
    const all = await c.db.prisma.closeRollupHour.groupBy({ by: ["code", "cause"], where: { service: "" }, _sum: { count: true } });
    expect(all.reduce((n, g) => n + Number(g._sum.count), 0)).toBe(300);
    // 300 events 20 s apart span 100 minutes, i.e. two clock hours.
    expect(await c.db.prisma.closeRollupMinute.count({ where: { service: "a", code: 1000 } })).toBe(100);
    expect(await c.db.prisma.closeRollupHour.count({ where: { service: "a", code: 1000 } })).toBe(2);
  });

  it("give the same answers as counting raw rows, for unaligned ranges too", async () => {
    const base = Date.parse("2026-11-20T08:00:00.000Z");
    const events = Array.from({ length: 2000 }, (_, i) =>
      makeEvent({ occurredAt: new Date(base + i * 7_777).toISOString(), service: "exact", code: [1000, 1008, 1009][i % 3], cause: i % 3 === 1 ? "rate_limit" : undefined }),
    );
    for (let i = 0; i < events.length; i += 500) await post(events.slice(i, i + 500));
    const ranges = [
      ["2026-11-20T08:17:31.250Z", "2026-11-20T11:42:09.999Z"],
      ["2026-11-20T09:00:00.000Z", "2026-11-20T10:00:00.000Z"],
      ["2026-11-20T09:59:10.000Z", "2026-11-20T09:59:50.000Z"],
    ];
    for (const [from, to] of ranges) {
      const summary = (await c.app.inject(`/api/summary?service=exact&from=${from}&to=${to}`)).json();
      const raw = await c.db.prisma.closeEvent.groupBy({
        by: ["code", "cause"],
        where: { service: "exact", occurredAt: { gte: new Date(from!), lt: new Date(to!) } },
        _count: { _all: true },
      });
      const expected = raw.map((g) => ({ code: g.code, cause: g.cause, count: g._count._all }));
      expect(summary.byCause).toEqual(expect.arrayContaining(expected));
      expect(summary.byCause).toHaveLength(expected.length);
      const series = (await c.app.inject(`/api/timeseries?service=exact&from=${from}&to=${to}&bucketSeconds=300`)).json();
      const seriesTotal = series.points.reduce((n: number, p: { counts: Record<string, number> }) => n + Object.values(p.counts).reduce((a, b) => a + b, 0), 0);
      expect(seriesTotal).toBe(summary.total);
    }
  });

  // PGlite executes on the collector's own thread, so one request's write ends before
  // the next request is read and the queue never holds more than one batch there.
  it.skipIf(engine === "PGlite")("answers 503 with Retry-After when the queue is full, and stores what it acknowledged", async () => {
    const batch = () => Array.from({ length: 5000 }, () => makeEvent({ occurredAt: at(0) }));
    const [first, second] = [batch(), batch()];
    // Another session holds the table: the first batch's write waits, filling the queue.
    const release = await c.db.session(async (session) => {
      await session.exec("BEGIN; LOCK TABLE close_events IN EXCLUSIVE MODE");
      const pending = post(first);
      await new Promise((r) => setTimeout(r, 300));
      const refused = await post(second);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers["retry-after"]).toBe("1");
      expect(refused.json().code).toBe("COLLECTOR_ERR_QUEUE_FULL");
      await session.exec("COMMIT");
      return pending;
    });
    expect(release.statusCode).toBe(202);
    expect(release.json()).toEqual({ accepted: 5000, duplicates: 0 });
    expect(await c.db.prisma.closeEvent.count({ where: { id: { in: second.map((e) => e.id) } } })).toBe(0);
  });
});

describe.each(ENGINES)("service cap on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine, { CLOSEWATCH_MAX_SERVICE_LABELS: "2" });
  });
  afterAll(() => c?.close());

  it("counts services beyond the cap as 'other' in rollups and metrics, and keeps their raw events", async () => {
    const events = ["a", "b", "c", "d", "a"].map((service) => makeEvent({ service, occurredAt: at(0) }));
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });
    const rollups = await c.db.prisma.closeRollupHour.findMany({ where: { service: { not: "" } }, orderBy: { service: "asc" } });
    expect(rollups.map((r) => [r.service, Number(r.count)])).toEqual([["a", 2], ["b", 1], ["other", 2]]);
    const metrics = (await c.app.inject("/metrics")).body;
    expect(metrics).toMatch(/closewatch_close_events_total\{service="other",code="1000",cause="normal"\} 2/);
    expect(metrics).not.toMatch(/service="c"/);
    expect(await c.db.prisma.closeEvent.count({ where: { service: "c" } })).toBe(1);
  });
});
