import type { AlertFiring, AlertRule, AlertRuleInput } from "@closewatch/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, metricValue, type TestCollector } from "./support/engines.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

const T = Date.parse("2026-11-25T10:00:00.000Z");
const at = (seconds: number) => new Date(T + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();

/**
 * Short enough to keep the suite fast, long enough for a local receiver to
 * answer on a busy 2-core CI machine, where PGlite shares the test's thread
 * (150 ms was not: a late answer became a retry).
 */
const FAST_DELIVERY = { attemptTimeoutMs: 1000, retryDelaysMs: [10, 20, 40] };

const ruleFor = (service: string, url: string, format: "json" | "slack"): AlertRuleInput => ({
  name: `${service} hook`,
  codes: [1008],
  cause: "rate_limit",
  service,
  windowSeconds: 300,
  threshold: { kind: "count", value: 3 },
  minEvents: 1,
  forSeconds: 0,
  cooldownSeconds: 0,
  target: { url, format },
  enabled: true,
});

describe.each(ENGINES)("alert notifications on %s", (engine) => {
  let c: TestCollector;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    c = await createTestCollector(engine, { CLOSEWATCH_PUBLIC_URL: "http://dash.example:4000/" }, { alertDelivery: FAST_DELIVERY });
  });
  afterAll(async () => {
    await c?.close();
    await receiver?.close();
  });
  // Every evaluation evaluates every rule: remove each test's rule so the next test hears only its own.
  afterEach(async () => {
    for (const rule of (await c.app.inject("/api/alerts/rules")).json().rules) {
      await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${rule.id}` });
    }
  });

  const createRule = async (input: AlertRuleInput): Promise<AlertRule> => {
    const res = await c.app.inject({ method: "POST", url: "/api/alerts/rules", payload: input });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  /** `n` closes matching the rule, a minute before T. */
  const spike = async (service: string, n: number, code = 1008) => {
    const events = Array.from({ length: n }, (_, i) =>
      makeEvent({ occurredAt: iso(-60 + i), service, code, ...(code === 1008 ? { cause: "rate_limit" } : {}) }),
    );
    expect((await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } })).statusCode).toBe(202);
  };
  const firingOf = async (rule: AlertRule): Promise<AlertFiring> => {
    const { firings } = (await c.app.inject(`/api/alerts/firings?ruleId=${rule.id}`)).json();
    expect(firings).toHaveLength(1);
    return firings[0];
  };
  const sentTo = (path: string) => receiver.requests.filter((r) => r.path === path);
  const notifications = async (format: string, outcome: string) =>
    metricValue((await c.app.inject("/metrics")).body, "closewatch_alert_notifications_total", { format, outcome });

  it("posts closewatch's JSON on firing and on resolve, with a dashboard link", async () => {
    const rule = await createRule(ruleFor("svc-json", `${receiver.url}/json`, "json"));
    await spike("svc-json", 4);
    await c.app.alerts.evaluateOnce(at(0));
    await c.app.alerts.notificationsSettled();
    const firing = await firingOf(rule);
    expect(firing.notification).toEqual({ status: "delivered", attempts: 1, lastError: null });

    const firingPayload = {
      source: "closewatch",
      status: "firing",
      rule: { id: rule.id, name: "svc-json hook", codes: [1008], cause: "rate_limit", service: "svc-json", threshold: { kind: "count", value: 3 } },
      firingId: firing.id,
      count: 4,
      threshold: 3,
      peakValue: 4,
      windowSeconds: 300,
      startedAt: iso(0),
      resolvedAt: null,
      dashboardUrl:
        "http://dash.example:4000/events?code=1008&cause=rate_limit&service=svc-json&from=2026-11-25T09%3A55%3A00.000Z&to=2026-11-25T10%3A00%3A00.000Z",
    };
    expect(sentTo("/json")).toEqual([{ path: "/json", method: "POST", contentType: "application/json", body: firingPayload }]);

    // The window empties; the second low evaluation resolves it.
    await c.app.alerts.evaluateOnce(at(400));
    await c.app.alerts.evaluateOnce(at(415));
    await c.app.alerts.notificationsSettled();
    expect(sentTo("/json").map((r) => r.body)).toEqual([
      firingPayload,
      {
        ...firingPayload,
        status: "resolved",
        count: 0,
        resolvedAt: iso(415),
        dashboardUrl:
          "http://dash.example:4000/events?code=1008&cause=rate_limit&service=svc-json&from=2026-11-25T09%3A55%3A00.000Z&to=2026-11-25T10%3A06%3A55.000Z",
      },
    ]);
    expect((await firingOf(rule)).notification).toEqual({ status: "delivered", attempts: 1, lastError: null });
    expect(await notifications("json", "delivered")).toBe(2);
  });

  it("posts Slack's incoming-webhook shape, escaping the rule name", async () => {
    const rule = await createRule({
      ...ruleFor("svc-slack", `${receiver.url}/slack`, "slack"),
      name: "Chat <limits> & co",
      codes: [1008, 1009],
      cause: undefined,
    });
    await spike("svc-slack", 3, 1009);
    await c.app.alerts.evaluateOnce(at(0));
    await c.app.alerts.notificationsSettled();
    expect(sentTo("/slack").map((r) => r.body)).toEqual([
      {
        text: "[FIRING] Chat &lt;limits&gt; &amp; co: 3 closes (1008/1009 on svc-slack) in 5m, threshold 3",
        blocks: [
          {
            type: "section",
            text: { type: "mrkdwn", text: "*[FIRING] Chat &lt;limits&gt; &amp; co*\n3 closes (1008/1009 on svc-slack) in 5m, threshold 3" },
          },
          {
            type: "context",
            elements: [
              {
                type: "mrkdwn",
                text: "Started 2026-11-25T10:00:00.000Z · <http://dash.example:4000/events?service=svc-slack&from=2026-11-25T09%3A55%3A00.000Z&to=2026-11-25T10%3A00%3A00.000Z|Open in closewatch>",
              },
            ],
          },
        ],
      },
    ]);
    expect((await firingOf(rule)).notification.status).toBe("delivered");
    expect(await notifications("slack", "delivered")).toBe(1);
  });

  it("retries a receiver that fails twice and records the delivery on attempt 3", async () => {
    receiver.answer("/flaky", (n) => (n <= 2 ? 500 : 200));
    const rule = await createRule(ruleFor("svc-flaky", `${receiver.url}/flaky`, "json"));
    await spike("svc-flaky", 3);
    await c.app.alerts.evaluateOnce(at(0));
    await c.app.alerts.notificationsSettled();
    expect(sentTo("/flaky")).toHaveLength(3);
    // Delivered; the error before the success stays visible.
    expect((await firingOf(rule)).notification).toEqual({ status: "delivered", attempts: 3, lastError: "HTTP 500: receiver says no" });
  });

  it("gives up on a receiver that hangs, after every retry, without holding up evaluation", async () => {
    receiver.answer("/hang", () => "hang");
    const rule = await createRule(ruleFor("svc-hang", `${receiver.url}/hang`, "json"));
    await spike("svc-hang", 3);
    expect((await c.app.alerts.evaluateOnce(at(0))).fired).toEqual([rule.id]);
    // The evaluation is done while the first attempt still waits for an answer.
    expect((await firingOf(rule)).notification).toEqual({ status: "pending", attempts: 0, lastError: null });
    await c.app.alerts.notificationsSettled();
    expect(sentTo("/hang")).toHaveLength(4);
    expect((await firingOf(rule)).notification).toEqual({ status: "failed", attempts: 4, lastError: "timed out after 1000 ms" });
    expect(await notifications("json", "failed")).toBe(1);
  });

  it("does not retry an answer that will not change (404)", async () => {
    receiver.answer("/gone", () => 404);
    const rule = await createRule(ruleFor("svc-gone", `${receiver.url}/gone`, "json"));
    await spike("svc-gone", 3);
    await c.app.alerts.evaluateOnce(at(0));
    await c.app.alerts.notificationsSettled();
    expect(sentTo("/gone")).toHaveLength(1);
    expect((await firingOf(rule)).notification).toEqual({ status: "failed", attempts: 1, lastError: "HTTP 404: receiver says no" });
  });
});

describe("alert notifications at shutdown", () => {
  it("closing the collector aborts a notification that is still retrying", async () => {
    const receiver = await startWebhookReceiver();
    receiver.answer("/hang", () => "hang");
    const c = await createTestCollector("PGlite", {}, { alertDelivery: { attemptTimeoutMs: 60_000, retryDelaysMs: [60_000] } });
    try {
      await c.app.inject({ method: "POST", url: "/api/alerts/rules", payload: ruleFor("svc-hang", `${receiver.url}/hang`, "json") });
      const events = Array.from({ length: 3 }, (_, i) => makeEvent({ occurredAt: iso(-60 + i), service: "svc-hang", code: 1008, cause: "rate_limit" }));
      await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } });
      expect((await c.app.alerts.evaluateOnce(at(0))).fired).toHaveLength(1);
      const started = Date.now();
      await c.app.close();
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await c.close();
      await receiver.close();
    }
  });
});
