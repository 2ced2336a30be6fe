import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY_REASONS } from "./policy-reasons.js";
import { checkPolicyEvidence, POLICY_EVIDENCE_KEYS } from "./policy-evidence.js";

describe("checkPolicyEvidence", () => {
  it("documents keys for every 1008 cause", () => {
    expect(Object.keys(POLICY_EVIDENCE_KEYS).sort()).toEqual(Object.keys(DEFAULT_POLICY_REASONS).sort());
  });

  it("accepts the documented shapes, with extra keys", () => {
    expect(checkPolicyEvidence("rate_limit", { limit: 50, observed: 73, windowMs: 1000, route: "/chat" })).toEqual([]);
    expect(checkPolicyEvidence("auth_expired", {})).toEqual([]);
    expect(checkPolicyEvidence("auth_expired", { expiredAt: "2026-01-01T00:00:00Z" })).toEqual([]);
    expect(checkPolicyEvidence("auth_expired", { expiredAt: 1_767_225_600_000 })).toEqual([]);
    expect(checkPolicyEvidence("auth_expired", { expiredAt: new Date() })).toEqual([]);
    expect(checkPolicyEvidence("origin_rejected", { origin: "https://evil.example", allowed: ["https://app.example"] })).toEqual([]);
    expect(checkPolicyEvidence("limit_exceeded", { resource: "subscriptions", limit: 100, observed: 101 })).toEqual([]);
    expect(checkPolicyEvidence("unspecified", { anything: 1 })).toEqual([]);
  });

  it("names missing required keys and values of the wrong kind", () => {
    expect(checkPolicyEvidence("rate_limit", { limit: "50" })).toEqual([
      'rate_limit evidence "limit" should be a finite number',
      'rate_limit evidence should have "observed" (a finite number)',
    ]);
    expect(checkPolicyEvidence("origin_rejected", { allowed: [1] })).toEqual([
      'origin_rejected evidence should have "origin" (a string)',
      'origin_rejected evidence "allowed" should be a comma-separated string or an array of strings',
    ]);
  });

  it("says nothing when no evidence was passed, or for causes it does not know", () => {
    expect(checkPolicyEvidence("rate_limit", undefined)).toEqual([]);
    expect(checkPolicyEvidence("custom_rule", { limit: "x" })).toEqual([]);
    expect(checkPolicyEvidence("toString", {})).toEqual([]);
  });
});
