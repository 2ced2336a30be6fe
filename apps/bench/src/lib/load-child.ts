import { type ChildProcess, fork } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// A tiny request/response protocol over the IPC channel of a forked child, so
// the process under load (a ws server, dashboards) runs on its own event loop
// and the bench process only asks it for numbers.

type Handler = (params: unknown) => unknown;

interface Request {
  id: number;
  method: string;
  params: unknown;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type ChildMessage = Reply | { ready: true; info: unknown };

/**
 * The compiled script `name`.js beside this file (dist/lib). Under Vitest the
 * bench runs from src/, where only .ts exists: the children then come from
 * dist/, so the bench must have been built (`npm test` builds first).
 */
export function childScriptPath(name: string): string {
  const here = import.meta.url;
  const url = here.endsWith(".ts") ? new URL(`../../dist/lib/${name}.js`, here) : new URL(`./${name}.js`, here);
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the bench first (npx turbo run build)`);
  return path;
}

export interface ChildRpc<Info> {
  /** What the child sent when it became ready (e.g. the port it listens on). */
  readonly info: Info;
  readonly pid: number;
  call<T>(method: string, params?: unknown): Promise<T>;
  /** Asks the child to stop ("stop" handler, if any), then waits for it to exit; kills it after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Forks the compiled child script `name` with `args` (JSON, as argv[2]) and waits until it reports ready. */
export async function startChild<Info>(
  name: string,
  args: unknown,
  options: { execArgv?: string[]; readyTimeoutMs?: number } = {},
): Promise<ChildRpc<Info>> {
  const child: ChildProcess = fork(childScriptPath(name), [JSON.stringify(args)], {
    execArgv: options.execArgv ?? [],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = true;
      for (const p of pending.values()) p.reject(new Error(`bench child ${name} exited (${signal ?? code})`));
      pending.clear();
      resolve();
    }),
  );

  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench child ${name} not ready in time`)), options.readyTimeoutMs ?? 30_000);
    child.once("error", reject);
    void exit.then(() => reject(new Error(`bench child ${name} exited before it was ready`)));
    child.on("message", (message: ChildMessage) => {
      if ("ready" in message) {
        clearTimeout(timer);
        resolve(message.info as Info);
        return;
      }
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) p.resolve(message.result);
      else p.reject(new Error(`bench child ${name}: ${message.error}`));
    });
  }).catch((error: unknown) => {
    child.kill();
    throw error;
  });

  return {
    info,
    pid: child.pid ?? -1,
    call<T>(method: string, params?: unknown): Promise<T> {
      if (exited) return Promise.reject(new Error(`bench child ${name} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, method, params } satisfies Request);
      });
    },
    async stop(timeoutMs = 10_000) {
      if (exited) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      try {
        child.send({ id: 0, method: "stop", params: undefined } satisfies Request);
      } catch {
        child.kill();
      }
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * Child side: answers requests with `handlers` and tells the parent it is
 * ready with `info`. "stop" runs its handler (if given) and exits the process.
 * The child also exits when the parent goes away.
 */
export function serveParent(handlers: Record<string, Handler>, info: unknown): void {
  const send = (message: ChildMessage): void => void process.send?.(message);
  process.on("message", (request: Request) => {
    void (async () => {
      try {
        const handler = handlers[request.method];
        if (!handler && request.method !== "stop") throw new Error(`unknown method ${request.method}`);
        const result = await handler?.(request.params);
        if (request.method === "stop") process.exit(0);
        send({ id: request.id, ok: true, result });
      } catch (error) {
        if (request.method === "stop") process.exit(1);
        send({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
  process.on("disconnect", () => process.exit(0));
  send({ ready: true, info });
}

/** The JSON argument a child was started with. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? "{}") as T;
}
