import type { AlertRule, AlertRuleInput, AlertTarget } from "@closewatch/protocol";
import { minutesText, numberFromText, secondsFromMinutesText } from "./durations.js";

/*
 * The create/edit form's state and its conversion to and from the API's
 * AlertRuleInput. Fields hold text as typed; durations are minutes on screen
 * and seconds on the wire. The form only refuses what it cannot turn into
 * JSON (a blank or non-numeric number); every range rule is the collector's,
 * and its field errors are shown next to the fields (see fieldErrors.ts).
 */

export type ThresholdKind = AlertRuleInput["threshold"]["kind"];
export type TargetFormat = AlertTarget["format"];

export interface RuleForm {
  name: string;
  /** Close codes as typed: "1009" or "1008, 1009". */
  codes: string;
  /** "" for any cause. */
  cause: string;
  /** "" for all services. */
  service: string;
  windowMinutes: string;
  thresholdKind: ThresholdKind;
  /** Each kind keeps its own value, so switching back and forth loses nothing. */
  countValue: string;
  factorValue: string;
  baselineMinutes: string;
  minEvents: string;
  forMinutes: string;
  cooldownMinutes: string;
  /** "" for no notification. */
  targetUrl: string;
  targetFormat: TargetFormat;
  enabled: boolean;
}

export type FormField = Exclude<keyof RuleForm, "thresholdKind">;
export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * The rule most teams want first: a 1009 spike, relative to the last hour so
 * it suits busy and quiet services alike, with enough closes and long enough
 * over the line that a single large upload does not page anyone.
 */
export const SUGGESTED_RULE: AlertRuleInput = {
  name: "1009 spike",
  codes: [1009],
  windowSeconds: 5 * 60,
  threshold: { kind: "factor", value: 3, baselineSeconds: 3600 },
  minEvents: 20,
  forSeconds: 2 * 60,
  cooldownSeconds: 15 * 60,
  enabled: true,
};

/** What a kind starts at when the rule being edited uses the other one. */
const DEFAULT_COUNT = 50;
const DEFAULT_BASELINE_SECONDS = 3600;
const DEFAULT_FACTOR = 3;

/** A non-empty string, or nothing: the API may leave optional text out, send null, or (serialised) "". */
function presentText(value: string | null | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The editable part of a stored rule: what a PUT sends back (the schema rejects any other field). */
export function inputFromRule(rule: AlertRule): AlertRuleInput {
  const input: AlertRuleInput = {
    name: rule.name,
    codes: [...rule.codes],
    windowSeconds: rule.windowSeconds,
    threshold: { ...rule.threshold },
    minEvents: rule.minEvents,
    forSeconds: rule.forSeconds,
    cooldownSeconds: rule.cooldownSeconds,
    enabled: rule.enabled,
  };
  const cause = presentText(rule.cause);
  const service = presentText(rule.service);
  if (cause) input.cause = cause;
  if (service) input.service = service;
  if (rule.target && presentText(rule.target.url)) input.target = { url: rule.target.url, format: rule.target.format };
  return input;
}

export function formFromInput(input: AlertRuleInput): RuleForm {
  const { threshold } = input;
  return {
    name: input.name,
    codes: input.codes.join(", "),
    cause: input.cause ?? "",
    service: input.service ?? "",
    windowMinutes: minutesText(input.windowSeconds),
    thresholdKind: threshold.kind,
    countValue: String(threshold.kind === "count" ? threshold.value : DEFAULT_COUNT),
    factorValue: String(threshold.kind === "factor" ? threshold.value : DEFAULT_FACTOR),
    baselineMinutes: minutesText(threshold.kind === "factor" ? threshold.baselineSeconds : DEFAULT_BASELINE_SECONDS),
    minEvents: String(input.minEvents),
    forMinutes: minutesText(input.forSeconds),
    cooldownMinutes: minutesText(input.cooldownSeconds),
    targetUrl: input.target?.url ?? "",
    targetFormat: input.target?.format ?? "json",
    enabled: input.enabled,
  };
}

/** Close codes typed into the codes field, in order, without repeats; `bad` lists what is not a number. */
export function parseCodes(text: string): { codes: number[]; bad: string[] } {
  const codes: number[] = [];
  const bad: string[] = [];
  for (const token of text.split(/[\s,;]+/).filter(Boolean)) {
    if (!/^\d{1,6}$/.test(token)) bad.push(token);
    else if (!codes.includes(Number(token))) codes.push(Number(token));
  }
  return { codes, bad };
}

export type FormResult = { ok: true; input: AlertRuleInput } | { ok: false; errors: FieldErrors };

/** The AlertRuleInput a form describes; empty optional fields are left out, not sent blank. */
export function inputFromForm(form: RuleForm): FormResult {
  const errors: FieldErrors = {};
  const number = (field: FormField, text: string, words: string): number => {
    const n = numberFromText(text);
    if (n === undefined) errors[field] = `Enter ${words}.`;
    return n ?? 0;
  };
  const seconds = (field: FormField, text: string): number => {
    const s = secondsFromMinutesText(text);
    if (s === undefined) errors[field] = "Enter a number of minutes.";
    return s ?? 0;
  };

  const { codes, bad } = parseCodes(form.codes);
  if (bad.length > 0) {
    const quoted = bad.map((b) => `“${b}”`).join(", ");
    const verb = bad.length === 1 ? "is not a close code" : "are not close codes";
    errors.codes = `${quoted} ${verb}: use numbers such as 1009.`;
  }
  const windowSeconds = seconds("windowMinutes", form.windowMinutes);
  const threshold: AlertRuleInput["threshold"] =
    form.thresholdKind === "count"
      ? { kind: "count", value: number("countValue", form.countValue, "a number of closes") }
      : {
          kind: "factor",
          value: number("factorValue", form.factorValue, "a factor such as 3"),
          baselineSeconds: seconds("baselineMinutes", form.baselineMinutes),
        };
  const minEvents = number("minEvents", form.minEvents, "a number of closes");
  const forSeconds = seconds("forMinutes", form.forMinutes);
  const cooldownSeconds = seconds("cooldownMinutes", form.cooldownMinutes);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const input: AlertRuleInput = {
    name: form.name.trim(),
    codes,
    windowSeconds,
    threshold,
    minEvents,
    forSeconds,
    cooldownSeconds,
    enabled: form.enabled,
  };
  const service = form.service.trim();
  const url = form.targetUrl.trim();
  if (form.cause) input.cause = form.cause;
  if (service) input.service = service;
  if (url) input.target = { url, format: form.targetFormat };
  return { ok: true, input };
}
