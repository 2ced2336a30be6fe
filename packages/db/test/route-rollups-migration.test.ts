import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, DEFAULT_MIGRATIONS_DIR, migrate, openDatabase, readMigrations } from "../src/index.js";
import { createTestPostgres } from "../src/testing.js";

const ROUTE_MIGRATION = "20261125060000_route_rollups";

describe.each([
  ["PGlite", async () => ({ db: await openDatabase(), drop: async () => {} })],
  [
    "PostgreSQL",
    async () => {
      const pg = await createTestPostgres();
      return { db: await openDatabase({ url: pg.url, poolSize: 2 }), drop: pg.drop };
    },
  ],
])("route rollups migration on %s", (_engine, open) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await open());
    // The schema as it was before routes: every migration up to this one.
    const before = await mkdtemp(join(tmpdir(), "closewatch-before-routes-"));
    for (const m of (await readMigrations()).filter((m) => m.name < ROUTE_MIGRATION)) {
      await cp(join(DEFAULT_MIGRATIONS_DIR, m.name), join(before, m.name), { recursive: true });
    }
    await migrate(db, before);
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("gives rows counted before routes route '' and makes route part of the key", async () => {
    await db.session((s) =>
      s.exec(`INSERT INTO close_rollups_minute (bucket, service, code, cause, count) VALUES ('2026-11-25T10:00:00Z', 'chat-api', 1009, 'message_too_big', 3);
              INSERT INTO close_rollups_hour (bucket, service, code, cause, count) VALUES ('2026-11-25T10:00:00Z', '', 1009, 'message_too_big', 3);`),
    );
    expect((await migrate(db)).applied).toContain(ROUTE_MIGRATION);
    expect(await db.prisma.closeRollupMinute.findMany()).toEqual([
      { bucket: new Date("2026-11-25T10:00:00Z"), service: "chat-api", route: "", code: 1009, cause: "message_too_big", count: 3n },
    ]);
    expect((await db.prisma.closeRollupHour.findMany()).map((r) => r.route)).toEqual([""]);
    // Same bucket, service, code and cause on another route is another row now.
    await db.prisma.closeRollupMinute.create({
      data: { bucket: new Date("2026-11-25T10:00:00Z"), service: "chat-api", route: "/upload", code: 1009, cause: "message_too_big", count: 1n },
    });
    expect(await db.prisma.closeRollupMinute.count()).toBe(2);
    // Writers must name the route: the backfill default is gone.
    await expect(
      db.session((s) => s.exec(`INSERT INTO close_rollups_hour (bucket, service, code, cause, count) VALUES ('2026-11-25T11:00:00Z', 'x', 1000, 'normal', 1)`)),
    ).rejects.toThrow(/route/);
  });
});
