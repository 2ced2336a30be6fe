import type { IngestEvent } from "@closewatch/protocol";
import { AgentError, describeError, type ProblemSink } from "./errors.js";
import { BoundedQueue } from "./queue.js";
import { postBatch, type TransportConfig } from "./transport.js";
import type { AgentStats } from "./types.js";

export interface ShipperConfig extends TransportConfig {
  readonly flushIntervalMs: number;
  readonly maxBatchSize: number;
  readonly maxQueueSize: number;
  readonly requestTimeoutMs: number;
  readonly report: ProblemSink;
}

/** A batch taken off the queue, serialized once, kept as-is until delivered or refused. */
interface Batch {
  readonly count: number;
  readonly body: string;
}

/**
 * Queues events and ships them in batches on a timer. At most one flush runs
 * at a time; a batch that can be retried is kept (same bytes, same event ids,
 * so the collector deduplicates) and sent first on the next tick.
 */
export class Shipper {
  private readonly config: ShipperConfig;
  private readonly queue: BoundedQueue<IngestEvent>;
  private pending: Batch | undefined;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly counters = { sent: 0, dropped: 0, failed: 0, retries: 0 };

  constructor(config: ShipperConfig) {
    this.config = config;
    this.queue = new BoundedQueue(config.maxQueueSize);
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
      this.config.report(
        new AgentError("AGENT_ERR_QUEUE_FULL", `queue full (${this.config.maxQueueSize} events); dropping the oldest`),
      );
    }
    // A full batch need not wait for the timer, unless the collector is
    // failing (a kept batch): then the timer paces the attempts.
    if (this.queue.length >= this.config.maxBatchSize && !this.pending && !this.running) void this.flush();
  }

  /** Counts an event refused before it reached the queue (invalid report). */
  countDropped(): void {
    this.counters.dropped++;
  }

  /**
   * Ships what is queued now. Calls made while a flush runs wait for it and
   * then flush again, so `await flush()` covers everything queued before it.
   * Resolves (never rejects) when done or when `deadline` (epoch ms) passes.
   */
  flush(deadline: number = Number.POSITIVE_INFINITY): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const run = previous.then(() => this.drain(deadline));
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
    return run;
  }

  /** Stops the timer and refuses new events; what is queued stays for a final flush. */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  stats(): AgentStats {
    return { queued: this.queue.length + (this.pending?.count ?? 0), ...this.counters };
  }

  private tick(): void {
    // Skip rather than pile up behind a slow collector.
    if (this.running) return;
    if (!this.pending && this.queue.length === 0) return;
    void this.flush();
  }

  private async drain(deadline: number): Promise<void> {
    try {
      // Bounded so that events arriving during the flush cannot keep it going forever.
      let batches = Math.ceil(this.queue.length / this.config.maxBatchSize) + 1;
      while (batches-- > 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) return;
        const batch = this.pending ?? this.nextBatch();
        if (!batch) return;
        this.pending = batch;

        const outcome = await postBatch(this.config, batch.body, Math.min(this.config.requestTimeoutMs, remaining));
        if (outcome.kind === "delivered") {
          this.pending = undefined;
          this.counters.sent += batch.count;
        } else if (outcome.kind === "rejected") {
          this.pending = undefined;
          this.counters.failed += batch.count;
          this.config.report(new AgentError("AGENT_ERR_REJECTED", `${outcome.problem}; ${batch.count} events discarded`));
        } else {
          this.counters.retries++;
          this.config.report(new AgentError("AGENT_ERR_TRANSPORT", `${outcome.problem}; will retry`));
          return;
        }
      }
    } catch (err) {
      this.config.report(new AgentError("AGENT_ERR_INTERNAL", `flush failed: ${describeError(err)}`, { cause: err }));
    }
  }

  private nextBatch(): Batch | undefined {
    if (this.queue.length === 0) return undefined;
    const events = this.queue.take(this.config.maxBatchSize);
    return { count: events.length, body: JSON.stringify({ events }) };
  }
}
