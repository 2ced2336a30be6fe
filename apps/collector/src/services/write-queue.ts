import type { StoredEvent } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";

export interface WriteQueueOptions {
  /** Events waiting for the database, across all requests; beyond it, ingest answers 503. */
  maxQueuedEvents: number;
  /** Most events written in one statement (one group commit). */
  maxEventsPerCommit: number;
  /**
   * Statements in flight at once. Two let the collector build one statement
   * while the database executes the other; PGlite, a single connection, gets 1.
   */
  maxConcurrentWrites?: number;
}

interface Pending {
  rows: readonly StoredEvent[];
  resolve(inserted: Set<string>): void;
  reject(error: unknown): void;
}

/**
 * Group commit between HTTP and the database. Requests queue their rows and
 * wait; a writer takes everything that queued up while the previous
 * statement ran and writes it in one statement. Under load, batches grow by
 * themselves and the database sees few, large writes; at low load a batch is
 * written at once. Memory is bounded: when the queue is full, `submit` fails
 * fast and the caller answers 503 with Retry-After instead of growing.
 */
export class WriteQueue {
  private pending: Pending[] = [];
  private queued = 0;
  private active = 0;
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
    this.pump();
    return done;
  }

  /** Resolves when everything submitted so far is written (or failed). */
  idle(): Promise<void> {
    if (this.active === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Starts statements while there is work and a free writer. */
  private pump(): void {
    while (this.active < (this.options.maxConcurrentWrites ?? 1) && this.pending.length > 0) {
      const batch = this.takeBatch();
      this.active++;
      void this.writeBatch(batch).finally(() => {
        this.active--;
        this.pump();
        if (this.active === 0 && this.pending.length === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
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
