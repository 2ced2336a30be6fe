import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlSession } from "./database.js";

/** prisma/migrations at the repository root (same depth from src/ and dist/). */
export const DEFAULT_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");

/** The lock id `prisma migrate` itself takes, so our runner and Prisma's never run at once. */
const PRISMA_MIGRATE_LOCK_ID = 72707369;

// Prisma's own bookkeeping table, created exactly as `prisma migrate` creates it,
// so that `prisma migrate status|deploy` on a machine with the schema engine
// sees our applied migrations as its own.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** Reads `<dir>/<timestamp>_<name>/migration.sql` in name order, with Prisma's sha256 checksum. */
export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies pending migrations, each in its own transaction, and records them in
 * `_prisma_migrations` the way Prisma does. Refuses to continue past a failed
 * or edited migration: both need a human.
 */
export async function migrate(db: Database, dir = DEFAULT_MIGRATIONS_DIR): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(dir);
  return db.session(async (session) => {
    if (db.kind === "postgres") await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_ID]);
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await session.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        const records = rows.filter((r) => r.migration_name === migration.name && r.rolled_back_at === null);
        if (records.some((r) => r.finished_at === null)) {
          throw new MigrationError(
            `Migration ${migration.name} failed earlier; fix the database, then mark it rolled back in _prisma_migrations.`,
          );
        }
        const done = records.find((r) => r.finished_at !== null);
        if (done) {
          if (done.checksum !== migration.checksum) {
            throw new MigrationError(`Migration ${migration.name} was edited after it was applied (checksum differs).`);
          }
          continue;
        }
        await applyOne(session, migration);
        applied.push(migration.name);
      }
      return { applied };
    } finally {
      if (db.kind === "postgres") await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_ID]);
    }
  });
}

async function applyOne(session: SqlSession, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await session.exec("BEGIN");
    await session.exec(migration.sql);
    await session.exec("COMMIT");
  } catch (error) {
    await session.exec("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${migration.name} failed: ${message}`);
  }
  await session.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}
