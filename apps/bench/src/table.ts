import { type BenchResult, meetsTarget } from "./result.js";

const fmt = (value: number): string =>
  Number.isNaN(value) ? "n/a" : Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en-US") : Number(value.toFixed(2)).toString();

/** The benchmark table: figure, target, same-run baseline, ratio, verdict. */
export function renderTable(results: readonly BenchResult[]): string {
  const header = ["scenario", "figure", "value", "target", "baseline (same run)", "ratio", "ok"];
  const rows = results.map((r) => {
    const ok = meetsTarget(r);
    return [
      r.scenario,
      r.figure,
      `${fmt(r.value)} ${r.unit}`,
      r.target ? `${r.target.op === ">=" ? "≥" : "≤"} ${fmt(r.target.value)}` : "",
      r.baseline ? `${fmt(r.baseline.value)} (${r.baseline.label})` : "",
      r.baseline && r.baseline.value !== 0 ? `${(r.value / r.baseline.value).toFixed(2)}×` : "",
      ok === undefined ? "" : ok ? "yes" : "NO",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  const notes = results.filter((r) => r.note).map((r) => `- ${r.scenario} / ${r.figure}: ${r.note}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}
