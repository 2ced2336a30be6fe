import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseInUseError, openDatabase } from "../src/index.js";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "closewatch-lock-"));
  dirs.push(dir);
  return join(dir, "pglite");
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

// Opening one PGlite directory twice corrupted it when checked (see data-dir-lock.ts).
describe("the embedded database's directory lock", () => {
  it("refuses a second open of the same directory in the same process, and allows it after close", async () => {
    const dir = await freshDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DatabaseInUseError);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.ping();
    await again.close();
    await expect(readFile(`${dir}.lock`, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("refuses while another live process holds it, naming that process", async () => {
    const dir = await freshDir();
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      await writeFile(`${dir}.lock`, `${sleeper.pid}\n`);
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(new RegExp(`in use by another process \\(pid ${sleeper.pid}\\)`));
    } finally {
      sleeper.kill("SIGKILL");
    }
  });

  it("takes over the lock of a process that is gone, and one whose heartbeat stopped", async () => {
    const dir = await freshDir();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(`${dir}.lock`, `${gone.pid}\n`);
    const db = await openDatabase({ dataDir: dir });
    expect((await readFile(`${dir}.lock`, "utf8")).trim()).toBe(String(process.pid));
    await db.close();

    // A live pid (our parent's) but a lock nobody refreshed for a minute: a reused pid.
    await writeFile(`${dir}.lock`, `${process.ppid}\n`);
    const old = new Date(Date.now() - 60_000);
    await utimes(`${dir}.lock`, old, old);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
