import { ConfigError, loadConfig, redactUrl } from "./config.js";
import { StartupError, startCollector } from "./start.js";
import { DatabaseInUseError } from "@closewatch/db";

/** After the shutdown deadline has cut the open connections: time left for the queue and the database to close. */
const HARD_STOP_AFTER_DEADLINE_MS = 5000;

// Entry point: read config, start, and stop cleanly on signals. Nothing else lives here.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let collector;
  try {
    collector = await startCollector(config);
  } catch (error) {
    if (error instanceof StartupError || error instanceof DatabaseInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const storage = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `embedded PGlite in ${config.dataDir}`;
  collector.app.log.info({ replica: collector.app.replicaId }, `closewatch collector on ${collector.url} (dashboard at /), storing in ${storage}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const deadlineMs = config.shutdownTimeoutMs;
    collector.app.log.info({ signal, deadlineMs }, "shutting down: finishing requests in flight and queued writes");
    // close() cuts open connections at the deadline; if the close still hangs
    // (a database that stopped answering), give up a little later.
    setTimeout(() => {
      collector.app.log.error({ deadlineMs }, "shutdown did not finish after the deadline; exiting");
      process.exit(1);
    }, deadlineMs + HARD_STOP_AFTER_DEADLINE_MS).unref();
    collector.close(deadlineMs).then(
      () => process.exit(0),
      (error: unknown) => {
        collector.app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("closewatch collector failed to start:", error);
  process.exit(1);
});
