import { describe, expect, it } from "vitest";
import { formErrors } from "./fieldErrors.js";
import { formFromInput, SUGGESTED_RULE, type RuleForm } from "./ruleForm.js";

const factorForm = formFromInput(SUGGESTED_RULE);
const countForm: RuleForm = { ...factorForm, thresholdKind: "count" };

/*
 * The `errors` below are what the collector's Ajv (allErrors) answers for
 * AlertRuleInput, captured from a Fastify route with the same options.
 */

describe("formErrors", () => {
  it("puts a seconds field's limit next to its minutes field, in minutes", () => {
    expect(formErrors([{ path: "body/windowSeconds", message: "must be >= 60" }], factorForm)).toEqual({
      fields: { windowMinutes: "Must be at least 1 min." },
      general: [],
    });
    expect(formErrors([{ path: "body/cooldownSeconds", message: "must be <= 604800" }], factorForm).fields).toEqual({
      cooldownMinutes: "Must be at most 7 d.",
    });
    expect(formErrors([{ path: "body/threshold/baselineSeconds", message: "must be >= 300" }], factorForm).fields).toEqual({
      baselineMinutes: "Must be at least 5 min.",
    });
  });

  it("shows a factor's own limit, not the count branch's", () => {
    const errors = [
      { path: "body/threshold/kind", message: "must be equal to constant" },
      { path: "body/threshold/value", message: "must be integer" },
      { path: "body/threshold/value", message: "must be >= 1" },
      { path: "body/threshold/value", message: "must be >= 1.1" },
      { path: "body/threshold", message: "must match a schema in anyOf" },
    ];
    expect(formErrors(errors, { ...factorForm, factorValue: "0.5" })).toEqual({
      fields: { factorValue: "Must be at least 1.1." },
      general: [],
    });
  });

  it("shows a count's own limit, not the factor branch's", () => {
    const errors = [
      { path: "body/threshold/value", message: "must be >= 1" },
      { path: "body/threshold", message: "must have required property 'baselineSeconds'" },
      { path: "body/threshold/kind", message: "must be equal to constant" },
      { path: "body/threshold/value", message: "must be >= 1.1" },
      { path: "body/threshold", message: "must match a schema in anyOf" },
    ];
    expect(formErrors(errors, { ...countForm, countValue: "0" })).toEqual({
      fields: { countValue: "Must be at least 1." },
      general: [],
    });
  });

  it("says a missing or empty name is required", () => {
    expect(formErrors([{ path: "body", message: "must have required property 'name'" }], factorForm).fields).toEqual({
      name: "Required.",
    });
    expect(formErrors([{ path: "body/name", message: "must NOT have fewer than 1 characters" }], factorForm).fields).toEqual({
      name: "Required.",
    });
  });

  it("names the code that is out of range", () => {
    const errors = [{ path: "body/codes/1", message: "must be >= 1000" }];
    expect(formErrors(errors, { ...factorForm, codes: "1009, 999" }).fields).toEqual({
      codes: "999: close codes run from 1000 to 4999.",
    });
    expect(formErrors([{ path: "body/codes", message: "must NOT have fewer than 1 items" }], factorForm).fields).toEqual({
      codes: "Enter at least one close code.",
    });
  });

  it("says once that a target URL must be http(s), however many ways it failed", () => {
    const errors = [
      { path: "body/target/url", message: 'must match pattern "^https?://"' },
      { path: "body/target/url", message: 'must match format "uri"' },
    ];
    expect(formErrors(errors, factorForm).fields).toEqual({ targetUrl: "Must be a full http:// or https:// address." });
  });

  it("passes other messages through, and keeps errors of no field for a general message", () => {
    const errors = [
      { path: "body/service", message: "must NOT have more than 100 characters" },
      { path: "body/minEvents", message: "must be integer" },
      { path: "body", message: "must NOT have additional properties" },
      { path: "querystring/x", message: "is odd" },
    ];
    expect(formErrors(errors, factorForm)).toEqual({
      fields: { service: "At most 100 characters.", minEvents: "Must be a whole number." },
      general: ["rule: must NOT have additional properties", "querystring/x: is odd"],
    });
  });

  it("joins different messages for the same field", () => {
    const errors = [
      { path: "body/minEvents", message: "must be integer" },
      { path: "body/minEvents", message: "must be >= 1" },
    ];
    expect(formErrors(errors, factorForm).fields.minEvents).toBe("Must be a whole number. Must be at least 1.");
  });
});

describe("formErrors with the collector's own checks", () => {
  it("puts a baseline too short for its window next to the baseline, in minutes", () => {
    const errors = [
      {
        path: "body/threshold/baselineSeconds",
        message: "must cover at least 4 windows (≥ 1200 s for a 300 s window) for its average to mean anything",
      },
    ];
    expect(formErrors(errors, factorForm).fields).toEqual({
      baselineMinutes: "Must cover at least 4 windows (≥ 20 min for a 5 min window) for its average to mean anything.",
    });
  });

  it("puts a cause its codes cannot have next to the cause", () => {
    const message = '"rate_limit" is not a cause of close code 1009; a rule with a cause needs it under every one of its codes';
    expect(formErrors([{ path: "body/cause", message }], factorForm).fields).toEqual({ cause: `${message}.` });
  });
});
