import { describe, expect, it } from "vitest";
import { firing, rule } from "./fixtures.js";
import { isAlertFiringsResponse, isAlertRulesResponse } from "./guards.js";

describe("isAlertRulesResponse", () => {
  it("accepts rules with and without their optional fields", () => {
    const full = rule({ cause: "message_too_big", service: "chat-api", target: { url: "https://x.example", format: "slack" } });
    const evaluated = rule({ state: "firing", lastValue: 64, lastThreshold: 20.5, lastEvaluatedAt: "2026-11-25T10:00:00.000Z" });
    expect(isAlertRulesResponse({ rules: [rule(), full, evaluated] })).toBe(true);
    expect(isAlertRulesResponse({ rules: [] })).toBe(true);
  });

  it("accepts optional text sent as null", () => {
    expect(isAlertRulesResponse({ rules: [{ ...rule(), cause: null, service: null, target: null }] })).toBe(true);
  });

  it("rejects what the list could not render", () => {
    const { state: _, ...stateless } = rule();
    expect(isAlertRulesResponse({ rules: [stateless] })).toBe(false);
    expect(isAlertRulesResponse({ rules: [{ ...rule(), threshold: { kind: "factor", value: 3 } }] })).toBe(false);
    expect(isAlertRulesResponse({ rules: [{ ...rule(), codes: ["1009"] }] })).toBe(false);
    expect(isAlertRulesResponse({ rules: [{ ...rule(), target: { url: "https://x.example" } }] })).toBe(false);
    expect(isAlertRulesResponse([])).toBe(false);
  });
});

describe("isAlertFiringsResponse", () => {
  it("accepts resolved and open firings", () => {
    expect(isAlertFiringsResponse({ firings: [firing(), firing({ resolvedAt: null })] })).toBe(true);
  });

  it("rejects a firing without its notification", () => {
    const { notification: _, ...bare } = firing();
    expect(isAlertFiringsResponse({ firings: [bare] })).toBe(false);
    expect(isAlertFiringsResponse({ firings: [{ ...firing(), notification: { status: "failed" } }] })).toBe(false);
  });
});
