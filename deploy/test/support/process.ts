import { type ChildProcess, spawn } from "node:child_process";

/** A child process whose output is kept for error messages, and which a test can always stop. */
export interface Running {
  child: ChildProcess;
  /** The exit code, or the signal's name, once it has ended. */
  exited: Promise<number | string>;
  hasExited(): boolean;
  /** The last 64 KiB of its stdout and stderr. */
  output(): string;
  /** Sends `signal` and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | string>;
}

export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Running {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-65_536);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let result: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once("error", (error) => {
      keep(Buffer.from(String(error)));
      result = "spawn-error";
      resolve(result);
    });
    child.once("exit", (code, signal) => {
      result = code ?? signal ?? "unknown";
      resolve(result);
    });
  });
  return {
    child,
    exited,
    hasExited: () => result !== undefined,
    output: () => output,
    async stop(signal = "SIGTERM", graceMs = 20_000) {
      if (result !== undefined) return result;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs a command to completion with a deadline; resolves with its exit code, output and duration. */
export async function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | string; output: string; ms: number }> {
  const started = performance.now();
  const running = startProcess(command, args, options);
  const timer = setTimeout(() => void running.stop("SIGKILL"), options.timeoutMs);
  const code = await running.exited;
  clearTimeout(timer);
  return { code, output: running.output(), ms: Math.round(performance.now() - started) };
}

/** Polls `check` every 200 ms until it returns true; fails, with the output of `process`, if it exits first or the time runs out. */
export async function waitFor(what: string, check: () => Promise<boolean>, process: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process.hasExited()) throw new Error(`${what}: the process exited (${await process.exited}) first:\n${process.output()}`);
    try {
      if (await check()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms:\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
