import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock.js";
import type { Database, SqlSession } from "./database.js";
import { PrismaClient } from "./generated/prisma/client.js";

export interface OpenDatabaseOptions {
  /** `postgresql://…` to use a PostgreSQL server; unset for the embedded PGlite. */
  url?: string;
  /** Where PGlite keeps its files; unset (with no url) for an in-memory database. */
  dataDir?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite. */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server emits 'error' on the pool; without a
  // listener that would crash the process. Queries report their own errors.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          query: async (sql, params) => (await client.query(sql, params)).rows,
          exec: async (script) => void (await client.query(script)),
        });
      } finally {
        client.release();
      }
    },
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  // Two processes on one PGlite directory corrupt it (see data-dir-lock.ts).
  const lock = dataDir ? await lockDataDir(dataDir) : undefined;
  const client = new PGlite(dataDir);
  try {
    await client.waitReady;
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  // PGlite is a single connection: a session is simply the client itself.
  const session: SqlSession = {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query<T>(sql, params)).rows,
    exec: async (script) => void (await client.exec(script)),
  };
  return {
    kind: "pglite",
    prisma,
    session: (fn) => fn(session),
    query: session.query,
    async ping() {
      await client.query("SELECT 1");
    },
    async close() {
      try {
        await prisma.$disconnect();
        await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
}
