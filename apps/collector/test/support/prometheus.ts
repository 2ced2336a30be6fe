import { type ChildProcess, execFile, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/*
 * Real Prometheus tooling for the tests: the Debian binaries (.ci/run installs
 * them), the shipped files under deploy/, and child processes that are always
 * stopped. Nothing here is skipped when a binary is missing: the tests fail
 * and say what to install.
 */

export const DEPLOY_DIR = join(import.meta.dirname, "../../../../deploy");
export const PROMETHEUS_DIR = join(DEPLOY_DIR, "prometheus");
export const SHIPPED_RULES = join(PROMETHEUS_DIR, "closewatch.rules.yml");
export const SHIPPED_PROMETHEUS_CONFIG = join(PROMETHEUS_DIR, "prometheus.yml");
export const SHIPPED_ALERTMANAGER_CONFIG = join(DEPLOY_DIR, "alertmanager/alertmanager.yml");
export const GRAFANA_DASHBOARD = join(DEPLOY_DIR, "grafana/closewatch.json");
export const METRICS_SOURCE = join(import.meta.dirname, "../../src/plugins/metrics.ts");

/** Debian package that provides each tool, for the error message. */
const PACKAGES: Record<string, string> = {
  promtool: "prometheus",
  prometheus: "prometheus",
  amtool: "prometheus-alertmanager",
  "prometheus-alertmanager": "prometheus-alertmanager",
  alertmanager: "prometheus-alertmanager",
};

/** The first of `names` on PATH; throws, naming the package to install, when none is. */
export function requireBinary(...names: string[]): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  const pkg = PACKAGES[names[0]!] ?? names[0];
  throw new Error(
    `${names.join(" or ")} not found on PATH. Install Debian's \`${pkg}\` package (apt-get install ${pkg}; .ci/run does it).`,
  );
}

export interface ToolResult {
  code: number;
  output: string;
}

/** Runs a command to completion; resolves with its exit code and combined output (never rejects on exit code). */
export function runTool(binary: string, args: string[], cwd?: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error && typeof error.code !== "number") reject(new Error(`${binary} ${args.join(" ")}: ${error.message}\n${output}`));
      else resolve({ code: error ? Number(error.code) : 0, output });
    });
  });
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A long-running child process whose output is kept for error messages. */
export class Daemon {
  private output = "";
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exit = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
    });
  }

  static spawn(name: string, binary: string, args: string[]): Daemon {
    return new Daemon(name, spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] }));
  }

  /** The last 20 kB of its stdout and stderr. */
  get log(): string {
    return this.output;
  }

  /** Polls `url` until it answers 200; fails early, with the process's output, if the process exits. */
  async waitReady(url: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before it was ready:\n${this.log}`);
      try {
        if ((await fetch(url)).ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`${this.name} not ready at ${url} after ${timeoutMs} ms:\n${this.log}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The shipped rules with every duration replaced through `table` (range
 * selectors `[5m]`, `offset 5m` — in expressions and in the queries of the
 * annotation templates — and `for: 5m`). Nothing else changes: expressions,
 * thresholds, labels and annotations are the shipped ones. A duration missing
 * from the table is an error, so a new window in the rules cannot slip past
 * the integration test at its production length.
 */
export async function renderRules(table: Readonly<Record<string, string>>): Promise<string> {
  const text = await readFile(SHIPPED_RULES, "utf8");
  return text.replace(/(\[|\boffset |\bfor: )(\d+[smhdwy](?:\d+[smh])*)/g, (_match, prefix: string, duration: string) => {
    const short = table[duration];
    if (!short) throw new Error(`closewatch.rules.yml uses the duration ${duration}; add it to the test's table`);
    return `${prefix}${short}`;
  });
}

/** Names of the metrics the collector registers (every `name: "closewatch_…"` in plugins/metrics.ts). */
export async function collectorMetricNames(): Promise<Set<string>> {
  const source = await readFile(METRICS_SOURCE, "utf8");
  return new Set([...source.matchAll(/name:\s*"(closewatch_[a-z0-9_]+)"/g)].map((m) => m[1]!));
}

/** Names defined by `record:` in the shipped rules file. */
export async function recordedNames(): Promise<Set<string>> {
  const text = await readFile(SHIPPED_RULES, "utf8");
  return new Set([...text.matchAll(/^\s*-?\s*record:\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*$/gm)].map((m) => m[1]!));
}

const PROMQL_KEYWORDS = new Set([
  "and",
  "or",
  "unless",
  "bool",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "offset",
  "inf",
  "nan",
]);

/**
 * The metric (and recording rule) names a PromQL expression selects. A
 * tokenizer, not a parser: it drops strings, label matchers, ranges, grouping
 * label lists, Grafana variables, numbers, keywords and function names, and
 * what is left are selectors. Good enough to keep dashboards and rules from
 * drifting away from the names that exist.
 */
export function selectedNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, " ")
    .replace(/\boffset\s+-?(\d+[a-z]+)+/g, " ")
    .replace(/(?<![A-Za-z0-9_:])\d+(\.\d+)?(e[+-]?\d+)?/gi, " ");
  const names = new Set<string>();
  for (const m of stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)) {
    const [, name, call] = m;
    if (call || PROMQL_KEYWORDS.has(name!.toLowerCase())) continue;
    names.add(name!);
  }
  return [...names];
}
