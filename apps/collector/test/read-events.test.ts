import { Prisma } from "@closewatch/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEventsById, readEventsSql } from "../src/replicas/read-events.js";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

/*
 * The live fan-out reads back, by id, the rows other replicas stored. Its
 * first version joined the unnested ids with close_events, and from about a
 * thousand ids on PostgreSQL planned a hash join over a sequential scan of
 * the whole table (found running the replicas bench; EXPLAIN ANALYZE: 105 ms
 * for 5,000 ids over 113,000 rows, more the larger the table). Named after that.
 */
describe("reading events back by id for the live fan-out (PostgreSQL)", () => {
  let c: TestCollector;
  const ids: string[] = [];
  beforeAll(async () => {
    c = await createTestCollector("PostgreSQL");
    for (let batch = 0; batch < 5; batch++) {
      const events = Array.from({ length: 5000 }, () => makeEvent({ service: `svc-${batch}` }));
      ids.push(...events.map((e) => e.id));
      expect((await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } })).statusCode).toBe(202);
    }
    await c.db.query("ANALYZE close_events");
  }, 120_000);
  afterAll(() => c?.close());

  it("never scans the whole table, however many ids (a nested loop of primary-key lookups)", async () => {
    const wanted = ids.filter((_, i) => i % 5 === 0); // 5,000 of 25,000 rows
    const statement = readEventsSql(wanted);
    const plan = (await c.db.query<{ "QUERY PLAN": string }>(`EXPLAIN ${statement.text}`, statement.values)).map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).not.toMatch(/Seq Scan on close_events|Hash Join|Bitmap Heap Scan on close_events/);
    expect(plan).toMatch(/Index Scan using close_events_pkey on close_events/);
    // The plan of the first version, for contrast: the same ids, joined.
    const joined = Prisma.sql`SELECT id FROM unnest(${wanted}::uuid[]) WITH ORDINALITY AS w(id, position) JOIN close_events USING (id) ORDER BY position`;
    const joinedPlan = (await c.db.query<{ "QUERY PLAN": string }>(`EXPLAIN ${joined.text}`, joined.values)).map((r) => r["QUERY PLAN"]).join("\n");
    expect(joinedPlan).toMatch(/Seq Scan on close_events/);
  });

  it("returns the events in the order asked, skipping ids with no row", async () => {
    const asked = [ids[7]!, "00000000-0000-4000-8000-000000000000", ids[3]!, ids[24_999]!];
    const events = await readEventsById(c.db, asked);
    expect(events.map((e) => e.id)).toEqual([ids[7], ids[3], ids[24_999]]);
    expect(events[0]).toEqual((await c.app.inject(`/api/events/${ids[7]}`)).json());
  });
});
