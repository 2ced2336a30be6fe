import type { DedicatedConnection } from "@closewatch/db";
import type { StoredEvent } from "@closewatch/protocol";
import type { FastifyBaseLogger } from "fastify";
import { LIVE_CHANNEL, parseAnnouncement } from "./live-announcements.js";

/** Ids read back in one query; a burst larger than this takes several. */
const MAX_IDS_PER_READ = 5000;
/**
 * Ids waiting to be read, at most. Beyond it the oldest are dropped: the live
 * feed is best effort (the events are stored; the dashboard's queries show
 * them), and a replica that cannot keep up must not grow without bound.
 */
const MAX_PENDING_IDS = 100_000;

export interface LiveFanoutOptions {
  /** This replica's id: its own announcements are skipped (its dashboards got those events at commit). */
  replicaId: string;
  /** Opens the dedicated session that LISTENs. */
  connect(): Promise<DedicatedConnection>;
  /** Stored events by id, in the order given. */
  read(ids: string[]): Promise<StoredEvent[]>;
  /** Whether a dashboard is connected here now; if not, announcements are ignored. */
  wanted(): boolean;
  /** Pushes events to this replica's dashboards (serialised once for all of them). */
  publish(events: readonly StoredEvent[]): void;
  /** Told whether the LISTEN session is up (the metric). */
  onConnected(up: boolean): void;
  log: FastifyBaseLogger;
  /** Reconnection delays after a failure: from minMs, doubling, up to maxMs (jittered). */
  reconnect?: { minMs: number; maxMs: number };
  /** How often the idle LISTEN session is checked with a query, and how long that query may take. */
  heartbeat?: { everyMs: number; timeoutMs: number };
}

const DEFAULT_RECONNECT = { minMs: 200, maxMs: 2000 };
const DEFAULT_HEARTBEAT = { everyMs: 15_000, timeoutMs: 5000 };

/**
 * The receiving half of the live fan-out between replicas: one dedicated
 * session per replica (never a pooled connection, which the pool may hand to
 * anyone or replace) LISTENs for the ids other replicas stored, reads those
 * rows back in one query per burst, and publishes them to this replica's
 * dashboards. The sending half is the ingest statement itself (insertEvents).
 *
 * If PostgreSQL restarts or the session breaks, it reconnects with backoff
 * (200 ms doubling to 2 s) and LISTENs again. Events stored elsewhere while it
 * was away are not pushed here (nothing is replayed); they are in the
 * database, and while PostgreSQL itself is down nobody stores any.
 */
export class LiveFanout {
  private connection: DedicatedConnection | undefined;
  private pending: string[] = [];
  private draining: Promise<void> | undefined;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly reconnectDelays: { minMs: number; maxMs: number };
  private readonly heartbeat: { everyMs: number; timeoutMs: number };

  constructor(private readonly options: LiveFanoutOptions) {
    this.reconnectDelays = options.reconnect ?? DEFAULT_RECONNECT;
    this.heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;
  }

  /** Whether the LISTEN session is up now. */
  get listening(): boolean {
    return this.connection !== undefined;
  }

  /** Connects and LISTENs; resolves after the first attempt (a failed one is retried in the background). */
  start(): Promise<void> {
    return this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.pending = [];
    await this.draining;
    if (connection) {
      this.options.onConnected(false);
      await connection.close();
    }
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return;
    let connection: DedicatedConnection | undefined;
    try {
      connection = await this.options.connect();
      const self = connection;
      self.onNotification((channel, payload) => {
        if (channel === LIVE_CHANNEL) this.receive(payload);
      });
      self.onLost((error) => this.lost(self, error));
      await self.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      void connection?.close();
      this.retry(error);
      return;
    }
    if (this.closed) {
      await connection.close();
      return;
    }
    if (this.failures > 0) this.options.log.info({ attempts: this.failures + 1 }, "live fan-out: listening to other replicas again");
    this.failures = 0;
    this.connection = connection;
    this.options.onConnected(true);
    const checked = connection;
    this.heartbeatTimer = setInterval(() => void this.check(checked), this.heartbeat.everyMs).unref();
  }

  private lost(connection: DedicatedConnection, error: Error): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    clearInterval(this.heartbeatTimer);
    this.options.onConnected(false);
    void connection.close();
    this.retry(error);
  }

  private retry(error: unknown): void {
    if (this.closed) return;
    if (this.failures === 0) {
      this.options.log.warn(
        { err: error },
        "live fan-out: no LISTEN session; dashboards here do not see events other replicas store until it is back. Reconnecting",
      );
    }
    const { minMs, maxMs } = this.reconnectDelays;
    const delay = Math.min(maxMs, minMs * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures++;
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }

  /** A session that died silently (a network partition) sends no error: an idle query finds out. */
  private async check(connection: DedicatedConnection): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        connection.query("SELECT 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the LISTEN session did not answer within ${this.heartbeat.timeoutMs} ms`)), this.heartbeat.timeoutMs);
        }),
      ]);
    } catch (error) {
      this.lost(connection, error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearTimeout(timer);
    }
  }

  private receive(payload: string): void {
    const announcement = parseAnnouncement(payload);
    if (!announcement || announcement.sender === this.options.replicaId || !this.options.wanted()) return;
    for (const id of announcement.ids) this.pending.push(id);
    if (this.pending.length > MAX_PENDING_IDS) {
      const dropped = this.pending.length - MAX_PENDING_IDS;
      this.pending.splice(0, dropped);
      this.options.log.warn({ dropped }, "live fan-out: reading back other replicas' events fell behind; the oldest are not pushed");
    }
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /**
   * Reads what is pending, one query at a time: the announcements that arrive
   * while a read runs are read together by the next (group read).
   */
  private async drain(): Promise<void> {
    // The driver emits every notification of one network read synchronously: start after all of them.
    await Promise.resolve();
    while (this.pending.length > 0 && !this.closed) {
      const ids = this.pending.splice(0, MAX_IDS_PER_READ);
      try {
        const events = await this.options.read(ids);
        if (events.length > 0 && !this.closed) this.options.publish(events);
      } catch (error) {
        this.options.log.warn({ err: error, events: ids.length }, "live fan-out: could not read events another replica stored; they are not pushed here");
      }
    }
  }
}
