import { join } from "node:path";
import { migrate, openDatabase } from "@closewatch/db";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { buildApp } from "./app.js";
import { isLoopback, onlyLocalClients } from "./auth/secrets.js";
import { TokenStore } from "./auth/token-store.js";
import type { CollectorConfig } from "./config.js";

/** A setting that makes starting unsafe or impossible; main.ts prints its message and exits with 1. */
export class StartupError extends Error {
  override name = "StartupError";
}

/**
 * The safe default: a collector that anyone on the network can reach does
 * not start without a token, unless told to (CLOSEWATCH_AUTH=open).
 */
export async function checkAuthAtStartup(config: CollectorConfig, tokens: TokenStore): Promise<void> {
  if (config.authMode === "open" || onlyLocalClients(config)) return;
  if ((await tokens.countLive()) > 0) return;
  const why = isLoopback(config.host)
    ? "it trusts a reverse proxy (CLOSEWATCH_TRUST_PROXY), which forwards other machines' requests,"
    : "it is not a loopback address";
  throw new StartupError(
    [
      `closewatch will not listen on ${config.host}: ${why} and there is no API token, so anyone who can reach it could read your data and send events.`,
      "Create a token first (it is printed once; keep it):",
      "  npm run -s token -- create --name admin --scope admin",
      "  (or, with the built files: node apps/collector/dist/token-cli.js create --name admin --scope admin)",
      "then start again, sign in to the dashboard with it, and give agents ingest tokens (--scope ingest).",
      "To run without authentication anyway (only behind a proxy that authenticates), set CLOSEWATCH_AUTH=open.",
    ].join("\n"),
  );
}

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
    await checkAuthAtStartup(config, new TokenStore(db));
    const app = await buildApp({ config, db, logger: options.logger });
    if (config.authMode === "open" && !isLoopback(config.host)) {
      app.log.warn(
        { host: config.host },
        "CLOSEWATCH_AUTH=open on a non-loopback address: anyone who can reach this port can read all data and send events",
      );
    }
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
