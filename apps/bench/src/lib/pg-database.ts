import { createTestPostgres, type TestPostgres } from "@closewatch/db/testing";
import pg from "pg";

/** A database the benchmark created for itself on the admin server, dropped when done. */
export type BenchDatabase = TestPostgres;

/** CREATE DATABASE with a unique name on the server of `adminUrl`. */
export function createBenchDatabase(adminUrl: string, prefix: string): Promise<BenchDatabase> {
  return createTestPostgres(prefix, adminUrl);
}

/** Runs `fn` with a database created for it, dropping the database afterwards, also on failure. */
export async function withBenchDatabase<T>(adminUrl: string, prefix: string, fn: (db: BenchDatabase) => Promise<T>): Promise<T> {
  const db = await createBenchDatabase(adminUrl, prefix);
  try {
    return await fn(db);
  } finally {
    await db.drop();
  }
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A server-side drop (WITH FORCE) while connected would otherwise crash the process.
  client.on("error", () => {});
  await client.connect();
  return client;
}

export async function countEvents(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM close_events");
  return Number(rows[0]!.n);
}

/** close_events and the tables derived from it (rollups), whatever the migrations by now define. */
export async function eventTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND (tablename = 'close_events' OR tablename LIKE 'close_rollups%') ORDER BY 1`,
  );
  return rows.map((r) => r.t);
}

/** Empties close_events and its rollups, then checkpoints so the next measurement does not pay for the last one's writes. */
export async function resetEventTables(client: pg.Client): Promise<void> {
  const tables = await eventTables(client);
  await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")}`);
  await client.query("CHECKPOINT");
}
