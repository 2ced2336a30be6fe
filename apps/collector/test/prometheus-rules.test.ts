import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  collectorMetricNames,
  PROMETHEUS_DIR,
  recordedNames,
  requireBinary,
  runTool,
  SHIPPED_ALERTMANAGER_CONFIG,
  SHIPPED_PROMETHEUS_CONFIG,
  SHIPPED_RULES,
} from "./support/prometheus.js";

// The files users copy into their Prometheus and Alertmanager, checked by the
// tools themselves. `promtool test rules` runs the unit tests in
// deploy/prometheus/tests/ (spikes, blips, floors, cause share, ingest
// stalled, collector down) against the shipped rules file, unchanged.
describe("deploy/prometheus and deploy/alertmanager", () => {
  it("promtool check config accepts prometheus.yml (and the rule file it loads)", async () => {
    const result = await runTool(requireBinary("promtool"), ["check", "config", SHIPPED_PROMETHEUS_CONFIG]);
    expect(result.code, result.output).toBe(0);
  });

  it("promtool check rules accepts closewatch.rules.yml", async () => {
    const result = await runTool(requireBinary("promtool"), ["check", "rules", SHIPPED_RULES]);
    expect(result.code, result.output).toBe(0);
  });

  // ~10 s on its own: promtool evaluates every rule every 15s over hours of series.
  it("promtool test rules passes every unit test in deploy/prometheus/tests", { timeout: 90_000 }, async () => {
    const testsDir = join(PROMETHEUS_DIR, "tests");
    const files = (await readdir(testsDir)).filter((f) => f.endsWith(".test.yml")).sort();
    expect(files).toEqual(["cause-share.test.yml", "collector.test.yml", "spikes.test.yml"]);
    const result = await runTool(requireBinary("promtool"), ["test", "rules", ...files], testsDir);
    expect(result.code, result.output).toBe(0);
    expect(result.output.match(/SUCCESS/g), result.output).toHaveLength(files.length);
  });

  it("amtool check-config accepts the example alertmanager.yml", async () => {
    const result = await runTool(requireBinary("amtool"), ["check-config", SHIPPED_ALERTMANAGER_CONFIG]);
    expect(result.code, result.output).toBe(0);
  });

  it("ships the alerts the README documents, under their stable names", async () => {
    const text = await readFile(SHIPPED_RULES, "utf8");
    const alerts = [...text.matchAll(/^\s*- alert:\s*(\S+)\s*$/gm)].map((m) => m[1]);
    expect(alerts.sort()).toEqual([
      "CloseWatch1008Spike",
      "CloseWatch1009Spike",
      "CloseWatchCauseShareJump",
      "CloseWatchCollectorAbsent",
      "CloseWatchCollectorDown",
      "CloseWatchIngestStalled",
    ]);
  });

  it("selects only metrics the collector exports and recording rules the file defines", async () => {
    // Without the comments, which name things in prose.
    const text = (await readFile(SHIPPED_RULES, "utf8")).replace(/(^|\s)#.*$/gm, "");
    const metrics = await collectorMetricNames();
    const recorded = await recordedNames();
    expect(metrics).toContain("closewatch_close_events_total");
    expect(metrics).toContain("closewatch_ingest_stored_events_total");

    // Raw metric names: closewatch_… not part of a level:metric:operation name (nor $externalLabels.closewatch_url).
    const raw = new Set([...text.matchAll(/(?<![\w:.])closewatch_[a-z0-9_]+(?![\w:])/g)].map((m) => m[0]));
    const unknownRaw = [...raw].filter((name) => !metrics.has(name));
    expect(unknownRaw, "metrics the collector does not export").toEqual([]);

    // Every recording-rule name used anywhere (expressions and annotation queries) is defined.
    const used = new Set([...text.matchAll(/\b[a-z_]+:closewatch_[a-z0-9_]+:[a-z0-9_]+\b/g)].map((m) => m[0]));
    const undefinedRecorded = [...used].filter((name) => !recorded.has(name));
    expect(undefinedRecorded, "recording rules used but not defined").toEqual([]);
  });
});
