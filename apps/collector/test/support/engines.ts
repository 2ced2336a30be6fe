import { randomUUID } from "node:crypto";
import { type Database, migrate, openDatabase } from "@closewatch/db";
import { createTestPostgres } from "@closewatch/db/testing";
import type { IngestEvent } from "@closewatch/protocol";
import type { FastifyInstance } from "fastify";
import { type AppDeps, buildApp } from "../../src/app.js";
import { type CollectorConfig, loadConfig } from "../../src/config.js";

export interface TestCollector {
  app: FastifyInstance;
  db: Database;
  config: CollectorConfig;
  close(): Promise<void>;
}

export type Engine = "PGlite" | "PostgreSQL";

/** Every integration test runs on both engines: same schema, migrations and queries. */
export const ENGINES: Engine[] = ["PGlite", "PostgreSQL"];

/** A fresh database (in-memory PGlite or a new PostgreSQL database) with migrations applied. */
export async function openTestDatabase(engine: Engine): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === "PGlite") return { db: await openDatabase(), drop: async () => {} };
  const pg = await createTestPostgres();
  return { db: await openDatabase({ url: pg.url, poolSize: 4 }), drop: pg.drop };
}

/**
 * A collector on a fresh database. Alert rules are not evaluated on a timer
 * (interval 0) unless `env` asks: tests call `app.alerts.evaluateOnce(now)`.
 */
export async function createTestCollector(
  engine: Engine,
  env: Record<string, string> = {},
  deps: Pick<AppDeps, "alertDelivery" | "authCacheTtlMs" | "rateLimitWindowMs"> = {},
): Promise<TestCollector> {
  const { db, drop } = await openTestDatabase(engine);
  await migrate(db);
  const config = loadConfig({ PORT: "0", LOG_LEVEL: "silent", CLOSEWATCH_ALERT_INTERVAL_S: "0", ...env });
  const app = await buildApp({ config, db, logger: false, ...deps });
  return {
    app,
    db,
    config,
    async close() {
      await app.close();
      await db.close();
      await drop();
    },
  };
}

/** A collector on a PostgreSQL server the test runs itself (one it may stop and start); migrations applied. */
export async function createTestCollectorOn(url: string, env: Record<string, string> = {}): Promise<TestCollector> {
  const db = await openDatabase({ url, poolSize: 4 });
  await migrate(db);
  const config = loadConfig({ PORT: "0", LOG_LEVEL: "silent", CLOSEWATCH_ALERT_INTERVAL_S: "0", ...env });
  const app = await buildApp({ config, db, logger: false });
  return {
    app,
    db,
    config,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** A valid wire event; override what the test is about. */
export function makeEvent(overrides: Partial<IngestEvent> = {}): IngestEvent {
  return {
    id: randomUUID(),
    occurredAt: new Date().toISOString(),
    service: "chat-api",
    code: 1000,
    reason: "",
    initiator: "client",
    connectionAgeMs: 1000,
    messagesIn: 1,
    messagesOut: 1,
    bytesIn: 10,
    bytesOut: 10,
    ...overrides,
  };
}

/** Reads one sample of a counter from Prometheus text exposition. */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf("}"));
    const have = inner.split(",").sort();
    if (have.length === wanted.length && have.every((l, i) => l === wanted[i])) {
      return Number(line.slice(line.indexOf("}") + 1));
    }
  }
  return 0;
}
