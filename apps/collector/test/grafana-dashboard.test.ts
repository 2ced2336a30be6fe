import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { collectorMetricNames, GRAFANA_DASHBOARD, recordedNames, selectedNames } from "./support/prometheus.js";

/** Series Prometheus itself provides, which a dashboard may select besides closewatch's. */
const PROMETHEUS_BUILTINS = new Set(["up", "ALERTS"]);

interface Target {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}
interface Panel {
  title?: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Variable {
  type: string;
  name: string;
  query?: string | { query?: string };
  definition?: string;
}
interface Dashboard {
  schemaVersion: number;
  panels: Panel[];
  templating: { list: Variable[] };
  annotations: { list: { expr?: string; datasource?: { uid?: string } }[] };
}

async function loadDashboard(): Promise<Dashboard> {
  return JSON.parse(await readFile(GRAFANA_DASHBOARD, "utf8")) as Dashboard;
}

/** Every panel, rows' nested panels included. */
function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

/** Every PromQL expression in the dashboard, with where it is. */
function expressions(dashboard: Dashboard): { where: string; expr: string }[] {
  const found: { where: string; expr: string }[] = [];
  for (const panel of allPanels(dashboard.panels)) {
    for (const target of panel.targets ?? []) if (target.expr) found.push({ where: `panel "${panel.title}"`, expr: target.expr });
  }
  for (const annotation of dashboard.annotations.list) {
    if (annotation.expr) found.push({ where: "annotation", expr: annotation.expr });
  }
  return found;
}

/** Names that are neither exported by the collector, recorded by the shipped rules, nor Prometheus's own. */
async function unknownNames(exprs: readonly string[]): Promise<string[]> {
  const known = new Set([...(await collectorMetricNames()), ...(await recordedNames()), ...PROMETHEUS_BUILTINS]);
  return [...new Set(exprs.flatMap(selectedNames))].filter((name) => !known.has(name)).sort();
}

// deploy/grafana/closewatch.json is built on the recording rules in
// deploy/prometheus/closewatch.rules.yml; this keeps the two (and the metrics
// the collector registers in src/plugins/metrics.ts) from drifting apart.
describe("deploy/grafana/closewatch.json", () => {
  it("is a schemaVersion 39 dashboard whose queries all go through the datasource variable", async () => {
    const dashboard = await loadDashboard();
    expect(dashboard.schemaVersion).toBe(39);
    const datasource = dashboard.templating.list.find((v) => v.type === "datasource");
    expect(datasource).toMatchObject({ name: "datasource", query: "prometheus" });
    for (const panel of allPanels(dashboard.panels).filter((p) => p.type !== "row")) {
      expect(panel.datasource, panel.title).toEqual({ type: "prometheus", uid: "${datasource}" });
      for (const target of panel.targets ?? []) expect(target.datasource?.uid, panel.title).toBe("${datasource}");
    }
  });

  it("has a service variable from label_values(closewatch_close_events_total, service), used by the close panels", async () => {
    const dashboard = await loadDashboard();
    const service = dashboard.templating.list.find((v) => v.name === "service");
    expect(service?.type).toBe("query");
    const query = typeof service?.query === "string" ? service.query : service?.query?.query;
    expect(query).toBe("label_values(closewatch_close_events_total, service)");
    const closeExprs = expressions(dashboard).filter((e) => e.expr.includes("closewatch_close_events"));
    expect(closeExprs.length).toBeGreaterThan(5);
    for (const { where, expr } of closeExprs) expect(expr, where).toContain('service=~"$service"');
  });

  it("selects only metrics the collector exports, recording rules that exist, and up/ALERTS", async () => {
    const dashboard = await loadDashboard();
    const exprs = expressions(dashboard).map((e) => e.expr);
    expect(exprs.length).toBeGreaterThan(10);
    expect(await unknownNames(exprs)).toEqual([]);
    // Built on the recording rules: the close-code panels read the series the
    // alerts compare (rates, baselines, shares), never the raw counter.
    const used = new Set(exprs.flatMap(selectedNames));
    expect([...used].filter((name) => name.includes(":")).sort()).toEqual([
      "instance:closewatch_ingest_stored_events:rate5m",
      "instance_outcome:closewatch_ingest_requests:rate5m",
      "service:closewatch_close_events:rate5m",
      "service_code:closewatch_close_events:baseline1h",
      "service_code:closewatch_close_events:rate5m",
      "service_code_cause:closewatch_close_events:rate5m",
      "service_code_cause:closewatch_close_events:share5m",
    ]);
    expect(used).not.toContain("closewatch_close_events_total");
  });

  it("would notice a name that does not exist (the check can fail)", async () => {
    expect(
      await unknownNames([
        'sum by (service) (service_code:closewatch_close_events:rate5m{code="1009",service=~"$service"})',
        "rate(closewatch_close_event_total[$__rate_interval])",
        "service_code:closewatch_close_events:rate15m offset 1h5m",
      ]),
    ).toEqual(["closewatch_close_event_total", "service_code:closewatch_close_events:rate15m"]);
  });

  it("reads selectors out of PromQL, not functions, labels, keywords, durations or variables", () => {
    expect(
      selectedNames(
        'sum by (service, code) (rate(a_total{code=~"1008|1009", cause!="x y"}[5m] offset 1h5m)) / on (service) group_left () b:c:d > 0.05 and ignoring (cause) topk(1, e) or vector(1e3) * ${x} - $__rate_interval',
      ).sort(),
    ).toEqual(["a_total", "b:c:d", "e"]);
  });
});
