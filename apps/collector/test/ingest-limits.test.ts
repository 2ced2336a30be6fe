import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

// Bounds on what one event may carry, end to end through the real route (PGlite).
describe("ingest bounds", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(async () => {
    await c?.close();
  });

  const post = (events: unknown[]) => c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });

  it("takes a reason of 123 UTF-8 bytes and refuses 124, however few the characters", async () => {
    const fits = makeEvent({ reason: "😀".repeat(30) + "abc" }); // 123 bytes, 63 UTF-16 units
    const over = makeEvent({ reason: "😀".repeat(31) }); // 124 bytes
    const res = await post([fits, over]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, errors: [{ path: "body/events/1/reason" }] }] });
  });

  it("refuses over-long service, instance and route labels one event at a time", async () => {
    const res = await post([
      makeEvent({ service: "s".repeat(101) }),
      makeEvent({ instance: "i".repeat(201) }),
      makeEvent({ route: "r".repeat(201) }),
      makeEvent({ service: "s".repeat(100), instance: "i".repeat(200), route: "r".repeat(200) }),
    ]);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r: { errors: { path: string }[] }) => r.errors[0]!.path)).toEqual([
      "body/events/0/service",
      "body/events/1/instance",
      "body/events/2/route",
    ]);
  });
});
