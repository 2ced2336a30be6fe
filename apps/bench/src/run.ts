import { mkdir, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { BenchResult } from "./result.js";
import { scenarios } from "./scenarios/index.js";
import { renderTable } from "./table.js";

// `npm run bench [-- --smoke] [-- --only ingest,queries]`: runs the scenarios
// one after another (they would disturb each other's figures), prints the
// table and writes it with the raw results to bench-results/.
const { values } = parseArgs({
  options: { smoke: { type: "boolean", default: false }, only: { type: "string" } },
});
const only = values.only?.split(",").map((s) => s.trim());
const pgAdminUrl = process.env.CLOSEWATCH_BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const results: BenchResult[] = [];
for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
  console.log(`\n# ${scenario.name}: ${scenario.description}`);
  const started = Date.now();
  results.push(...(await scenario.run({ smoke: values.smoke, pgAdminUrl, log: (line) => console.log(`  ${line}`) })));
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const table = renderTable(results);
console.log(`\n${table}`);
await mkdir("bench-results", { recursive: true });
const stamp = new Date().toISOString();
await writeFile("bench-results/latest.md", `# closewatch benchmarks, ${stamp}${values.smoke ? " (smoke)" : ""}\n\n${table}\n`);
await writeFile("bench-results/latest.json", JSON.stringify({ at: stamp, smoke: values.smoke, results }, null, 2));
