import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelay } from "./backoff.js";

const policy = { baseDelayMs: 1000, maxDelayMs: 30_000 };
const low = () => 0;
const high = () => 0.999_999;

describe("retryDelay", () => {
  it("doubles the ceiling with each failure and waits between half of it and all of it", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, policy, low))).toEqual([500, 1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, undefined, policy, high))).toEqual([1000, 2000, 4000, 8000, 16_000]);
  });

  it("never waits longer than maxDelayMs, however many failures", () => {
    expect(retryDelay(6, undefined, policy, high)).toBe(30_000);
    expect(retryDelay(1000, undefined, policy, high)).toBe(30_000);
    expect(retryDelay(1000, undefined, policy, low)).toBe(15_000);
  });

  it("spreads agents that failed at the same moment", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) - 1) / 2_147_483_646;
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(3, undefined, policy, random)));
    expect(delays.size).toBeGreaterThan(40);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });

  it("waits at least the collector's Retry-After, plus up to 10%", () => {
    expect(retryDelay(1, 5000, policy, low)).toBe(5000);
    expect(retryDelay(1, 5000, policy, high)).toBe(5500);
  });

  it("caps Retry-After at maxDelayMs", () => {
    expect(retryDelay(1, 3_600_000, policy, high)).toBe(30_000);
  });

  it("still backs off when Retry-After is shorter than the exponential wait", () => {
    expect(retryDelay(4, 1000, policy, low)).toBe(4000);
    expect(retryDelay(1, 0, policy, low)).toBe(500);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
    expect(parseRetryAfter("0", now)).toBe(0);
  });

  it("reads an HTTP-date, relative to now", () => {
    expect(parseRetryAfter("Thu, 01 Jan 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 11:00:00 GMT", now)).toBe(0);
  });

  it.each([null, undefined, "", "soon", "-5", "1.5", "Thu, 01 Jan 2026 12:00:30", "x".repeat(100), "Fri, 99 Foo 2026 GMT"])(
    "ignores %j",
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );

  it("keeps a huge number finite", () => {
    expect(Number.isFinite(parseRetryAfter("9".repeat(40), now))).toBe(true);
  });
});
