import { MAX_EVENTS_PER_BATCH } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { AgentError } from "./errors.js";
import { DEFAULTS, MAX_BATCH_SIZE, resolveOptions } from "./options.js";
import type { AgentOptions } from "./types.js";

const base = { endpoint: "http://127.0.0.1:4000", service: "chat-api" };

function problemsOf(options: unknown): string {
  try {
    // Reflect.apply passes runtime-invalid options past the types without a cast.
    Reflect.apply(resolveOptions, undefined, [options]);
  } catch (err) {
    expect(err).toBeInstanceOf(AgentError);
    if (err instanceof AgentError) {
      expect(err.code).toBe("AGENT_ERR_INVALID_OPTIONS");
      return err.message;
    }
  }
  throw new Error("resolveOptions did not throw");
}

describe("resolveOptions", () => {
  it("fills in the defaults of DESIGN.md", () => {
    const resolved = resolveOptions(base);
    expect(resolved).toMatchObject({
      ingestUrl: "http://127.0.0.1:4000/v1/events",
      service: "chat-api",
      token: undefined,
      instance: undefined,
      flushIntervalMs: 1000,
      maxBatchSize: 500,
      maxQueueSize: 10_000,
      requestTimeoutMs: 10_000,
    });
    expect(DEFAULTS.shutdownTimeoutMs).toBe(5000);
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it("keeps a path prefix and ignores a trailing slash", () => {
    expect(resolveOptions({ ...base, endpoint: "https://obs.example.com/closewatch/" }).ingestUrl).toBe(
      "https://obs.example.com/closewatch/v1/events",
    );
  });

  it("reports every problem at once", () => {
    const message = problemsOf({
      endpoint: "ftp://x",
      service: "",
      token: "has space",
      flushIntervalMs: 0,
      maxBatchSize: 5001,
      maxQueueSize: 1.5,
      onError: "no",
      flushInterval: 100,
    });
    for (const part of [
      'unknown option "flushInterval"',
      "endpoint must use http: or https:",
      "service must be",
      "token must be",
      "flushIntervalMs must be an integer from 10",
      "maxBatchSize must be an integer from 1 to 5000",
      "maxQueueSize must be",
      "onError must be a function",
    ]) {
      expect(message).toContain(part);
    }
  });

  it.each<[string, unknown]>([
    ["not an object", null],
    ["no endpoint", { service: "a" }],
    ["an endpoint that is not a URL", { ...base, endpoint: "localhost:4000" }],
    ["credentials in the endpoint", { ...base, endpoint: "http://user:pw@127.0.0.1:4000" }],
    ["a service name over 100 characters", { ...base, service: "s".repeat(101) }],
  ])("refuses %s", (_label, options) => {
    expect(() => Reflect.apply(resolveOptions, undefined, [options])).toThrow(AgentError);
  });

  it("accepts every documented option", () => {
    const options: Required<AgentOptions> = {
      ...base,
      token: "abc.DEF-123",
      instance: "pod-7",
      flushIntervalMs: 250,
      maxBatchSize: 5000,
      maxQueueSize: 1,
      requestTimeoutMs: 2000,
      shutdownTimeoutMs: 0,
      retryBaseDelayMs: 10,
      retryMaxDelayMs: 10,
      redact: [/cust_\d+/],
      clientAddress: "hashed",
      clientAddressKey: "0123456789abcdef",
      onError: () => {},
    };
    expect(resolveOptions(options)).toMatchObject({ token: "abc.DEF-123", instance: "pod-7", maxBatchSize: 5000, clientAddress: "hashed" });
  });

  it("records no client address unless asked, and wants a key of at least 16 bytes", () => {
    expect(resolveOptions(base).clientAddress).toBe("none");
    const message = problemsOf({ ...base, clientAddress: "raw", clientAddressKey: "short" });
    expect(message).toContain('clientAddress must be "none" or "hashed"');
    expect(message).toContain("clientAddressKey must be a string or Uint8Array of at least 16 bytes");
    expect(problemsOf({ ...base, clientAddressKey: "0123456789abcdef" })).toContain('clientAddressKey is only used with clientAddress: "hashed"');
  });

  it("validates the retry, shutdown and redaction options", () => {
    expect(resolveOptions(base)).toMatchObject({ shutdownTimeoutMs: 5000, retryBaseDelayMs: 1000, retryMaxDelayMs: 30_000, redact: [] });
    const message = problemsOf({ ...base, retryBaseDelayMs: 500, retryMaxDelayMs: 100, shutdownTimeoutMs: -1, redact: ["token"] });
    for (const part of [
      "retryMaxDelayMs must be at least retryBaseDelayMs",
      "shutdownTimeoutMs must be an integer from 0",
      "redact must be an array of at most 32 regular expressions",
    ]) {
      expect(message).toContain(part);
    }
    // A base above the default maximum raises the default maximum with it.
    expect(resolveOptions({ ...base, retryBaseDelayMs: 60_000 }).retryMaxDelayMs).toBe(60_000);
    const { redact } = resolveOptions({ ...base, redact: [/cust_\d+/i] });
    expect(redact.map((r) => r.flags)).toEqual(["gi"]);
  });

  it("caps the batch size at the collector's limit", () => {
    expect(MAX_BATCH_SIZE).toBe(MAX_EVENTS_PER_BATCH);
  });
});
