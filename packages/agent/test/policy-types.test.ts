import { describe, expectTypeOf, it } from "vitest";
import type { Agent, PolicyEvidence, WsSocketLike } from "../src/index.js";

// Compile-time checks of closePolicy's per-cause evidence (run by tsc over
// test/, and by Vitest as no-ops at runtime).
declare const agent: Agent;
declare const ws: WsSocketLike;

describe("closePolicy evidence types", () => {
  it("accepts each cause's documented evidence, extra keys, and no evidence", () => {
    const check = (): void => {
      agent.closePolicy(ws, "rate_limit", { limit: 50, observed: 73, windowMs: 1000 });
      agent.closePolicy(ws, "rate_limit", { limit: 50, observed: 73, route: "/chat" });
      agent.closePolicy(ws, "auth_expired", {});
      agent.closePolicy(ws, "auth_expired", { tokenLifetimeMs: 1, tokenAgeMs: 2, expiredAt: new Date() });
      agent.closePolicy(ws, "auth_expired", { expiredAt: "2026-01-01T00:00:00Z" });
      agent.closePolicy(ws, "auth_expired", { expiredAt: 1_767_225_600_000 });
      agent.closePolicy(ws, "auth_invalid", { scheme: "bearer" }, "bad token");
      agent.closePolicy(ws, "forbidden", { resource: "room:ops", permission: "read" });
      agent.closePolicy(ws, "origin_rejected", { origin: "https://x.example", allowed: ["https://a.example"] });
      agent.closePolicy(ws, "origin_rejected", { origin: "https://x.example", allowed: "https://a.example,https://b.example" });
      agent.closePolicy(ws, "content_rejected", { rule: "no-links" });
      agent.closePolicy(ws, "limit_exceeded", { resource: "subscriptions", limit: 100, observed: 101 });
      agent.closePolicy(ws, "fragment_flood", { parts: 9 });
      agent.closePolicy(ws, "unspecified", { tenant: "acme" });
      agent.closePolicy(ws, "origin_rejected");

      // @ts-expect-error rate_limit evidence needs `observed`
      agent.closePolicy(ws, "rate_limit", { limit: 50 });
      // @ts-expect-error `limit` is a number
      agent.closePolicy(ws, "rate_limit", { limit: "50", observed: 73 });
      // @ts-expect-error origin_rejected evidence needs `origin`
      agent.closePolicy(ws, "origin_rejected", { allowed: "https://a.example" });
      // @ts-expect-error limit_exceeded evidence needs `resource`
      agent.closePolicy(ws, "limit_exceeded", { limit: 1, observed: 2 });
      // @ts-expect-error evidence values are flat
      agent.closePolicy(ws, "forbidden", { resource: { id: 1 } });
      // @ts-expect-error not a 1008 cause
      agent.closePolicy(ws, "message_too_big");
    };
    expectTypeOf(check).toBeFunction();
    expectTypeOf<PolicyEvidence<"rate_limit">["limit"]>().toEqualTypeOf<number>();
    expectTypeOf<PolicyEvidence<"auth_expired">["tokenAgeMs"]>().toEqualTypeOf<number | undefined>();
  });
});
