import { join } from "node:path";
import { migrate, openDatabase } from "@closewatch/db";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.js";
import type { CollectorConfig } from "./config.js";

export interface RunningCollector {
  app: FastifyInstance;
  /** Base URL it listens on, e.g. http://127.0.0.1:4000 */
  url: string;
  /**
   * Stops gracefully: no new connections, requests that still arrive are
   * answered 503, requests in flight are answered, the write queue drains,
   * live sockets close with 1001, then the database closes. After
   * `deadlineMs` the connections still open are cut (their requests were
   * never acknowledged, so agents send them again) and the close carries on.
   */
  close(deadlineMs?: number): Promise<void>;
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
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    let closing: Promise<void> | undefined;
    const close = async (deadlineMs?: number) => {
      const cut =
        deadlineMs === undefined
          ? undefined
          : setTimeout(() => {
              app.log.warn({ deadlineMs }, "shutdown deadline passed: cutting the connections still open (their requests were not acknowledged)");
              app.server.closeAllConnections();
            }, deadlineMs);
      try {
        await app.close();
      } finally {
        clearTimeout(cut);
        // Not an onClose hook: those run last-registered-first, so the database
        // would close before the hooks buildApp registered (the write queue's drain).
        await db.close();
      }
    };
    return { app, url: `http://${host}:${port}`, close: (deadlineMs) => (closing ??= close(deadlineMs)) };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
