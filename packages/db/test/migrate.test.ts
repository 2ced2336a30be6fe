import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, DEFAULT_MIGRATIONS_DIR, migrate, openDatabase, readMigrations } from "../src/index.js";
import { createTestPostgres, type TestPostgres } from "../src/testing.js";

const sampleEvent = {
  id: "8d3c6f2e-5a41-4c1e-9a0b-1f2e3d4c5b6a",
  occurredAt: new Date("2026-11-25T10:00:00.123Z"),
  service: "chat-api",
  instance: "pod-1",
  route: "/chat",
  code: 1009,
  reason: "",
  initiator: "server" as const,
  cause: "message_too_big",
  causeSource: "ws_error" as const,
  wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
  messageSize: 5_000_000_000n,
  sizeLimit: 1_048_576n,
  connectionAgeMs: 3_000_000_000n,
  messagesIn: 7n,
  messagesOut: 3n,
  bytesIn: 1024n,
  bytesOut: 512n,
  evidence: { limit: 1_048_576, deflate: false, origin: "https://example.com" },
  clientAddressHash: "0123456789abcdef",
};

// The same suite on both engines: same schema, same migrations, same client.
describe.each([
  ["PGlite", async () => ({ db: await openDatabase(), drop: async () => {} })],
  [
    "PostgreSQL",
    async () => {
      const pg: TestPostgres = await createTestPostgres();
      return { db: await openDatabase({ url: pg.url, poolSize: 2 }), drop: pg.drop };
    },
  ],
])("migrations on %s", (_engine, open) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("applies every migration once and records it the way Prisma does", async () => {
    const files = await readMigrations();
    expect(await migrate(db)).toEqual({ applied: files.map((f) => f.name) });
    expect(await migrate(db)).toEqual({ applied: [] });

    const rows = await db.session((s) =>
      s.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      files.map((f) => [f.name, f.checksum, 1]),
    );
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("round-trips a close event through the generated client", async () => {
    await db.prisma.closeEvent.create({ data: sampleEvent });
    const stored = await db.prisma.closeEvent.findUniqueOrThrow({ where: { id: sampleEvent.id } });
    expect(stored).toMatchObject(sampleEvent);
    expect(stored.receivedAt).toBeInstanceOf(Date);
  });

  it("round-trips both rollup tables", async () => {
    const row = { bucket: new Date("2026-11-25T10:00:00Z"), service: "chat-api", route: "/chat", code: 1009, cause: "message_too_big", count: 3n };
    await db.prisma.closeRollupMinute.create({ data: row });
    await db.prisma.closeRollupHour.create({ data: row });
    const key = { bucket: row.bucket, service: row.service, route: row.route, code: row.code, cause: row.cause };
    expect(await db.prisma.closeRollupMinute.findUniqueOrThrow({ where: { bucket_service_route_code_cause: key } })).toEqual(row);
    expect(await db.prisma.closeRollupHour.findUniqueOrThrow({ where: { bucket_service_route_code_cause: key } })).toEqual(row);
  });

  it("round-trips an API token and its session, and deletes the session with the token", async () => {
    const token = {
      id: "5b0e0d6c-3c3c-4d0a-9a65-7d1b6f1f2a10",
      name: "ingest-eu",
      scope: "ingest" as const,
      secretHash: "a".repeat(64),
      prefix: "cw_AbCdEfG",
      createdAt: new Date("2026-12-01T10:00:00.000Z"),
      lastUsedAt: new Date("2026-12-01T10:05:00.000Z"),
      revokedAt: null,
    };
    await db.prisma.apiToken.create({ data: token });
    expect(await db.prisma.apiToken.findUniqueOrThrow({ where: { secretHash: token.secretHash } })).toEqual(token);
    const session = {
      id: "6c1f1e7d-4d4d-4e1b-8b76-8e2c7a2a3b21",
      tokenId: token.id,
      secretHash: "b".repeat(64),
      createdAt: new Date("2026-12-01T10:06:00.000Z"),
      expiresAt: new Date("2026-12-08T10:06:00.000Z"),
    };
    await db.prisma.apiSession.create({ data: session });
    expect(await db.prisma.apiSession.findUniqueOrThrow({ where: { id: session.id }, include: { token: true } })).toEqual({ ...session, token });
    // A hash is unique: the same secret cannot be stored twice.
    await expect(db.prisma.apiToken.create({ data: { ...token, id: "7d2a2f8e-5e5e-4f2c-9c87-9f3d8b3b4c32" } })).rejects.toThrow();
    await db.prisma.apiToken.delete({ where: { id: token.id } });
    expect(await db.prisma.apiSession.findUnique({ where: { id: session.id } })).toBeNull();
  });

  it("refuses to go on when an applied migration was edited", async () => {
    const dir = await mkdtemp(join(tmpdir(), "closewatch-migrations-"));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first!.name, "migration.sql"), `${first!.sql}\n-- edited\n`);
    await expect(migrate(db, dir)).rejects.toThrow(/edited after it was applied/);
  });
});
