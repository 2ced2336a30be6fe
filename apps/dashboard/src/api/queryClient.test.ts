import { describe, expect, it } from "vitest";
import { ApiError } from "./client.js";
import { shouldRetry } from "./queryClient.js";

const apiError = (status: number) => new ApiError({ type: "about:blank", title: "x", status, code: "X" });

describe("shouldRetry", () => {
  it("does not retry client errors", () => {
    expect(shouldRetry(0, apiError(400))).toBe(false);
    expect(shouldRetry(0, apiError(404))).toBe(false);
  });

  it("retries server and network errors twice", () => {
    expect(shouldRetry(0, apiError(503))).toBe(true);
    expect(shouldRetry(1, apiError(0))).toBe(true);
    expect(shouldRetry(2, apiError(500))).toBe(false);
  });
});
