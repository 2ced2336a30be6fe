import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCollector, type TestCollector } from "./support/engines.js";
import { Daemon, freePort, requireBinary, sleep } from "./support/prometheus.js";
import { createToken } from "./support/tokens.js";

/*
 * A real Prometheus scraping a collector that requires tokens, configured the
 * way the README and deploy/prometheus/prometheus.yml say: `authorization`
 * with a `credentials_file` holding a read token. A second job with an
 * ingest token shows the scrape really is checked.
 */
describe("Prometheus with a read token (credentials_file)", () => {
  let c: TestCollector;
  let dir: string;
  let prometheus: Daemon;
  let prometheusUrl: string;

  beforeAll(async () => {
    const prometheusBin = requireBinary("prometheus");
    c = await createTestCollector("PGlite", { CLOSEWATCH_AUTH: "required" });
    const read = await createToken(c.db, "prometheus", "read");
    const ingest = await createToken(c.db, "agents", "ingest");
    const collectorUrl = await c.app.listen({ port: 0, host: "127.0.0.1" });
    dir = await mkdtemp(join(tmpdir(), "closewatch-prom-auth-"));
    await writeFile(join(dir, "read.token"), `${read}\n`);
    await writeFile(join(dir, "ingest.token"), `${ingest}\n`);
    const target = new URL(collectorUrl).host;
    const job = (name: string, file: string | undefined) => ({
      job_name: name,
      metrics_path: "/metrics",
      static_configs: [{ targets: [target] }],
      ...(file ? { authorization: { type: "Bearer", credentials_file: join(dir, file) } } : {}),
    });
    await writeFile(
      join(dir, "prometheus.yml"),
      JSON.stringify({
        global: { scrape_interval: "1s" },
        scrape_configs: [job("closewatch", "read.token"), job("wrong-scope", "ingest.token"), job("no-token", undefined)],
      }),
    );
    const port = await freePort();
    prometheusUrl = `http://127.0.0.1:${port}`;
    prometheus = Daemon.spawn("prometheus", prometheusBin, [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ]);
    await prometheus.waitReady(`${prometheusUrl}/-/ready`);
  }, 60_000);
  afterAll(async () => {
    await prometheus?.stop();
    await c?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("scrapes /metrics with the read token; without one, or with an ingest token, the target is down", async () => {
    const up = async () => {
      const res = await fetch(`${prometheusUrl}/api/v1/targets?state=active`);
      const body = (await res.json()) as { data: { activeTargets: { labels: { job: string }; health: string; lastError: string }[] } };
      return new Map(body.data.activeTargets.map((t) => [t.labels.job, t]));
    };
    const deadline = Date.now() + 30_000;
    let targets = await up();
    while ([...targets.values()].some((t) => t.health === "unknown") || targets.size < 3) {
      if (Date.now() > deadline) throw new Error(`targets not scraped yet: ${JSON.stringify([...targets.values()])}\n${prometheus.log}`);
      await sleep(250);
      targets = await up();
    }
    expect(targets.get("closewatch")).toMatchObject({ health: "up" });
    expect(targets.get("wrong-scope")).toMatchObject({ health: "down" });
    expect(targets.get("wrong-scope")!.lastError).toMatch(/403/);
    expect(targets.get("no-token")).toMatchObject({ health: "down" });
    expect(targets.get("no-token")!.lastError).toMatch(/401/);
  }, 60_000);
});
