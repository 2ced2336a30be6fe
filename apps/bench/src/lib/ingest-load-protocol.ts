/** Messages between the ingest scenario and its load process (ingest-load.ts), over the fork IPC channel. */

export interface LoadConfig {
  /** Collector base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /**
   * Several collector replicas: each request (retries included) goes to the
   * next of these in turn, as a round-robin load balancer would send it.
   * Unset: every request goes to `url`.
   */
  urls?: string[];
  /** `max`: K requests always in flight, each sent as soon as the previous one is acknowledged. `rate`: open loop at `eventsPerSecond`. */
  mode: "max" | "rate";
  batchSize: number;
  /** `max`: requests in flight. `rate`: the most in flight at once (later batches wait, and their wait counts). */
  concurrency: number;
  eventsPerSecond?: number;
  warmupMs: number;
  durationMs: number;
  /** Stop sending after this many events (smoke runs). */
  maxEvents?: number;
  /** Distinct pre-generated batch bodies to rotate through. */
  templates: number;
  /** Longest Retry-After honoured after a 503. */
  maxRetryAfterMs: number;
}

export interface LoadStats {
  batches: number;
  eventsSent: number;
  eventsAccepted: number;
  duplicates: number;
  /** 503 answers (queue full) that were retried. */
  retries503: number;
  /** Requests that failed otherwise (network errors, unexpected statuses); the first few are in `errorSamples`. */
  errors: number;
  errorSamples: string[];
  /** Batches, among those started in the measured window. */
  measured: {
    startedAt: number;
    endedAt: number;
    batches: number;
    eventsAccepted: number;
    /** Per batch, from when it was due (rate mode) or sent (max mode) to its 202, retries included. */
    latenciesMs: number[];
  };
  bodyBytes: number;
}

export type ParentMessage = { type: "config"; config: LoadConfig } | { type: "go" };

export type ChildMessage =
  | { type: "ready"; bodyBytes: number }
  | { type: "phase"; phase: "measure" | "end"; at: number }
  | { type: "result"; stats: LoadStats }
  | { type: "failed"; message: string };
