import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { interpolatedCompose, parseMount, resolveInContainer } from "./support/compose.js";
import { readRepoFile, repoPath, requireBinary, runTool } from "./support/repo.js";

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

  it("checks replicas through /readyz and keeps /metrics off the published port", () => {
    const cfg = readRepoFile("deploy/haproxy/haproxy.cfg");
    expect(cfg).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(cfg).toMatch(/^\s*http-request deny deny_status 404 if \{ path \/metrics \}$/m);
    // Live dashboards hold a WebSocket for long.
    expect(cfg).toMatch(/^\s*timeout tunnel \d+h$/m);
  });
});
