export { buildApp, type AppDeps } from "./app.js";
export { loadConfig, ConfigError, CONFIG_ENV_NAMES, type CollectorConfig } from "./config.js";
export { startCollector, StartupError, type RunningCollector } from "./start.js";
export type { CollectorMetrics } from "./plugins/metrics.js";
export { ErrorCodes, type ErrorCode } from "./errors.js";
