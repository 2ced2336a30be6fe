import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { lockDataDir } from "./data-dir-lock.js";
import type { Database, DedicatedConnection, DedicatedConnectionOptions, SqlSession } from "./database.js";
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
    dedicated: (options) => openDedicated(url, options),
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
    dedicated: () => Promise.reject(new Error("PGlite is a single in-process connection: there is no dedicated session to open")),
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

/**
 * Server-side TCP keepalives for a dedicated session, in seconds: if the
 * client's machine vanishes without closing its socket (power loss, network
 * partition), PostgreSQL ends the session after about idle + interval × count
 * (~25 s) instead of the OS default of two hours, which releases its advisory
 * locks so another replica can take over. Ignored on Unix-socket connections.
 */
const SERVER_KEEPALIVE = { idle: 10, interval: 5, count: 3 };

async function openDedicated(url: string, { applicationName }: DedicatedConnectionOptions): Promise<DedicatedConnection> {
  const client = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
  const lostListeners: Array<(error: Error) => void> = [];
  let closing = false;
  let lost: Error | undefined;
  const reportLost = (error: Error) => {
    if (closing || lost) return;
    lost = error;
    for (const listener of lostListeners) listener(error);
  };
  // Without an 'error' listener a broken connection would crash the process.
  client.on("error", (error) => reportLost(error));
  client.on("end", () => reportLost(new Error("the dedicated PostgreSQL session ended")));
  try {
    await client.connect();
    // SET rather than the connection option: an application_name in DATABASE_URL would win over the option.
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pg_backend_pid() AS pid, set_config('application_name', $1, false),
        set_config('tcp_keepalives_idle', $2, false), set_config('tcp_keepalives_interval', $3, false),
        set_config('tcp_keepalives_count', $4, false)`,
      [applicationName, String(SERVER_KEEPALIVE.idle), String(SERVER_KEEPALIVE.interval), String(SERVER_KEEPALIVE.count)],
    );
    const backendPid = rows[0]!.pid;
    return {
      backendPid,
      applicationName,
      query: async (sql, params) => (await client.query(sql, params)).rows,
      onNotification(listener) {
        client.on("notification", (message) => listener(message.channel, message.payload ?? ""));
      },
      onLost(listener) {
        if (lost) queueMicrotask(() => listener(lost!));
        else lostListeners.push(listener);
      },
      async close() {
        if (closing) return;
        closing = true;
        // A session whose server is unreachable may never answer the Terminate message: do not wait for it forever.
        await Promise.race([client.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      },
    };
  } catch (error) {
    closing = true;
    await client.end().catch(() => {});
    throw error;
  }
}
