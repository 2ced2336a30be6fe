import { readFile, rm, stat, utimes, writeFile } from "node:fs/promises";

/**
 * PGlite is PostgreSQL compiled to WebAssembly, running inside one process,
 * and it takes no lock on its data directory: checked here, a second process
 * opened the same directory while the first had it open, both wrote, and the
 * directory could not be opened again afterwards (PGlite aborted). So the
 * embedded database is guarded by a lock file of our own beside it.
 *
 * The file holds the holder's pid, and the holder refreshes its mtime every
 * HEARTBEAT_MS. It is honoured while both hold: the pid is alive on this
 * machine (or cannot be checked) and the mtime is recent. So a crashed
 * holder's lock is taken over at once when its pid is gone, and after
 * STALE_MS when the pid was reused (a container restarted with the same pid,
 * or a holder in another pid namespace sharing the volume).
 */
const HEARTBEAT_MS = 5000;
const STALE_MS = 20_000;

/** Lock files this process holds: its own pid in a file it does not hold means a previous life of this pid. */
const held = new Set<string>();

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

export interface DataDirLock {
  release(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function holder(file: string): Promise<{ pid: number; ageMs: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    return { pid: Number.parseInt(text, 10), ageMs: Date.now() - info.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Takes `<dataDir>.lock`, or throws DatabaseInUseError naming who holds it. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = `${dataDir}.lock`;
  if (held.has(file)) {
    throw new DatabaseInUseError(`The embedded database in ${dataDir} is already open in this process; PGlite allows one user at a time.`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return start(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = await holder(file);
    if (current) {
      const ours = current.pid === process.pid; // not in `held`: a previous process with our pid
      const alive = Number.isInteger(current.pid) && current.pid > 0 && !ours && pidAlive(current.pid);
      if (alive && current.ageMs < STALE_MS) {
        throw new DatabaseInUseError(
          `The embedded database in ${dataDir} is in use by another process (pid ${current.pid}). ` +
            "PGlite runs inside one process and allows one at a time: stop the collector (or the other command) first, " +
            "or store in PostgreSQL (DATABASE_URL), where any number of processes can connect.",
        );
      }
    }
    // Its holder is gone: take it over.
    await rm(file, { force: true });
  }
  throw new DatabaseInUseError(`Could not take the lock ${file}; another process keeps taking it.`);
}

function start(file: string): DataDirLock {
  held.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(file, now, now).catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      held.delete(file);
      const current = await holder(file);
      if (current?.pid === process.pid) await rm(file, { force: true });
    },
  };
}
