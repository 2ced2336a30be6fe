import type { PrismaClient } from "./generated/prisma/client.js";

export type DatabaseKind = "pglite" | "postgres";

/** One connection, held for the duration of a callback (advisory locks, scripts). */
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script (no parameters), as migrations need. */
  exec(script: string): Promise<void>;
}

/**
 * A PostgreSQL connection of its own, outside the pool, for what is tied to
 * one server session: LISTEN, and session-level advisory locks. A pooled
 * connection cannot hold either (the pool hands it to other queries and may
 * replace it at any time). It never reconnects by itself: a lock or a LISTEN
 * does not survive a new session, so its owner must know when it is gone.
 */
export interface DedicatedConnection {
  /** The server process serving this session (`pg_backend_pid()`). */
  readonly backendPid: number;
  /** The session's `application_name`, as pg_stat_activity shows it. */
  readonly applicationName: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Called for every notification on a channel this session LISTENs to. */
  onNotification(listener: (channel: string, payload: string) => void): void;
  /**
   * Called once when the session is gone without close() having been called:
   * the server restarted or ended the backend, the network broke. Locks the
   * session held are released by then (or as soon as the server notices).
   */
  onLost(listener: (error: Error) => void): void;
  /** Ends the session (releasing its locks and LISTENs); never rejects. */
  close(): Promise<void>;
}

export interface DedicatedConnectionOptions {
  /** Shown in pg_stat_activity, so operators can tell what a session is for. At most 63 bytes. */
  applicationName: string;
}

/** An open closewatch database: the Prisma client plus what the client cannot do. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * One parameterised statement straight on the driver, for the ingest hot
   * path: it skips the Prisma client's argument handling, which costs about
   * as much CPU per row as building the statement itself.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * Opens a dedicated session (PostgreSQL only; PGlite is one in-process
   * connection and rejects). The caller closes it.
   */
  dedicated(options: DedicatedConnectionOptions): Promise<DedicatedConnection>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
