import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOldData } from "../src/services/retention.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const DAY = 86_400_000;
const now = new Date("2026-11-25T12:00:00.000Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

describe.each(ENGINES)("retention on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
  });
  afterAll(() => c?.close());

  it("drops raw events before the rollups, and keeps what is young enough", async () => {
    const ages = [0.5, 3, 10, 40, 500];
    const events = ages.flatMap((age) => Array.from({ length: 3 }, () => makeEvent({ occurredAt: daysAgo(age) })));
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });

    const expired = await expireOldData(c.db, { rawDays: 7, minuteRollupDays: 30, hourRollupDays: 400 }, now);
    expect(expired).toEqual({ raw: 9, minute: 4, hour: 2 }); // each rollup key twice: its service and all services
    expect(await c.db.prisma.closeEvent.count()).toBe(6);
    expect(await c.db.prisma.closeRollupMinute.count({ where: { service: { not: "" } } })).toBe(3); // 0.5, 3 and 10 days old
    expect(await c.db.prisma.closeRollupHour.count({ where: { service: { not: "" } } })).toBe(4); // all but the 500-day-old hour
    expect(await expireOldData(c.db, { rawDays: 7, minuteRollupDays: 30, hourRollupDays: 400 }, now)).toEqual({ raw: 0, minute: 0, hour: 0 });
  });
});
