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
   * `auto`: tokens are required as soon as one live token exists, and always
   * when listening beyond loopback or behind a trusted proxy. `required`:
   * always. `open`: never.
   */
  readonly authMode: AuthMode;
  /** Requests per minute per token (per client address without one) to POST /v1/events; 0: no limit. */
  readonly rateLimitIngestPerMin: number;
  /** Requests per minute per token (per client address without one) to the API and /metrics; 0: no limit. */
  readonly rateLimitReadPerMin: number;
  /** `hashed`: store the agents' keyed hashes of client addresses; `none`: discard them before storage. */
  readonly clientAddresses: "hashed" | "none";
  /** How long a dashboard sign-in lasts. */
  readonly sessionTtlMs: number;
  /**
   * Fastify's trustProxy: whether X-Forwarded-For/-Proto are believed (the
   * client address for rate limits, https for the cookie's Secure flag).
   */
  readonly trustProxy: boolean | number | string[];
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
  /** Origins (`https://portal.example.com`) whose pages may read the API cross-origin; empty: CORS closed. */
  readonly corsOrigins: readonly string[];
}

export type AuthMode = "auto" | "required" | "open";
const AUTH_MODES: readonly AuthMode[] = ["auto", "required", "open"];

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/**
 * Every environment variable loadConfig reads (a test keeps the list exact),
 * so deployment files can be checked for names the collector would ignore.
 */
export const CONFIG_ENV_NAMES = [
  "PORT",
  "HOST",
  "DATABASE_URL",
  "LOG_LEVEL",
  "CLOSEWATCH_DATA_DIR",
  "CLOSEWATCH_DASHBOARD_DIR",
  "CLOSEWATCH_PUBLIC_URL",
  "CLOSEWATCH_MAX_SERVICE_LABELS",
  "CLOSEWATCH_MAX_ROUTES_PER_SERVICE",
  "CLOSEWATCH_BODY_LIMIT_BYTES",
  "CLOSEWATCH_INGEST_QUEUE_EVENTS",
  "CLOSEWATCH_COMMIT_EVENTS",
  "CLOSEWATCH_WRITERS",
  "CLOSEWATCH_RETENTION_RAW_DAYS",
  "CLOSEWATCH_RETENTION_MINUTE_ROLLUP_DAYS",
  "CLOSEWATCH_RETENTION_HOUR_ROLLUP_DAYS",
  "CLOSEWATCH_RETENTION_INTERVAL_S",
  "CLOSEWATCH_SHUTDOWN_TIMEOUT_S",
  "CLOSEWATCH_ALERT_INTERVAL_S",
  "CLOSEWATCH_AUTH",
  "CLOSEWATCH_CLIENT_ADDRESSES",
  "CLOSEWATCH_TRUST_PROXY",
  "CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN",
  "CLOSEWATCH_RATE_LIMIT_READ_PER_MIN",
  "CLOSEWATCH_SESSION_HOURS",
  "CLOSEWATCH_LIVE_FANOUT",
  "CLOSEWATCH_ALERT_LEADER_RETRY_S",
  "CLOSEWATCH_CORS_ORIGINS",
] as const;

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
  const authMode = (env.CLOSEWATCH_AUTH || "auto") as AuthMode;
  if (!AUTH_MODES.includes(authMode)) problems.push(`CLOSEWATCH_AUTH must be one of ${AUTH_MODES.join(", ")} (got "${authMode}")`);
  const clientAddresses = (env.CLOSEWATCH_CLIENT_ADDRESSES || "hashed") as CollectorConfig["clientAddresses"];
  if (clientAddresses !== "hashed" && clientAddresses !== "none") {
    problems.push(`CLOSEWATCH_CLIENT_ADDRESSES must be hashed or none (got "${clientAddresses}")`);
  }
  const trustProxy = parseTrustProxy(env.CLOSEWATCH_TRUST_PROXY, problems);
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
    authMode,
    // Defaults: see "Rate limits" in the README for why no benchmark, demo or agent fleet of a few hosts reaches them.
    rateLimitIngestPerMin: int("CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN", 12_000, 0, 10_000_000),
    rateLimitReadPerMin: int("CLOSEWATCH_RATE_LIMIT_READ_PER_MIN", 6000, 0, 10_000_000),
    clientAddresses,
    sessionTtlMs: int("CLOSEWATCH_SESSION_HOURS", 168, 1, 8760) * 3_600_000,
    trustProxy,
    liveFanout: onOff("CLOSEWATCH_LIVE_FANOUT", true),
    alertLeaderRetryMs: int("CLOSEWATCH_ALERT_LEADER_RETRY_S", 5, 1, 300) * 1000,
    corsOrigins: Object.freeze(parseCorsOrigins(env.CLOSEWATCH_CORS_ORIGINS, problems)),
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

/** `true`/`false`, a number of hops, or a comma-separated list of addresses and CIDR ranges (Fastify's trustProxy). */
function parseTrustProxy(raw: string | undefined, problems: string[]): boolean | number | string[] {
  if (!raw || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const entries = raw.split(",").map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0 || entries.some((e) => !/^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(e))) {
    problems.push(`CLOSEWATCH_TRUST_PROXY must be true, false, a number of hops or a comma-separated list of addresses/CIDR ranges (got "${raw}")`);
    return false;
  }
  return entries;
}

/**
 * A comma-separated list of origins, each exactly as a browser sends it in
 * `Origin` (scheme, host, optional port; no path, no trailing slash), so a
 * typo fails at boot instead of silently never matching. `*` is refused:
 * an API behind tokens has no reason to be readable from every site.
 */
function parseCorsOrigins(raw: string | undefined, problems: string[]): string[] {
  if (!raw) return [];
  const origins = raw.split(",").map((o) => o.trim()).filter((o) => o.length > 0);
  for (const origin of origins) {
    let canonical: string | undefined;
    try {
      const url = new URL(origin);
      canonical = url.protocol === "http:" || url.protocol === "https:" ? url.origin : undefined;
    } catch {
      canonical = undefined;
    }
    if (canonical !== origin) {
      problems.push(`CLOSEWATCH_CORS_ORIGINS must list origins like https://portal.example.com, comma-separated (got "${origin}")`);
    }
  }
  return origins;
}

/** Never echo a password from a connection string into logs or errors. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}
