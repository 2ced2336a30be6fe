import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { interpolatedCompose, parseMount, resolveInContainer } from "./support/compose.js";
import { freePort, readRepoFile, repoPath, requireBinary, runTool } from "./support/repo.js";

// The configuration files docker-compose.yml mounts, checked by the programs
// that read them (the Debian packages of the same programs; .ci/run installs
// them): Prometheus, Alertmanager and HAProxy.

const compose = interpolatedCompose();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Every bind mount of a service as container path → repository path. */
function bindMounts(name: string): Record<string, string> {
  return Object.fromEntries(
    (compose.services[name]?.volumes ?? [])
      .map(parseMount)
      .filter((mount) => mount.hostPath)
      .map((mount) => [mount.target, mount.hostPath!]),
  );
}

describe("Prometheus in docker-compose.yml", () => {
  it("promtool check config accepts the mounted prometheus.yml and the rule file it loads, laid out as in the container", async () => {
    // /etc/prometheus as the container sees it: both bind mounts, and the
    // credentials volume with a token file in it (promtool checks it exists).
    const etc = await mkdtemp(join(tmpdir(), "closewatch-prometheus-"));
    dirs.push(etc);
    const mounts = bindMounts("prometheus");
    expect(Object.keys(mounts).sort()).toEqual(["/etc/prometheus/closewatch.rules.yml", "/etc/prometheus/prometheus.yml"]);
    for (const [target, source] of Object.entries(mounts)) await copyFile(repoPath(source), join(etc, target.slice("/etc/prometheus/".length)));
    const credentials = resolveInContainer(compose.services.prometheus!, "/etc/prometheus/credentials");
    expect(credentials?.mount.volume).toBe("prometheus-credentials");
    await mkdir(join(etc, "credentials"));
    await writeFile(join(etc, "credentials/prometheus-read-token"), "a".repeat(64));

    const result = await runTool(requireBinary("promtool"), ["check", "config", join(etc, "prometheus.yml")]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/SUCCESS: 1 rule files found/);
  });

  it("promtool fails that check when the token file is missing (the check can fail)", async () => {
    const etc = await mkdtemp(join(tmpdir(), "closewatch-prometheus-"));
    dirs.push(etc);
    for (const [target, source] of Object.entries(bindMounts("prometheus"))) {
      await copyFile(repoPath(source), join(etc, target.slice("/etc/prometheus/".length)));
    }
    const result = await runTool(requireBinary("promtool"), ["check", "config", join(etc, "prometheus.yml")]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/credentials\/prometheus-read-token/);
  });

  it("scrapes the collector service's replicas on the collector's port and alerts to the alertmanager service", () => {
    const config = parse(readRepoFile("deploy/prometheus/prometheus.compose.yml")) as {
      alerting: { alertmanagers: Array<{ static_configs: Array<{ targets: string[] }> }> };
      scrape_configs: Array<{ job_name: string; dns_sd_configs?: Array<{ names: string[]; type: string; port: number }> }>;
      rule_files: string[];
    };
    expect(config.rule_files).toEqual(["closewatch.rules.yml"]);
    expect(config.alerting.alertmanagers[0]!.static_configs[0]!.targets).toEqual(["alertmanager:9093"]);
    expect(compose.services).toHaveProperty(["alertmanager"]);
    const job = config.scrape_configs.find((scrape) => scrape.job_name === "closewatch");
    expect(job?.dns_sd_configs).toEqual([{ names: ["collector"], type: "A", port: 4000, refresh_interval: "15s" }]);
  });
});

describe("Alertmanager in docker-compose.yml", () => {
  it("amtool check-config accepts the mounted alertmanager.yml", async () => {
    const mounts = bindMounts("alertmanager");
    expect(mounts).toEqual({ "/etc/alertmanager/alertmanager.yml": "./deploy/alertmanager/alertmanager.yml" });
    const result = await runTool(requireBinary("amtool"), ["check-config", repoPath(mounts["/etc/alertmanager/alertmanager.yml"]!)]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });
});

describe("HAProxy in docker-compose.yml", () => {
  it("haproxy -c accepts the mounted haproxy.cfg", async () => {
    const mounts = bindMounts("proxy");
    expect(mounts).toEqual({ "/usr/local/etc/haproxy/haproxy.cfg": "./deploy/haproxy/haproxy.cfg" });
    const result = await runTool(requireBinary("haproxy"), ["-c", "-f", repoPath(mounts["/usr/local/etc/haproxy/haproxy.cfg"]!)]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it("haproxy -c rejects a broken copy (the check can fail)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "closewatch-haproxy-"));
    dirs.push(dir);
    await writeFile(join(dir, "haproxy.cfg"), `${readRepoFile("deploy/haproxy/haproxy.cfg")}\nbackend broken\n  balance no-such-algorithm\n`);
    const result = await runTool(requireBinary("haproxy"), ["-c", "-f", join(dir, "haproxy.cfg")]);
    expect(result.code).not.toBe(0);
  });

  it("checks replicas through /readyz and holds live sockets open", () => {
    const cfg = readRepoFile("deploy/haproxy/haproxy.cfg");
    expect(cfg).toMatch(/^\s*option httpchk GET \/readyz$/m);
    // Live dashboards hold a WebSocket for long.
    expect(cfg).toMatch(/^\s*timeout tunnel \d+h$/m);
  });

  it("keeps /metrics off the published port however the path is spelt, and passes everything else (a real haproxy)", async () => {
    // The shipped defaults and frontend, verbatim but for the bind address,
    // in front of a local HTTP server standing in for the collectors.
    const sections = sectionsOf(readRepoFile("deploy/haproxy/haproxy.cfg"));
    const seen: string[] = [];
    const backend = createServer((req, res) => {
      seen.push(req.url ?? "");
      res.end("collector");
    });
    await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), "closewatch-haproxy-run-"));
    dirs.push(dir);
    const frontend = sections.get("frontend closewatch")!.replace(/^\s*bind .*$/m, `  bind 127.0.0.1:${port}`);
    const backendPort = (backend.address() as AddressInfo).port;
    await writeFile(
      join(dir, "haproxy.cfg"),
      [sections.get("defaults")!, frontend, `backend collectors\n  server local 127.0.0.1:${backendPort}\n`].join("\n"),
    );
    const proxy = spawn(requireBinary("haproxy"), ["-db", "-f", join(dir, "haproxy.cfg")], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const get = async (path: string) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
          try {
            return await rawGet(port, path);
          } catch (error) {
            if (Date.now() > deadline) throw error;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
      };
      for (const path of ["/metrics", "/metrics?x=1", "/%6Detrics", "/%6detrics", "//metrics", "/./metrics", "/metrics/", "/METRICS"]) {
        expect(await get(path), path).toBe(404);
      }
      for (const path of ["/api/summary", "/", "/metricsx", "/api/metrics"]) expect(await get(path), path).toBe(200);
      expect(seen).toEqual(["/api/summary", "/", "/metricsx", "/api/metrics"]);
    } finally {
      proxy.kill("SIGKILL");
      await new Promise<void>((resolve) => backend.close(() => resolve()));
    }
  });
});

/** haproxy.cfg's sections by their header line ("defaults", "frontend closewatch"), each with its body. */
function sectionsOf(cfg: string): Map<string, string> {
  const sections = new Map<string, string>();
  let header: string | undefined;
  for (const line of cfg.split("\n")) {
    if (/^[a-z]/.test(line)) header = line.trim();
    if (header && !line.startsWith("#")) sections.set(header, `${sections.get(header) ?? ""}${line}\n`);
  }
  return sections;
}

/** A GET with the path exactly as given (fetch would normalise //metrics and /./metrics). */
function rawGet(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once("error", reject);
    req.end();
  });
}
