import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, posix, relative } from "node:path";
import { createTestPostgres, type TestPostgres } from "@closewatch/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ComposeService, envExample, interpolatedCompose, serviceEnv } from "./support/compose.js";
import { execForm, parseCopy, parseEnv, readDockerfile, splitFlags, type Stage, stageWorkdir } from "./support/dockerfile.js";
import { type Running, runToEnd, startProcess, waitFor } from "./support/process.js";
import { buildContextFiles, cleanEnv, freePort, repoPath } from "./support/repo.js";

/*
 * The Dockerfile, run without Docker: its build stage's COPY and RUN
 * instructions, in order, on a copy of the build context (the files `docker
 * build .` would send), then the runtime stage's COPY --from, ENV, CMD and
 * HEALTHCHECK. So the image's build steps (npm ci, the Turborepo build with
 * the Prisma client generated offline, the production-only prune, the
 * assembly) and its start command are the ones checked here, and the
 * collector runs from exactly the tree the image gets: no sources, no
 * devDependencies.
 *
 * What differs from a real image: the base is this machine (same Node major,
 * Debian), npm may answer from its cache (npm_config_prefer_offline), the
 * runtime stage's RUN (mkdir/chown of system paths) is not run, and the
 * process runs as the test's user.
 */

const RESULTS = repoPath("test-results");
const dockerfile = readDockerfile();
/** A .env as the README says to make it: .env.example with each change-me value replaced by a generated secret. */
const secrets = Object.fromEntries(
  Object.entries(envExample()).map(([name, value]) => [name, value.includes("change-me") ? randomBytes(32).toString("hex") : value]),
);
const compose = interpolatedCompose(secrets);
/** Where collector-init leaves Prometheus's read token (the prometheus-credentials volume). */
const CREDENTIALS_DIR = "/credentials";

interface Built {
  work: string;
  /** Host directory standing in for the runtime stage's WORKDIR (/app). */
  app: string;
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  steps: Array<{ step: string; ms: number }>;
}

/** Copies build-context files the way COPY does: a directory's contents into dest; a file into dest/ or onto dest. */
async function copyFromContext(context: string[], sources: string[], dest: string, stageDir: string): Promise<void> {
  const target = (relativeDest: string) => join(stageDir, relativeDest);
  for (const source of sources) {
    const isDir = source === "." || context.some((file) => file.startsWith(`${source.replace(/\/$/, "")}/`));
    if (isDir) {
      const prefix = source === "." ? "" : `${source.replace(/\/$/, "")}/`;
      for (const file of context.filter((f) => f.startsWith(prefix))) {
        const to = target(posix.join(dest, file.slice(prefix.length)));
        await mkdir(dirname(to), { recursive: true });
        await copyFile(repoPath(file), to);
      }
    } else {
      if (!context.includes(source)) throw new Error(`COPY ${source}: not in the build context`);
      const to = dest.endsWith("/") || dest === "." ? target(posix.join(dest, basename(source))) : target(dest);
      await mkdir(dirname(to), { recursive: true });
      await copyFile(repoPath(source), to);
    }
  }
}

/** The build stage's instructions, in order. WORKDIR maps to `dir`. */
async function runBuildStage(stage: Stage, dir: string, steps: Built["steps"]): Promise<void> {
  const context = buildContextFiles();
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case "WORKDIR":
        await mkdir(dir, { recursive: true });
        break;
      case "ENV":
        throw new Error("the build stage sets no ENV; teach this test to apply it");
      case "COPY": {
        const { flags, sources, dest } = parseCopy(instruction.args);
        if (Object.keys(flags).length > 0) throw new Error(`build stage COPY with flags is not supported here: ${instruction.args}`);
        await copyFromContext(context, sources, dest, dir);
        break;
      }
      case "RUN": {
        // Like `docker build`: a clean environment (no NODE_ENV, no npm_* of
        // the test run), the stage's ENV. npm may use its cache so the test
        // does not download the registry; a configured cache or registry is kept.
        const runEnv = cleanEnv({ ...env, npm_config_prefer_offline: "true", npm_config_update_notifier: "false" });
        for (const name of ["npm_config_cache", "npm_config_registry"]) if (process.env[name]) runEnv[name] = process.env[name];
        const result = await runToEnd("/bin/sh", ["-c", instruction.args], { cwd: dir, env: runEnv, timeoutMs: 480_000 });
        steps.push({ step: `RUN ${instruction.args}`, ms: result.ms });
        if (result.code !== 0) throw new Error(`RUN ${instruction.args} failed (${result.code}):\n${result.output}`);
        break;
      }
      default:
        throw new Error(`build stage instruction ${instruction.keyword} is not supported here`);
    }
  }
}

async function buildImage(): Promise<Built> {
  const work = await mkdtemp(join(tmpdir(), "closewatch-image-"));
  const steps: Built["steps"] = [];
  const build = dockerfile.stages.find((stage) => stage.name === "build")!;
  const runtime = dockerfile.stages.at(-1)!;
  const buildDir = join(work, "build");
  const app = join(work, "app");
  await runBuildStage(build, buildDir, steps);

  let env: Record<string, string> = {};
  let cmd: string[] = [];
  let healthcheck: string[] = [];
  for (const instruction of runtime.instructions) {
    switch (instruction.keyword) {
      case "ENV":
        env = { ...env, ...parseEnv(instruction.args) };
        break;
      case "WORKDIR":
        await mkdir(app, { recursive: true });
        break;
      case "RUN":
        // Directories owned by the image's user: system paths, not created here (the test overrides CLOSEWATCH_DATA_DIR).
        if (!/^mkdir -p [/\w\s-]+ && chown \d+:\d+ [/\w\s-]+$/.test(instruction.args)) {
          throw new Error(`runtime stage RUN is more than mkdir/chown; teach this test to run it: ${instruction.args}`);
        }
        break;
      case "COPY": {
        const { flags, sources, dest } = parseCopy(instruction.args);
        const buildWorkdir = stageWorkdir(build);
        if (flags.from !== "build" || sources.length !== 1 || dest !== `${stageWorkdir(runtime)}/`) {
          throw new Error(`runtime COPY not supported here: ${instruction.args}`);
        }
        const from = join(buildDir, relative(buildWorkdir, sources[0]!));
        await rmdir(app);
        await rename(from, app);
        break;
      }
      case "USER":
      case "EXPOSE":
        break;
      case "HEALTHCHECK":
        healthcheck = execForm(splitFlags(instruction.args).rest.replace(/^CMD /, ""));
        break;
      case "CMD":
        cmd = execForm(instruction.args);
        break;
      default:
        throw new Error(`runtime stage instruction ${instruction.keyword} is not supported here`);
    }
  }
  return { work, app, env, cmd, healthcheck, steps };
}

describe("the Dockerfile's build and start commands", () => {
  let built: Built;
  let pg: TestPostgres;
  const running: Running[] = [];
  const results: Record<string, unknown> = {};

  beforeAll(async () => {
    const started = performance.now();
    built = await buildImage();
    results.buildMs = Math.round(performance.now() - started);
    results.steps = built.steps;
    pg = await createTestPostgres("closewatch_image");
  }, 900_000);

  afterAll(async () => {
    for (const proc of running) await proc.stop("SIGKILL");
    await pg?.drop();
    if (built) await rm(built.work, { recursive: true, force: true });
    await mkdir(RESULTS, { recursive: true });
    await writeFile(join(RESULTS, "docker-image.json"), `${JSON.stringify(results, null, 2)}\n`);
  });

  it("the runtime tree holds the build output and production dependencies only", () => {
    const has = (path: string) => existsSync(join(built.app, path));
    for (const path of ["apps/collector/dist/main.js", "apps/demo/dist/main.js", "apps/dashboard/dist/index.html", "packages/db/dist/index.js", "deploy/docker/healthcheck.mjs"]) {
      expect(has(path), path).toBe(true);
    }
    expect(readdirSync(join(built.app, "prisma/migrations")).filter((name) => /^\d+_/.test(name)).length).toBeGreaterThan(0);
    // devDependencies and build tools are gone, and so are sources and secrets.
    for (const path of ["node_modules/typescript", "node_modules/vitest", "node_modules/turbo", "node_modules/prisma", "node_modules/vite", "node_modules/fast-check", "node_modules/@vitejs/plugin-react"]) {
      expect(has(path), path).toBe(false);
    }
    for (const path of ["apps/collector/src", "packages/db/src", "apps/bench", ".env", ".env.example", "docker-compose.yml"]) expect(has(path), path).toBe(false);
  });

  /**
   * collector-init's entrypoint and command, as Compose runs them, on the
   * test's database; the credentials volume is a directory of the test's.
   */
  async function runInit(service: ComposeService, credentials: string) {
    const entrypoint = service.entrypoint as string[];
    const script = (service.command as string[])[0]!.replaceAll(`${CREDENTIALS_DIR}/`, `${credentials}/`);
    const env = cleanEnv({ ...built.env, ...serviceEnv(service), DATABASE_URL: pg.url });
    return runToEnd(entrypoint[0]!, [...entrypoint.slice(1), script], { cwd: built.app, env, timeoutMs: 60_000 });
  }

  /** The collector as CMD starts it with the compose service's environment; what differs: loopback, a free port, the test's database. */
  async function startCollectorFromImage(extra: Record<string, string> = {}) {
    const port = await freePort();
    const env = cleanEnv({
      ...built.env,
      ...serviceEnv(compose.services.collector!),
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: pg.url,
      CLOSEWATCH_DATA_DIR: join(built.work, "data"),
      ...extra,
    });
    const collector = startProcess(built.cmd[0]!, built.cmd.slice(1), { cwd: built.app, env });
    running.push(collector);
    const url = `http://127.0.0.1:${port}`;
    const startedAt = performance.now();
    await waitFor("collector /readyz", async () => (await fetch(`${url}/readyz`)).ok, collector, 90_000);
    return { collector, url, env, readyMs: Math.round(performance.now() - startedAt) };
  }

  // The collector tests below start on the database this one stored the tokens in.
  it("collector-init refuses .env.example's placeholders, stores the tokens from .env, and is idempotent", { timeout: 120_000 }, async () => {
    const credentials = join(built.work, "credentials");
    await mkdir(credentials, { recursive: true });
    const placeholders = await runInit(interpolatedCompose(envExample()).services["collector-init"]!, credentials);
    expect(placeholders.code).toBe(1);
    expect(placeholders.output).toMatch(/change-me/);

    const init = compose.services["collector-init"]!;
    const first = await runInit(init, credentials);
    expect(first.code, first.output).toBe(0);
    expect(await readFile(join(credentials, "prometheus-read-token"), "utf8")).toBe(secrets.CLOSEWATCH_READ_TOKEN);
    // A restart of the stack runs it again.
    const again = await runInit(init, credentials);
    expect(again.code, again.output).toBe(0);
    results.initMs = first.ms;
  });

  it("starts with CMD and the collector service's environment, requires the tokens collector-init stored, serves the dashboard; HEALTHCHECK passes, then fails once it is stopped", { timeout: 180_000 }, async () => {
    const { collector, url, env, readyMs } = await startCollectorFromImage();
    results.readyMs = readyMs;

    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: "ready", database: "postgres" });
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<script type="module"[^>]* src="\/assets\//);
    // CLOSEWATCH_AUTH=required: the API answers only to a token, and the read token collector-init stored is one.
    expect((await fetch(`${url}/api/summary`)).status).toBe(401);
    const read = { authorization: `Bearer ${secrets.CLOSEWATCH_READ_TOKEN}` };
    // Migrations ran from the image's prisma/migrations.
    expect((await fetch(`${url}/api/summary`, { headers: read })).status).toBe(200);
    expect((await fetch(`${url}/metrics`, { headers: read })).status).toBe(200);

    const healthy = await runToEnd(built.healthcheck[0]!, built.healthcheck.slice(1), { cwd: built.app, env, timeoutMs: 20_000 });
    expect(healthy.code, healthy.output).toBe(0);
    results.healthcheckMs = healthy.ms;

    // SIGTERM is what `docker stop` sends: the collector drains and exits 0.
    expect(await collector.stop("SIGTERM"), collector.output()).toBe(0);
    const unhealthy = await runToEnd(built.healthcheck[0]!, built.healthcheck.slice(1), { cwd: built.app, env, timeoutMs: 20_000 });
    expect(unhealthy.code).toBe(1);
    expect(unhealthy.output).toMatch(/\/readyz did not answer/);
  });

  it("the demo service's command sends its traffic, with the ingest token, to a collector started from the image", { timeout: 180_000 }, async () => {
    const { collector, url } = await startCollectorFromImage({ LOG_LEVEL: "warn" });

    const demoService = compose.services.demo!;
    const command = Array.isArray(demoService.command) ? demoService.command : [];
    expect(command[0]).toBe("node");
    // The compose network's http://proxy:4000 is this collector here.
    const demoEnv = cleanEnv({ ...built.env, ...serviceEnv(demoService), DEMO_COLLECTOR_URL: url });
    expect(demoEnv.DEMO_AGENT_TOKEN).toBe(secrets.CLOSEWATCH_INGEST_TOKEN);
    const demo = startProcess(command[0]!, command.slice(1), { cwd: built.app, env: demoEnv });
    running.push(demo);

    const read = { authorization: `Bearer ${secrets.CLOSEWATCH_READ_TOKEN}` };
    await waitFor(
      "demo closes stored",
      async () => {
        const summary = (await (await fetch(`${url}/api/summary?service=chat-api`, { headers: read })).json()) as { total: number };
        return summary.total > 0;
      },
      demo,
      60_000,
    );
    expect(demo.output()).toMatch(/sending closes to the collector at http:\/\/127\.0\.0\.1:\d+/);
    expect(await demo.stop("SIGTERM"), demo.output()).toBe(0);
    expect(await collector.stop("SIGTERM"), collector.output()).toBe(0);
  });
});
