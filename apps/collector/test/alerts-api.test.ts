import type { AlertFiring, AlertRule, AlertRuleInput, IngestEvent } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, metricValue, type TestCollector } from "./support/engines.js";

const T = Date.parse("2026-11-25T10:00:00.000Z");
/** `seconds` after T, as a Date (negative: before). */
const at = (seconds: number) => new Date(T + seconds * 1000);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const chatRateLimits: AlertRuleInput = {
  name: "chat rate limits",
  codes: [1008],
  cause: "rate_limit",
  service: "chat-api",
  windowSeconds: 300,
  threshold: { kind: "count", value: 5 },
  minEvents: 1,
  forSeconds: 30,
  cooldownSeconds: 600,
  enabled: true,
};

/** n events of one kind, `fromSecond`…, one second apart. */
const burst = (n: number, fromSecond: number, overrides: Partial<IngestEvent>) =>
  Array.from({ length: n }, (_, i) => makeEvent({ occurredAt: at(fromSecond + i).toISOString(), ...overrides }));

describe.each(ENGINES)("alert rules API on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
  });
  afterAll(() => c?.close());

  const post = (payload: unknown) => c.app.inject({ method: "POST", url: "/api/alerts/rules", payload: payload as object });
  const rule = async (id: string): Promise<AlertRule> => (await c.app.inject(`/api/alerts/rules/${id}`)).json();
  const firings = async (query = ""): Promise<AlertFiring[]> => {
    const res = await c.app.inject(`/api/alerts/firings${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().firings;
  };
  const ingest = async (events: IngestEvent[]) => {
    const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });
    expect(res.statusCode).toBe(202);
  };
  const firingGauge = async (name: string) => metricValue((await c.app.inject("/metrics")).body, "closewatch_alerts_firing", { rule: name });

  it("creates, reads, replaces and deletes a rule", async () => {
    const created = await post({ ...chatRateLimits, target: { url: "https://hooks.example.com/closewatch", format: "json" } });
    expect(created.statusCode).toBe(201);
    const body: AlertRule = created.json();
    expect(body).toEqual({
      ...chatRateLimits,
      target: { url: "https://hooks.example.com/closewatch", format: "json" },
      id: expect.stringMatching(UUID),
      createdAt: expect.stringMatching(ISO),
      updatedAt: body.createdAt,
      state: "ok",
      stateSince: body.createdAt,
      lastValue: null,
      lastThreshold: null,
      lastEvaluatedAt: null,
    });
    expect(await rule(body.id)).toEqual(body);
    expect((await c.app.inject("/api/alerts/rules")).json()).toEqual({ rules: [body] });

    // PUT replaces: what the new body leaves out (cause, service, target) is gone.
    const replacement: AlertRuleInput = {
      name: "all 1008 and 1009",
      codes: [1008, 1009],
      windowSeconds: 600,
      threshold: { kind: "factor", value: 2.5, baselineSeconds: 7200 },
      minEvents: 20,
      forSeconds: 0,
      cooldownSeconds: 0,
      enabled: false,
    };
    const replaced = await c.app.inject({ method: "PUT", url: `/api/alerts/rules/${body.id}`, payload: replacement });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toEqual({
      ...replacement,
      id: body.id,
      createdAt: body.createdAt,
      updatedAt: expect.stringMatching(ISO),
      state: "ok",
      stateSince: body.stateSince,
      lastValue: null,
      lastThreshold: null,
      lastEvaluatedAt: null,
    });

    const deleted = await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${body.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe("");
    for (const res of [
      await c.app.inject(`/api/alerts/rules/${body.id}`),
      await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${body.id}` }),
      await c.app.inject({ method: "PUT", url: `/api/alerts/rules/${body.id}`, payload: replacement }),
      await c.app.inject(`/api/alerts/firings?ruleId=${body.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: "COLLECTOR_ERR_NOT_FOUND", detail: `no alert rule with id ${body.id}` });
    }
    expect((await c.app.inject("/api/alerts/rules")).json()).toEqual({ rules: [] });
  });

  it("rejects what the schema rejects, every field at once", async () => {
    const res = await post({ ...chatRateLimits, name: "", windowSeconds: 10, colour: "red" });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe("COLLECTOR_ERR_VALIDATION");
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body/name", "body/windowSeconds", "body"]));
    expect((await c.app.inject("/api/alerts/rules/not-a-uuid")).json().code).toBe("COLLECTOR_ERR_VALIDATION");
    expect((await c.app.inject("/api/alerts/firings?limit=0")).statusCode).toBe(400);
  });

  it("rejects a cause that one of the codes does not have", async () => {
    const res = await post({ ...chatRateLimits, codes: [1008, 1009] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "COLLECTOR_ERR_VALIDATION",
      errors: [
        {
          path: "body/cause",
          message: '"rate_limit" is not a cause of close code 1009; a rule with a cause needs it under every one of its codes',
        },
      ],
    });
  });

  it("rejects a factor baseline shorter than four windows, on create and on replace", async () => {
    const tooShort = { ...chatRateLimits, threshold: { kind: "factor", value: 3, baselineSeconds: 900 } };
    const res = await post(tooShort);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: "body/threshold/baselineSeconds",
        message: "must cover at least 4 windows (≥ 1200 s for a 300 s window) for its average to mean anything",
      },
    ]);
    expect((await post({ ...tooShort, threshold: { kind: "factor", value: 3, baselineSeconds: 1200 } })).statusCode).toBe(201);
    const { id } = (await c.app.inject("/api/alerts/rules")).json().rules[0];
    expect((await c.app.inject({ method: "PUT", url: `/api/alerts/rules/${id}`, payload: tooShort })).statusCode).toBe(400);
    expect((await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${id}` })).statusCode).toBe(204);
  });

  it("documents the alert endpoints in the OpenAPI document", async () => {
    const doc = (await c.app.inject("/docs")).json();
    expect(Object.keys(doc.paths["/api/alerts/rules"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/alerts/rules/{id}"]).sort()).toEqual(["delete", "get", "put"]);
    expect(Object.keys(doc.paths["/api/alerts/rules/{id}"].put.responses).sort()).toEqual(["200", "400", "404"]);
    expect(doc.paths["/api/alerts/firings"].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(["limit", "ruleId"]);
  });

  it("evaluates rules over stored closes: pending, firing, peak, resolved, cooldown", async () => {
    const chat: AlertRule = (await post(chatRateLimits)).json();
    const broad: AlertRule = (await post({ ...chatRateLimits, name: "policy and size", codes: [1008, 1009], cause: undefined, service: undefined, threshold: { kind: "count", value: 100 } })).json();
    const off: AlertRule = (await post({ ...chatRateLimits, name: "off", codes: [1000], cause: undefined, enabled: false })).json();
    // Edge closes 1006 about twice a minute for the hour before T, then 8 in the last minute.
    const edge: AlertRule = (
      await post({
        name: "edge spike",
        codes: [1006],
        service: "edge",
        windowSeconds: 60,
        threshold: { kind: "factor", value: 3, baselineSeconds: 3600 },
        minEvents: 5,
        forSeconds: 0,
        cooldownSeconds: 0,
        enabled: true,
      })
    ).json();

    await ingest([
      ...burst(6, -240, { code: 1008, cause: "rate_limit", service: "chat-api" }), // in chat's window
      ...burst(2, -400, { code: 1008, cause: "rate_limit", service: "chat-api" }), // before it
      ...burst(3, -200, { code: 1008, cause: "rate_limit", service: "feed" }), // another service
      ...burst(1, -150, { code: 1008, cause: "auth_expired", service: "chat-api" }), // another cause
      ...burst(4, -100, { code: 1000, service: "chat-api" }), // another code
      ...burst(2, -50, { code: 1009, service: "chat-api" }),
      ...Array.from({ length: 120 }, (_, i) => makeEvent({ occurredAt: at(-3660 + i * 30).toISOString(), code: 1006, service: "edge" })),
      ...burst(8, -55, { code: 1006, service: "edge" }),
    ]);

    expect(await c.app.alerts.evaluateOnce(at(0))).toEqual({ evaluated: 3, fired: [edge.id], resolved: [], failed: [] });
    expect(await rule(chat.id)).toMatchObject({ state: "pending", stateSince: at(0).toISOString(), lastValue: 6, lastThreshold: 5, lastEvaluatedAt: at(0).toISOString() });
    // 1008: 6 + 3 + 1 in the window (the 2 before it are not), 1009: 2.
    expect(await rule(broad.id)).toMatchObject({ state: "ok", lastValue: 12, lastThreshold: 100 });
    expect(await rule(off.id)).toMatchObject({ state: "ok", lastValue: null, lastEvaluatedAt: null });
    // Baseline: 120 closes over the hour before the window = 2 per 60 s window; × 3 = 6 < 8.
    expect(await rule(edge.id)).toMatchObject({ state: "firing", lastValue: 8, lastThreshold: 6 });

    // Held for forSeconds (30 s): firing.
    expect((await c.app.alerts.evaluateOnce(at(30))).fired).toEqual([chat.id]);
    expect(await rule(chat.id)).toMatchObject({ state: "firing", stateSince: at(30).toISOString(), lastValue: 6 });
    expect(await firingGauge("chat rate limits")).toBe(1);
    expect(await firingGauge("policy and size")).toBe(0);

    // Two more closes while firing raise the peak.
    await ingest(burst(2, 35, { code: 1008, cause: "rate_limit", service: "chat-api" }));
    await c.app.alerts.evaluateOnce(at(45));
    const chatFirings = await firings(`?ruleId=${chat.id}`);
    expect(chatFirings).toEqual([
      {
        id: expect.stringMatching(UUID),
        ruleId: chat.id,
        ruleName: "chat rate limits",
        startedAt: at(30).toISOString(),
        resolvedAt: null,
        peakValue: 8,
        threshold: 5,
        notification: { status: "none", attempts: 0, lastError: null },
      },
    ]);

    // The window empties: one low evaluation keeps it firing, the second resolves it.
    await c.app.alerts.evaluateOnce(at(600));
    expect((await rule(chat.id)).state).toBe("firing");
    expect((await c.app.alerts.evaluateOnce(at(615))).resolved).toEqual(expect.arrayContaining([chat.id]));
    expect(await rule(chat.id)).toMatchObject({ state: "ok", stateSince: at(615).toISOString(), lastValue: 0 });
    expect(await firings(`?ruleId=${chat.id}`)).toEqual([{ ...chatFirings[0], resolvedAt: at(615).toISOString() }]);
    expect(await firingGauge("chat rate limits")).toBe(0);

    // Inside the 600 s cooldown a new burst does not even make it pending.
    await ingest(burst(10, 700, { code: 1008, cause: "rate_limit", service: "chat-api" }));
    await c.app.alerts.evaluateOnce(at(720));
    expect(await rule(chat.id)).toMatchObject({ state: "ok", lastValue: 10 });

    // Every firing, newest first; limit cuts the list.
    const all = await firings();
    expect(all.map((f) => [f.ruleName, f.startedAt])).toEqual([
      ["chat rate limits", at(30).toISOString()],
      ["edge spike", at(0).toISOString()],
    ]);
    expect((await firings("?limit=1")).map((f) => f.ruleName)).toEqual(["chat rate limits"]);

    // Deleting a rule deletes its firings and, at the next evaluation, its gauge series.
    expect((await c.app.inject("/metrics")).body).toContain('closewatch_alerts_firing{rule="edge spike"} 0');
    await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${edge.id}` });
    await c.app.alerts.evaluateOnce(at(735));
    expect((await c.app.inject("/metrics")).body).not.toContain('closewatch_alerts_firing{rule="edge spike"}');
    expect((await firings()).map((f) => f.ruleName)).toEqual(["chat rate limits"]);
  });

  it("resolves a firing when its rule is disabled", async () => {
    const input: AlertRuleInput = { ...chatRateLimits, name: "to disable", service: "disable-me", forSeconds: 0 };
    const rule0: AlertRule = (await post(input)).json();
    await ingest(burst(5, 2000, { code: 1008, cause: "rate_limit", service: "disable-me" }));
    await c.app.alerts.evaluateOnce(at(2010));
    expect((await rule(rule0.id)).state).toBe("firing");
    await c.app.inject({ method: "PUT", url: `/api/alerts/rules/${rule0.id}`, payload: { ...input, enabled: false } });
    expect((await c.app.alerts.evaluateOnce(at(2020))).resolved).toEqual([rule0.id]);
    // Not counted while disabled: the last evaluation's numbers stay.
    expect(await rule(rule0.id)).toMatchObject({ state: "ok", lastValue: 5, lastEvaluatedAt: at(2010).toISOString() });
    expect((await firings(`?ruleId=${rule0.id}`))[0]!.resolvedAt).toBe(at(2020).toISOString());
  });
});

describe("alert evaluation timer", () => {
  it("evaluates on its own every CLOSEWATCH_ALERT_INTERVAL_S once the app is ready, and stops with it", async () => {
    const c = await createTestCollector("PGlite", { CLOSEWATCH_ALERT_INTERVAL_S: "1" });
    try {
      const created = await c.app.inject({ method: "POST", url: "/api/alerts/rules", payload: chatRateLimits });
      const { id } = created.json();
      await expect
        .poll(async () => (await c.app.inject(`/api/alerts/rules/${id}`)).json().lastEvaluatedAt, { timeout: 5000, interval: 100 })
        .not.toBeNull();
      expect((await c.app.inject(`/api/alerts/rules/${id}`)).json()).toMatchObject({ state: "ok", lastValue: 0, lastThreshold: 5 });
    } finally {
      await c.close();
    }
  });
});
