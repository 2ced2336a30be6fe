import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InstrumentedServer, type ServiceSpec } from "./support/dashboard-fixture.js";
import { createTestCollector, type TestCollector } from "./support/engines.js";
import { Daemon, freePort, GRAFANA_DASHBOARD, renderRules, requireBinary, sleep } from "./support/prometheus.js";

/*
 * The shipped alert rules, for real: ws server + agent → collector /metrics →
 * Prometheus (scraping, recording, alerting) → Alertmanager → a webhook here.
 *
 * How the test configuration relates to the shipped one
 * - Rules: deploy/prometheus/closewatch.rules.yml itself, with only its
 *   durations replaced through DURATIONS below (see renderRules): the same
 *   expressions, thresholds, labels and annotations. So `for: 5m` waits 5s,
 *   the 5m rates look at 5s, and the baseline hour is 10s.
 * - Prometheus: what deploy/prometheus/prometheus.yml says (job `closewatch`,
 *   /metrics, the `closewatch_url` external label, one Alertmanager), with a
 *   1s scrape and evaluation interval, on free ports, storage in a temp dir.
 * - Alertmanager: one webhook receiver pointing at this test, no group wait,
 *   no clustering, storage in a temp dir.
 * The timing properties of the rules (blips, floors, resolution, baselines)
 * are proven at their real durations by `promtool test rules`
 * (deploy/prometheus/tests, run by prometheus-rules.test.ts).
 */

/** Shipped duration → test duration. Ordered like the originals; windows ≥ 3 scrapes. */
const DURATIONS = { "1m": "3s", "2m": "4s", "5m": "5s", "10m": "10s", "1h": "10s", "6h": "60s" } as const;
/** The `offset 1h` guard: no spike alert before Prometheus has this much history. */
const BASELINE_GUARD_MS = 10_000;

const SERVICE: ServiceSpec = { service: "chat-api", route: "/chat", maxPayload: 1024 };

interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state?: string;
  status?: string;
}
interface WebhookBody {
  status: string;
  alerts: Alert[];
}

/** Collects Alertmanager's webhook notifications. */
class Webhook {
  readonly bodies: WebhookBody[] = [];
  private waiters: { match: (b: WebhookBody) => boolean; resolve: (b: WebhookBody) => void }[] = [];
  private constructor(readonly server: Server) {}

  static async start(): Promise<Webhook> {
    const webhook: Webhook = new Webhook(
      createServer((req, res) => {
        void readBody(req).then((text) => {
          res.writeHead(200).end();
          webhook.received(JSON.parse(text) as WebhookBody);
        });
      }),
    );
    await new Promise<void>((resolve) => webhook.server.listen(0, "127.0.0.1", resolve));
    return webhook;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  private received(body: WebhookBody): void {
    this.bodies.push(body);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(body)) return true;
      w.resolve(body);
      return false;
    });
  }

  /** The first notification (received or to come) that `match`es. */
  next(match: (body: WebhookBody) => boolean, timeoutMs: number): Promise<WebhookBody> {
    const seen = this.bodies.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching webhook notification in ${timeoutMs} ms; got ${JSON.stringify(this.bodies)}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (body) => {
          clearTimeout(timer);
          resolve(body);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

const isSpike = (a: Alert) => a.labels.alertname === "CloseWatch1009Spike" && a.labels.service === SERVICE.service;

describe("shipped alert rules on a real Prometheus and Alertmanager", () => {
  const daemons: Daemon[] = [];
  let dir: string | undefined;
  let collector: TestCollector | undefined;
  let server: InstrumentedServer | undefined;
  let webhook: Webhook | undefined;
  let collectorUrl: string;
  let prometheusUrl: string;
  let prometheusStartedAt: number;

  async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; data: { result: [] }; error?: string };
    if (body.status !== "success") throw new Error(`query ${expr}: ${body.error}`);
    return body.data.result;
  }

  /** Prometheus's pending and firing alerts. */
  async function alerts(): Promise<Alert[]> {
    const body = (await (await fetch(`${prometheusUrl}/api/v1/alerts`)).json()) as { data: { alerts: Alert[] } };
    return body.data.alerts;
  }

  /** Polls until `check` returns a value; fails with the daemons' logs. */
  async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const value = await check();
      if (value !== undefined) return value;
      await sleep(200);
    }
    throw new Error(`${what}: not within ${timeoutMs} ms.\n${daemons.map((d) => `--- ${d.name}\n${d.log}`).join("\n")}`);
  }

  beforeAll(async () => {
    // Fail loudly, naming the package, if the binaries are missing (.ci/run installs them).
    const prometheusBin = requireBinary("prometheus");
    const alertmanagerBin = requireBinary("prometheus-alertmanager", "alertmanager");

    dir = await mkdtemp(join(tmpdir(), "closewatch-prometheus-"));
    collector = await createTestCollector("PGlite");
    collectorUrl = await collector.app.listen({ port: 0, host: "127.0.0.1" });
    server = await InstrumentedServer.start(SERVICE, collectorUrl);
    webhook = await Webhook.start();

    // JSON is YAML: both configs are written as JSON.
    const alertmanagerPort = await freePort();
    await writeFile(
      join(dir, "alertmanager.yml"),
      JSON.stringify({
        route: {
          receiver: "test",
          group_by: ["alertname", "service"],
          group_wait: "0s",
          group_interval: "1s",
          repeat_interval: "1h",
        },
        receivers: [{ name: "test", webhook_configs: [{ url: webhook.url, send_resolved: true }] }],
      }),
    );
    const alertmanager = Daemon.spawn("alertmanager", alertmanagerBin, [
      `--config.file=${join(dir, "alertmanager.yml")}`,
      `--storage.path=${join(dir, "alertmanager-data")}`,
      `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
      "--cluster.listen-address=",
      "--log.level=warn",
    ]);
    daemons.push(alertmanager);

    await writeFile(join(dir, "closewatch.rules.yml"), await renderRules(DURATIONS));
    const prometheusPort = await freePort();
    prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
    await writeFile(
      join(dir, "prometheus.yml"),
      JSON.stringify({
        global: { scrape_interval: "1s", evaluation_interval: "1s", external_labels: { closewatch_url: collectorUrl } },
        rule_files: [join(dir, "closewatch.rules.yml")],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanagerPort}`] }] }] },
        scrape_configs: [
          {
            job_name: "closewatch",
            metrics_path: "/metrics",
            static_configs: [{ targets: [new URL(collectorUrl).host] }],
          },
        ],
      }),
    );

    // Traffic before Prometheus starts, so chat-api's series exist from its first scrape.
    await server.run("oversized");
    await server.run("bye");
    await server.flush();

    await alertmanager.waitReady(`http://127.0.0.1:${alertmanagerPort}/-/ready`);
    const prometheus = Daemon.spawn("prometheus", prometheusBin, [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "prometheus-data")}`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
      "--log.level=warn",
    ]);
    daemons.push(prometheus);
    prometheusStartedAt = Date.now();
    await prometheus.waitReady(`${prometheusUrl}/-/ready`);
  });

  afterAll(async () => {
    // Every step runs even if an earlier one (or beforeAll) failed.
    await Promise.allSettled(daemons.map((d) => d.stop()));
    await Promise.allSettled([server?.close(), webhook?.close()]);
    await collector?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("loads the shipped rules with only their durations shortened", async () => {
    const body = (await (await fetch(`${prometheusUrl}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; query: string; duration: number }[] }[] };
    };
    const rules = body.data.groups.flatMap((g) => g.rules);
    expect(rules).toHaveLength(18);
    const spike = rules.find((r) => r.name === "CloseWatch1009Spike");
    expect(spike?.duration).toBe(5); // for: 5m → 5s
    expect(spike?.query).toContain("> 0.05"); // the floor is the shipped one
  });

  it(
    "a burst of oversized messages fires CloseWatch1009Spike in Prometheus and Alertmanager delivers it; steady traffic does not",
    // Longer than the sum of its waits (20 + 30 + 7 + 45 + 20 + 30 s), so a slow run fails on the wait that
    // ran out, with the daemons' logs, rather than on Vitest's timeout.
    { timeout: 180_000 },
    async ({ annotate }) => {
      const running = server!;

      // Steady state: a few closes a second, half of them 1009 (~3/s, well
      // over the 0.05/s floor, so only the baseline keeps the alert quiet)
      // and half normal (1000, 1001). Watched until Prometheus has a
      // baseline for chat-api's 1009 (the `offset 1h` guard) and for longer
      // than `for:` after it; no alert may even be pending.
      let steady = true;
      const steadyTraffic = (async () => {
        const cycle = ["bye", "oversized", "leave", "oversized"] as const;
        for (let i = 0; steady; i++) {
          await running.run(cycle[i % cycle.length]!);
          await sleep(150);
        }
      })();
      let steady1009: { value: [number, string] } | undefined;
      try {
        await until("the collector is scraped (up == 1)", 20_000, async () =>
          (await query('up{job="closewatch"} == 1')).length > 0 ? true : undefined,
        );
        await until("Prometheus has a baseline for chat-api's 1009", 20_000 + BASELINE_GUARD_MS, async () =>
          (await query('service_code:closewatch_close_events:baseline1h{service="chat-api",code="1009"}')).length > 0
            ? true
            : undefined,
        );
        const steadyUntil = Date.now() + 7_000; // longer than `for: 5m` → 5s
        while (Date.now() < steadyUntil) {
          expect(await alerts()).toEqual([]);
          await sleep(250);
        }
        const normal = await query('service_code:closewatch_close_events:rate5m{service="chat-api",code=~"1000|1001"}');
        expect(normal.length, "steady normal traffic reaches the recording rules").toBe(2);
        [steady1009] = await query('service_code:closewatch_close_events:rate5m{service="chat-api",code="1009"} > 0.05');
        expect(steady1009, "the steady 1009 rate is over the floor: only the baseline keeps it quiet").toBeDefined();
        expect(webhook!.bodies).toEqual([]);
      } finally {
        steady = false;
        await steadyTraffic;
      }

      // The burst: clients sending messages over maxPayload, two at a time
      // (hundreds a second), until Alertmanager has delivered the alert.
      const burstStartedAt = Date.now();
      let bursting = true;
      let oversized = 0;
      const burst = Promise.all(
        Array.from({ length: 2 }, async () => {
          while (bursting) {
            await running.run("oversized");
            oversized++;
          }
        }),
      );
      try {
        const firing = await until("CloseWatch1009Spike is firing in Prometheus", 45_000, async () =>
          (await alerts()).find((a) => isSpike(a) && a.state === "firing"),
        );
        const firedAfterMs = Date.now() - burstStartedAt;
        expect(firing.labels).toMatchObject({ alertname: "CloseWatch1009Spike", service: "chat-api", code: "1009" });
        expect(firing.annotations.dashboard).toBe(`${collectorUrl}/events?code=1009&service=chat-api`);
        expect(firing.annotations.description).toContain("Likely cause: message_too_big");

        const delivered = await webhook!.next((b) => b.status === "firing" && b.alerts.some(isSpike), 20_000);
        const deliveredAfterMs = Date.now() - burstStartedAt;
        const alert = delivered.alerts.find(isSpike)!;
        expect(alert.labels).toMatchObject({
          alertname: "CloseWatch1009Spike",
          service: "chat-api",
          code: "1009",
          severity: "warning",
          closewatch_url: collectorUrl, // external labels travel with the alert
        });
        expect(alert.annotations.dashboard).toBe(`${collectorUrl}/events?code=1009&service=chat-api`);
        expect(alert.annotations.summary).toMatch(/^chat-api: 1009 Message Too Big closes at [\d.]+\/s, over 3× its previous hour$/);
        expect(alert.annotations.description).toContain(`Overview: ${collectorUrl}/?service=chat-api&range=1h`);
        // Only the spike: no other closewatch alert came along.
        expect(new Set(webhook!.bodies.flatMap((b) => b.alerts.map((a) => a.labels.alertname)))).toEqual(
          new Set(["CloseWatch1009Spike"]),
        );
        await annotate(
          `burst of ${oversized} oversized messages: firing in Prometheus after ${firedAfterMs} ms, ` +
            `delivered to the webhook after ${deliveredAfterMs} ms (steady 1009 rate before it ${Number(steady1009!.value[1]).toFixed(2)}/s; ` +
            `Prometheus up ${burstStartedAt - prometheusStartedAt} ms before the burst)`,
        );
      } finally {
        bursting = false;
        await burst;
      }

      // When the burst stops, the alert resolves and Alertmanager says so.
      const stoppedAt = Date.now();
      const resolved = await webhook!.next((b) => b.status === "resolved" && b.alerts.some(isSpike), 30_000);
      expect(resolved.alerts.find(isSpike)?.status).toBe("resolved");
      expect((await alerts()).filter(isSpike)).toEqual([]);
      await annotate(`resolved and delivered ${Date.now() - stoppedAt} ms after the burst stopped`);
    },
  );

  it("every query of the Grafana dashboard runs on this Prometheus, and the 1009 panels show the burst", async () => {
    const dashboard = JSON.parse(await readFile(GRAFANA_DASHBOARD, "utf8")) as {
      panels: { title: string; targets?: { expr: string }[] }[];
      annotations: { list: { expr?: string }[] };
    };
    const exprs = [
      ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
      ...dashboard.annotations.list.flatMap((a) => (a.expr ? [a.expr] : [])),
    ];
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs) {
      // Grafana's variables, as Grafana would fill them in here.
      const result = await query(expr.replaceAll("$__rate_interval", "4s").replaceAll("$service", "chat-api"));
      // No 1008 in this test, and the alert has resolved.
      const mayBeEmpty = expr.includes('code="1008"') || expr.startsWith("ALERTS");
      if (!mayBeEmpty) expect(result.length, expr).toBeGreaterThan(0);
    }
  });
});
