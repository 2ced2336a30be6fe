import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { execForm, instructions, parseCopy, readDockerfile, splitFlags, stageEnv, stageWorkdir } from "./support/dockerfile.js";
import { buildContextFiles, dockerignorePatterns, isDockerignored, readRepoFile, repoPath } from "./support/repo.js";

// The Dockerfile's structure, checked without a Docker engine. What its
// commands do is checked by docker-image.test.ts, which runs them.

const dockerfile = readDockerfile();
const build = dockerfile.stages.find((stage) => stage.name === "build")!;
const runtime = dockerfile.stages.at(-1)!;

describe("Dockerfile", () => {
  it("is multi-stage: a build stage, and a runtime stage from the same base that copies only the assembled tree from it", () => {
    expect(dockerfile.stages.map((stage) => stage.name)).toEqual(["build", "runtime"]);
    expect(build.from).toBe(runtime.from);
    const copies = instructions(runtime, "COPY").map((copy) => parseCopy(copy.args));
    expect(copies).toEqual([{ flags: { from: "build" }, sources: ["/src/runtime/"], dest: "/app/" }]);
    // Neither npm nor a compiler runs in the runtime stage.
    for (const run of instructions(runtime, "RUN")) expect(run.args).not.toMatch(/\b(npm|npx|tsc|turbo)\b/);
  });

  it("the runtime stage runs as a non-root user, by number", () => {
    const users = instructions(runtime, "USER");
    expect(users).toHaveLength(1);
    const [user, group] = users[0]!.args.split(":");
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).not.toBe(0);
    expect(Number(group ?? user)).not.toBe(0);
    // USER comes before CMD and HEALTHCHECK, so both run as that user.
    const index = (keyword: string) => runtime.instructions.findIndex((instruction) => instruction.keyword === keyword);
    expect(index("USER")).toBeLessThan(index("CMD"));
    expect(index("USER")).toBeLessThan(index("HEALTHCHECK"));
  });

  it("has a HEALTHCHECK against /readyz and an exec-form CMD that starts the collector", () => {
    const [healthcheck] = instructions(runtime, "HEALTHCHECK");
    const { flags, rest } = splitFlags(healthcheck!.args);
    expect(Object.keys(flags).sort()).toEqual(["interval", "retries", "start-period", "timeout"]);
    expect(rest.startsWith("CMD ")).toBe(true);
    const command = execForm(rest.slice("CMD ".length));
    expect(command).toEqual(["node", "deploy/docker/healthcheck.mjs"]);
    expect(readRepoFile("deploy/docker/healthcheck.mjs")).toMatch(/\/readyz/);
    expect(execForm(instructions(runtime, "CMD")[0]!.args)).toEqual(["node", "apps/collector/dist/main.js"]);
  });

  it("listens on every interface in the container, on the port it exposes", () => {
    const env = stageEnv(runtime);
    expect(env).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0", PORT: "4000" });
    expect(instructions(runtime, "EXPOSE").map((expose) => expose.args)).toEqual([env.PORT]);
    expect(stageWorkdir(runtime)).toBe("/app");
  });

  it("every COPY source is in the build context (in git, not excluded by .dockerignore)", () => {
    const context = buildContextFiles();
    const inContext = (source: string) =>
      source === "." || context.includes(source) || context.some((file) => file.startsWith(`${source.replace(/\/$/, "")}/`));
    const missing = instructions(build, "COPY")
      .map((copy) => parseCopy(copy.args))
      .flatMap((copy) => copy.sources)
      .filter((source) => !inContext(source));
    expect(missing).toEqual([]);
  });

  it("copies every workspace's package.json before npm ci (npm ci needs them all; the layer caches the install)", () => {
    const rootManifest = JSON.parse(readRepoFile("package.json")) as { workspaces: string[] };
    const workspaces = rootManifest.workspaces
      // `dir/*` or a plain directory: the only forms the root package.json uses.
      .flatMap((pattern) => (pattern.endsWith("/*") ? readdirSync(repoPath(pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern]))
      .filter((dir) => existsSync(repoPath(dir, "package.json")))
      .map((dir) => `${dir}/package.json`)
      .sort();
    const runs = build.instructions.map((instruction) => instruction.args);
    const install = runs.indexOf("sh deploy/docker/build.sh install");
    expect(install).toBeGreaterThan(0);
    const copiedBefore = build.instructions
      .slice(0, install)
      .filter((instruction) => instruction.keyword === "COPY")
      .flatMap((copy) => parseCopy(copy.args).sources);
    expect(copiedBefore).toEqual(expect.arrayContaining(["package.json", "package-lock.json", ".npmrc", "deploy/docker/build.sh", ...workspaces]));
    expect(copiedBefore.filter((source) => source.endsWith("/package.json")).sort()).toEqual(workspaces);
  });

  it("keeps secrets, local state and build output out of the build context: .dockerignore covers .gitignore", () => {
    const patterns = dockerignorePatterns();
    expect(patterns.some((pattern) => pattern.startsWith("!")), "no negations (the tests' matcher does not support them)").toBe(false);
    const gitignored = readRepoFile(".gitignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    // A .gitignore name without a slash matches at any depth; test a nested path too.
    const uncovered = gitignored.filter((pattern) => {
      const name = pattern.replace(/\/$/, "").replace(/\*/g, "x");
      const nested = pattern.replace(/\/$/, "").includes("/") ? name : `apps/collector/${name}`;
      return !isDockerignored(name, patterns) || !isDockerignored(nested, patterns);
    });
    expect(uncovered).toEqual([]);
    for (const path of [".git", ".env", ".env.production", "node_modules/x", "apps/demo/node_modules/x", "apps/collector/dist/main.js"]) {
      expect(isDockerignored(path, patterns), path).toBe(true);
    }
    for (const path of ["package.json", "apps/collector/src/main.ts", "prisma/migrations/x/migration.sql", "deploy/docker/build.sh"]) {
      expect(isDockerignored(path, patterns), path).toBe(false);
    }
  });
});
