import { TEST_PG_ADMIN_URL } from "@closewatch/db/testing";
import { describe, expect, it } from "vitest";
import { scenarios } from "../src/scenarios/index.js";

// CI's smoke run: every scenario at its tiny sizes must finish and report a
// number for every figure. How fast is not checked here; that is the bench's job.
describe("bench scenarios, smoke sizes", () => {
  it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))("%s reports a finite number for every figure", async (name, scenario) => {
    const results = await scenario.run({ smoke: true, pgAdminUrl: TEST_PG_ADMIN_URL, log: () => {} });
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.scenario).toBe(name);
      expect(Number.isFinite(result.value), `${result.figure} = ${result.value}`).toBe(true);
    }
  });
});
