import { setTimeout as sleep } from "node:timers/promises";

export interface DeliveryOptions {
  /** Deadline of each attempt, the response included. */
  attemptTimeoutMs: number;
  /** The wait before each retry; as many retries as delays. */
  retryDelaysMs: readonly number[];
}

/** One attempt and three retries, 1 s, 2 s and 4 s apart: a receiver restarting or briefly overloaded still gets it. */
export const DEFAULT_DELIVERY: DeliveryOptions = { attemptTimeoutMs: 5000, retryDelaysMs: [1000, 2000, 4000] };

export interface DeliveryResult {
  delivered: boolean;
  attempts: number;
  /** Why the last failed attempt failed; null when the first attempt succeeded. */
  lastError: string | null;
}

/** How much of an error response's body a failure records: enough for Slack's "invalid_payload". */
const ERROR_BODY_CHARS = 200;

/**
 * POSTs a JSON body to a webhook until it answers 2xx, retrying timeouts,
 * network errors, 408, 429 and 5xx after each delay in turn. Other answers
 * (a 404, a 403) will not change by asking again, so they fail at once.
 * Never throws: the result says what happened. `signal` aborts everything
 * (the collector is closing).
 */
export async function deliver(url: string, body: string, options: DeliveryOptions, signal: AbortSignal): Promise<DeliveryResult> {
  let lastError: string | null = null;
  for (let attempt = 1; ; attempt++) {
    let retryable = true;
    const attemptSignal = attemptDeadline(signal, options.attemptTimeoutMs);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "closewatch-alerts" },
        body,
        signal: attemptSignal.signal,
      });
      if (response.ok) {
        await response.body?.cancel();
        return { delivered: true, attempts: attempt, lastError };
      }
      const text = (await response.text()).trim().slice(0, ERROR_BODY_CHARS);
      lastError = `HTTP ${response.status}${text ? `: ${text}` : ""}`;
      retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    } catch (error) {
      lastError = describeFailure(error, options.attemptTimeoutMs);
    } finally {
      attemptSignal.clear();
    }
    const delay = options.retryDelaysMs[attempt - 1];
    if (!retryable || delay === undefined || signal.aborted) return { delivered: false, attempts: attempt, lastError };
    try {
      await sleep(delay, undefined, { signal, ref: false });
    } catch {
      return { delivered: false, attempts: attempt, lastError };
    }
  }
}

/**
 * A signal that aborts when `outer` does or after `timeoutMs`. Not
 * `AbortSignal.any([outer, AbortSignal.timeout(ms)])`: on Node 20 the timeout
 * signal inside it is only weakly held, and once garbage-collected it never
 * fires (nodejs/node#57736), so a receiver that never answers held the
 * notification forever. Here the timer holds the controller until cleared.
 */
function attemptDeadline(outer: AbortSignal, timeoutMs: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  if (outer.aborted) onAbort();
  else outer.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError")), timeoutMs);
  timer.unref();
  return {
    signal: controller.signal,
    clear() {
      clearTimeout(timer);
      outer.removeEventListener("abort", onAbort);
    },
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError") return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error && error.name === "AbortError") return "aborted: the collector is shutting down";
  if (error instanceof Error) {
    // fetch reports network errors as "fetch failed" with the reason in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
