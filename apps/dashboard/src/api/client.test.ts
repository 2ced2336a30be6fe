import { describe, expect, it } from "vitest";
import {
  ApiError,
  buildUrl,
  CLIENT_ERR_BAD_RESPONSE,
  CLIENT_ERR_HTTP,
  CLIENT_ERR_NETWORK,
  describeError,
  getJson,
  sendJson,
} from "./client.js";
import { isSummary } from "./guards.js";

const problemResponse = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json" } });

const fetchReturning = (res: Response): typeof fetch => async () => res;

/** The ApiError a call rejected with; fails the test if it resolved or threw something else. */
async function apiFailure(call: Promise<unknown>): Promise<ApiError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const summary = { range: { from: "a", to: "b" }, total: 0, byCode: [], byCause: [] };

describe("buildUrl", () => {
  it("leaves out empty parameters", () => {
    expect(buildUrl("/api/summary", { from: "x", service: "", to: undefined, limit: 50 })).toBe(
      "/api/summary?from=x&limit=50",
    );
    expect(buildUrl("/api/summary")).toBe("/api/summary");
  });
});

describe("getJson", () => {
  it("returns a body that passes the guard", async () => {
    const res = new Response(JSON.stringify(summary), { status: 200 });
    await expect(getJson("/api/summary", {}, isSummary, { fetchImpl: fetchReturning(res) })).resolves.toEqual(summary);
  });

  it("turns problem+json into an ApiError with the server's words", async () => {
    const problem = {
      type: "https://closewatch.dev/problems/validation",
      title: "Invalid query",
      status: 400,
      code: "COLLECTOR_ERR_VALIDATION",
      detail: "`from` must be before `to`",
      errors: [{ path: "/from", message: "must be a date-time" }],
    };
    const err = await apiFailure(
      getJson("/api/summary", {}, isSummary, { fetchImpl: fetchReturning(problemResponse(problem, 400)) }),
    );
    expect(err.problem).toEqual(problem);
    expect(describeError(err)).toEqual({
      title: "Invalid query",
      detail: "`from` must be before `to`",
      code: "COLLECTOR_ERR_VALIDATION",
      fieldErrors: ["/from: must be a date-time"],
    });
  });

  it("explains a non-problem error body (a proxy with the collector down)", async () => {
    const res = new Response("Bad Gateway", { status: 502, statusText: "Bad Gateway" });
    const err = await apiFailure(getJson("/api/summary", {}, isSummary, { fetchImpl: fetchReturning(res) }));
    expect(err.code).toBe(CLIENT_ERR_HTTP);
    expect(err.status).toBe(502);
    expect(describeError(err)).toMatchObject({
      title: "Could not reach the collector",
      detail: expect.stringContaining("502 Bad Gateway"),
    });
  });

  it("reports a network failure as unreachable collector", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const err = await apiFailure(getJson("/api/summary", {}, isSummary, { fetchImpl: failing }));
    expect(err.code).toBe(CLIENT_ERR_NETWORK);
    expect(describeError(err).title).toBe("Could not reach the collector");
  });

  it("lets a cancelled request reject with the abort, not an ApiError", async () => {
    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = async () => {
      throw new DOMException("aborted", "AbortError");
    };
    const call = getJson("/api/summary", {}, isSummary, { fetchImpl: aborting, signal: controller.signal });
    await expect(call).rejects.toThrow(DOMException);
  });

  it("rejects a 200 body of the wrong shape", async () => {
    const res = new Response(JSON.stringify({ events: [] }), { status: 200 });
    const err = await apiFailure(getJson("/api/summary", {}, isSummary, { fetchImpl: fetchReturning(res) }));
    expect(err.code).toBe(CLIENT_ERR_BAD_RESPONSE);
  });
});

describe("describeError", () => {
  it("falls back to the status when a problem has no detail", () => {
    const err = new ApiError({ type: "about:blank", title: "Not Found", status: 404, code: "COLLECTOR_ERR_NOT_FOUND" });
    expect(describeError(err).detail).toBe("The request failed with status 404.");
  });

  it("describes plain errors", () => {
    expect(describeError(new Error("boom"))).toEqual({ title: "Something went wrong", detail: "boom", fieldErrors: [] });
  });
});

describe("sendJson", () => {
  /** A fetch that records what it was asked and answers `res`. */
  function recording(res: Response) {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchImpl: typeof fetch = async (url, init) => {
      calls.push({ url: String(url), init });
      return res;
    };
    return { calls, fetchImpl };
  }
  const isName = (body: unknown): body is { name: string } =>
    typeof body === "object" && body !== null && typeof (body as { name?: unknown }).name === "string";

  it("sends the body as JSON with its method and returns the checked answer", async () => {
    const { calls, fetchImpl } = recording(new Response(JSON.stringify({ name: "a" }), { status: 201 }));
    await expect(sendJson("POST", "/api/alerts/rules", { name: "a" }, isName, { fetchImpl })).resolves.toEqual({ name: "a" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/alerts/rules");
    expect(calls[0]!.init?.method).toBe("POST");
    expect(calls[0]!.init?.body).toBe('{"name":"a"}');
    expect(calls[0]!.init?.headers).toMatchObject({ "content-type": "application/json" });
  });

  it("sends no body and no JSON content type without a body, and accepts an empty 204", async () => {
    const { calls, fetchImpl } = recording(new Response(null, { status: 204 }));
    const isNothing = (body: unknown): body is undefined => body === undefined;
    await expect(sendJson("DELETE", "/api/alerts/rules/x", undefined, isNothing, { fetchImpl })).resolves.toBeUndefined();
    expect(calls[0]!.init?.body).toBeUndefined();
    expect(calls[0]!.init?.headers).not.toHaveProperty("content-type");
  });

  it("turns a validation problem into an ApiError with its field errors", async () => {
    const problem = {
      type: "https://closewatch.dev/errors/validation",
      title: "Request does not match the schema",
      status: 400,
      code: "COLLECTOR_ERR_VALIDATION",
      detail: "body/windowSeconds must be >= 60",
      errors: [{ path: "body/windowSeconds", message: "must be >= 60" }],
    };
    const { fetchImpl } = recording(problemResponse(problem, 400));
    const err = await apiFailure(sendJson("PUT", "/api/alerts/rules/x", { name: "a" }, isName, { fetchImpl }));
    expect(err.status).toBe(400);
    expect(err.problem.errors).toEqual(problem.errors);
  });

  it("reports a network failure and a wrong answer like getJson", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    expect((await apiFailure(sendJson("POST", "/x", {}, isName, { fetchImpl: failing }))).code).toBe(CLIENT_ERR_NETWORK);
    const { fetchImpl } = recording(new Response("{}", { status: 200 }));
    expect((await apiFailure(sendJson("POST", "/x", {}, isName, { fetchImpl }))).code).toBe(CLIENT_ERR_BAD_RESPONSE);
  });
});
