import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./collector-process.js";

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free
 * port, that the test may stop and start at will. The shared server on
 * 127.0.0.1:5432 serves every other test file in parallel and must never be
 * stopped. Debian's server binaries (the newest major under
 * /usr/lib/postgresql, or CLOSEWATCH_PG_BIN) refuse to run as root, so a root
 * test runs them as the `postgres` OS user.
 */
export interface PrivatePostgres {
  readonly port: number;
  readonly dataDir: string;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly url: string;
  /** Starts the server on the same port and data directory; resolves once it accepts connections. */
  start(): Promise<void>;
  /** `fast` rolls back open transactions and disconnects; `immediate` aborts like a crash (recovery on the next start). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** stop + start. */
  restart(mode?: "fast" | "immediate"): Promise<void>;
  /** The server's log so far, for failure messages. */
  log(): Promise<string>;
  /** Stops the server if it runs and deletes everything. */
  destroy(): Promise<void>;
}

export function postgresBinDir(): string {
  if (process.env.CLOSEWATCH_PG_BIN) return process.env.CLOSEWATCH_PG_BIN;
  const majors = readdirSync("/usr/lib/postgresql")
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error("no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)");
  return `/usr/lib/postgresql/${majors[0]}/bin`;
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary, as the postgres user when we are root. */
async function pgBin(binDir: string, name: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(binDir, name), ...args]] : [join(binDir, name), args];
  try {
    const { stdout, stderr } = await run(file, argv, { timeout: 120_000 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${name} ${args.join(" ")} failed: ${(error as Error).message}\n${stdout}${stderr}`);
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const binDir = postgresBinDir();
  const root = await mkdtemp(join(tmpdir(), "closewatch-pg-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  if (asRoot) {
    const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout.trim());
    await chown(root, await id("-u"), await id("-g"));
  }
  await pgBin(binDir, "initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  let running = false;

  // Unix socket in the temp dir (not /var/run/postgresql, which the shared server uses);
  // fsync off: only an OS crash could lose data then, never a stopped or killed server.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${root} -c fsync=off`;
  const server: PrivatePostgres = {
    port,
    dataDir,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async start() {
      await pgBin(binDir, "pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]);
      running = true;
    },
    async stop(mode = "fast") {
      await pgBin(binDir, "pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
      running = false;
    },
    async restart(mode = "fast") {
      await server.stop(mode);
      await server.start();
    },
    log: () => readFile(logFile, "utf8").catch(() => ""),
    async destroy() {
      if (running) await server.stop("immediate").catch(() => {});
      await rm(root, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}
