import type { StoredEvent } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";

export interface WriteQueueOptions {
  /** Events waiting for the database, across all requests; beyond it, ingest answers 503. */
  maxQueuedEvents: number;
  /** Most events written in one statement (one group commit). */
  maxEventsPerCommit: number;
}

interface Pending {
  rows: readonly StoredEvent[];
  resolve(inserted: Set<string>): void;
  reject(error: unknown): void;
}

/**
 * Group commit between HTTP and the database. Requests queue their rows and
 * wait; a single writer takes everything that queued up while the previous
 * statement ran and writes it in one statement. Under load, batches grow by
 * themselves and the database sees few, large writes; at low load a batch is
 * written at once. Memory is bounded: when the queue is full, `submit` fails
 * fast and the caller answers 503 with Retry-After instead of growing.
 */
export class WriteQueue {
  private pending: Pending[] = [];
  private queued = 0;
  private writing = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly write: (rows: readonly StoredEvent[]) => Promise<Set<string>>,
    private readonly options: WriteQueueOptions,
  ) {}

  /** Events waiting for the database right now. */
  get depth(): number {
    return this.queued;
  }

  /** Resolves with the ids of `rows` (and of rows written alongside them) that were new, once committed. */
  submit(rows: readonly StoredEvent[]): Promise<Set<string>> {
    if (rows.length === 0) return Promise.resolve(new Set());
    if (this.queued + rows.length > this.options.maxQueuedEvents) {
      return Promise.reject(new CollectorError("QUEUE_FULL", `${this.queued} events are waiting for the database; retry shortly`));
    }
    this.queued += rows.length;
    const done = new Promise<Set<string>>((resolve, reject) => this.pending.push({ rows, resolve, reject }));
    void this.drainLoop();
    return done;
  }

  /** Resolves when everything submitted so far is written (or failed). */
  idle(): Promise<void> {
    if (!this.writing && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drainLoop(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.takeBatch();
        const rows = batch.flatMap((p) => p.rows);
        try {
          const inserted = await this.write(rows);
          for (const p of batch) p.resolve(inserted);
        } catch (error) {
          for (const p of batch) p.reject(error);
        } finally {
          this.queued -= rows.length;
        }
      }
    } finally {
      this.writing = false;
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Whole requests, oldest first, up to maxEventsPerCommit (always at least one request). */
  private takeBatch(): Pending[] {
    let count = 0;
    let take = 0;
    while (take < this.pending.length) {
      const size = this.pending[take]!.rows.length;
      if (take > 0 && count + size > this.options.maxEventsPerCommit) break;
      count += size;
      take++;
    }
    return this.pending.splice(0, take);
  }
}
