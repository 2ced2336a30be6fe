import { expect, it } from "vitest";
import { normaliseReason } from "./normalise-reason.js";

it.each([
  ["RATE_LIMITED", "rate limited"],
  ["rateLimitExceeded", "rate limit exceeded"],
  ["TokenExpiredError: jwt expired", "token expired error jwt expired"],
  ["JWTExpired", "jwt expired"],
  ["origin-not-allowed.", "origin not allowed"],
  ["  Token inválido  ", "token invalido"],
  ["Max frame length of 65535 has been exceeded.", "max frame length of 65535 has been exceeded"],
  ["", ""],
])("normalises %j to %j", (input, expected) => {
  expect(normaliseReason(input)).toBe(expected);
});

it("keeps non-Latin scripts as words", () => {
  expect(normaliseReason("连接已关闭")).toBe("连接已关闭");
});

it("reads only the start of an overlong reason", () => {
  expect(normaliseReason(`${"x ".repeat(500)}rate limit`)).not.toContain("rate");
});
