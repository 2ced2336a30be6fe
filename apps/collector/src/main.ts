import { ConfigError, loadConfig, redactUrl } from "./config.js";
import { startCollector } from "./start.js";

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

  const collector = await startCollector(config);
  const storage = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `embedded PGlite in ${config.dataDir}`;
  collector.app.log.info(`closewatch collector on ${collector.url} (dashboard at /), storing in ${storage}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    collector.app.log.info({ signal }, "shutting down");
    collector.close().then(
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
