import type { Problem } from "@closewatch/protocol";

/** Codes for failures that happen before the collector could answer with a problem. */
export const CLIENT_ERR_NETWORK = "DASHBOARD_ERR_NETWORK";
export const CLIENT_ERR_HTTP = "DASHBOARD_ERR_HTTP";
export const CLIENT_ERR_BAD_RESPONSE = "DASHBOARD_ERR_BAD_RESPONSE";

/** Every failed API call surfaces as this one error, carrying a problem+json body (real or synthesised). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A body is a usable problem when it has at least the fields every closewatch problem has. */
export function asProblem(body: unknown, status: number): Problem | undefined {
  if (!isRecord(body) || typeof body.title !== "string" || typeof body.code !== "string") return undefined;
  const problem: Problem = {
    type: typeof body.type === "string" ? body.type : "about:blank",
    title: body.title,
    status: typeof body.status === "number" ? body.status : status,
    code: body.code,
  };
  if (typeof body.detail === "string") problem.detail = body.detail;
  if (Array.isArray(body.errors)) {
    problem.errors = body.errors.filter(
      (e): e is { path: string; message: string } =>
        isRecord(e) && typeof e.path === "string" && typeof e.message === "string",
    );
  }
  return problem;
}

/** Turn a non-2xx response into an ApiError, reading problem+json when the server sent it. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const problem = asProblem(body, res.status);
  if (problem) return new ApiError(problem);
  const statusText = `${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  const gateway = res.status === 502 || res.status === 503 || res.status === 504;
  return new ApiError({
    type: "about:blank",
    title: gateway ? "Could not reach the collector" : `Request failed: ${statusText}`,
    status: res.status,
    code: CLIENT_ERR_HTTP,
    detail: gateway
      ? `The server in front of it answered ${statusText}. Check that the collector is running.`
      : "The answer was not a problem+json document, so there is no more detail.",
  });
}

export type QueryParams = Record<string, string | number | undefined>;

/** Build `path?a=1&b=2`, leaving out empty parameters. */
export function buildUrl(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

const unreachable = (): ApiError =>
  new ApiError({
    type: "about:blank",
    title: "Could not reach the collector",
    status: 0,
    code: CLIENT_ERR_NETWORK,
    detail: "The request did not get an answer. Check that the collector is running and the network is up.",
  });

/** A 2xx answer's JSON, checked: an empty body (204) reaches `check` as undefined, a wrong one becomes an ApiError. */
async function checkedBody<T>(res: Response, path: string, check: (body: unknown) => body is T): Promise<T> {
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!check(body)) {
    throw new ApiError({
      type: "about:blank",
      title: "Unexpected answer from the collector",
      status: res.status,
      code: CLIENT_ERR_BAD_RESPONSE,
      detail: `${path} did not return the expected JSON. The dashboard and collector may be different versions.`,
    });
  }
  return body;
}

/**
 * GET a JSON document from the collector. `check` guards the shape so that a
 * wrong body becomes an ApiError here instead of a crash while rendering.
 */
export async function getJson<T>(
  path: string,
  params: QueryParams,
  check: (body: unknown) => body is T,
  { signal, fetchImpl = fetch }: { signal?: AbortSignal; fetchImpl?: typeof fetch } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetchImpl(buildUrl(path, params), { headers: { accept: "application/json" }, signal });
  } catch (err) {
    if (signal?.aborted) throw err; // a cancelled query is not a failure to report
    throw unreachable();
  }
  if (!res.ok) throw await errorFromResponse(res);
  return checkedBody(res, path, check);
}

export type WriteMethod = "POST" | "PUT" | "DELETE";

/**
 * Write to the collector: `body` goes as JSON (undefined sends none, as a
 * DELETE should: Fastify rejects an empty body labelled JSON), and the answer
 * is checked like getJson's. A problem+json answer (a 400 with its field
 * errors) becomes an ApiError carrying the problem.
 */
export async function sendJson<T>(
  method: WriteMethod,
  path: string,
  body: unknown,
  check: (body: unknown) => body is T,
  { fetchImpl = fetch }: { fetchImpl?: typeof fetch } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetchImpl(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    // Not retried: a write that may have landed is the user's call to repeat.
    throw unreachable();
  }
  if (!res.ok) throw await errorFromResponse(res);
  return checkedBody(res, path, check);
}

export interface ErrorDescription {
  title: string;
  detail: string;
  /** Stable machine-readable code, for bug reports. */
  code?: string;
  /** Per-field validation messages ("/from: must be a date-time"). */
  fieldErrors: string[];
}

/** Words for any error a query can throw. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError && error.code === "COLLECTOR_ERR_FORBIDDEN") {
    return {
      title: "Needs an admin token",
      detail: `${error.problem.detail ?? "Your token's scope does not allow this."} Sign out and sign in with an admin token to change this.`,
      code: error.code,
      fieldErrors: [],
    };
  }
  if (error instanceof ApiError && error.code === "COLLECTOR_ERR_UNAUTHORIZED") {
    return { title: "Sign-in needed", detail: error.problem.detail ?? "The collector wants an API token.", code: error.code, fieldErrors: [] };
  }
  if (error instanceof ApiError) {
    const { title, detail, errors, code, status } = error.problem;
    return {
      title,
      detail: detail || (status ? `The request failed with status ${status}.` : "The request failed."),
      code,
      fieldErrors: (errors ?? []).map((e) => `${e.path || "request"}: ${e.message}`),
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { title: "Something went wrong", detail, fieldErrors: [] };
}
