import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestPostgres, type TestPostgres } from "@closewatch/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLLECTOR_MAIN, type CollectorProcess, startCollectorProcess } from "./support/collector-process.js";

/*
 * The token CLI and the collector as real processes, the way an operator runs
 * them (`node apps/collector/dist/token-cli.js` is what `npm run token` runs
 * after building; `npm test` builds first).
 */
const TOKEN_CLI = join(import.meta.dirname, "../dist/token-cli.js");

function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(TOKEN_CLI)) throw new Error(`${TOKEN_CLI} is missing: build @closewatch/collector first`);
  return new Promise((resolve) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (!("DATABASE_URL" in env)) delete childEnv.DATABASE_URL;
    execFile(process.execPath, [TOKEN_CLI, ...args], { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function record(name: string, figures: object): Promise<void> {
  const dir = join(import.meta.dirname, "../../../test-results");
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Polls until `check` holds; returns how long it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await sleep(100);
  }
  return Date.now() - start;
}

describe("the token CLI beside a running collector (PostgreSQL)", () => {
  let pg: TestPostgres;
  let collector: CollectorProcess;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    pg = await createTestPostgres();
    dir = await mkdtemp(join(tmpdir(), "closewatch-cli-"));
    env = { DATABASE_URL: pg.url, CLOSEWATCH_DATA_DIR: dir };
    collector = await startCollectorProcess(dir, env);
  });
  afterAll(async () => {
    await collector?.kill();
    await pg?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const status = async (path: string, token?: string) =>
    (await fetch(`${collector.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })).status;

  it("create → use → list shows the last use → revoke → 401 within the cache TTL", async () => {
    expect(await status("/api/summary")).toBe(200); // loopback, no token yet: open

    const created = await cli(["create", "--name", "ops", "--scope", "admin"], env);
    expect(created.code, created.stderr).toBe(0);
    // Only the token on stdout, so `$(npm run -s token -- create …)` captures it.
    expect(created.stdout).toMatch(/^cw_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    expect(created.stderr).toContain('created admin token "ops"');

    // A token created while the collector runs works without a restart, and turns auth on (auto).
    await within(7000, async () => (await status("/api/summary")) === 401);
    expect(await status("/api/summary", token)).toBe(200);

    await within(5000, async () => {
      const listed = JSON.parse((await cli(["list", "--json"], env)).stdout) as { name: string; lastUsedAt: string | null }[];
      return listed.find((t) => t.name === "ops")?.lastUsedAt != null;
    });
    const table = await cli(["list"], env);
    expect(table.stdout).toMatch(/^NAME\s+SCOPE\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED\s+ID/);
    const row = table.stdout.split("\n").find((l) => l.startsWith("ops "))!;
    expect(row).toContain(`${token.slice(0, 10)}…`);
    expect(row).toMatch(/ops\s+admin\s+cw_\S+…\s+\S+Z\s+\S+Z\s+-\s/);
    expect(table.stdout).not.toContain(token);

    // Another live token keeps auth on: in auto mode, revoking the last token on loopback opens the API again.
    expect((await cli(["create", "--name", "keeper", "--scope", "read"], env)).code).toBe(0);
    const revoked = await cli(["revoke", "ops"], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    const tookMs = await within(6000, async () => (await status("/api/summary", token)) === 401);
    expect(tookMs).toBeLessThanOrEqual(6000);
    await record("token-cli.json", { revokedTo401Ms: tookMs, cacheTtlMs: 5000 });
    expect((await cli(["revoke", "ops"], env)).code).toBe(1);
  }, 90_000);

  it("create --from-env: stores the secret's hash, is idempotent, and fails clearly on a different secret", async () => {
    const secret = "init-container-secret-0123456789abcdef";
    const first = await cli(["create", "--name", "agents", "--scope", "ingest", "--from-env", "AGENT_TOKEN"], { ...env, AGENT_TOKEN: secret });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe("");
    const again = await cli(["create", "--name", "agents", "--scope", "ingest", "--from-env", "AGENT_TOKEN"], { ...env, AGENT_TOKEN: secret });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("nothing changed");
    const other = await cli(["create", "--name", "agents", "--scope", "ingest", "--from-env", "AGENT_TOKEN"], { ...env, AGENT_TOKEN: `${secret}-rotated` });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('a live token named "agents" exists with a different secret');
    const short = await cli(["create", "--name", "x", "--scope", "ingest", "--from-env", "AGENT_TOKEN"], { ...env, AGENT_TOKEN: "short" });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("at least 32 are needed");

    await within(7000, async () => {
      const res = await fetch(`${collector.url}/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ events: [] }),
      });
      return res.status === 400; // authenticated: the empty batch itself is what is wrong
    });
    const list = JSON.parse((await cli(["list", "--json"], env)).stdout) as { name: string; prefix: string }[];
    expect(list.find((t) => t.name === "agents")?.prefix).toBe("init");
  }, 90_000);

  it("explains its usage on a wrong command line (exit 2)", async () => {
    const res = await cli(["create", "--name", "x", "--scope", "root"], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("--scope must be one of ingest, read, admin");
    expect(res.stdout).toBe("");
  });
});

describe("the token CLI and the embedded database", () => {
  it("fails with a clear message while a collector holds the directory, and works once it has stopped", async () => {
    const dir = await mkdtemp(join(tmpdir(), "closewatch-cli-pglite-"));
    const env = { CLOSEWATCH_DATA_DIR: dir };
    const collector = await startCollectorProcess(dir);
    try {
      const busy = await cli(["create", "--name", "ops", "--scope", "admin"], env);
      expect(busy.code).toBe(1);
      expect(busy.stdout).toBe("");
      expect(busy.stderr).toMatch(/in use by another process \(pid \d+\)/);
      expect(busy.stderr).toContain("stop the collector, run this command, and start it again");
    } finally {
      collector.child.kill("SIGTERM");
      expect(await collector.exited).toBe(0);
    }
    const created = await cli(["create", "--name", "ops", "--scope", "admin"], env);
    expect(created.code, created.stderr).toBe(0);
    const restarted = await startCollectorProcess(dir);
    try {
      const token = created.stdout.trim();
      expect((await fetch(`${restarted.url}/api/summary`)).status).toBe(401);
      expect((await fetch(`${restarted.url}/api/summary`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await restarted.kill();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("the safe default", () => {
  it.each([
    ["beyond loopback", { HOST: "0.0.0.0" }, "closewatch will not listen on 0.0.0.0: it is not a loopback address"],
    // A proxy on the same machine forwards everyone's requests from 127.0.0.1.
    ["on loopback behind a trusted proxy", { HOST: "127.0.0.1", CLOSEWATCH_TRUST_PROXY: "true" }, "closewatch will not listen on 127.0.0.1: it trusts a reverse proxy"],
  ])("refuses to listen %s with no token, saying how to create one or opt out (exit 1)", async (_where, env, message) => {
    const dir = await mkdtemp(join(tmpdir(), "closewatch-refuse-"));
    try {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: "0", CLOSEWATCH_DATA_DIR: dir, LOG_LEVEL: "warn" };
      delete childEnv.DATABASE_URL;
      delete childEnv.CLOSEWATCH_AUTH;
      const child = spawn(process.execPath, [COLLECTOR_MAIN], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
      expect(code).toBe(1);
      expect(output).toContain(message);
      expect(output).toContain("npm run -s token -- create --name admin --scope admin");
      expect(output).toContain("CLOSEWATCH_AUTH=open");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
