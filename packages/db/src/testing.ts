import { randomBytes } from "node:crypto";
import pg from "pg";

/** Server used by integration tests; CLOSEWATCH_TEST_PG_URL points elsewhere (its database is only used to create others). */
export const TEST_PG_ADMIN_URL = process.env.CLOSEWATCH_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestPostgres {
  url: string;
  drop(): Promise<void>;
}

/** Creates a fresh, uniquely named database for one test file and drops it afterwards. */
export async function createTestPostgres(prefix = "closewatch_test"): Promise<TestPostgres> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
