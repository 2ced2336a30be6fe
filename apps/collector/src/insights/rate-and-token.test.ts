import { describe, expect, it } from "vitest";
import { analyzeRateLimit } from "./rate-limit.js";
import type { RateRow, TokenRow } from "./rows.js";
import { analyzeTokenLifetime } from "./token-lifetime.js";

const fact = (insight: { facts: { key: string; value: number }[] }, key: string) => insight.facts.find((f) => f.key === key)?.value;
const place = { service: "chat-api", route: "/chat" };

describe("analyzeRateLimit", () => {
  const rate = (observed: number, connectionAgeMs = 60_000): RateRow => ({ ...place, observed, limit: 50, windowMs: 1000, connectionAgeMs });

  it("calls small overshoots bursts and suggests a burst allowance", () => {
    const rows = [...Array.from({ length: 8 }, (_, i) => rate(51 + i)), rate(200), rate(300)];
    const insight = analyzeRateLimit(rows, 10, 100)!;
    expect(fact(insight, "burstShare")).toBe(80);
    expect(fact(insight, "limit")).toBe(50);
    expect(insight.summary).toMatch(/most are short bursts/);
    expect(insight.fixSteps[0]).toMatch(/token bucket/);
  });

  it("calls large overshoots sustained and points at the client", () => {
    const insight = analyzeRateLimit(Array.from({ length: 10 }, (_, i) => rate(150 + i)), 10, 100)!;
    expect(fact(insight, "ratioP50")).toBeCloseTo(3.08, 2);
    expect(insight.summary).toMatch(/exceed the limit by far/);
    expect(insight.fixSteps[0]).toMatch(/batch or debounce/);
  });

  it("notices floods right after connecting", () => {
    const insight = analyzeRateLimit(Array.from({ length: 10 }, () => rate(120, 800)), 10, 100)!;
    expect(fact(insight, "earlyShare")).toBe(100);
    expect(insight.fixSteps.some((s) => /right after connecting/.test(s))).toBe(true);
  });
});

describe("analyzeTokenLifetime", () => {
  const FIFTEEN_MIN = 15 * 60_000;

  it("infers the lifetime from ages clustered at it", () => {
    // 70 connections die within ±2 s of 15 min; 30 at scattered ages (tokens issued before connecting).
    const clustered = Array.from({ length: 70 }, (_, i) => FIFTEEN_MIN - 2000 + ((i * 57) % 4000));
    const scattered = Array.from({ length: 30 }, (_, i) => 30_000 + i * 25_000);
    const rows: TokenRow[] = [...clustered, ...scattered].map((age) => ({ ...place, connectionAgeMs: age, tokenLifetimeMs: null, tokenAgeMs: null }));
    const insight = analyzeTokenLifetime(rows, 100, 1000)!;
    expect(Math.abs(fact(insight, "tokenLifetimeMs")! - FIFTEEN_MIN)).toBeLessThanOrEqual(2000);
    expect(fact(insight, "clusterShare")).toBeGreaterThanOrEqual(70);
    expect(fact(insight, "refreshBeforeMs")).toBeLessThan(FIFTEEN_MIN);
    expect(insight.summary).toMatch(/appear to live 15 min/);
  });

  it("uses the lifetime the agent reported", () => {
    const rows: TokenRow[] = Array.from({ length: 5 }, (_, i) => ({ ...place, connectionAgeMs: 1000 * (i + 1), tokenLifetimeMs: 3_600_000, tokenAgeMs: 3_600_000 }));
    const insight = analyzeTokenLifetime(rows, 5, 100)!;
    expect(fact(insight, "tokenLifetimeMs")).toBe(3_600_000);
    expect(insight.summary).toMatch(/tokens live 1 h/);
  });

  it("does not invent a lifetime for scattered ages", () => {
    const rows: TokenRow[] = Array.from({ length: 50 }, (_, i) => ({ ...place, connectionAgeMs: 10_000 * (i + 1) ** 2, tokenLifetimeMs: null, tokenAgeMs: null }));
    const insight = analyzeTokenLifetime(rows, 50, 100)!;
    expect(fact(insight, "tokenLifetimeMs")).toBeUndefined();
    expect(insight.summary).toMatch(/no single token lifetime stands out/);
  });
});

it("quotes observed rates against the prevailing limit only", () => {
  const rows: RateRow[] = [
    ...Array.from({ length: 6 }, () => ({ ...place, observed: 22, limit: 20, windowMs: 1000, connectionAgeMs: 60_000 })),
    ...Array.from({ length: 4 }, () => ({ ...place, service: "feed-api", observed: 44, limit: 40, windowMs: 1000, connectionAgeMs: 60_000 })),
  ];
  const insight = analyzeRateLimit(rows, 10, 100)!;
  expect(fact(insight, "limit")).toBe(20);
  expect(fact(insight, "observedP90")).toBe(22);
});
