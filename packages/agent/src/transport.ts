import { parseRetryAfter } from "./backoff.js";
import { describeError } from "./errors.js";

export type SendOutcome =
  /**
   * 2xx: the collector has the batch. `refused`: how many of its events the
   * collector listed as `rejected` (invalid; stored without them), and why.
   */
  | { readonly kind: "delivered"; readonly refused: number; readonly problem?: string }
  /**
   * Network error, timeout, 5xx, 408 or 429: worth sending again later.
   * `retryAfterMs`: the collector's Retry-After (429 and 503 only).
   */
  | { readonly kind: "retry"; readonly problem: string; readonly retryAfterMs: number | undefined }
  /**
   * Any other answer: sending the same bytes again cannot succeed. `key`
   * (status and problem code) tells one kind of refusal from another.
   */
  | { readonly kind: "rejected"; readonly problem: string; readonly key: string };

export interface TransportConfig {
  readonly url: string;
  readonly token: string | undefined;
}

const MAX_DETAIL_CHARS = 300;
/** Most bytes of a response body the agent reads; the rest is discarded. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const PROBLEM_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * POSTs one serialized batch and says what to do with it; never throws.
 * `timeoutMs` bounds the whole exchange, response body included; `signal`
 * aborts it early (shutdown deadline).
 */
export async function postBatch(config: TransportConfig, body: string, timeoutMs: number, signal?: AbortSignal): Promise<SendOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, Math.max(1, timeoutMs));
  timer.unref();
  const onAbort = (): void => controller.abort();
  if (signal?.aborted) controller.abort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(config.url, {
        method: "POST",
        headers,
        body,
        // A redirected POST would be replayed as a GET; a moved collector is a
        // configuration error to report, not to follow.
        redirect: "manual",
        signal: controller.signal,
      });
    } catch (err) {
      const why = timedOut ? "timed out" : controller.signal.aborted ? "aborted at shutdown" : networkMessage(err);
      return { kind: "retry", problem: `POST ${config.url} failed: ${why}`, retryAfterMs: undefined };
    }

    const status = response.status;
    // Read the body in every case (bounded) so the connection goes back to the pool.
    const text = await readBounded(response);
    if (status >= 200 && status < 300) return { kind: "delivered", ...refusedIn(text) };
    const { detail, code } = problemOf(text);
    const problem = `POST ${config.url} answered HTTP ${status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}`;
    if (status === 429 || status === 503) {
      return { kind: "retry", problem, retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) };
    }
    if (status >= 500 || status === 408) return { kind: "retry", problem, retryAfterMs: undefined };
    return { kind: "rejected", problem, key: `${status} ${code ?? ""}` };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * The events a 202 lists as `rejected` ({index, errors}[]): the collector
 * stored the rest of the batch. A body that cannot be read counts as none.
 */
function refusedIn(text: string): { refused: number; problem?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { refused: 0 };
  }
  const rejected = (body as { rejected?: unknown } | null)?.rejected;
  if (!Array.isArray(rejected) || rejected.length === 0) return { refused: 0 };
  const first = (rejected[0] as { errors?: { path?: unknown; message?: unknown }[] } | null)?.errors?.[0];
  const why = first && typeof first.message === "string" ? `${String(first.path ?? "")} ${first.message}`.trim() : "invalid";
  return { refused: rejected.length, problem: why.slice(0, MAX_DETAIL_CHARS) };
}

/** The body as text, at most MAX_RESPONSE_BYTES of it; "" when it cannot be read (aborted, reset). */
async function readBounded(response: Response): Promise<string> {
  const stream = response.body;
  if (!stream) return "";
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = MAX_RESPONSE_BYTES - size;
      if (value.byteLength >= room) {
        chunks.push(value.subarray(0, room));
        size += room;
        await reader.cancel().catch(() => {});
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Aborted or reset mid-body: what arrived is enough for a message.
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/** The collector answers problem+json (RFC 9457): its `detail` says what is wrong and `code` which kind. */
function problemOf(text: string): { detail: string; code: string | undefined } {
  if (text.length === 0) return { detail: "", code: undefined };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null) {
      const detail = "detail" in parsed && typeof parsed.detail === "string" ? parsed.detail.slice(0, MAX_DETAIL_CHARS) : "";
      const code = "code" in parsed && typeof parsed.code === "string" && PROBLEM_CODE_PATTERN.test(parsed.code) ? parsed.code : undefined;
      if (detail || code) return { detail, code };
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return { detail: text.slice(0, MAX_DETAIL_CHARS), code: undefined };
}

function networkMessage(err: unknown): string {
  // undici puts the useful part (ECONNREFUSED…) in `cause`.
  if (err instanceof Error && err.cause instanceof Error) return `${err.message} (${err.cause.message})`;
  return describeError(err);
}
