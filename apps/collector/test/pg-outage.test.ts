import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type AgentError, createAgent } from "@closewatch/agent";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollectorOn, makeEvent, type TestCollector } from "./support/engines.js";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres.js";

/*
 * PostgreSQL goes away in the middle of sustained ingest and comes back.
 * The server is a private one (support/private-postgres.ts): the shared
 * server on 127.0.0.1:5432 serves other test files in parallel. Real agents
 * in this process report events with known ids through a collector on a real
 * port. During the outage the collector must answer 503 problem+json with
 * Retry-After and report not ready, without crashing; afterwards every event
 * it acknowledged, and (agents retry) every event the agents generated, must
 * be stored exactly once.
 */

const RESULTS = join(import.meta.dirname, "../../../test-results");
const AGENTS = 3;
const STREAM_MS = 12_000;
const OUTAGE_AT_MS = 4000;
const OUTAGE_MS = 3000;

/** What the collector answered to ingest requests, seen from inside it. */
interface IngestLedger {
  /** Ids of the events in batches answered 202. */
  acknowledged: string[];
  /** Sum of `accepted` over the 202 answers. */
  accepted: number;
  /** Answers by sender ("agent" or "probe") and status, e.g. "agent 503". */
  statuses: Map<string, number>;
}

function recordIngest(app: FastifyInstance): IngestLedger {
  const ledger: IngestLedger = { acknowledged: [], accepted: 0, statuses: new Map() };
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "POST" || request.routeOptions.url !== "/v1/events") return payload;
    // A request refused before its body was read (auth, rate limit) has none.
    const events = (request.body as { events?: { id: string; service: string }[] } | undefined)?.events ?? [];
    const key = `${events[0]?.service === "probe" ? "probe" : "agent"} ${reply.statusCode}`;
    ledger.statuses.set(key, (ledger.statuses.get(key) ?? 0) + 1);
    if (reply.statusCode === 202) {
      ledger.accepted += (JSON.parse(String(payload)) as { accepted: number }).accepted;
      for (const event of events) ledger.acknowledged.push(event.id);
    }
    return payload;
  });
  return ledger;
}

describe("PostgreSQL outage during sustained ingest", () => {
  let pg: PrivatePostgres;
  let c: TestCollector;
  let url: string;
  let ledger: IngestLedger;
  let crashes = 0;
  const onCrash = () => crashes++;

  beforeAll(async () => {
    process.on("unhandledRejection", onCrash);
    process.on("uncaughtException", onCrash);
    pg = await startPrivatePostgres();
    c = await createTestCollectorOn(pg.url);
    ledger = recordIngest(c.app);
    url = await c.app.listen({ port: 0, host: "127.0.0.1" });
  }, 120_000);

  afterAll(async () => {
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
    await c?.close();
    await pg?.destroy();
  });

  it("answers 503 with Retry-After while the database is down, recovers, and loses or repeats nothing", { timeout: 120_000 }, async () => {
    const agentErrors = new Map<string, number>();
    const agents = Array.from({ length: AGENTS }, (_, i) =>
      createAgent({
        endpoint: url,
        service: `outage-${i}`,
        flushIntervalMs: 50,
        maxBatchSize: 200,
        retryBaseDelayMs: 100,
        retryMaxDelayMs: 1000,
        onError: (error: AgentError) => agentErrors.set(error.code, (agentErrors.get(error.code) ?? 0) + 1),
      }),
    );
    const generated: string[] = [];

    // The probe: readiness and one direct POST, every 100 ms, throughout.
    const readiness: { at: number; status: number }[] = [];
    const directPosts: { at: number; status: number; type: string | null; code?: string; retryAfter: string | null; id: string }[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const ready = await fetch(`${url}/readyz`);
        await ready.arrayBuffer();
        readiness.push({ at: Date.now(), status: ready.status });
        const event = makeEvent({ service: "probe" });
        const res = await fetch(`${url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events: [event] }) });
        const body = (await res.json()) as { code?: string };
        directPosts.push({ at: Date.now(), status: res.status, type: res.headers.get("content-type"), code: body.code, retryAfter: res.headers.get("retry-after"), id: event.id });
        await sleep(100);
      }
    })();

    // The stream: every agent reports 2 events every 10 ms (about 600 events/s in all).
    const start = Date.now();
    let outage: { stoppedAt: number; restartedAt: number } | undefined;
    const outageDone = (async () => {
      await sleep(OUTAGE_AT_MS);
      await pg.stop("immediate");
      const stoppedAt = Date.now();
      await sleep(OUTAGE_MS);
      await pg.start();
      outage = { stoppedAt, restartedAt: Date.now() };
    })();
    while (Date.now() - start < STREAM_MS) {
      for (const agent of agents) {
        for (let k = 0; k < 2; k++) {
          const id = randomUUID();
          generated.push(id);
          agent.report({ id, code: 1008, reason: "rate limit exceeded", initiator: "server", cause: "rate_limit", route: "/chat" });
        }
      }
      await sleep(10);
    }
    await outageDone;

    // Let the agents deliver what they still hold (retries included).
    const deadline = Date.now() + 30_000;
    while (agents.some((a) => a.stats().queued > 0) && Date.now() < deadline) {
      await Promise.all(agents.map((a) => a.flush()));
      await sleep(100);
    }
    probing = false;
    await probe;
    const stats = agents.map((a) => a.stats());
    await Promise.all(agents.map((a) => a.shutdown()));

    // The outage was seen: not ready, and 503 problem+json with Retry-After, then ready again.
    const down = directPosts.filter((p) => p.status === 503);
    expect(down.length, JSON.stringify(directPosts.slice(-5))).toBeGreaterThan(0);
    for (const p of down) {
      expect(p.type).toMatch(/^application\/problem\+json/);
      expect(p.code).toBe("COLLECTOR_ERR_UNAVAILABLE");
      expect(Number(p.retryAfter)).toBeGreaterThan(0);
    }
    const notReady = readiness.findIndex((r) => r.status === 503);
    expect(notReady).toBeGreaterThanOrEqual(0);
    expect(readiness.slice(notReady).some((r) => r.status === 200)).toBe(true);
    expect(readiness.at(-1)!.status).toBe(200);
    expect(directPosts.at(-1)!.status).toBe(202);
    expect(new Set(readiness.map((r) => r.status))).toEqual(new Set([200, 503]));
    expect(new Set(directPosts.map((p) => p.status))).toEqual(new Set([202, 503]));

    // Nothing crashed; the collector still listens and works.
    expect(crashes).toBe(0);
    expect(c.app.server.listening).toBe(true);

    // Counted by id in SQL: every generated event stored exactly once, every acknowledged one too.
    const counts = new Map(
      (await c.db.query<{ id: string; n: number }>("SELECT id::text AS id, count(*)::int AS n FROM close_events GROUP BY id")).map((r) => [r.id, r.n]),
    );
    const missing = generated.filter((id) => !counts.has(id));
    const duplicates = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    const ackedMissing = ledger.acknowledged.filter((id) => !counts.has(id));
    const probeAcked = directPosts.filter((p) => p.status === 202).map((p) => p.id);
    // The rollups count each stored event once: a retried batch counted twice would show here.
    const [rollups] = await c.db.query<{ minute: number; hour: number }>(
      `SELECT (SELECT coalesce(sum(count), 0)::int FROM close_rollups_minute WHERE service = '') AS minute,
              (SELECT coalesce(sum(count), 0)::int FROM close_rollups_hour WHERE service = '') AS hour`,
    );
    const metricsTotal = (await c.app.inject("/metrics")).body
      .split("\n")
      .filter((line) => line.startsWith("closewatch_close_events_total{"))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);

    const figures = {
      eventsGenerated: generated.length,
      acknowledgedEvents: ledger.acknowledged.length,
      acceptedSum: ledger.accepted,
      ingestStatuses: Object.fromEntries(ledger.statuses),
      directPosts503: down.length,
      readyz503: readiness.filter((r) => r.status === 503).length,
      stored: counts.size,
      storedOfGenerated: generated.length - missing.length,
      duplicates,
      missing: missing.length,
      acknowledgedMissing: ackedMissing.length,
      crashes,
      outageMs: outage ? outage.restartedAt - outage.stoppedAt : undefined,
      unavailableMs: unavailableWindow(readiness),
      agents: stats,
      agentErrors: Object.fromEntries(agentErrors),
    };
    // The figures of this run, for the record (test-results/ is not committed);
    // written before the assertions so a failing run leaves its figures too.
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, "pg-outage.json"), `${JSON.stringify(figures, null, 2)}\n`);

    expect(missing, "generated events not stored").toEqual([]);
    expect(ackedMissing, "acknowledged events not stored").toEqual([]);
    expect(probeAcked.filter((id) => !counts.has(id))).toEqual([]);
    expect(duplicates).toBe(0);
    expect(rollups).toEqual({ minute: counts.size, hour: counts.size });
    expect(metricsTotal).toBe(counts.size);
    // The agents met the outage too (and retried: nothing missing above).
    expect(ledger.statuses.get("agent 503") ?? 0).toBeGreaterThan(0);
    for (const s of stats) expect(s).toMatchObject({ queued: 0, dropped: 0, failed: 0 });
    expect(stats.reduce((sum, s) => sum + s.sent, 0)).toBe(generated.length);
  });
});

/** From the first not-ready answer to the first ready one after it. */
function unavailableWindow(readiness: { at: number; status: number }[]): number | undefined {
  const first = readiness.findIndex((r) => r.status !== 200);
  if (first < 0) return undefined;
  const back = readiness.slice(first).find((r) => r.status === 200);
  return back ? back.at - readiness[first]!.at : undefined;
}
