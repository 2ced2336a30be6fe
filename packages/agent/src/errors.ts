export type AgentErrorCode =
  | "AGENT_ERR_INVALID_OPTIONS"
  | "AGENT_ERR_INVALID_ARGUMENT"
  | "AGENT_ERR_TRANSPORT"
  | "AGENT_ERR_REJECTED"
  | "AGENT_ERR_QUEUE_FULL"
  | "AGENT_ERR_INTERNAL"
  | "AGENT_ERR_WS_INTERNALS"
  | "AGENT_ERR_SHUT_DOWN";

/** Every problem the agent reports carries a stable code, in the manner of ws's `WS_ERR_*`. */
export class AgentError extends Error {
  readonly code: AgentErrorCode;

  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AgentError";
    this.code = code;
  }
}

/** Routes a problem somewhere; never throws. */
export type ProblemSink = (error: AgentError) => void;

const WARN_INTERVAL_MS = 60_000;
// Bounds the memory of "already warned" keys; a host producing more distinct
// problems than this has bigger issues than a few repeated warnings.
const MAX_WARN_KEYS = 100;

/**
 * Default sink: one console.warn per distinct problem (code + message) per
 * minute, so an unreachable collector does not flood the host's logs.
 */
export function createWarnSink(now: () => number = Date.now): ProblemSink {
  const lastWarned = new Map<string, number>();
  return (error) => {
    const key = `${error.code}:${error.message}`;
    const t = now();
    const last = lastWarned.get(key);
    if (last !== undefined && t - last < WARN_INTERVAL_MS) return;
    if (last === undefined && lastWarned.size >= MAX_WARN_KEYS) lastWarned.clear();
    lastWarned.set(key, t);
    console.warn(`[closewatch agent] ${error.code}: ${error.message}`);
  };
}

/** Wraps a user-supplied onError so that a throwing callback cannot reach the host. */
export function safeSink(sink: ProblemSink): ProblemSink {
  return (error) => {
    try {
      sink(error);
    } catch {
      // The host's own error callback failed; there is nowhere left to report it.
    }
  };
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
