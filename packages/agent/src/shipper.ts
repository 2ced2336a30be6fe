import type { IngestEvent } from "@closewatch/protocol";
import { retryDelay, type RetryPolicy } from "./backoff.js";
import { AgentError, describeError, type ProblemSink } from "./errors.js";
import { BoundedQueue } from "./queue.js";
import { postBatch, type TransportConfig } from "./transport.js";
import type { AgentStats } from "./types.js";

export interface ShipperConfig extends TransportConfig {
  readonly flushIntervalMs: number;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly report: ProblemSink;
}

/** How one drain of the queue behaves. */
export interface DrainMode {
  /** Epoch ms after which no request starts (and a running one is cut short). */
  deadline: number;
  /** Wait out a pending retry delay instead of returning (explicit flush, shutdown). */
  wait: boolean;
  /** Keep retrying failed batches until the deadline (shutdown). */
  persist: boolean;
}

/** Distinct refusals (status + problem code) remembered so that each is reported once. */
const MAX_REPORTED_REFUSALS = 32;

/**
 * Queues events and ships them in batches: on a timer, when a full batch is
 * waiting, and on flush(). At most one request is in flight at a time.
 *
 * Events stay in the bounded queue until the collector has answered for
 * them, so `maxQueueSize` bounds everything the agent holds, including the
 * batch being sent. When the queue is full the oldest event is dropped, even
 * if it belongs to the request in flight (if that request succeeds after
 * all, the event counts as sent, not dropped).
 * A batch that failed in a way worth retrying stays at the head of the queue
 * and goes out again, with the same event ids (the collector deduplicates),
 * after an exponential backoff with jitter or the collector's Retry-After.
 * Meanwhile new events keep queueing.
 */
export class Shipper {
  private readonly config: ShipperConfig;
  private readonly queue: BoundedQueue<IngestEvent>;
  private readonly counters = { sent: 0, dropped: 0, failed: 0, retries: 0 };
  /** Events at the head of the queue that the request in flight carries. */
  private inFlight = 0;
  /** Consecutive failed attempts; 0 after any answer that settles a batch. */
  private failures = 0;
  /** Epoch ms before which no request is sent (backoff, Retry-After). */
  private retryAt = 0;
  private running: Promise<void> | undefined;
  /** One drain queued behind the running one, shared by every flush() made meanwhile. */
  private queued: { mode: DrainMode; promise: Promise<void> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** A flush due on the next turn of the event loop (a full batch is waiting). */
  private soon: NodeJS.Immediate | undefined;
  /** Aborts the request in flight and any wait (shutdown deadline). */
  private readonly stopper = new AbortController();
  /** Ends the current wait for a retry time early (so that it sees a new deadline). */
  private wake: (() => void) | undefined;
  private closed = false;
  /** Set by close(): nothing is sent after it. */
  private hardDeadline = Number.POSITIVE_INFINITY;
  private readonly refusalsReported = new Set<string>();
  /** A queue-full report was made and the queue has not had room since. */
  private overflowReported = false;
  private readonly earlyFlushAt: number;

  constructor(config: ShipperConfig) {
    this.config = config;
    this.queue = new BoundedQueue(config.maxQueueSize);
    this.earlyFlushAt = Math.min(config.maxBatchSize, config.maxQueueSize);
  }

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.tick(), this.config.flushIntervalMs);
    // The agent must never be the reason a host process stays alive.
    this.timer.unref();
  }

  /** O(1); never throws. */
  enqueue(event: IngestEvent): void {
    if (this.closed) {
      this.counters.dropped++;
      this.config.report(new AgentError("AGENT_ERR_SHUT_DOWN", "event recorded after shutdown was dropped"));
      return;
    }
    if (this.queue.push(event)) {
      this.counters.dropped++;
      // The dropped event was the oldest: part of the request in flight, if one is.
      if (this.inFlight > 0) this.inFlight--;
      if (!this.overflowReported) {
        // Once per overflow, not once per event: a burst can drop thousands.
        this.overflowReported = true;
        this.config.report(
          new AgentError(
            "AGENT_ERR_QUEUE_FULL",
            `queue full (${this.config.maxQueueSize} events); dropping the oldest until the collector takes some (stats().dropped counts them)`,
          ),
        );
      }
    }
    // A full batch need not wait for the timer, unless the collector is
    // failing: then the backoff paces the attempts. Not from inside the
    // host's call (a ws 'close' handler): on the next turn of the loop.
    if (this.queue.length >= this.earlyFlushAt && !this.soon && !this.running && this.failures === 0) {
      this.soon = setImmediate(() => {
        this.soon = undefined;
        this.tick();
      });
      this.soon.unref();
    }
  }

  /** Counts an event refused before it reached the queue (invalid report). */
  countDropped(): void {
    this.counters.dropped++;
  }

  /**
   * Ships what is queued now: each batch once, until one fails in a way worth
   * retrying (or, with `persist`, until the deadline). Calls made while a
   * flush runs share one more run after it, so `await flush()` covers
   * everything queued before it. Resolves (never rejects) when done or when
   * the deadline passes.
   */
  flush(mode: Partial<DrainMode> = {}): Promise<void> {
    const wanted: DrainMode = {
      deadline: mode.deadline ?? Number.POSITIVE_INFINITY,
      wait: mode.wait ?? true,
      persist: mode.persist ?? false,
    };
    if (!this.running) return this.startDrain(wanted);
    const queued = this.queued;
    if (queued) {
      queued.mode.deadline = Math.min(queued.mode.deadline, wanted.deadline);
      queued.mode.wait ||= wanted.wait;
      queued.mode.persist ||= wanted.persist;
      return queued.promise;
    }
    const promise = this.running.then((): Promise<void> => {
      this.queued = undefined;
      return this.startDrain(wanted);
    });
    // Later calls merge into `wanted` (the same object) until it starts.
    this.queued = { mode: wanted, promise };
    return promise;
  }

  /**
   * Stops the timers and refuses new events; what is queued stays for a final
   * flush, which must end by `deadline` (epoch ms).
   */
  close(deadline: number = Number.POSITIVE_INFINITY): void {
    this.closed = true;
    this.hardDeadline = deadline;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.soon) clearImmediate(this.soon);
    this.soon = undefined;
    // A flush waiting for a retry time past the deadline gives up now.
    this.wake?.();
  }

  /** Aborts the request in flight and any wait for a retry; later flushes do nothing. */
  abort(): void {
    this.hardDeadline = Math.min(this.hardDeadline, Date.now());
    this.stopper.abort();
  }

  stats(): AgentStats {
    return { queued: this.queue.length, ...this.counters };
  }

  private startDrain(mode: DrainMode): Promise<void> {
    const run = this.drain(mode);
    this.running = run;
    void run.then(() => {
      if (this.running === run) this.running = undefined;
    });
    return run;
  }

  /** Timer callback: never throws into the host. */
  private tick(): void {
    try {
      // Skip rather than pile up behind a slow collector.
      if (this.running || this.queue.length === 0) return;
      const wait = this.retryAt - Date.now();
      if (wait > 0) {
        // Timers can fire a little early; the retry timer covers the rest.
        this.scheduleRetry(wait);
        return;
      }
      void this.flush({ wait: false });
    } catch (err) {
      this.internalError(err);
    }
  }

  private scheduleRetry(delay: number): void {
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.tick();
    }, delay);
    this.retryTimer.unref();
  }

  private async drain(mode: DrainMode): Promise<void> {
    try {
      // Without `persist`, bounded so that events arriving during the flush
      // cannot keep it going forever.
      let attempts = Math.ceil(this.queue.length / this.config.maxBatchSize) + 1;
      while (this.queue.length > 0 && (mode.persist || attempts > 0)) {
        const deadline = Math.min(mode.deadline, this.hardDeadline);
        let now = Date.now();
        if (now >= deadline || this.stopper.signal.aborted) return;
        if (this.retryAt > now) {
          // No request before the retry time, whoever asks.
          if (!mode.wait || this.retryAt >= deadline) return;
          await this.sleep(this.retryAt - now);
          continue;
        }
        attempts--;
        const count = Math.min(this.config.maxBatchSize, this.queue.length);
        const body = JSON.stringify({ events: this.queue.peek(count) });
        this.inFlight = count;
        now = Date.now();
        const outcome = await postBatch(
          this.config,
          body,
          Math.min(this.config.requestTimeoutMs, deadline - now),
          this.stopper.signal,
        );
        // Events of this batch dropped meanwhile (queue overflow) are already counted.
        const carried = this.inFlight;
        this.inFlight = 0;
        // Cut short by shutdown: not the collector's failure; shutdown reports what is left.
        if (outcome.kind === "retry" && this.stopper.signal.aborted) return;
        if (outcome.kind === "delivered") {
          this.settled(count, carried);
          const refused = Math.min(outcome.refused, count);
          this.counters.sent += count - refused;
          this.counters.failed += refused;
          if (refused > 0) {
            this.reportRefusal(
              "202 rejected",
              `the collector refused ${refused} of ${count} events as invalid (${outcome.problem ?? "invalid"}); stored the rest, not retried`,
            );
          }
        } else if (outcome.kind === "rejected") {
          this.settled(count, carried);
          this.counters.failed += count;
          this.reportRefusal(outcome.key, `${outcome.problem}; ${count} events discarded, not retried`);
        } else {
          this.counters.retries++;
          this.failures++;
          const delay = retryDelay(this.failures, outcome.retryAfterMs, this.config.retry);
          this.retryAt = Date.now() + delay;
          // A stable message (no delay in it), so the default sink's "once a minute" holds.
          this.config.report(new AgentError("AGENT_ERR_TRANSPORT", `${outcome.problem}; will retry`));
          this.scheduleRetry(delay);
          if (!mode.persist) return;
        }
      }
    } catch (err) {
      this.internalError(err);
    }
  }

  /**
   * The collector answered for a batch of `count` events, `carried` of which
   * are still at the head of the queue. The others were dropped from the
   * queue (overflow) while the request was in flight, but the collector has
   * them all the same: they count as sent or failed, not as dropped.
   */
  private settled(count: number, carried: number): void {
    this.queue.discard(carried);
    this.counters.dropped -= count - carried;
    this.failures = 0;
    this.retryAt = 0;
    this.overflowReported = false;
  }

  /** Reports a refusal once per distinct status and problem code; later ones only count in `failed`. */
  private reportRefusal(key: string, message: string): void {
    if (this.refusalsReported.has(key)) return;
    // Bounded memory; past this many kinds, each is reported once more.
    if (this.refusalsReported.size >= MAX_REPORTED_REFUSALS) this.refusalsReported.clear();
    this.refusalsReported.add(key);
    this.config.report(
      new AgentError("AGENT_ERR_REJECTED", `${message} (reported once; later batches refused the same way only count in stats().failed)`),
    );
  }

  /** Waits `ms`, or less if aborted. Holds the process open: only explicit flush() and shutdown() wait. */
  private sleep(ms: number): Promise<void> {
    const signal = this.stopper.signal;
    return new Promise<void>((resolve) => {
      if (signal.aborted) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        if (this.wake === done) this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
      this.wake = done;
    });
  }

  private internalError(err: unknown): void {
    this.config.report(new AgentError("AGENT_ERR_INTERNAL", `flush failed: ${describeError(err)}`, { cause: err }));
  }
}
