import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

/** The value of an unlabelled sample in Prometheus text exposition; undefined when absent. */
function unlabelled(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

// closewatch_ingest_stored_events_total backs the CloseWatchIngestStalled alert
// (deploy/prometheus/closewatch.rules.yml): it must exist from startup, so a
// collector that stores nothing is a flat line rather than no series at all,
// and count each stored event once.
describe("closewatch_ingest_stored_events_total", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(() => c?.close());

  const metrics = async () => (await c.app.inject("/metrics")).body;
  const post = (events: unknown[]) =>
    c.app.inject({ method: "POST", url: "/v1/events", headers: { "content-type": "application/json" }, payload: { events } });

  it("is exported at 0 before any event arrives", async () => {
    const text = await metrics();
    expect(text).toContain("# TYPE closewatch_ingest_stored_events_total counter");
    expect(unlabelled(text, "closewatch_ingest_stored_events_total")).toBe(0);
  });

  it("counts stored events, not retried duplicates nor rejected batches", async () => {
    const events = [makeEvent({ code: 1009 }), makeEvent({ code: 1008, cause: "rate_limit" }), makeEvent()];
    expect((await post(events)).statusCode).toBe(202);
    expect(unlabelled(await metrics(), "closewatch_ingest_stored_events_total")).toBe(3);

    // A retry of the same batch plus one new event, then an invalid batch.
    expect((await post([...events, makeEvent()])).json()).toEqual({ accepted: 1, duplicates: 3 });
    expect((await post([{ ...makeEvent(), code: "not a code" }])).statusCode).toBe(400);
    expect(unlabelled(await metrics(), "closewatch_ingest_stored_events_total")).toBe(4);
  });
});
