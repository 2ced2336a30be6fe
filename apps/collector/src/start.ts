import { join } from "node:path";
import { migrate, openDatabase } from "@closewatch/db";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.js";
import type { CollectorConfig } from "./config.js";

export interface RunningCollector {
  app: FastifyInstance;
  /** Base URL it listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, builds the app and listens. */
export async function startCollector(
  config: CollectorConfig,
  options: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<RunningCollector> {
  const db = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, "pglite") });
  try {
    await migrate(db);
    const app = await buildApp({ config, db, logger: options.logger });
    app.addHook("onClose", () => db.close());
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    return { app, url: `http://${host}:${port}`, close: () => app.close() };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
