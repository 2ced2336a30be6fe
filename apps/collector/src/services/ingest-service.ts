import type { Database } from "@closewatch/db";
import type { IngestAccepted, IngestEvent, StoredEvent } from "@closewatch/protocol";
import type { LiveAnnouncer } from "../replicas/live-announcements.js";
import { classifyEvents } from "./classify-events.js";
import { insertEvents } from "./event-store.js";
import { rollupKeys } from "./rollup-keys.js";
import type { RouteLabels } from "./route-labels.js";
import type { ServiceLabels } from "./service-labels.js";
import { WriteQueue, type WriteQueueOptions } from "./write-queue.js";

export type StoredListener = (events: readonly StoredEvent[]) => void;

/**
 * Classifies a batch and stores it through the group-commit queue. Only
 * events that were new reach the listeners (metrics, live feed), so a
 * retried batch is never counted twice.
 */
export class IngestService {
  private readonly listeners: StoredListener[] = [];
  readonly queue: WriteQueue;

  constructor(
    db: Database,
    options: WriteQueueOptions,
    private readonly services: ServiceLabels,
    private readonly routes: RouteLabels,
    private readonly storage: {
      /** CLOSEWATCH_CLIENT_ADDRESSES: `none` discards the agents' client address hashes before storage. */
      keepClientAddresses: boolean;
      /** Set when other replicas' live feeds should hear of new rows (PostgreSQL). */
      announce?: LiveAnnouncer | undefined;
    },
  ) {
    this.queue = new WriteQueue((rows) => insertEvents(db, rows, rollupKeys(services, routes), storage.announce), options);
  }

  onStored(listener: StoredListener): void {
    this.listeners.push(listener);
  }

  async ingest(events: readonly IngestEvent[], receivedAt = new Date()): Promise<IngestAccepted> {
    const rows = classifyEvents(events, receivedAt, this.storage.keepClientAddresses);
    // Register new names before the write, so the rollups and the metrics cap the same way.
    for (const row of rows) this.routes.label(this.services.label(row.service), row.route);
    // Resolves once committed: a 202 means the events are in the database.
    const inserted = await this.queue.submit(rows);
    // delete() is true once per id, so an id repeated inside one batch counts once.
    const stored = rows.filter((row) => inserted.delete(row.id));
    for (const listener of this.listeners) listener(stored);
    return { accepted: stored.length, duplicates: events.length - stored.length };
  }
}
