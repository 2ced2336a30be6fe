import type { Scenario } from "../result.js";

/** Every benchmark scenario, in the order `npm run bench` runs them. */
export const scenarios: Scenario[] = [];
