import type { Scenario } from "../result.js";
import { agentOverhead } from "./agent-overhead.js";
import { dashboardScenario } from "./dashboard.js";
import { ingestScenario } from "./ingest.js";
import { liveLatency } from "./live-latency.js";
import { queriesScenario } from "./queries.js";
import { replicasScenario } from "./replicas.js";

/** Every benchmark scenario, in the order `npm run bench` runs them. */
export const scenarios: Scenario[] = [agentOverhead, liveLatency, ingestScenario, queriesScenario, dashboardScenario, replicasScenario];
