import { existsSync, statSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONFIG_ENV_NAMES, ConfigError, loadConfig } from "@closewatch/collector";
import { DEMO_ENV_NAMES, loadDemoConfig } from "@closewatch/demo/config";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  type ComposeService,
  commandText,
  dependsOn,
  envExample,
  interpolate,
  interpolatedCompose,
  parseMount,
  rawCompose,
  resolveInContainer,
  serviceEnv,
} from "./support/compose.js";
import { readDockerfile, stageEnv, stageWorkdir } from "./support/dockerfile.js";
import { cleanEnv, readRepoFile, repoPath, requireBinary, runTool } from "./support/repo.js";

// docker-compose.yml, checked without a Docker engine: its structure, the
// files it references, every service's environment against the program that
// reads it, and the token wiring between the init job, the demo and Prometheus.

const AUTH_MODES = ["auto", "required", "open"];

/** Names the collector reads are these; a compose key of this shape that it does not read is a typo. */
const COLLECTOR_STYLE = /^(CLOSEWATCH_|PORT$|HOST$|DATABASE_URL$|LOG_LEVEL$)/;

const TOKEN_CLI = "apps/collector/dist/token-cli.js";
const MIN_TOKEN_LENGTH = 32;

const compose = interpolatedCompose();
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const imageEnv = () => stageEnv(readDockerfile().stages.at(-1)!);

/** The `token-cli.js create` calls in a service's command: one per line. */
function tokenCliCalls(svc: ComposeService): Array<Record<string, string>> {
  const script = commandText(svc.command);
  return script
    .split("\n")
    .filter((line) => line.includes(TOKEN_CLI))
    .map((line) => {
      const words = line.trim().split(/\s+/);
      if (words.slice(0, 3).join(" ") !== `node ${TOKEN_CLI} create`) throw new Error(`not a \`node ${TOKEN_CLI} create\` call: ${line}`);
      const options: Record<string, string> = {};
      for (let i = 3; i < words.length; i += 2) {
        const [flag, value] = [words[i]!, words[i + 1]];
        if (!/^--[a-z-]+$/.test(flag) || value === undefined || value.startsWith("--")) throw new Error(`cannot read the options of: ${line}`);
        options[flag.slice(2)] = value;
      }
      return options;
    });
}

describe("docker-compose.yml", () => {
  it("has the services of the stack, and the collector's image is built here", () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ["alertmanager", "collector", "collector-init", "demo", "postgres", "prometheus", "proxy"].sort(),
    );
    for (const name of ["collector", "collector-init", "demo"]) {
      expect(service(name).build, name).toEqual({ context: ".", dockerfile: "Dockerfile" });
      expect(service(name).image, name).toBe("closewatch:local");
    }
  });

  it("references only files and directories that exist in the repository", () => {
    const missing: string[] = [];
    for (const [name, svc] of Object.entries(compose.services)) {
      if (svc.build && typeof svc.build === "object") {
        if (!existsSync(repoPath(svc.build.context))) missing.push(`${name}: build context ${svc.build.context}`);
        const dockerfile = repoPath(svc.build.context, svc.build.dockerfile ?? "Dockerfile");
        if (!existsSync(dockerfile)) missing.push(`${name}: ${svc.build.dockerfile}`);
      }
      for (const entry of svc.volumes ?? []) {
        const mount = parseMount(entry);
        if (mount.hostPath) {
          if (!mount.hostPath.startsWith("./")) missing.push(`${name}: bind mount ${mount.hostPath} is not relative to the repository`);
          else if (!existsSync(repoPath(mount.hostPath)) || !statSync(repoPath(mount.hostPath)).isFile()) missing.push(`${name}: ${mount.hostPath}`);
          // Configuration is mounted read-only.
          else if (!mount.readOnly) missing.push(`${name}: ${mount.hostPath} is not mounted :ro`);
        } else if (!(mount.volume! in (compose.volumes ?? {}))) {
          missing.push(`${name}: volume ${mount.volume} is not declared`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(existsSync(repoPath(".env.example"))).toBe(true);
  });

  it("starts in dependency order: the database healthy, the token job completed, the collector healthy", () => {
    expect(dependsOn(service("collector-init"))).toEqual({ postgres: "service_healthy" });
    expect(dependsOn(service("collector"))).toEqual({ postgres: "service_healthy", "collector-init": "service_completed_successfully" });
    expect(dependsOn(service("prometheus"))).toMatchObject({ "collector-init": "service_completed_successfully" });
    expect(dependsOn(service("proxy"))).toEqual({ collector: "service_healthy" });
    expect(dependsOn(service("demo"))).toEqual({ proxy: "service_started" });
    expect(service("collector-init").restart).toBe("no");
    // Every other declared dependency is a service of the file.
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const dep of Object.keys(dependsOn(svc))) expect(compose.services, `${name} depends on ${dep}`).toHaveProperty([dep]);
    }
  });

  it("can run several collector replicas: no published port, no fixed container name; the proxy publishes 4000", () => {
    const collector = service("collector");
    expect(collector.ports).toBeUndefined();
    expect(collector.container_name).toBeUndefined();
    // The healthcheck comes from the image (HEALTHCHECK); the proxy waits for it.
    expect(collector.healthcheck).toBeUndefined();
    expect(service("proxy").ports).toEqual(["127.0.0.1:4000:4000"]);
    // The proxy's backends are the collector service on its port.
    const haproxy = readRepoFile("deploy/haproxy/haproxy.cfg");
    const port = loadConfig({ ...imageEnv(), ...serviceEnv(collector) }).port;
    expect(haproxy).toMatch(new RegExp(`^\\s*server-template collector \\S+ collector:${port}\\b`, "m"));
    expect(haproxy).toMatch(/^\s*bind :4000$/m);
  });

  it("publishes Prometheus and Alertmanager, which have no authentication, on loopback only; PostgreSQL not at all", () => {
    expect(service("prometheus").ports).toEqual(["127.0.0.1:9090:9090"]);
    expect(service("alertmanager").ports).toEqual(["127.0.0.1:9093:9093"]);
    expect(service("postgres").ports).toBeUndefined();
  });

  it("turns the image's collector healthcheck off where the image runs something else", () => {
    expect(service("collector-init").healthcheck).toEqual({ disable: true });
    expect(service("demo").healthcheck).toEqual({ disable: true });
  });
});

describe("each service's environment matches what its program reads", () => {
  it("collector: loadConfig accepts the image's ENV plus the service's environment, with .env.example's values", () => {
    const env = { ...imageEnv(), ...serviceEnv(service("collector")) };
    let config;
    try {
      config = loadConfig(env);
    } catch (error) {
      throw error instanceof ConfigError ? new Error(`the collector would refuse to start:\n${error.message}`) : error;
    }
    expect(config.host).toBe("0.0.0.0");
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toMatch(/^postgresql:\/\/closewatch:[^@]+@postgres:5432\/closewatch$/);
    expect(config.publicUrl).toBe("http://localhost:4000");
    expect(AUTH_MODES).toContain(env.CLOSEWATCH_AUTH);
    // Listening on 0.0.0.0 with auth off would expose ingest and the API to the network.
    expect(env.CLOSEWATCH_AUTH).not.toBe("open");
  });

  it("collector and collector-init: every variable is one the collector reads (a typo would be ignored silently)", () => {
    const known = new Set<string>(CONFIG_ENV_NAMES);
    // The token job also gets the secrets it names with --from-env.
    const fromEnv = new Set(tokenCliCalls(service("collector-init")).map((call) => call["from-env"]!));
    const unknown = [
      ...Object.keys(serviceEnv(service("collector"))).filter((key) => !known.has(key)).map((key) => `collector: ${key}`),
      ...Object.keys(serviceEnv(service("collector-init")))
        .filter((key) => !known.has(key) && !fromEnv.has(key))
        .map((key) => `collector-init: ${key}`),
      ...Object.keys(imageEnv())
        .filter((key) => !known.has(key) && key !== "NODE_ENV")
        .map((key) => `Dockerfile ENV: ${key}`),
    ];
    expect(unknown).toEqual([]);
  });

  it("no service sets a collector-style variable the collector does not read", () => {
    const known = new Set<string>(CONFIG_ENV_NAMES);
    const fromEnv = new Set(tokenCliCalls(service("collector-init")).map((call) => call["from-env"]!));
    const unknown = Object.entries(compose.services).flatMap(([name, svc]) =>
      Object.keys(serviceEnv(svc))
        .filter((key) => COLLECTOR_STYLE.test(key) && !known.has(key) && !fromEnv.has(key))
        .map((key) => `${name}: ${key}`),
    );
    expect(unknown).toEqual([]);
    // …and that check would see a misspelt one.
    expect(COLLECTOR_STYLE.test("CLOSEWATCH_RETENTON_RAW_DAYS") && !known.has("CLOSEWATCH_RETENTON_RAW_DAYS")).toBe(true);
  });

  it("collector-init gets the collector's own environment, so the tokens land in the same database", () => {
    const init = serviceEnv(service("collector-init"));
    for (const [key, value] of Object.entries(serviceEnv(service("collector")))) expect(init[key], key).toBe(value);
  });

  it("demo: loadDemoConfig accepts it; it sends through the proxy with the ingest token", () => {
    const env = { ...imageEnv(), ...serviceEnv(service("demo")) };
    const known = new Set<string>([...DEMO_ENV_NAMES, ...CONFIG_ENV_NAMES]);
    expect(Object.keys(serviceEnv(service("demo"))).filter((key) => !known.has(key))).toEqual([]);
    const demo = loadDemoConfig(env);
    expect(demo.collectorUrl).toBe("http://proxy:4000");
    expect(demo.agentToken).toBe(envExample().CLOSEWATCH_INGEST_TOKEN);
    expect(commandText(service("demo").command)).toBe("node\napps/demo/dist/main.js");
  });

  it("postgres: DATABASE_URL names the service, user, password and database the postgres image creates", () => {
    const pg = serviceEnv(service("postgres"));
    const url = new URL(serviceEnv(service("collector")).DATABASE_URL!);
    expect(url.hostname).toBe("postgres");
    expect(url.port).toBe("5432");
    expect(decodeURIComponent(url.username)).toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(pg.POSTGRES_PASSWORD);
    expect(url.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(service("postgres").healthcheck?.test).toEqual(["CMD", "pg_isready", "-h", "127.0.0.1", "-U", pg.POSTGRES_USER, "-d", pg.POSTGRES_DB]);
  });

  it("the secrets are required: without them Compose refuses the file instead of starting with empty ones", () => {
    const raw = readRepoFile("docker-compose.yml");
    for (const name of ["POSTGRES_PASSWORD", "CLOSEWATCH_INGEST_TOKEN", "CLOSEWATCH_READ_TOKEN"]) {
      const uses = [...raw.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, "g"))];
      expect(uses.length, name).toBeGreaterThan(0);
      for (const use of uses) expect(use[1], `every use of ${name}`).toMatch(/^:\?/);
      expect(() => interpolate(`\${${name}${uses[0]![1]}}`, {})).toThrow(/required variable/);
    }
  });
});

describe("API tokens (created by collector-init, used by the demo and Prometheus)", () => {
  const init = service("collector-init");

  it("creates an ingest token and a read token from environment variables, with the CLI's arguments", () => {
    const calls = tokenCliCalls(init);
    expect(commandText(init.entrypoint)).toBe("/bin/sh\n-ec");
    expect(calls).toEqual([
      { name: "demo-agents", scope: "ingest", "from-env": "CLOSEWATCH_INGEST_TOKEN" },
      { name: "prometheus", scope: "read", "from-env": "CLOSEWATCH_READ_TOKEN" },
    ]);
    const env = serviceEnv(init);
    for (const call of calls) {
      const value = env[call["from-env"]!];
      expect(value, call["from-env"]).toBeDefined();
      // The CLI refuses shorter secrets.
      expect(value!.length, call["from-env"]).toBeGreaterThanOrEqual(MIN_TOKEN_LENGTH);
    }
  });

  it("refuses to run with .env.example's placeholders, which are published", () => {
    const script = commandText(init.command);
    const example = envExample();
    for (const name of ["POSTGRES_PASSWORD", "CLOSEWATCH_INGEST_TOKEN", "CLOSEWATCH_READ_TOKEN"]) expect(example[name], name).toContain("change-me");
    expect(script).toMatch(/case "\$value" in\s+\*change-me\*\)[^\n]*; exit 1 ;;/);
    expect(script).toMatch(/for value in "\$CLOSEWATCH_INGEST_TOKEN" "\$CLOSEWATCH_READ_TOKEN" "\$DATABASE_URL"; do/);
    // The guard runs before any token is created.
    expect(script.indexOf("*change-me*")).toBeLessThan(script.indexOf(TOKEN_CLI));
  });

  it("the demo's agents send the ingest token", () => {
    expect(serviceEnv(service("demo")).DEMO_AGENT_TOKEN).toBe(serviceEnv(init).CLOSEWATCH_INGEST_TOKEN);
  });

  it("Prometheus reads the read token from the file collector-init writes, through their shared volume", () => {
    const script = commandText(init.command);
    const written = /printf '%s' "\$CLOSEWATCH_READ_TOKEN" > (\S+)$/m.exec(script);
    expect(written, "collector-init writes the read token to a file").not.toBeNull();
    const source = resolveInContainer(init, written![1]!);
    expect(source?.mount.volume).toBe("prometheus-credentials");

    const prometheus = service("prometheus");
    const configMount = resolveInContainer(prometheus, "/etc/prometheus/prometheus.yml");
    expect(configMount?.mount.hostPath).toBe("./deploy/prometheus/prometheus.compose.yml");
    const config = parse(readRepoFile("deploy/prometheus/prometheus.compose.yml")) as {
      scrape_configs: Array<{ job_name: string; authorization?: { type?: string; credentials_file?: string } }>;
    };
    const job = config.scrape_configs.find((scrape) => scrape.job_name === "closewatch");
    expect(job?.authorization?.type).toBe("Bearer");
    // Prometheus resolves a relative credentials_file against the config file's directory.
    const file = job!.authorization!.credentials_file!;
    const path = file.startsWith("/") ? file : `/etc/prometheus/${file}`;
    const target = resolveInContainer(prometheus, path);
    expect(target?.mount).toMatchObject({ volume: "prometheus-credentials", readOnly: true });
    expect(target?.inside).toBe(source?.inside);
    // Only the two of them mount it.
    const users = Object.entries(compose.services)
      .filter(([, svc]) => (svc.volumes ?? []).some((entry) => parseMount(entry).volume === "prometheus-credentials"))
      .map(([name]) => name);
    expect(users.sort()).toEqual(["collector-init", "prometheus"]);
  });

  it("the CLI is called where the image has the collector's build", () => {
    const runtime = readDockerfile().stages.at(-1)!;
    expect(stageWorkdir(runtime)).toBe("/app");
    // apps/collector/dist/ is assembled into /app by deploy/docker/build.sh.
    expect(readRepoFile("deploy/docker/build.sh")).toMatch(/for ws in [^;]*\bapps\/collector\b[^;]*; do/);
  });
});

describe("with Compose itself (Debian's docker-compose 1.29, which validates without an engine)", () => {
  const dockerCompose = () => requireBinary("docker-compose");
  const configWith = async (envFile: string) =>
    runTool(dockerCompose(), ["--env-file", envFile, "-f", "docker-compose.yml", "config"], { cwd: repoPath(), env: cleanEnv() });

  it("`docker-compose config` accepts the file with .env.example, and resolves the environments as the tests do", async () => {
    const result = await configWith(".env.example");
    expect(result.code, result.stderr).toBe(0);
    const resolved = parse(result.stdout) as { services: Record<string, ComposeService> };
    for (const name of Object.keys(compose.services)) {
      expect(serviceEnv(resolved.services[name]!), name).toEqual(serviceEnv(service(name)));
    }
    // And the merge keys were read the same way.
    expect(resolved.services.collector?.depends_on).toEqual(service("collector").depends_on);
  });

  it("`docker-compose config` refuses the file without the secrets, naming the first missing one", async () => {
    const dir = await mkdtemp(join(tmpdir(), "closewatch-compose-"));
    const empty = join(dir, "empty.env");
    await writeFile(empty, "");
    const result = await configWith(empty).finally(() => rm(dir, { recursive: true, force: true }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/set (POSTGRES_PASSWORD|CLOSEWATCH_INGEST_TOKEN|CLOSEWATCH_READ_TOKEN) in \.env/);
  });

  it("the raw file has no top-level keys Compose would reject", () => {
    expect(Object.keys(rawCompose()).filter((key) => !key.startsWith("x-")).sort()).toEqual(["services", "volumes"]);
  });
});
