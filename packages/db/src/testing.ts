import { randomBytes } from "node:crypto";
import pg from "pg";

/** Server used by integration tests; CLOSEWATCH_TEST_PG_URL points elsewhere (its database is only used to create others). */
export const TEST_PG_ADMIN_URL = process.env.CLOSEWATCH_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestPostgres {
  name: string;
  url: string;
  /** Drops the database; safe to call more than once. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database (for one test file, one benchmark
 * run…) on the server of `adminUrl`, to be dropped afterwards.
 */
export async function createTestPostgres(prefix = "closewatch_test", adminUrl = TEST_PG_ADMIN_URL): Promise<TestPostgres> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
