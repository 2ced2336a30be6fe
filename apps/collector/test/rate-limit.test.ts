import { createAgent } from "@closewatch/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";
import { bearer, createToken } from "./support/tokens.js";

/** Budgets per a 2-second window here (one minute in production), so Retry-After is short. */
const WINDOW_MS = 2000;

describe.each(ENGINES)("per-token rate limits on %s", (engine) => {
  let c: TestCollector;
  let base: string;
  let ingest: string;
  let admin: string;
  const answers: { at: number; status: number; retryAfter: number | undefined; token: string | undefined }[] = [];

  beforeAll(async () => {
    c = await createTestCollector(
      engine,
      { CLOSEWATCH_AUTH: "required", CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN: "3", CLOSEWATCH_RATE_LIMIT_READ_PER_MIN: "5" },
      { rateLimitWindowMs: WINDOW_MS },
    );
    ingest = await createToken(c.db, "agents", "ingest");
    admin = await createToken(c.db, "ops", "admin");
    c.app.addHook("onResponse", async (request, reply) => {
      if (request.url !== "/v1/events") return;
      const retryAfter = reply.getHeader("retry-after");
      answers.push({ at: Date.now(), status: reply.statusCode, retryAfter: retryAfter === undefined ? undefined : Number(retryAfter), token: request.principal?.name });
    });
    base = await c.app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await c?.close();
  });

  it("answers over-budget requests 429 problem+json with Retry-After, per token and per budget", async () => {
    const read = () => c.app.inject({ url: "/api/codes", headers: bearer(admin) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await read()).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await read();
    expect(limited.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: "COLLECTOR_ERR_RATE_LIMITED" });
    expect(limited.json().detail).toMatch(/more than 5 requests in 2 s from this token/);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // The ingest budget is separate, and so is every other token's.
    expect((await c.app.inject({ method: "POST", url: "/v1/events", headers: bearer(admin), payload: { events: [makeEvent()] } })).statusCode).toBe(202);
    const other = await createToken(c.db, "other-viewer", "read");
    expect((await c.app.inject({ url: "/api/codes", headers: bearer(other) })).statusCode).toBe(200);
    // Without a token (401s) nothing is counted against anyone; health is never limited.
    for (let i = 0; i < 10; i++) expect((await c.app.inject("/healthz")).statusCode).toBe(200);
  });

  it("a real agent that hits the limit backs off, honours Retry-After, and delivers every event exactly once", async () => {
    const errors: string[] = [];
    const agent = createAgent({
      endpoint: base,
      service: "limited",
      token: ingest,
      maxBatchSize: 10,
      flushIntervalMs: 50,
      retryBaseDelayMs: 100,
      retryMaxDelayMs: 5000,
      onError: (e) => errors.push(e.message),
    });
    const total = 100;
    for (let i = 0; i < total; i++) agent.report({ code: 1008, cause: "rate_limit", reason: `n${i}` });
    const deadline = Date.now() + 60_000;
    while (agent.stats().sent < total && Date.now() < deadline) await agent.flush();
    await agent.shutdown({ timeoutMs: 100 });

    expect(agent.stats()).toMatchObject({ sent: total, failed: 0, dropped: 0, queued: 0 });
    expect(agent.stats().retries).toBeGreaterThan(0);
    expect(errors.some((m) => /429/.test(m))).toBe(true);
    const stored = await c.db.prisma.closeEvent.findMany({ where: { service: "limited" }, select: { id: true, reason: true } });
    expect(stored).toHaveLength(total);
    expect(new Set(stored.map((e) => e.reason)).size).toBe(total);

    // After every 429 the agent waited at least its Retry-After before sending again.
    const mine = answers.filter((a) => a.token === "agents");
    const limitedAnswers = mine.filter((a) => a.status === 429);
    expect(limitedAnswers.length).toBeGreaterThan(0);
    for (const answer of limitedAnswers) {
      const next = mine.find((a) => a.at > answer.at);
      if (next) expect(next.at - answer.at).toBeGreaterThanOrEqual(answer.retryAfter! * 1000 - 50);
    }
  }, 90_000);
});
