import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Agent, createAgent } from "@closewatch/agent";
import { createTestPostgres, type TestPostgres } from "@closewatch/db/testing";
import type { AlertFiring, AlertRule } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { type CollectorProcess, startCollectorProcess } from "./support/collector-process.js";
import { connectLiveClient, type LiveClient } from "./support/live-client.js";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver.js";

/*
 * Two collector processes (the built dist/main.js, as deployed) on different
 * ports and one PostgreSQL database, as behind a load balancer:
 * - a close reported by a real agent to A reaches a real live socket on B,
 *   and A's own socket exactly once;
 * - one of them evaluates the built-in alert rules; SIGKILL it, and the other
 *   takes over and fires the next alert, with one notification.
 * Needs `npm run build` (the collector's dist/) first, like the other process tests.
 */

const RESULTS = join(import.meta.dirname, "../../../test-results");
const SETTINGS = {
  CLOSEWATCH_ALERT_INTERVAL_S: "1",
  CLOSEWATCH_ALERT_LEADER_RETRY_S: "1",
  LOG_LEVEL: "info",
};

/** A user's `ws` server instrumented by the agent; `close(n)` makes n clients get closed with 1008 rate_limit. */
interface UserServer {
  agent: Agent;
  close(n: number): Promise<void>;
  stop(): Promise<void>;
}

async function startUserServer(endpoint: string, service: string): Promise<UserServer> {
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => wss.once("listening", resolve));
  const agent = createAgent({ endpoint, service, flushIntervalMs: 50, onError: () => {} });
  agent.instrument(wss, { route: "/chat" });
  wss.on("connection", (ws) => {
    ws.on("error", () => {});
    ws.on("message", () => agent.closePolicy(ws, "rate_limit", { limit: 50, observed: 73 }));
  });
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/chat`;
  const closeOne = () =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url);
      ws.on("error", () => {});
      ws.once("open", () => ws.send("too fast"));
      ws.once("close", (code) => resolve(code));
    });
  return {
    agent,
    async close(n) {
      expect(await Promise.all(Array.from({ length: n }, closeOne))).toEqual(Array(n).fill(1008));
      await agent.flush();
      expect(agent.stats()).toMatchObject({ queued: 0, failed: 0, dropped: 0 });
    },
    async stop() {
      await agent.shutdown();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

async function metrics(replica: CollectorProcess): Promise<string> {
  const res = await fetch(`${replica.url}/metrics`);
  return res.text();
}

function gauge(text: string, name: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe("two collector processes on one PostgreSQL", () => {
  let pg: TestPostgres;
  let dataDir: string;
  let receiver: WebhookReceiver;
  let a: CollectorProcess;
  let b: CollectorProcess;
  const live: LiveClient[] = [];
  const servers: UserServer[] = [];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    pg = await createTestPostgres();
    dataDir = await mkdtemp(join(tmpdir(), "closewatch-replicas-"));
    receiver = await startWebhookReceiver();
    // One at a time: the first applies the migrations.
    a = await startCollectorProcess(join(dataDir, "a"), { DATABASE_URL: pg.url, ...SETTINGS });
    b = await startCollectorProcess(join(dataDir, "b"), { DATABASE_URL: pg.url, ...SETTINGS });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(live.map((c) => c.close()));
    for (const s of servers) await s.stop();
    await a?.kill();
    await b?.kill();
    await receiver?.close();
    await pg?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, "replicas.json"), `${JSON.stringify(figures, null, 2)}\n`);
  });

  it("pushes a close reported to A to the live dashboards of B, and of A exactly once", async () => {
    const [onA, onB] = [await connectLiveClient(a.url), await connectLiveClient(b.url)];
    live.push(onA, onB);
    const server = await startUserServer(a.url, "replicas-live");
    servers.push(server);
    const sentAt = Date.now();
    await server.close(5);
    await expect.poll(() => onB.events.length, { timeout: 10_000 }).toBe(5);
    figures.liveToOtherReplicaMs = Date.now() - sentAt;
    // Anything extra (a copy announced back to A, a second copy on B) would arrive by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = onB.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(5);
    expect(onB.events.every((e) => e.service === "replicas-live" && e.code === 1008 && e.cause === "rate_limit")).toBe(true);
    expect(onA.events.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(onB.events).toHaveLength(5);
    for (const replica of [a, b]) expect(gauge(await metrics(replica), "closewatch_live_fanout_connected")).toBe(1);
  });

  it("has exactly one replica evaluate alerts; when it is killed, the other fires the next alert once", { timeout: 60_000 }, async () => {
    const res = await fetch(`${a.url}/api/alerts/rules`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "replicas spike",
        codes: [1008],
        cause: "rate_limit",
        service: "replicas-alert",
        windowSeconds: 60,
        threshold: { kind: "count", value: 5 },
        minEvents: 5,
        forSeconds: 0,
        cooldownSeconds: 0,
        target: { url: `${receiver.url}/hook`, format: "json" },
        enabled: true,
      }),
    });
    expect(res.status).toBe(201);
    const rule = (await res.json()) as AlertRule;

    // One leader; it evaluates the rule (and is the only one exporting the firing gauge).
    const leaderOf = async () => {
      const texts = await Promise.all([metrics(a), metrics(b)]);
      return texts.map((t) => gauge(t, "closewatch_alert_evaluator_leader"));
    };
    await expect.poll(leaderOf, { timeout: 10_000 }).toSatisfy((g: (number | undefined)[]) => g.sort().join() === "0,1");
    const [leader, follower] = (await leaderOf())[0] === 1 ? [a, b] : [b, a];
    await expect
      .poll(async () => ((await (await fetch(`${a.url}/api/alerts/rules/${rule.id}`)).json()) as AlertRule).lastEvaluatedAt, { timeout: 10_000 })
      .not.toBeNull();
    await expect.poll(async () => (await metrics(leader)).includes('closewatch_alerts_firing{rule="replicas spike"} 0')).toBe(true);
    expect(await metrics(follower)).not.toMatch(/^closewatch_alerts_firing\{/m);

    // The leader dies without a word: its lock session closes with it.
    const killedAt = Date.now();
    await leader.kill();
    await expect.poll(async () => gauge(await metrics(follower), "closewatch_alert_evaluator_leader"), { interval: 50, timeout: 15_000 }).toBe(1);
    figures.takeoverMs = Date.now() - killedAt;
    figures.leaderRetrySeconds = Number(SETTINGS.CLOSEWATCH_ALERT_LEADER_RETRY_S);
    expect(follower.output()).toMatch(/this replica now evaluates the alert rules/);

    // The spike goes to the survivor (a load balancer would send it there too).
    const server = await startUserServer(follower.url, "replicas-alert");
    servers.push(server);
    const spikeAt = Date.now();
    await server.close(6);
    await expect.poll(() => receiver.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
    figures.spikeToNotificationMs = Date.now() - spikeAt;
    // Three more evaluations: still one notification.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(receiver.requests.map((r) => [r.path, (r.body as { status: string; rule: { id: string }; count: number }).status])).toEqual([["/hook", "firing"]]);
    expect(receiver.requests[0]!.body).toMatchObject({ rule: { id: rule.id }, count: 6, threshold: 5 });
    const { firings } = (await (await fetch(`${follower.url}/api/alerts/firings?ruleId=${rule.id}`)).json()) as { firings: AlertFiring[] };
    expect(firings).toEqual([expect.objectContaining({ resolvedAt: null, notification: { status: "delivered", attempts: 1, lastError: null } })]);
    const after = await metrics(follower);
    expect(after).toContain('closewatch_alerts_firing{rule="replicas spike"} 1');
    expect(after).toMatch(/^closewatch_alert_notifications_total\{format="json",outcome="delivered"\} 1$/m);
  });
});
