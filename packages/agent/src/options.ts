import { AgentError, createWarnSink, safeSink, type ProblemSink } from "./errors.js";
import { MIN_CLIENT_ADDRESS_KEY_BYTES } from "./client-address.js";
import { compileUserPatterns } from "./redact.js";
import type { AgentOptions } from "./types.js";

export const DEFAULTS = {
  flushIntervalMs: 1000,
  maxBatchSize: 500,
  maxQueueSize: 10_000,
  requestTimeoutMs: 10_000,
  shutdownTimeoutMs: 5000,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 30_000,
} as const;

/** Mirrors MAX_EVENTS_PER_BATCH of @closewatch/protocol, which is imported for types only (see options.test.ts). */
export const MAX_BATCH_SIZE = 5000;
// setInterval/setTimeout silently turn larger delays into 1 ms.
const MAX_TIMER_MS = 2_147_483_647;
const MIN_FLUSH_INTERVAL_MS = 10;

export interface ResolvedOptions {
  /** Full ingest URL, `{endpoint}/v1/events`. */
  readonly ingestUrl: string;
  readonly service: string;
  readonly token: string | undefined;
  readonly instance: string | undefined;
  readonly flushIntervalMs: number;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
  readonly requestTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** The user's `redact` patterns, made global. */
  readonly redact: readonly RegExp[];
  readonly clientAddress: "none" | "hashed";
  readonly clientAddressKey: string | Uint8Array | undefined;
  readonly onError: ProblemSink;
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "endpoint",
  "service",
  "token",
  "instance",
  "flushIntervalMs",
  "maxBatchSize",
  "maxQueueSize",
  "requestTimeoutMs",
  "shutdownTimeoutMs",
  "retryBaseDelayMs",
  "retryMaxDelayMs",
  "redact",
  "clientAddress",
  "clientAddressKey",
  "onError",
]);

/**
 * Validates `createAgent`'s options and fills in defaults. Setup time is the one
 * moment the agent may throw, so every problem is reported at once.
 */
export function resolveOptions(input: AgentOptions): ResolvedOptions {
  const problems: string[] = [];
  // Typed input can still be anything at runtime (JavaScript callers, JSON config).
  const raw: unknown = input;
  if (typeof raw !== "object" || raw === null) {
    throw new AgentError("AGENT_ERR_INVALID_OPTIONS", "createAgent: options must be an object");
  }

  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown option "${key}"`);
  }

  const ingestUrl = resolveEndpoint(input.endpoint, problems);

  const service = input.service;
  if (typeof service !== "string" || service.length < 1 || service.length > 100) {
    problems.push("service must be a string of 1 to 100 characters");
  }

  const token = input.token;
  if (token !== undefined && (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token))) {
    // Anything else would be refused by fetch at send time, far from the mistake.
    problems.push("token must be a non-empty string of visible ASCII characters");
  }

  const instance = input.instance;
  if (instance !== undefined && (typeof instance !== "string" || instance.length > 200)) {
    problems.push("instance must be a string of at most 200 characters");
  }

  const flushIntervalMs = intOption(input.flushIntervalMs, "flushIntervalMs", DEFAULTS.flushIntervalMs, MIN_FLUSH_INTERVAL_MS, MAX_TIMER_MS, problems);
  const maxBatchSize = intOption(input.maxBatchSize, "maxBatchSize", DEFAULTS.maxBatchSize, 1, MAX_BATCH_SIZE, problems);
  const maxQueueSize = intOption(input.maxQueueSize, "maxQueueSize", DEFAULTS.maxQueueSize, 1, 10_000_000, problems);
  const requestTimeoutMs = intOption(input.requestTimeoutMs, "requestTimeoutMs", DEFAULTS.requestTimeoutMs, 1, MAX_TIMER_MS, problems);
  const shutdownTimeoutMs = intOption(input.shutdownTimeoutMs, "shutdownTimeoutMs", DEFAULTS.shutdownTimeoutMs, 0, MAX_TIMER_MS, problems);
  const retryBaseDelayMs = intOption(input.retryBaseDelayMs, "retryBaseDelayMs", DEFAULTS.retryBaseDelayMs, 1, MAX_TIMER_MS, problems);
  const retryMaxDelayMs = intOption(
    input.retryMaxDelayMs,
    "retryMaxDelayMs",
    Math.max(DEFAULTS.retryMaxDelayMs, retryBaseDelayMs),
    1,
    MAX_TIMER_MS,
    problems,
  );
  if (retryMaxDelayMs < retryBaseDelayMs) problems.push("retryMaxDelayMs must be at least retryBaseDelayMs");
  const redact = compileUserPatterns(input.redact, problems);

  const clientAddress = input.clientAddress ?? "none";
  if (clientAddress !== "none" && clientAddress !== "hashed") problems.push('clientAddress must be "none" or "hashed"');
  const clientAddressKey = input.clientAddressKey;
  if (clientAddressKey !== undefined) {
    const bytes =
      typeof clientAddressKey === "string" ? Buffer.byteLength(clientAddressKey, "utf8") : clientAddressKey instanceof Uint8Array ? clientAddressKey.byteLength : -1;
    if (bytes < MIN_CLIENT_ADDRESS_KEY_BYTES) problems.push(`clientAddressKey must be a string or Uint8Array of at least ${MIN_CLIENT_ADDRESS_KEY_BYTES} bytes`);
    if (clientAddress !== "hashed") problems.push('clientAddressKey is only used with clientAddress: "hashed"');
  }

  const onError = input.onError;
  if (onError !== undefined && typeof onError !== "function") {
    problems.push("onError must be a function");
  }

  if (problems.length > 0) {
    throw new AgentError("AGENT_ERR_INVALID_OPTIONS", `createAgent: invalid options: ${problems.join("; ")}`);
  }

  return Object.freeze({
    ingestUrl,
    service,
    token,
    instance,
    flushIntervalMs,
    maxBatchSize,
    maxQueueSize,
    requestTimeoutMs,
    shutdownTimeoutMs,
    retryBaseDelayMs,
    retryMaxDelayMs,
    redact,
    clientAddress,
    clientAddressKey,
    onError: safeSink(onError ?? createWarnSink()),
  });
}

function resolveEndpoint(endpoint: unknown, problems: string[]): string {
  if (typeof endpoint !== "string") {
    problems.push("endpoint must be a URL string such as http://127.0.0.1:4000");
    return "";
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    problems.push(`endpoint "${endpoint}" is not a valid URL`);
    return "";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    problems.push(`endpoint must use http: or https:, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    // Credentials belong in `token`; URLs end up in logs.
    problems.push("endpoint must not contain credentials; use the token option");
  }
  if (url.search || url.hash) problems.push("endpoint must not have a query string or fragment");
  // Keep a path prefix (a collector behind a reverse proxy) and append the ingest path.
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}/v1/events`;
}

function intOption(
  value: unknown,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}
