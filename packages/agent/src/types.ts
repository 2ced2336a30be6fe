import type { Evidence, IngestEvent, Initiator } from "@closewatch/protocol";
import type { AgentError } from "./errors.js";

export type { Evidence, IngestEvent, Initiator };

/** Options of `createAgent`. Validated once, at setup time; see README for the defaults. */
export interface AgentOptions {
  /** Base URL of the collector, e.g. `http://127.0.0.1:4000`; events go to `{endpoint}/v1/events`. */
  endpoint: string;
  /** Service name stamped on every event (1–100 characters). */
  service: string;
  /** Bearer token sent as `authorization: Bearer <token>` when the collector has auth on. */
  token?: string;
  /** Instance name (host, pod…) stamped on every event, up to 200 characters. */
  instance?: string;
  /** How often queued events are shipped. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Most events per POST. Default 500, at most 5000 (the collector's batch limit). */
  maxBatchSize?: number;
  /**
   * Most events the agent holds, the batch being sent included; beyond it the
   * oldest are dropped (`stats().dropped`). Default 10000.
   */
  maxQueueSize?: number;
  /** Abort one POST (response included) after this long. Default 10000 ms. */
  requestTimeoutMs?: number;
  /** Default deadline of `shutdown()`'s final flush. Default 5000 ms. */
  shutdownTimeoutMs?: number;
  /**
   * Backoff after a failed attempt (network error, timeout, 5xx, 408, 429): a random
   * wait in [d/2, d] with d = retryBaseDelayMs × 2^(failures − 1), at most
   * retryMaxDelayMs. Default 1000 ms.
   */
  retryBaseDelayMs?: number;
  /** Longest wait before a retry, also caps the collector's Retry-After. Default 30000 ms. */
  retryMaxDelayMs?: number;
  /**
   * Extra patterns to redact, on top of the built-in ones (bearer tokens, JWTs,
   * `token=`-style values, e-mail addresses, URL credentials, well-known API
   * keys), in close reasons, route / instance / service labels and string
   * evidence. Each match becomes `[redacted]`. Patterns see at most 512
   * characters; keep them free of nested quantifiers.
   */
  redact?: readonly RegExp[];
  /**
   * `"hashed"`: record each ws client's remote address as a keyed hash
   * (HMAC-SHA256 under `clientAddressKey`, 16 hex characters), computed here,
   * so the address itself never leaves the server. Default `"none"`: not recorded.
   */
  clientAddress?: "none" | "hashed";
  /**
   * The HMAC key (at least 16 bytes): the same key on every instance makes a
   * client's hash the same everywhere and across restarts. Keep it secret.
   * Unset: a random key per process (hashes match only within one process).
   */
  clientAddressKey?: string | Uint8Array;
  /**
   * Receives every internal problem (network errors, rejected batches, hook failures).
   * Default: one `console.warn` per distinct problem per minute.
   */
  onError?: (error: AgentError) => void;
}

/** Counters since `createAgent`. */
export interface AgentStats {
  /** Events held now: waiting, being sent or waiting for a retry. Never more than `maxQueueSize`. */
  queued: number;
  /** Events the collector accepted (2xx). */
  sent: number;
  /**
   * Events the agent gave up on before the collector accepted them: the oldest
   * ones when the queue was full, invalid `report()` input, events after shutdown.
   */
  dropped: number;
  /** Events the collector refused (4xx other than 408/429); they are not retried. */
  failed: number;
  /** Failed attempts that will be retried (network error, timeout, 5xx, 408, 429). */
  retries: number;
}

export interface InstrumentOptions {
  /** Route stamped on the events of this server, e.g. `/chat` (up to 200 characters). */
  route?: string;
}

export interface ShutdownOptions {
  /** Longest time the final flush may take. Default: the `shutdownTimeoutMs` option (5000 ms). */
  timeoutMs?: number;
}

/**
 * Stable 1008 causes (DESIGN.md). At runtime any id matching `^[a-z][a-z0-9_]{0,47}$`
 * is passed through; the collector decides whether it is valid for 1008.
 */
export type PolicyCause =
  | "rate_limit"
  | "auth_expired"
  | "auth_invalid"
  | "forbidden"
  | "origin_rejected"
  | "content_rejected"
  | "limit_exceeded"
  | "fragment_flood"
  | "unspecified";

/** A value evidence can carry on the wire. */
export type EvidenceValue = number | string | boolean;

/**
 * The evidence each 1008 cause is documented with (README, "closePolicy
 * evidence"). The collector's insights read these keys; required ones are
 * required whenever evidence is passed at all.
 */
export interface PolicyEvidenceMap {
  rate_limit: {
    /** Allowed count per window. */
    limit: number;
    /** Count observed in the window that tripped the limit. */
    observed: number;
    windowMs?: number;
  };
  auth_expired: {
    /** How long the token was valid for, in ms. */
    tokenLifetimeMs?: number;
    /** How old the token was at the close, in ms. Without it the collector uses `connectionAgeMs`. */
    tokenAgeMs?: number;
    /** When it expired: ISO 8601 text, epoch ms, or a Date (sent as ISO text). */
    expiredAt?: string | number | Date;
  };
  auth_invalid: {
    /** e.g. "bearer", "cookie", "api-key". */
    scheme?: string;
    detail?: string;
  };
  forbidden: {
    /** What was asked for, e.g. a channel or topic. */
    resource?: string;
    /** The permission that was missing. */
    permission?: string;
  };
  origin_rejected: {
    /** The `Origin` the client sent. */
    origin: string;
    /** The allowlist: a comma-separated list, or an array joined with commas; cut to 200 characters at an entry boundary. */
    allowed?: string | readonly string[];
  };
  content_rejected: {
    /** Name of the rule the message broke. */
    rule?: string;
    detail?: string;
  };
  limit_exceeded: {
    /** What ran out, e.g. "connections" or "subscriptions"; also names the default reason. */
    resource: string;
    limit: number;
    observed: number;
  };
  fragment_flood: {
    /** Fragments (or parts) the message had when it was refused. */
    parts?: number;
  };
  unspecified: Record<never, never>;
}

/**
 * Any further keys: flat values (number, string ≤ 200 characters, boolean),
 * at most 16 keys in all, names matching `^[A-Za-z][A-Za-z0-9_]{0,39}$`.
 * Keys whose value is `undefined` are skipped.
 */
export interface ExtraEvidence {
  readonly [key: string]: EvidenceValue | Date | readonly string[] | undefined;
}

/** The evidence `closePolicy` takes for `cause`: its documented keys, plus any extra flat keys. */
export type PolicyEvidence<C extends PolicyCause = PolicyCause> = PolicyEvidenceMap[C] & ExtraEvidence;

/** A manual report: only `code` is required; the agent fills in the rest. */
export type ReportInput = Partial<Omit<IngestEvent, "code">> & { code: number };

/**
 * What `instrument` needs from a `ws` `WebSocketServer`. Structural, so the
 * published types do not depend on `@types/ws`.
 */
export interface WsServerLike {
  prependListener(event: "connection", listener: (socket: unknown, ...rest: unknown[]) => void): unknown;
  removeListener(event: "connection", listener: (socket: unknown, ...rest: unknown[]) => void): unknown;
  readonly options?: { readonly maxPayload?: number | undefined };
}

/** What `closePolicy` needs from a `ws` `WebSocket`. */
export interface WsSocketLike {
  readonly readyState: number;
  close(code?: number, data?: string | Buffer): void;
}

export interface Agent {
  /** Records every close of `wss`'s connections from now on. Returns an undo function. */
  instrument(wss: WsServerLike, options?: InstrumentOptions): () => void;
  /**
   * Closes `ws` with 1008 and records the structured cause and evidence. The
   * evidence is typed per cause (`PolicyEvidenceMap`); extra flat keys pass through.
   */
  closePolicy<C extends PolicyCause>(ws: WsSocketLike, cause: C, evidence?: PolicyEvidence<C>, reason?: string): void;
  /** Queues a close observed elsewhere (servers that are not `ws`). */
  report(event: ReportInput): void;
  /**
   * Ships what is queued now, each batch once; waits out a pending retry
   * delay first. Never rejects.
   */
  flush(): Promise<void>;
  /**
   * Undoes every instrument, stops the timers and flushes, retrying failed
   * batches, until everything is delivered or `timeoutMs` has passed.
   * Resolves by the deadline (never rejects), even if the collector hangs.
   */
  shutdown(options?: ShutdownOptions): Promise<void>;
  stats(): AgentStats;
}
