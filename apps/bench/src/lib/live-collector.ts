import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type RunningCollector, startCollector } from "@closewatch/collector";
import { createBenchDatabase } from "./pg-database.js";

export type Engine = "PostgreSQL" | "PGlite";

export interface BenchCollector {
  collector: RunningCollector;
  engine: Engine;
  /** Stops the collector and removes its database (PostgreSQL database or PGlite directory). */
  close(): Promise<void>;
}

/**
 * A real collector on a fresh database: a new PostgreSQL database created on
 * `pgAdminUrl`'s server, or PGlite in a temporary directory. Silent, port 0.
 */
export async function startBenchCollector(engine: Engine, pgAdminUrl: string): Promise<BenchCollector> {
  const dataDir = await mkdtemp(join(tmpdir(), "closewatch-bench-"));
  let databaseUrl: string | undefined;
  let dropDatabase = async (): Promise<void> => {};
  if (engine === "PostgreSQL") {
    const database = await createBenchDatabase(pgAdminUrl, "closewatch_bench");
    databaseUrl = database.url;
    dropDatabase = () => database.drop();
  }
  const cleanup = async (): Promise<void> => {
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      CLOSEWATCH_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    });
    const collector = await startCollector(config, { logger: false });
    return {
      collector,
      engine,
      async close() {
        try {
          await collector.close();
        } finally {
          await cleanup();
        }
      },
    };
  } catch (error) {
    await cleanup().catch(() => {});
    throw error;
  }
}
