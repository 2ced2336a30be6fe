/** Everything the demo reads from its environment (besides the collector's own variables when it starts one). */
export const DEMO_ENV_NAMES = ["DEMO_COLLECTOR_URL", "DEMO_AGENT_TOKEN", "DEMO_DEPLOY_AFTER_S"] as const;

export interface DemoConfig {
  /** A collector to send to (`http://collector:4000`); unset: the demo starts its own, in-process. */
  readonly collectorUrl: string | undefined;
  /** Bearer token the demo's agents send (an ingest token), for a collector with auth on. */
  readonly agentToken: string | undefined;
  /** When the simulated deploy halves feed-api's size limit. */
  readonly deployAfterMs: number;
}

export class DemoConfigError extends Error {
  override name = "DemoConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid demo configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the demo's variables; reports every problem at once. */
export function loadDemoConfig(env: Env = process.env): DemoConfig {
  const problems: string[] = [];

  let collectorUrl: string | undefined;
  const rawUrl = env.DEMO_COLLECTOR_URL;
  if (rawUrl) {
    let url: URL | undefined;
    try {
      url = new URL(rawUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
      problems.push(`DEMO_COLLECTOR_URL must be an http:// or https:// URL without query or fragment (got "${rawUrl}")`);
    } else if (url.username || url.password) {
      // The agent refuses credentials in its endpoint too: URLs end up in logs.
      problems.push("DEMO_COLLECTOR_URL must not contain credentials; set DEMO_AGENT_TOKEN");
    } else {
      collectorUrl = url.toString().replace(/\/+$/, "");
    }
  }

  // The same rule as the agent's `token` option, checked here so a bad value is named by its variable.
  const agentToken = env.DEMO_AGENT_TOKEN || undefined;
  if (agentToken !== undefined && !/^[\x21-\x7e]+$/.test(agentToken)) {
    problems.push("DEMO_AGENT_TOKEN must consist of visible ASCII characters (no spaces)");
  }

  let deployAfterS = 90;
  const rawDeploy = env.DEMO_DEPLOY_AFTER_S;
  if (rawDeploy !== undefined && rawDeploy !== "") {
    const value = Number(rawDeploy);
    if (!Number.isInteger(value) || value < 0 || value > 86_400) {
      problems.push(`DEMO_DEPLOY_AFTER_S must be an integer from 0 to 86400 (got "${rawDeploy}")`);
    } else {
      deployAfterS = value;
    }
  }

  if (problems.length > 0) throw new DemoConfigError(problems);
  return Object.freeze({ collectorUrl, agentToken, deployAfterMs: deployAfterS * 1000 });
}
