import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../src/index.js";
import { createTestPostgres, type TestPostgres } from "../src/testing.js";

// A dedicated session is what LISTEN and session-level advisory locks need:
// its own server process, outside the pool, that says when it is gone.
describe("dedicated PostgreSQL sessions", () => {
  let pg: TestPostgres;
  let db: Database;
  beforeAll(async () => {
    pg = await createTestPostgres();
    db = await openDatabase({ url: pg.url, poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await pg?.drop();
  });

  it("is its own server session, named as asked, and receives notifications on its LISTENs", async () => {
    const conn = await db.dedicated({ applicationName: "closewatch-test listener" });
    try {
      const activity = await db.query("SELECT application_name FROM pg_stat_activity WHERE pid = $1", [conn.backendPid]);
      expect(activity).toEqual([{ application_name: "closewatch-test listener" }]);
      // Server-side keepalives (ignored on a Unix socket; this test connects over TCP).
      expect(await conn.query("SHOW tcp_keepalives_idle")).toEqual([{ tcp_keepalives_idle: "10" }]);

      const received: Array<[string, string]> = [];
      conn.onNotification((channel, payload) => received.push([channel, payload]));
      await conn.query("LISTEN closewatch_test");
      await db.query("SELECT pg_notify('closewatch_test', 'hello')");
      await expect.poll(() => received).toEqual([["closewatch_test", "hello"]]);
    } finally {
      await conn.close();
    }
  });

  it("reports its loss once when the server ends it, and its advisory lock is free again", async () => {
    const conn = await db.dedicated({ applicationName: "closewatch-test lock" });
    const losses: Error[] = [];
    conn.onLost((error) => losses.push(error));
    const [{ locked }] = (await conn.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(42, 1) AS locked")) as [{ locked: boolean }];
    expect(locked).toBe(true);
    const other = await db.dedicated({ applicationName: "closewatch-test other" });
    try {
      expect(await other.query("SELECT pg_try_advisory_lock(42, 1) AS locked")).toEqual([{ locked: false }]);
      await db.query("SELECT pg_terminate_backend($1)", [conn.backendPid]);
      await expect.poll(() => losses.length).toBe(1);
      expect(await other.query("SELECT pg_try_advisory_lock(42, 1) AS locked")).toEqual([{ locked: true }]);
      // A listener added after the loss hears about it too.
      const late = await new Promise<Error>((resolve) => conn.onLost(resolve));
      expect(late).toBe(losses[0]);
      await conn.close();
      expect(losses).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("is not reported lost when closed on purpose", async () => {
    const conn = await db.dedicated({ applicationName: "closewatch-test close" });
    let lost = 0;
    conn.onLost(() => lost++);
    await conn.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lost).toBe(0);
  });

  it("is refused on PGlite", async () => {
    const lite = await openDatabase();
    try {
      await expect(lite.dedicated({ applicationName: "x" })).rejects.toThrow(/PGlite/);
    } finally {
      await lite.close();
    }
  });
});
