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
          ? await c.db.prisma.closeRollupMinute.groupBy({ by: ["service", "code", "cause"], _sum: { count: true } })
          : await c.db.prisma.closeRollupHour.groupBy({ by: ["service", "code", "cause"], _sum: { count: true } });
      return Object.fromEntries(groups.map((g) => [`${g.service}/${g.code}/${g.cause}`, Number(g._sum.count)]));
    };
    const expected = Object.fromEntries(raw.map((g) => [`${g.service}/${g.code}/${g.cause}`, g._count._all]));
    expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBe(300);
    expect(await sums("closeRollupMinute")).toEqual(expected);
    expect(await sums("closeRollupHour")).toEqual(expected);
    // 300 events 20 s apart span 100 minutes, i.e. two clock hours.
    expect(await c.db.prisma.closeRollupMinute.count({ where: { service: "a", code: 1000 } })).toBe(100);
    expect(await c.db.prisma.closeRollupHour.count({ where: { service: "a", code: 1000 } })).toBe(2);
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
