import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Insight, InsightsResponse } from "@closewatch/protocol";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const KiB = 1024;
// A full hour in the past, so every bucket of the range is complete.
const start = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 2 * 3_600_000;
const at = (minute: number, second = 0) => new Date(start + minute * 60_000 + second * 1000).toISOString();
const range = `from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(60))}`;

/** Known traffic: 1009s around a 64 KiB limit that drops to 16 KiB at minute 40, rate bursts, tokens dying at 15 min. */
function traffic() {
  const events = [];
  for (let m = 0; m < 60; m++) {
    for (let i = 0; i < 5; i++) events.push(makeEvent({ occurredAt: at(m, i * 10), code: 1000 }));
    const lowered = m >= 40;
    const limit = lowered ? 16 * KiB : 64 * KiB;
    for (let i = 0; i < (lowered ? 8 : 1); i++) {
      events.push(
        makeEvent({
          occurredAt: at(m, 5 + i),
          code: 1009,
          initiator: "server",
          cause: "message_too_big",
          route: "/upload",
          sizeLimit: limit,
          messageSize: Math.round(limit * (1.1 + ((m * 7 + i * 13) % 30) / 100)),
          evidence: { direction: "inbound", deflate: false },
        }),
      );
    }
    if (m % 2 === 0) {
      events.push(makeEvent({ occurredAt: at(m, 30), code: 1008, cause: "rate_limit", connectionAgeMs: 120_000, evidence: { limit: 20, observed: 22 + (m % 6), windowMs: 1000 } }));
    }
    if (m % 3 === 0) {
      events.push(makeEvent({ occurredAt: at(m, 40), code: 1008, cause: "auth_expired", connectionAgeMs: 900_000 + (m % 5) * 200 }));
    }
  }
  return events;
}

describe.each(ENGINES)("GET /api/insights on %s", (engine) => {
  let c: TestCollector;
  let body: InsightsResponse;
  const find = (kind: Insight["kind"], code: number) => body.insights.find((i) => i.kind === kind && i.code === code)!;
  const fact = (insight: Insight, key: string) => insight.facts.find((f) => f.key === key)?.value;

  beforeAll(async () => {
    c = await createTestCollector(engine);
    const events = traffic();
    for (let i = 0; i < events.length; i += 500) {
      const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: events.slice(i, i + 500) } });
      expect(res.statusCode).toBe(202);
    }
    const res = await c.app.inject(`/api/insights?${range}`);
    expect(res.statusCode).toBe(200);
    body = res.json();
  });
  afterAll(() => c?.close());

  it("finds the size limit, the bursts, the token lifetime and the change", () => {
    expect(body.insights.map((i) => i.id).sort()).toEqual([
      "change:1009:message_too_big",
      "rate_limit:1008:rate_limit",
      "size_limit:1009:message_too_big",
      "token_lifetime:1008:auth_expired",
    ]);
    expect(body.insights[0]!.severity).toBe("critical");
  });

  it("measures 1009 sizes against the prevailing limit", () => {
    const size = find("size_limit", 1009);
    expect(size.eventsAffected).toBe(40 + 20 * 8);
    expect(fact(size, "limit")).toBe(16 * KiB);
    expect(fact(size, "admit99")).toBeGreaterThanOrEqual(16 * KiB * 1.39);
    expect(size.places[0]).toMatchObject({ service: "chat-api", route: "/upload" });
  });

  it("says when 1009s jumped and that the limit was lowered", () => {
    const change = find("change", 1009);
    expect(change.since).toBe(at(40));
    expect(change.fixSteps.join(" ")).toMatch(/changed from 64 KiB to 16 KiB/);
  });

  it("reads rate evidence and infers the token lifetime", () => {
    expect(fact(find("rate_limit", 1008), "burstShare")).toBe(100);
    const token = find("token_lifetime", 1008);
    expect(Math.abs(fact(token, "tokenLifetimeMs")! - 900_000)).toBeLessThanOrEqual(1000);
  });

  it("honours the service filter", async () => {
    const res = await c.app.inject(`/api/insights?${range}&service=nobody`);
    expect(res.json().insights).toEqual([]);
  });
});

describe("size findings per limit", () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector("PGlite");
  });
  afterAll(() => c?.close());

  it("gives services with different limits findings of their own", async () => {
    const size = (service: string, limit: number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        makeEvent({ service, occurredAt: at(i % 60), code: 1009, cause: "message_too_big", sizeLimit: limit, messageSize: limit + 100 + i }),
      );
    await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [...size("chat", 64 * KiB, 30), ...size("feed", 16 * KiB, 10)] } });
    const body = (await c.app.inject(`/api/insights?${range}`)).json() as InsightsResponse;
    const sizes = body.insights.filter((i) => i.kind === "size_limit");
    expect(sizes.map((i) => [i.title, i.eventsAffected, i.places.map((p) => p.service)])).toEqual([
      ["Messages over the 64 KiB size limit", 30, ["chat"]],
      ["Messages over the 16 KiB size limit", 10, ["feed"]],
    ]);
  });
});
