import { describe, expect, it } from "vitest";
import { CONFIG_ENV_NAMES, ConfigError, loadConfig } from "./config.js";

describe("CLOSEWATCH_MAX_ROUTES_PER_SERVICE", () => {
  it("defaults to 20 and accepts 1 to 1000", () => {
    expect(loadConfig({}).maxRoutesPerService).toBe(20);
    expect(loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: "1" }).maxRoutesPerService).toBe(1);
    expect(loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: "1000" }).maxRoutesPerService).toBe(1000);
  });

  it.each(["0", "1001", "2.5", "many"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: value })).toThrow(ConfigError);
    expect(() => loadConfig({ CLOSEWATCH_MAX_ROUTES_PER_SERVICE: value })).toThrow(/CLOSEWATCH_MAX_ROUTES_PER_SERVICE must be an integer from 1 to 1000/);
  });
});

describe("CLOSEWATCH_SHUTDOWN_TIMEOUT_S", () => {
  it("defaults to 10 s and accepts 1 to 3600 seconds", () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ CLOSEWATCH_SHUTDOWN_TIMEOUT_S: "1" }).shutdownTimeoutMs).toBe(1000);
    expect(loadConfig({ CLOSEWATCH_SHUTDOWN_TIMEOUT_S: "3600" }).shutdownTimeoutMs).toBe(3_600_000);
  });

  it.each(["0", "3601", "1.5", "soon"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_SHUTDOWN_TIMEOUT_S: value })).toThrow(/CLOSEWATCH_SHUTDOWN_TIMEOUT_S must be an integer from 1 to 3600/);
  });
});

describe("CLOSEWATCH_ALERT_INTERVAL_S", () => {
  it("defaults to 15 s; 0 turns the timer off", () => {
    expect(loadConfig({}).alertIntervalMs).toBe(15_000);
    expect(loadConfig({ CLOSEWATCH_ALERT_INTERVAL_S: "0" }).alertIntervalMs).toBe(0);
    expect(loadConfig({ CLOSEWATCH_ALERT_INTERVAL_S: "3600" }).alertIntervalMs).toBe(3_600_000);
  });

  it.each(["-1", "3601", "1.5", "often"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_ALERT_INTERVAL_S: value })).toThrow(/CLOSEWATCH_ALERT_INTERVAL_S must be an integer from 0 to 3600/);
  });
});

describe("CLOSEWATCH_PUBLIC_URL", () => {
  it("is optional, and loses its trailing slashes", () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ CLOSEWATCH_PUBLIC_URL: "https://closewatch.example.com/" }).publicUrl).toBe("https://closewatch.example.com");
    expect(loadConfig({ CLOSEWATCH_PUBLIC_URL: "http://10.0.0.5:4000/cw//" }).publicUrl).toBe("http://10.0.0.5:4000/cw");
  });

  it.each(["closewatch.example.com", "ftp://example.com", "https://example.com/?x=1", "https://example.com/#top"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_PUBLIC_URL: value })).toThrow(/CLOSEWATCH_PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/);
  });
});

describe("CLOSEWATCH_CORS_ORIGINS", () => {
  it("is empty (CORS closed) unless set, and takes a comma-separated list of origins", () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CLOSEWATCH_CORS_ORIGINS: "https://portal.example.com, http://localhost:3000" }).corsOrigins).toEqual([
      "https://portal.example.com",
      "http://localhost:3000",
    ]);
  });

  // Each would silently never match the Origin header a browser sends.
  it.each(["*", "portal.example.com", "https://portal.example.com/", "https://portal.example.com/app", "https://Portal.example.com", "ftp://portal.example.com", "https://portal.example.com:443"])(
    "rejects %s",
    (value) => {
      expect(() => loadConfig({ CLOSEWATCH_CORS_ORIGINS: value })).toThrow(/CLOSEWATCH_CORS_ORIGINS must list origins like https:\/\/portal.example.com/);
    },
  );
});

describe("CONFIG_ENV_NAMES", () => {
  it("lists exactly the variables loadConfig reads", () => {
    const read = new Set<string>();
    const env = new Proxy({} as Record<string, string | undefined>, {
      get(_target, name) {
        if (typeof name === "string") read.add(name);
        return undefined;
      },
    });
    loadConfig(env);
    expect([...read].sort()).toEqual([...CONFIG_ENV_NAMES].sort());
  });
});

describe("authentication, rate limits and client addresses", () => {
  it("defaults to auto auth, 12,000 ingest and 6,000 read requests a minute, hashed client addresses, 7-day sessions", () => {
    const config = loadConfig({});
    expect(config.authMode).toBe("auto");
    expect(config.rateLimitIngestPerMin).toBe(12_000);
    expect(config.rateLimitReadPerMin).toBe(6000);
    expect(config.clientAddresses).toBe("hashed");
    expect(config.sessionTtlMs).toBe(7 * 24 * 3_600_000);
    expect(config.trustProxy).toBe(false);
  });

  it("reads every setting", () => {
    const config = loadConfig({
      CLOSEWATCH_AUTH: "required",
      CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN: "0",
      CLOSEWATCH_RATE_LIMIT_READ_PER_MIN: "60",
      CLOSEWATCH_CLIENT_ADDRESSES: "none",
      CLOSEWATCH_SESSION_HOURS: "12",
      CLOSEWATCH_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1",
    });
    expect(config).toMatchObject({ authMode: "required", rateLimitIngestPerMin: 0, rateLimitReadPerMin: 60, clientAddresses: "none" });
    expect(config.sessionTtlMs).toBe(12 * 3_600_000);
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(loadConfig({ CLOSEWATCH_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ CLOSEWATCH_TRUST_PROXY: "true" }).trustProxy).toBe(true);
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({
        CLOSEWATCH_AUTH: "off",
        CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN: "-1",
        CLOSEWATCH_RATE_LIMIT_READ_PER_MIN: "lots",
        CLOSEWATCH_CLIENT_ADDRESSES: "raw",
        CLOSEWATCH_SESSION_HOURS: "0",
        CLOSEWATCH_TRUST_PROXY: "everyone",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'CLOSEWATCH_AUTH must be one of auto, required, open (got "off")',
      'CLOSEWATCH_CLIENT_ADDRESSES must be hashed or none (got "raw")',
      'CLOSEWATCH_TRUST_PROXY must be true, false, a number of hops or a comma-separated list of addresses/CIDR ranges (got "everyone")',
      'CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN must be an integer from 0 to 10000000 (got "-1")',
      'CLOSEWATCH_RATE_LIMIT_READ_PER_MIN must be an integer from 0 to 10000000 (got "lots")',
      'CLOSEWATCH_SESSION_HOURS must be an integer from 1 to 8760 (got "0")',
    ]);
  });
});

describe("CLOSEWATCH_LIVE_FANOUT", () => {
  it("is on unless turned off", () => {
    expect(loadConfig({}).liveFanout).toBe(true);
    expect(loadConfig({ CLOSEWATCH_LIVE_FANOUT: "on" }).liveFanout).toBe(true);
    expect(loadConfig({ CLOSEWATCH_LIVE_FANOUT: "off" }).liveFanout).toBe(false);
  });

  it.each(["true", "0", "OFF"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_LIVE_FANOUT: value })).toThrow(/CLOSEWATCH_LIVE_FANOUT must be "on" or "off"/);
  });
});

describe("CLOSEWATCH_ALERT_LEADER_RETRY_S", () => {
  it("defaults to 5 s and accepts 1 to 300 seconds", () => {
    expect(loadConfig({}).alertLeaderRetryMs).toBe(5000);
    expect(loadConfig({ CLOSEWATCH_ALERT_LEADER_RETRY_S: "1" }).alertLeaderRetryMs).toBe(1000);
    expect(loadConfig({ CLOSEWATCH_ALERT_LEADER_RETRY_S: "300" }).alertLeaderRetryMs).toBe(300_000);
  });

  it.each(["0", "301", "0.5", "soon"])("rejects %s", (value) => {
    expect(() => loadConfig({ CLOSEWATCH_ALERT_LEADER_RETRY_S: value })).toThrow(/CLOSEWATCH_ALERT_LEADER_RETRY_S must be an integer from 1 to 300/);
  });
});
