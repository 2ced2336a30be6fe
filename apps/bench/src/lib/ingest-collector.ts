import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A collector in its own process, started the way it is deployed
 * (`node apps/collector/dist/main.js`), so its CPU and memory are its own.
 * Used by the ingest and the queries scenarios.
 */
export interface CollectorProcess {
  url: string;
  pid: number;
  /** The last lines it printed (LOG_LEVEL=warn: only problems). */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: nothing is closed cleanly. */
  kill(): Promise<void>;
}

export interface CollectorProcessOptions {
  /** PostgreSQL URL; unset for the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Further collector settings (CLOSEWATCH_*). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
}

/**
 * The built collector entry point, found through the package (so it follows
 * the workspace layout). Under Vitest the package resolves to its src/
 * ("source" condition); the process to start is always the build in dist/.
 */
export function collectorMainPath(): string {
  const packageRoot = dirname(dirname(createRequire(import.meta.url).resolve("@closewatch/collector")));
  const main = join(packageRoot, "dist", "main.js");
  if (!existsSync(main)) throw new Error(`${main} is missing: build @closewatch/collector first`);
  return main;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCollectorProcess(options: CollectorProcessOptions): Promise<CollectorProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    CLOSEWATCH_DATA_DIR: options.dataDir,
    ...options.env,
  };
  // Whatever the bench itself was started with, the collector gets exactly the storage asked for.
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child: ChildProcess = spawn(process.execPath, [collectorMainPath()], { env, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-8000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited: number | string | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code ?? signal;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited !== undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(timer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) throw new Error(`collector exited (${exited}) before it was ready:\n${tail}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`collector not ready after ${options.readyTimeoutMs ?? 60_000} ms:\n${tail}`);
    }
    await sleep(100);
  }
  const kill = async () => {
    if (exited !== undefined) return;
    child.kill("SIGKILL");
    await exit;
  };
  return { url, pid: child.pid!, output: () => tail, stop, kill };
}

/** Sums of each metric's samples over all label sets, from GET /metrics. */
async function metricSums(url: string, names: readonly string[]): Promise<Map<string, number>> {
  const res = await fetch(`${url}/metrics`);
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const sums = new Map<string, number>();
  for (const line of (await res.text()).split("\n")) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match && names.includes(match[1]!)) sums.set(match[1]!, (sums.get(match[1]!) ?? 0) + Number(match[2]));
  }
  return sums;
}

/** Sum of closewatch_close_events_total over all its label sets. */
export async function storedEventsInMetrics(url: string): Promise<number> {
  return (await metricSums(url, ["closewatch_close_events_total"])).get("closewatch_close_events_total") ?? 0;
}

/** Where the collector's memory is, from prom-client's default metrics (undefined if it does not export them). */
export async function collectorMemory(url: string): Promise<{ heapUsed?: number; heapTotal?: number; external?: number }> {
  const names = ["nodejs_heap_size_used_bytes", "nodejs_heap_size_total_bytes", "nodejs_external_memory_bytes"];
  const sums = await metricSums(url, names);
  return { heapUsed: sums.get(names[0]!), heapTotal: sums.get(names[1]!), external: sums.get(names[2]!) };
}
