import type { DedicatedConnection } from "@closewatch/db";
import type { AlertFiring, AlertRule, AlertRuleInput } from "@closewatch/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlertEvaluator } from "../src/alerts/alert-evaluator.js";
import { createMetrics } from "../src/plugins/metrics.js";
import { ADVISORY_NAMESPACE, AlertLeadership, HANDOVER_LOCK } from "../src/replicas/alert-leadership.js";
import { ServiceLabels } from "../src/services/service-labels.js";
import { createTestCollector, makeEvent, type TestCollector } from "./support/engines.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

/*
 * Alert evaluator leadership among replicas on one PostgreSQL database, with
 * evaluations driven by hand at chosen times (no timers): each "replica" here
 * is an AlertEvaluator with its own AlertLeadership (its own lock session) on
 * the same database. The two-process version, where the leader is killed,
 * is replicas.test.ts.
 */

const T = Date.parse("2026-11-25T10:00:00.000Z");
const at = (seconds: number) => new Date(T + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString();
const RETRY_MS = 200;

interface Replica {
  id: string;
  leadership: AlertLeadership;
  evaluator: AlertEvaluator;
  /** Its lock session as opened (the test may release the lock behind its back). */
  session(): DedicatedConnection;
  /** Its process "dies": the lock session is terminated and it never reconnects (else it may win the lock back first). */
  kill(): Promise<void>;
  changes: boolean[];
  close(): Promise<void>;
}

describe("alert evaluator leadership on PostgreSQL", () => {
  let c: TestCollector;
  let receiver: WebhookReceiver;
  const replicas: Replica[] = [];

  const replica = (id: string): Replica => {
    let session: DedicatedConnection | undefined;
    let dead = false;
    const changes: boolean[] = [];
    const leadership = new AlertLeadership({
      replicaId: id,
      connect: async () => {
        if (dead) throw new Error(`${id} is dead`);
        return (session = await c.db.dedicated({ applicationName: `closewatch-alert-leader ${id}` }));
      },
      retryMs: RETRY_MS,
      log: c.app.log,
      onChange: (leader) => changes.push(leader),
    });
    const evaluator = new AlertEvaluator({
      db: c.db,
      metrics: createMetrics(new ServiceLabels(50)),
      log: c.app.log,
      delivery: { attemptTimeoutMs: 500, retryDelaysMs: [10] },
      leadership,
    });
    leadership.start();
    const r: Replica = {
      id,
      leadership,
      evaluator,
      session: () => session!,
      async kill() {
        dead = true;
        await c.db.query("SELECT pg_terminate_backend($1)", [session!.backendPid]);
      },
      changes,
      async close() {
        await evaluator.close();
        await leadership.close();
      },
    };
    replicas.push(r);
    return r;
  };
  const leaders = () => replicas.filter((r) => r.leadership.isLeader).map((r) => r.id);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    c = await createTestCollector("PostgreSQL");
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await c?.close();
    await receiver?.close();
  });

  const createRule = async (input: Partial<AlertRuleInput> & { name: string; service: string }): Promise<AlertRule> => {
    const res = await c.app.inject({
      method: "POST",
      url: "/api/alerts/rules",
      payload: {
        codes: [1008],
        cause: "rate_limit",
        windowSeconds: 300,
        threshold: { kind: "count", value: 3 },
        minEvents: 1,
        forSeconds: 0,
        cooldownSeconds: 0,
        target: { url: `${receiver.url}/${input.service}`, format: "json" },
        enabled: true,
        ...input,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const deleteRules = async () => {
    for (const rule of (await c.app.inject("/api/alerts/rules")).json().rules) await c.app.inject({ method: "DELETE", url: `/api/alerts/rules/${rule.id}` });
  };
  const spike = async (service: string, n: number) => {
    const events = Array.from({ length: n }, (_, i) => makeEvent({ occurredAt: iso(-60 + i), service, code: 1008, cause: "rate_limit" }));
    expect((await c.app.inject({ method: "POST", url: "/v1/events", payload: { events } })).statusCode).toBe(202);
  };
  const firings = async (rule: AlertRule): Promise<AlertFiring[]> => (await c.app.inject(`/api/alerts/firings?ruleId=${rule.id}`)).json().firings;
  const sentTo = (service: string) => receiver.requests.filter((r) => r.path === `/${service}`).map((r) => r.body as { status: string; firingId: string });
  // Each test starts with no replica leading and no rule.
  afterEach(async () => {
    for (const r of replicas.splice(0)) await r.close();
    await deleteRules();
  });

  it("lets one replica evaluate; when its lock session dies, another continues from the stored state without firing again", async () => {
    const a = replica("rep-a");
    await expect.poll(leaders).toEqual(["rep-a"]);
    const b = replica("rep-b");
    const rule = await createRule({ name: "handover", service: "svc-handover" });
    await spike("svc-handover", 4);

    expect(await b.evaluator.evaluateOnce(at(0))).toEqual({ evaluated: 0, fired: [], resolved: [], failed: [], skipped: "not the leader" });
    expect((await a.evaluator.evaluateOnce(at(0))).fired).toEqual([rule.id]);
    await a.evaluator.notificationsSettled();
    const [firing] = await firings(rule);
    expect(sentTo("svc-handover")).toEqual([expect.objectContaining({ status: "firing", firingId: firing!.id })]);

    // A's lock session dies (as when its process is killed): it stops at once, B takes over at its next try
    // (every 200 ms here; 5 s is room for a busy machine).
    await a.kill();
    await expect.poll(() => a.leadership.isLeader, { interval: 10 }).toBe(false);
    await expect.poll(leaders, { interval: 20, timeout: 5000 }).toEqual(["rep-b"]);
    expect(a.changes).toEqual([true, false]);

    // B sees the firing A stored: still firing, not a new firing, no new notification.
    expect(await a.evaluator.evaluateOnce(at(15))).toMatchObject({ evaluated: 0, skipped: "not the leader" });
    expect(await b.evaluator.evaluateOnce(at(30))).toEqual({ evaluated: 1, fired: [], resolved: [], failed: [] });
    expect(await firings(rule)).toEqual([expect.objectContaining({ id: firing!.id, resolvedAt: null })]);
    // …and resolves that very firing once the window empties (two low evaluations).
    await b.evaluator.evaluateOnce(at(400));
    expect((await b.evaluator.evaluateOnce(at(415))).resolved).toEqual([rule.id]);
    await b.evaluator.notificationsSettled();
    expect(sentTo("svc-handover")).toEqual([
      expect.objectContaining({ status: "firing", firingId: firing!.id }),
      expect.objectContaining({ status: "resolved", firingId: firing!.id }),
    ]);
    expect(await firings(rule)).toEqual([expect.objectContaining({ id: firing!.id, resolvedAt: iso(415) })]);
  });

  it("fences writes: a replica that believes it leads but lost the lock writes nothing", async () => {
    const c1 = replica("rep-c");
    await expect.poll(leaders).toEqual(["rep-c"]);
    const rule = await createRule({ name: "fenced", service: "svc-fenced" });
    await spike("svc-fenced", 4);
    // The lock goes without C hearing of it (as in a partition, or a paused process).
    await c1.session().query("SELECT pg_advisory_unlock_all()");
    expect(c1.leadership.isLeader).toBe(true);
    const d = replica("rep-d");
    await expect.poll(() => d.leadership.isLeader, { timeout: 5000 }).toBe(true);

    // C evaluates as if it still led: the fence refuses its write, and C steps down.
    expect(await c1.evaluator.evaluateOnce(at(0))).toMatchObject({ fired: [], skipped: "not the leader" });
    expect(c1.leadership.isLeader).toBe(false);
    expect(await firings(rule)).toEqual([]);
    expect((await c.app.inject(`/api/alerts/rules/${rule.id}`)).json().state).toBe("ok");
    // D, the real leader, fires it once.
    expect((await d.evaluator.evaluateOnce(at(0))).fired).toEqual([rule.id]);
    expect(await firings(rule)).toHaveLength(1);
  });

  it("hands over only once the previous leader's last fenced write has finished", async () => {
    const e = replica("rep-e");
    await expect.poll(leaders).toEqual(["rep-e"]);
    // A write of E that passed its fence and has not committed yet holds the handover lock shared.
    const done = c.db.session(async (s) => {
      await s.query("BEGIN");
      await s.query("SELECT 1 FROM (SELECT pg_advisory_xact_lock_shared($1, $2)) l", [ADVISORY_NAMESPACE, HANDOVER_LOCK]);
      await e.session().query("SELECT pg_advisory_unlock_all()");
      const f = replica("rep-f");
      // F takes the evaluator lock but does not lead while that write may still commit.
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 4));
      expect(f.leadership.isLeader).toBe(false);
      await s.query("COMMIT");
      await expect.poll(() => f.leadership.isLeader, { timeout: 5000 }).toBe(true);
    });
    await done;
  });
});
