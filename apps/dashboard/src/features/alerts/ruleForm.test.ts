import type { AlertRuleInput } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { rule } from "./fixtures.js";
import { formFromInput, inputFromForm, inputFromRule, parseCodes, SUGGESTED_RULE, type RuleForm } from "./ruleForm.js";

function valid(form: RuleForm): AlertRuleInput {
  const result = inputFromForm(form);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.input;
}

const suggested = formFromInput(SUGGESTED_RULE);

describe("the suggested rule", () => {
  it("is a 1009 spike: 5 min window, 3× the last hour, at least 20 closes, 2 min over, 15 min cooldown", () => {
    expect(suggested).toMatchObject({
      codes: "1009",
      windowMinutes: "5",
      thresholdKind: "factor",
      factorValue: "3",
      baselineMinutes: "60",
      minEvents: "20",
      forMinutes: "2",
      cooldownMinutes: "15",
      cause: "",
      service: "",
      targetUrl: "",
      enabled: true,
    });
    expect(valid(suggested)).toEqual(SUGGESTED_RULE);
  });
});

describe("form ↔ input", () => {
  it("shows durations in minutes and sends them in seconds", () => {
    const input = valid({ ...suggested, windowMinutes: "10", forMinutes: "0.5", cooldownMinutes: "0", baselineMinutes: "120" });
    expect(input.windowSeconds).toBe(600);
    expect(input.forSeconds).toBe(30);
    expect(input.cooldownSeconds).toBe(0);
    expect(input.threshold).toEqual({ kind: "factor", value: 3, baselineSeconds: 7200 });
    expect(formFromInput({ ...SUGGESTED_RULE, windowSeconds: 90 }).windowMinutes).toBe("1.5");
  });

  it("leaves out empty optional fields rather than sending them blank", () => {
    const input = valid({ ...suggested, cause: "", service: "  ", targetUrl: " " });
    expect(input).not.toHaveProperty("cause");
    expect(input).not.toHaveProperty("service");
    expect(input).not.toHaveProperty("target");
  });

  it("sends the optional fields that are filled in, trimmed", () => {
    const input = valid({
      ...suggested,
      name: "  Uploads too big ",
      cause: "message_too_big",
      service: " chat-api ",
      targetUrl: " https://hooks.slack.com/services/T/B/X ",
      targetFormat: "slack",
    });
    expect(input).toMatchObject({
      name: "Uploads too big",
      cause: "message_too_big",
      service: "chat-api",
      target: { url: "https://hooks.slack.com/services/T/B/X", format: "slack" },
    });
  });

  it("sends only the chosen threshold kind's fields", () => {
    const input = valid({ ...suggested, thresholdKind: "count", countValue: "50" });
    expect(input.threshold).toEqual({ kind: "count", value: 50 });
  });

  it("keeps each kind's value, so switching kinds loses nothing", () => {
    const count = formFromInput({ ...SUGGESTED_RULE, threshold: { kind: "count", value: 75 } });
    expect(count).toMatchObject({ thresholdKind: "count", countValue: "75", factorValue: "3", baselineMinutes: "60" });
    expect(valid({ ...count, thresholdKind: "factor" }).threshold).toEqual({ kind: "factor", value: 3, baselineSeconds: 3600 });
  });

  it("round-trips a full rule", () => {
    const input: AlertRuleInput = {
      name: "Auth expiry storm",
      codes: [1008, 4001],
      cause: "auth_expired",
      service: "feed-api",
      windowSeconds: 600,
      threshold: { kind: "count", value: 40 },
      minEvents: 5,
      forSeconds: 0,
      cooldownSeconds: 3600,
      target: { url: "https://example.com/hook", format: "json" },
      enabled: false,
    };
    expect(valid(formFromInput(input))).toEqual(input);
  });

  it("refuses blank or non-numeric numbers before sending, leaving ranges to the collector", () => {
    const result = inputFromForm({ ...suggested, windowMinutes: "", factorValue: "three", minEvents: " " });
    expect(result).toEqual({
      ok: false,
      errors: {
        windowMinutes: "Enter a number of minutes.",
        factorValue: "Enter a factor such as 3.",
        minEvents: "Enter a number of closes.",
      },
    });
    // Out of range, but a number: the collector is the one to say so.
    expect(valid({ ...suggested, windowMinutes: "0" }).windowSeconds).toBe(0);
  });

  it("ignores a hidden kind's blank value", () => {
    expect(inputFromForm({ ...suggested, countValue: "" }).ok).toBe(true);
    expect(inputFromForm({ ...suggested, thresholdKind: "count", baselineMinutes: "", factorValue: "" }).ok).toBe(true);
  });
});

describe("parseCodes", () => {
  it("reads codes separated by commas or spaces, without repeats", () => {
    expect(parseCodes("1009")).toEqual({ codes: [1009], bad: [] });
    expect(parseCodes(" 1008, 1009 1008;4001 ")).toEqual({ codes: [1008, 1009, 4001], bad: [] });
    expect(parseCodes("")).toEqual({ codes: [], bad: [] });
  });

  it("lists what is not a number, and the form refuses it", () => {
    expect(parseCodes("1009, 10x8")).toEqual({ codes: [1009], bad: ["10x8"] });
    const result = inputFromForm({ ...suggested, codes: "1009, abc" });
    expect(result).toEqual({ ok: false, errors: { codes: "“abc” is not a close code: use numbers such as 1009." } });
  });
});

describe("inputFromRule", () => {
  it("keeps only what a PUT may send", () => {
    const stored = rule({ state: "firing", lastValue: 64, lastThreshold: 20, lastEvaluatedAt: "2026-11-25T10:05:00.000Z" });
    expect(inputFromRule(stored)).toEqual(SUGGESTED_RULE);
  });

  it("keeps the optional fields a rule has, and drops ones sent empty or null", () => {
    const full = rule({ cause: "message_too_big", service: "chat-api", target: { url: "https://x.example/h", format: "json" } });
    expect(inputFromRule(full)).toMatchObject({
      cause: "message_too_big",
      service: "chat-api",
      target: { url: "https://x.example/h" },
    });
    const blank = rule({ cause: "", service: null as never, target: null as never });
    expect(inputFromRule(blank)).toEqual(SUGGESTED_RULE);
  });
});
