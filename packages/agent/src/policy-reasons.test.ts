import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_REASONS, defaultPolicyReason } from "./policy-reasons.js";

describe("default policy reasons", () => {
  it("has a short reason for every 1008 cause of DESIGN.md", () => {
    expect(Object.keys(DEFAULT_POLICY_REASONS).sort()).toEqual(
      [
        "auth_expired",
        "auth_invalid",
        "content_rejected",
        "forbidden",
        "fragment_flood",
        "limit_exceeded",
        "origin_rejected",
        "rate_limit",
        "unspecified",
      ].sort(),
    );
    for (const reason of Object.values(DEFAULT_POLICY_REASONS)) expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
  });

  it("falls back to a generic reason for other causes", () => {
    expect(defaultPolicyReason("rate_limit")).toBe("rate limit exceeded");
    expect(defaultPolicyReason("custom_rule")).toBe("policy violation");
    expect(defaultPolicyReason("toString")).toBe("policy violation");
  });

  it("names the resource of limit_exceeded when given", () => {
    expect(defaultPolicyReason("limit_exceeded", { resource: "subscriptions", limit: 100, observed: 101 })).toBe("subscriptions limit exceeded");
    expect(defaultPolicyReason("limit_exceeded", { resource: " " })).toBe("connection limit exceeded");
    expect(defaultPolicyReason("limit_exceeded")).toBe("connection limit exceeded");
    expect(defaultPolicyReason("rate_limit", { resource: "x" })).toBe("rate limit exceeded");
  });
});
