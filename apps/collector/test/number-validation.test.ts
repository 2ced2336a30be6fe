import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";

// Regression: Ajv's type coercion turned the string "Infinity" into Infinity and
// then skipped minimum/maximum, so the value reached PostgreSQL (a 500 on
// ingest, timeseries, sizes and alert firings). Found by the ingest fuzz test.
describe("numbers in bodies and query strings", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(async () => {
    await c?.close();
  });

  it.each([
    ["the string Infinity", `"Infinity"`],
    ["the string -Infinity", `"-Infinity"`],
    ["a number too large for a double", "1e400"],
    ["a number written as a string", `"12"`],
  ])("refuses %s as an event's size and stores the good event beside it", async (_what, size) => {
    const good = makeEvent();
    const bad = JSON.stringify(makeEvent()).replace(/}$/, `,"messageSize":${size}}`);
    const res = await c.app.inject({
      method: "POST",
      url: "/v1/events",
      headers: { "content-type": "application/json" },
      payload: `{"events":[${JSON.stringify(good)},${bad}]}`,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0, rejected: [{ index: 1, errors: [{ path: "body/events/1/messageSize", message: "must be integer" }] }] });
  });

  it.each(["/api/timeseries?bucketSeconds=Infinity", "/api/sizes?code=Infinity", "/api/alerts/firings?limit=Infinity", "/api/events?limit=-Infinity", "/api/summary?code=1e400"])(
    "answers %s with a 400 on the parameter",
    async (url) => {
      const res = await c.app.inject(url);
      expect(res.statusCode, res.body).toBe(400);
      const field = new URL(url, "http://x").searchParams.keys().next().value;
      expect(res.json()).toMatchObject({ code: "COLLECTOR_ERR_VALIDATION", detail: `querystring/${field} must be a finite number` });
    },
  );

  it("still reads numbers from query strings", async () => {
    expect((await c.app.inject("/api/events?limit=5&code=1009")).statusCode).toBe(200);
  });
});
