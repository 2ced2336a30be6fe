import { describe, expect, it } from "vitest";
import {
  ApiError,
  buildUrl,
  CLIENT_ERR_BAD_RESPONSE,
  CLIENT_ERR_HTTP,
  CLIENT_ERR_NETWORK,
  describeError,
  getJson,
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
