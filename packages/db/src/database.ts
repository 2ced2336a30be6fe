import type { PrismaClient } from "./generated/prisma/client.js";

export type DatabaseKind = "pglite" | "postgres";

/** One connection, held for the duration of a callback (advisory locks, scripts). */
export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a multi-statement script (no parameters), as migrations need. */
  exec(script: string): Promise<void>;
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
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
