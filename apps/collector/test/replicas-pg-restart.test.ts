import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectLiveClient, type LiveClient } from "./support/live-client.js";
import { createTestCollectorOn, makeEvent, type TestCollector } from "./support/engines.js";
import { type PrivatePostgres, startPrivatePostgres } from "./support/private-postgres.js";

/*
 * Two replicas on a PostgreSQL server of the test's own, which restarts
 * under them (support/private-postgres.ts: the shared server must never
 * stop). Every session dies with it, the LISTEN sessions and the alert lock
 * session included: afterwards the live fan-out must work again, and one
 * replica (exactly one) must evaluate alerts again.
 */

const gauge = async (app: FastifyInstance, name: string) => {
  const line = (await app.inject("/metrics")).body.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe("replicas across a PostgreSQL restart", () => {
  let pg: PrivatePostgres;
  let a: TestCollector;
  let b: TestCollector;
  let onB: LiveClient;
  let urlA: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const settings = { CLOSEWATCH_ALERT_INTERVAL_S: "1", CLOSEWATCH_ALERT_LEADER_RETRY_S: "1" };
    a = await createTestCollectorOn(pg.url, settings);
    b = await createTestCollectorOn(pg.url, settings);
    urlA = await a.app.listen({ port: 0, host: "127.0.0.1" });
    onB = await connectLiveClient(await b.app.listen({ port: 0, host: "127.0.0.1" }));
  }, 120_000);

  afterAll(async () => {
    await onB?.close();
    await a?.close();
    await b?.close();
    await pg?.destroy();
  });

  /** POSTs one event to A until it is acknowledged (A's pool reconnects on its own after the restart). */
  const ingestOnA = async () => {
    const event = makeEvent({ service: "restart" });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await fetch(`${urlA}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events: [event] }) });
      if (res.status === 202) return event;
      expect(res.status).toBe(503);
      if (Date.now() > deadline) throw new Error("A never stored the event after the restart");
      await sleep(100);
    }
  };
  const leaders = async () => [await gauge(a.app, "closewatch_alert_evaluator_leader"), await gauge(b.app, "closewatch_alert_evaluator_leader")];

  it("fans live events out again, and elects one alert evaluator again", { timeout: 90_000 }, async () => {
    const before = await ingestOnA();
    await onB.waitFor([before.id]);
    await expect.poll(async () => (await leaders()).sort(), { timeout: 10_000 }).toEqual([0, 1]);

    await pg.restart("fast");
    const restartedAt = Date.now();
    // Every session died: both LISTEN sessions and the lock session are new ones.
    await expect.poll(() => gauge(b.app, "closewatch_live_fanout_connected"), { interval: 50, timeout: 15_000 }).toBe(1);
    const listeningAfterMs = Date.now() - restartedAt;

    const after = await ingestOnA();
    await onB.waitFor([after.id]);
    expect(onB.events.map((e) => e.id)).toEqual([before.id, after.id]);
    await expect.poll(async () => (await leaders()).sort(), { timeout: 15_000 }).toEqual([0, 1]);
    // Stays that way: no second leader appears.
    await sleep(1500);
    expect((await leaders()).sort()).toEqual([0, 1]);
    expect(listeningAfterMs).toBeLessThan(10_000);
  });
});
