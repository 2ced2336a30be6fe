import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const base = Date.parse("2026-11-25T10:00:00.000Z");
const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
const range = `from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(3600))}`;

describe.each(ENGINES)("query API on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
    const events = [
      makeEvent({ occurredAt: at(10), code: 1009, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }),
      makeEvent({ occurredAt: at(20), code: 1009, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }),
      makeEvent({ occurredAt: at(70), code: 1008, cause: "rate_limit" }),
      makeEvent({ occurredAt: at(80), code: 1008, reason: "token expired" }),
      makeEvent({ occurredAt: at(90), code: 1008, cause: "rate_limit", service: "feed" }),
      makeEvent({ occurredAt: at(100), code: 1000 }),
      makeEvent({ occurredAt: at(4000), code: 1000 }), // outside the range
    ];
    const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });
    expect(res.statusCode).toBe(202);
  });
  afterAll(() => c?.close());

  it("summarises counts by code and cause in a time range", async () => {
    const res = await c.app.inject(`/api/summary?${range}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      range: { from: at(0), to: at(3600) },
      total: 6,
      byCode: [
        { code: 1008, count: 3 },
        { code: 1009, count: 2 },
        { code: 1000, count: 1 },
      ],
      byCause: [
        { code: 1008, cause: "rate_limit", count: 2 },
        { code: 1009, cause: "message_too_big", count: 2 },
        { code: 1000, cause: "normal", count: 1 },
        { code: 1008, cause: "auth_expired", count: 1 },
      ],
    });
  });

  it("filters by service", async () => {
    const body = (await c.app.inject(`/api/summary?${range}&service=feed`)).json();
    expect(body.total).toBe(1);
    expect(body.byCause).toEqual([{ code: 1008, cause: "rate_limit", count: 1 }]);
  });

  it("returns a zero-filled series per bucket", async () => {
    const body = (await c.app.inject(`/api/timeseries?${range}&bucketSeconds=60`)).json();
    expect(body.bucketSeconds).toBe(60);
    expect(body.points).toHaveLength(60);
    expect(body.points[0]).toEqual({ t: at(0), counts: { "1009": 2 } });
    expect(body.points[1]).toEqual({ t: at(60), counts: { "1008": 3, "1000": 1 } });
    expect(body.points[2]).toEqual({ t: at(120), counts: {} });
  });

  it("lists the newest events first", async () => {
    const body = (await c.app.inject(`/api/events?${range}&limit=2&code=1008`)).json();
    expect(body.events.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([at(90), at(80)]);
    expect(body.events[1]).toMatchObject({ code: 1008, cause: "auth_expired", causeSource: "reason", reason: "token expired" });
  });

  it("rejects an inverted range as a validation problem", async () => {
    const res = await c.app.inject(`/api/summary?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(0))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "COLLECTOR_ERR_VALIDATION", detail: expect.stringMatching(/earlier/) });
  });

  it("answers unknown API paths with a problem, not the dashboard", async () => {
    const res = await c.app.inject("/api/nope");
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("COLLECTOR_ERR_NOT_FOUND");
  });

  it("answers a page path with the dashboard, and a missing build asset with 404", async () => {
    // `npm test` builds the dashboard first; its index.html is what any page path gets.
    const page = await c.app.inject("/events?code=1009");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    // Only its own scripts may run, and no other site may frame it.
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["access-control-allow-origin"]).toBeUndefined(); // CORS stays closed
    const asset = await c.app.inject("/assets/index-0ld0hash.js");
    expect(asset.statusCode).toBe(404);
    expect(asset.json().code).toBe("COLLECTOR_ERR_NOT_FOUND");
  });

  it("reports readiness from the database", async () => {
    expect((await c.app.inject("/readyz")).json()).toEqual({
      status: "ready",
      database: engine === "PGlite" ? "pglite" : "postgres",
    });
  });
});

describe("OpenAPI document", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(() => c?.close());

  it("describes the public API at /docs and leaves operational endpoints out", async () => {
    const doc = (await c.app.inject("/docs")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/alerts/firings",
      "/api/alerts/rules",
      "/api/alerts/rules/{id}",
      "/api/codes",
      "/api/events",
      "/api/events/{id}",
      "/api/insights",
      "/api/services",
      "/api/session",
      "/api/sizes",
      "/api/summary",
      "/api/timeseries",
      "/v1/events",
    ]);
    expect(doc.paths["/v1/events"].post.requestBody.content["application/json"].schema.properties.events).toBeDefined();
  });
});
