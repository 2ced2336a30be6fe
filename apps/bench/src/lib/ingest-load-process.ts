import { fork } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildMessage, LoadConfig, LoadStats, ParentMessage } from "./ingest-load-protocol.js";

/** The compiled load script; also found from src/ when the scenarios run under Vitest (after a build). */
function loadScriptPath(): string {
  const benchRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const script = join(benchRoot, "dist/lib/ingest-load.js");
  if (!existsSync(script)) throw new Error(`${script} is missing: build @closewatch/bench first`);
  return script;
}

export interface LoadHooks {
  /** The pid of the load process, once it has generated its batches. */
  onReady?(pid: number): void | Promise<void>;
  /** Called when the measured window starts and when it ends (sending stopped, requests may still be in flight). */
  onMeasure?(): void | Promise<void>;
  onEnd?(): void | Promise<void>;
}

/** Forks the load process, runs it to the end and returns what it acknowledged. */
export async function runLoad(config: LoadConfig, hooks: LoadHooks = {}): Promise<LoadStats> {
  const child = fork(loadScriptPath(), [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const send = (m: ParentMessage) => child.send(m);
  const pending: Promise<void>[] = [];
  let failure: unknown;
  // Hooks run as their messages arrive; the first failure stops the load process and is reported.
  const track = (p: Promise<unknown>) =>
    pending.push(
      p.then(
        () => {},
        (error: unknown) => {
          failure ??= error;
          child.kill();
        },
      ),
    );
  try {
    return await new Promise<LoadStats>((resolvePromise, reject) => {
      let result: LoadStats | undefined;
      child.on("message", (message: ChildMessage) => {
        switch (message.type) {
          case "ready":
            track(Promise.resolve(hooks.onReady?.(child.pid!)).then(() => send({ type: "go" })));
            break;
          case "phase":
            track(Promise.resolve(message.phase === "measure" ? hooks.onMeasure?.() : hooks.onEnd?.()));
            break;
          case "result":
            result = message.stats;
            break;
          case "failed":
            failure ??= new Error(`load process failed: ${message.message}`);
            break;
        }
      });
      child.once("error", reject);
      child.once("exit", (code, signal) => {
        void Promise.all(pending).then(() => {
          if (failure !== undefined) reject(failure);
          else if (result) resolvePromise(result);
          else reject(new Error(`load process exited (${code ?? signal}) without a result`));
        });
      });
      send({ type: "config", config });
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
}
