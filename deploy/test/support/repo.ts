import { execFile, execFileSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";

/*
 * The repository's deployment files as the tests see them, and the tools that
 * check them. Nothing is skipped when a tool is missing: the tests fail and
 * name the Debian package to install (.ci/run installs them all).
 */

export const REPO_ROOT = join(import.meta.dirname, "../../..");
export const repoPath = (...parts: string[]) => join(REPO_ROOT, ...parts);
export const readRepoFile = (path: string) => readFileSync(repoPath(path), "utf8");

/** Debian package that provides each tool, for the error message. */
const PACKAGES: Record<string, string> = {
  promtool: "prometheus",
  amtool: "prometheus-alertmanager",
  "docker-compose": "docker-compose",
  haproxy: "haproxy",
};

/** The first of `names` on PATH; throws, naming the package to install, when none is. */
export function requireBinary(name: string): string {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  const pkg = PACKAGES[name] ?? name;
  throw new Error(`${name} not found on PATH. Install Debian's \`${pkg}\` package (apt-get install ${pkg}; .ci/run does it).`);
}

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; resolves with its exit code and output (never rejects on an exit code). */
export function runTool(
  binary: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(new Error(`${binary} ${args.join(" ")}: ${error.message}\n${stdout}${stderr}`));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** The environment of a tool run: PATH and HOME only, so nothing from the shell (a secret, NODE_ENV) leaks in. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin" };
  if (process.env.HOME) env.HOME = process.env.HOME;
  return { ...env, ...extra };
}

/** A port that was free a moment ago (the OS picks it). */
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

/** `KEY=value` lines of an env file (comments and blank lines skipped, no quoting rules: .env.example uses none). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (!match) throw new Error(`not a KEY=value line: ${line}`);
    values[match[1]!] = match[2]!;
  }
  return values;
}

/** .dockerignore's patterns, without comments; negations are not supported (the file uses none, a test keeps it so). */
export function dockerignorePatterns(): string[] {
  return readRepoFile(".dockerignore")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

/** Whether Docker would leave `path` (relative, with /) out of the build context: a pattern matches it or one of its parent directories. */
export function isDockerignored(path: string, patterns: string[]): boolean {
  const regexes = patterns.map((pattern) => {
    const body = pattern
      .replace(/\/+$/, "")
      .split(/(\*\*\/|\*\*|\*|\?)/)
      .map((part) => {
        if (part === "**/") return "(?:.*/)?";
        if (part === "**") return ".*";
        if (part === "*") return "[^/]*";
        if (part === "?") return "[^/]";
        return part.replace(/[.+^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    return new RegExp(`^${body}$`);
  });
  const segments = path.split("/");
  for (let i = 1; i <= segments.length; i++) {
    const prefix = segments.slice(0, i).join("/");
    if (regexes.some((re) => re.test(prefix))) return true;
  }
  return false;
}

/**
 * The files `docker build .` would send from this repository: every file git
 * tracks or would track (not ignored), minus what .dockerignore excludes.
 * Files deleted from the working tree but still in the index are left out.
 */
export function buildContextFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
    .split("\0")
    .filter(Boolean);
  const patterns = dockerignorePatterns();
  return [...new Set(listed)].filter((file) => existsSync(repoPath(file)) && !isDockerignored(file, patterns)).sort();
}
