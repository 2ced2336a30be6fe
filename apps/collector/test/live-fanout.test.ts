import { migrate, openDatabase } from "@closewatch/db";
import { createTestPostgres, type TestPostgres } from "@closewatch/db/testing";
import type { IngestEvent } from "@closewatch/protocol";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { connectLiveClient, type LiveClient } from "./support/live-client.js";
import { makeEvent } from "./support/engines.js";

/*
 * Two collectors (two apps in this process, each with its own pool and
 * LISTEN session) on one PostgreSQL database: whichever one stores an event,
 * every dashboard on either sees it exactly once. The two-process version,
 * with the built collector and a real agent, is replicas.test.ts.
 */

interface Replica {
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

async function startReplica(url: string, env: Record<string, string> = {}): Promise<Replica> {
  const db = await openDatabase({ url, poolSize: 4 });
  await migrate(db);
  const config = loadConfig({ PORT: "0", LOG_LEVEL: "silent", CLOSEWATCH_ALERT_INTERVAL_S: "0", ...env });
  const app = await buildApp({ config, db, logger: false });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    app,
    url: address,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

const post = async (replica: Replica, events: IngestEvent[]) => {
  const res = await fetch(`${replica.url}/v1/events`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ events }) });
  expect(res.status).toBe(202);
  return (await res.json()) as { accepted: number; duplicates: number };
};

/** Long enough for a second copy (or a wrongly fanned-out one) to arrive, were one on its way. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe("live fan-out between replicas on one PostgreSQL (LISTEN/NOTIFY)", () => {
  let pg: TestPostgres;
  let a: Replica;
  let b: Replica;
  const clients: LiveClient[] = [];
  const live = async (replica: Replica) => {
    const client = await connectLiveClient(replica.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    pg = await createTestPostgres();
    a = await startReplica(pg.url);
    b = await startReplica(pg.url);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await a?.close();
    await b?.close();
    await pg?.drop();
  });

  it("pushes an event stored by one replica to the dashboards of both, exactly once each", async () => {
    expect(a.app.replicaId).not.toBe(b.app.replicaId);
    const [onA, onB] = [await live(a), await live(b)];
    const first = makeEvent({ code: 1009, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" });
    await post(a, [first]);
    await Promise.all([onA.waitFor([first.id]), onB.waitFor([first.id])]);
    // The copy from another replica is the stored row, as the query API returns it.
    const stored = (await a.app.inject(`/api/events/${first.id}`)).json();
    expect(onB.events.find((e) => e.id === first.id)).toEqual(stored);
    expect(onA.events.find((e) => e.id === first.id)).toEqual(stored);

    const second = makeEvent();
    await post(b, [second]);
    await Promise.all([onA.waitFor([second.id]), onB.waitFor([second.id])]);
    await settle();
    for (const client of [onA, onB]) expect([client.count(first.id), client.count(second.id)]).toEqual([1, 1]);
  });

  it("announces only new rows: a retried batch reaches nobody again", async () => {
    const [onA, onB] = [await live(a), await live(b)];
    const event = makeEvent();
    await post(a, [event]);
    await onB.waitFor([event.id]);
    // The agent retries the same batch through the other replica: a duplicate, not news.
    expect(await post(b, [event])).toEqual({ accepted: 0, duplicates: 1 });
    const fresh = makeEvent();
    await post(a, [fresh]);
    await Promise.all([onA.waitFor([fresh.id]), onB.waitFor([fresh.id])]);
    await settle();
    for (const client of [onA, onB]) expect(client.events.map((e) => e.id)).toEqual([event.id, fresh.id]);
  });

  it("carries a batch larger than one notification (200 ids) whole", async () => {
    const onB = await live(b);
    const events = Array.from({ length: 1234 }, () => makeEvent({ service: "bulk" }));
    expect(await post(a, events)).toEqual({ accepted: 1234, duplicates: 0 });
    await onB.waitFor(events.map((e) => e.id));
    await settle();
    expect(onB.events).toHaveLength(1234);
    expect(new Set(onB.events.map((e) => e.id)).size).toBe(1234);
  });

  it("reports the LISTEN session on /metrics", async () => {
    for (const replica of [a, b]) {
      expect((await replica.app.inject("/metrics")).body).toMatch(/^closewatch_live_fanout_connected 1$/m);
    }
  });

  it("stays local with CLOSEWATCH_LIVE_FANOUT=off", async () => {
    const off = await startReplica(pg.url, { CLOSEWATCH_LIVE_FANOUT: "off" });
    try {
      const [onOff, onA] = [await live(off), await live(a)];
      const fromA = makeEvent();
      await post(a, [fromA]);
      await onA.waitFor([fromA.id]);
      const fromOff = makeEvent();
      await post(off, [fromOff]);
      await onOff.waitFor([fromOff.id]);
      await settle();
      // Neither hears the other: `off` neither listens nor announces.
      expect(onOff.count(fromA.id)).toBe(0);
      expect(onA.count(fromOff.id)).toBe(0);
      expect((await off.app.inject("/metrics")).body).toMatch(/^closewatch_live_fanout_connected 0$/m);
    } finally {
      await off.close();
    }
  });
});
