import { afterEach, describe, expect, it, vi } from "vitest";
import { AgentError, createWarnSink, safeSink } from "./errors.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("createWarnSink", () => {
  it("warns once per distinct problem per minute", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let now = 0;
    const sink = createWarnSink(() => now);
    const down = new AgentError("AGENT_ERR_TRANSPORT", "connect ECONNREFUSED");

    for (let i = 0; i < 100; i++) sink(down);
    sink(new AgentError("AGENT_ERR_REJECTED", "HTTP 400"));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenNthCalledWith(1, "[closewatch agent] AGENT_ERR_TRANSPORT: connect ECONNREFUSED");

    now = 59_999;
    sink(down);
    expect(warn).toHaveBeenCalledTimes(2);
    now = 60_000;
    sink(down);
    expect(warn).toHaveBeenCalledTimes(3);
  });
});

describe("safeSink", () => {
  it("swallows a throwing callback", () => {
    const sink = safeSink(() => {
      throw new Error("boom");
    });
    expect(() => sink(new AgentError("AGENT_ERR_INTERNAL", "x"))).not.toThrow();
  });
});
