import { describeError } from "./errors.js";

export type SendOutcome =
  /** 2xx: the collector has the batch. */
  | { readonly kind: "delivered" }
  /** Network error, timeout, 5xx, 408 or 429: worth sending again later. */
  | { readonly kind: "retry"; readonly problem: string }
  /** Any other answer: sending the same bytes again cannot succeed. */
  | { readonly kind: "rejected"; readonly problem: string };

export interface TransportConfig {
  readonly url: string;
  readonly token: string | undefined;
}

const MAX_DETAIL_CHARS = 300;

/** POSTs one serialized batch and says what to do with it; never throws. */
export async function postBatch(config: TransportConfig, body: string, timeoutMs: number): Promise<SendOutcome> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (config.token !== undefined) headers.authorization = `Bearer ${config.token}`;
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: "POST",
      headers,
      body,
      // A redirected POST would be replayed as a GET; a moved collector is a
      // configuration error to report, not to follow.
      redirect: "manual",
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
    });
  } catch (err) {
    return { kind: "retry", problem: `POST ${config.url} failed: ${networkMessage(err)}` };
  }

  const status = response.status;
  // Read the body in every case so the connection goes back to the pool.
  const detail = await readDetail(response);
  if (status >= 200 && status < 300) return { kind: "delivered" };
  const problem = `POST ${config.url} answered HTTP ${status}${detail ? `: ${detail}` : ""}`;
  if (status >= 500 || status === 408 || status === 429) return { kind: "retry", problem };
  return { kind: "rejected", problem };
}

async function readDetail(response: Response): Promise<string> {
  try {
    const text = await response.text();
    if (response.ok || text.length === 0) return "";
    // The collector answers problem+json (RFC 9457); its `detail` says what is wrong.
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null && "detail" in parsed && typeof parsed.detail === "string") {
        return parsed.detail.slice(0, MAX_DETAIL_CHARS);
      }
    } catch {
      // Not JSON: fall through to the raw text.
    }
    return text.slice(0, MAX_DETAIL_CHARS);
  } catch {
    return "";
  }
}

function networkMessage(err: unknown): string {
  if (err instanceof Error && err.name === "TimeoutError") return "timed out";
  // undici puts the useful part (ECONNREFUSED…) in `cause`.
  if (err instanceof Error && err.cause instanceof Error) return `${err.message} (${err.cause.message})`;
  return describeError(err);
}
