import { describe, expect, it } from "vitest";
import { DEMO_ENV_NAMES, DemoConfigError, loadDemoConfig } from "./config.js";

describe("loadDemoConfig", () => {
  it("defaults to an in-process collector, no token and a deploy after 90 s", () => {
    expect(loadDemoConfig({})).toEqual({ collectorUrl: undefined, agentToken: undefined, deployAfterMs: 90_000 });
  });

  it("reads an external collector and the agents' token", () => {
    const config = loadDemoConfig({ DEMO_COLLECTOR_URL: "http://proxy:4000/", DEMO_AGENT_TOKEN: "a".repeat(64), DEMO_DEPLOY_AFTER_S: "0" });
    expect(config).toEqual({ collectorUrl: "http://proxy:4000", agentToken: "a".repeat(64), deployAfterMs: 0 });
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadDemoConfig({ DEMO_COLLECTOR_URL: "proxy:4000?x=1", DEMO_AGENT_TOKEN: "two words", DEMO_DEPLOY_AFTER_S: "soon" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DemoConfigError);
    expect((error as DemoConfigError).problems).toEqual([
      expect.stringMatching(/^DEMO_COLLECTOR_URL must be an http/),
      expect.stringMatching(/^DEMO_AGENT_TOKEN must consist of visible ASCII/),
      expect.stringMatching(/^DEMO_DEPLOY_AFTER_S must be an integer/),
    ]);
  });

  it("refuses credentials in the collector URL", () => {
    expect(() => loadDemoConfig({ DEMO_COLLECTOR_URL: "http://user:secret@collector:4000" })).toThrow(/must not contain credentials/);
  });

  it("DEMO_ENV_NAMES lists exactly the variables it reads", () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get(_target, name) {
        if (typeof name === "string") read.add(name);
        return undefined;
      },
    });
    loadDemoConfig(env);
    expect([...read].sort()).toEqual([...DEMO_ENV_NAMES].sort());
  });
});
