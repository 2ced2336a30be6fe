import { isAbsolute, resolve } from "node:path";
import { MAX_EVENTS_PER_BATCH } from "@closewatch/protocol";

/** Everything the collector reads from its environment, validated once at boot. */
export interface CollectorConfig {
  readonly port: number;
  readonly host: string;
  /** `postgresql://…`, or undefined for the embedded PGlite. */
  readonly databaseUrl: string | undefined;
  /** Where the embedded database and other local state live. */
  readonly dataDir: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Distinct service names that get their own metric label; the rest share "other". */
  readonly maxServiceLabels: number;
  /** Distinct routes per service with their own rollup series; the rest share "other". */
  readonly maxRoutesPerService: number;
  /** Largest accepted request body after decompression, in bytes. */
  readonly bodyLimitBytes: number;
  /** Events that may wait for the database across all ingest requests; beyond it ingest answers 503. */
  readonly ingestQueueEvents: number;
  /** Most events written per statement (one group commit). */
  readonly commitEvents: number;
  /** Statements in flight at once on PostgreSQL (PGlite always uses one). */
  readonly writers: number;
  /** How long raw events and the two rollups are kept, in days. */
  readonly retention: { readonly rawDays: number; readonly minuteRollupDays: number; readonly hourRollupDays: number };
  /** How often expiry runs. */
  readonly retentionIntervalMs: number;
  /** On SIGTERM/SIGINT: how long in-flight requests and writes may take before open connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** The dashboard build to serve at `/`; unset: the @closewatch/dashboard package's dist/. */
  readonly dashboardDir: string | undefined;
  /** How often alert rules are evaluated; 0 turns the timer off (tests call evaluateOnce themselves). */
  readonly alertIntervalMs: number;
  /** Where people open the dashboard (`https://closewatch.example.com`, no trailing slash), for links in notifications. */
  readonly publicUrl: string | undefined;
  /**
   * PostgreSQL only: announce every stored batch to the other collector
   * replicas on the same database (LISTEN/NOTIFY), so their live dashboards
   * see it too. Ignored on PGlite, which is one process.
   */
  readonly liveFanout: boolean;
  /**
   * PostgreSQL only: how often a replica that does not hold the alert
   * evaluator lock tries to take it, and how often the holder checks that
   * its lock session is still alive.
   */
  readonly alertLeaderRetryMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; reports every problem at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): CollectorConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must start with postgresql:// (got "${redactUrl(databaseUrl)}")`);
  }

  const logLevel = (env.LOG_LEVEL || "info") as CollectorConfig["logLevel"];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "${logLevel}")`);

  const host = env.HOST || "127.0.0.1";
  const dataDir = env.CLOSEWATCH_DATA_DIR || ".closewatch";
  const dashboardDir = env.CLOSEWATCH_DASHBOARD_DIR || undefined;
  const publicUrl = parsePublicUrl(env.CLOSEWATCH_PUBLIC_URL, problems);
  const onOff = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (raw === "on") return true;
    if (raw === "off") return false;
    problems.push(`${name} must be "on" or "off" (got "${raw}")`);
    return fallback;
  };

  const config: CollectorConfig = {
    port: int("PORT", 4000, 0, 65535),
    host,
    databaseUrl,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    logLevel,
    maxServiceLabels: int("CLOSEWATCH_MAX_SERVICE_LABELS", 50, 1, 10_000),
    maxRoutesPerService: int("CLOSEWATCH_MAX_ROUTES_PER_SERVICE", 20, 1, 1000),
    bodyLimitBytes: int("CLOSEWATCH_BODY_LIMIT_BYTES", 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    // At least one full batch, or a maximal batch could never be accepted.
    ingestQueueEvents: int("CLOSEWATCH_INGEST_QUEUE_EVENTS", 100_000, MAX_EVENTS_PER_BATCH, 10_000_000),
    commitEvents: int("CLOSEWATCH_COMMIT_EVENTS", 10_000, 100, 100_000),
    writers: int("CLOSEWATCH_WRITERS", 2, 1, 8),
    dashboardDir: dashboardDir && resolve(cwd, dashboardDir),
    retention: Object.freeze({
      rawDays: int("CLOSEWATCH_RETENTION_RAW_DAYS", 14, 1, 3650),
      minuteRollupDays: int("CLOSEWATCH_RETENTION_MINUTE_ROLLUP_DAYS", 35, 1, 3650),
      hourRollupDays: int("CLOSEWATCH_RETENTION_HOUR_ROLLUP_DAYS", 400, 1, 3650),
    }),
    retentionIntervalMs: int("CLOSEWATCH_RETENTION_INTERVAL_S", 3600, 10, 86_400) * 1000,
    shutdownTimeoutMs: int("CLOSEWATCH_SHUTDOWN_TIMEOUT_S", 10, 1, 3600) * 1000,
    alertIntervalMs: int("CLOSEWATCH_ALERT_INTERVAL_S", 15, 0, 3600) * 1000,
    publicUrl,
    liveFanout: onOff("CLOSEWATCH_LIVE_FANOUT", true),
    alertLeaderRetryMs: int("CLOSEWATCH_ALERT_LEADER_RETRY_S", 5, 1, 300) * 1000,
  };
  const { rawDays, minuteRollupDays, hourRollupDays } = config.retention;
  if (minuteRollupDays < rawDays || hourRollupDays < minuteRollupDays) {
    problems.push(
      `retention must not shrink with coarser data: raw (${rawDays}) ≤ minute rollups (${minuteRollupDays}) ≤ hour rollups (${hourRollupDays}) days`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** An http(s) base URL without a trailing slash, so links are `${publicUrl}/events?…`. */
function parsePublicUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash) {
    problems.push(`CLOSEWATCH_PUBLIC_URL must be an http:// or https:// URL without query or fragment (got "${raw}")`);
    return undefined;
  }
  return url.toString().replace(/\/+$/, "");
}

/** Never echo a password from a connection string into logs or errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
