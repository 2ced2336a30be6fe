import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The built entry point, started the way it is deployed. Tests that use it need `npm run build` first. */
export const COLLECTOR_MAIN = join(import.meta.dirname, "../../dist/main.js");

/**
 * The real collector in its own process (`node apps/collector/dist/main.js`),
 * for what only a process can show: signals, exit codes, what survives a
 * restart. The same approach as the bench's startCollectorProcess, kept
 * separate so tests do not depend on apps/bench.
 */
export interface CollectorProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  /** Everything it printed so far (stdout and stderr, the last 64 KiB). */
  output(): string;
  /** SIGKILL if still running; for cleanup after a failed test. */
  kill(): Promise<void>;
}

export function freePort(): Promise<number> {
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

/** Starts the collector on PGlite in `dataDir` (unless env sets DATABASE_URL) and waits until /readyz answers 200. */
export async function startCollectorProcess(dataDir: string, env: Record<string, string> = {}): Promise<CollectorProcess> {
  if (!existsSync(COLLECTOR_MAIN)) throw new Error(`${COLLECTOR_MAIN} is missing: build @closewatch/collector first`);
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", CLOSEWATCH_DATA_DIR: dataDir, ...env };
  if (!("DATABASE_URL" in env)) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [COLLECTOR_MAIN], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-65_536);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let code: number | string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (exitCode, signal) => {
      code = exitCode ?? signal ?? "unknown";
      resolve(code);
    }),
  );
  const kill = async () => {
    if (code !== undefined) return;
    child.kill("SIGKILL");
    await exited;
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (code !== undefined) throw new Error(`collector exited (${code}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`collector not ready after 60 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, child, exited, output: () => output, kill };
}
