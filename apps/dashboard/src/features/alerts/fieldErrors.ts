import type { Problem } from "@closewatch/protocol";
import { formatNumber } from "../../lib/format.js";
import { durationWords } from "./durations.js";
import { parseCodes, type FieldErrors, type FormField, type RuleForm } from "./ruleForm.js";

/*
 * The collector's validation errors (`{ path: "body/windowSeconds", message:
 * "must be >= 60" }`) placed next to the form fields they concern, in the
 * form's own terms: minutes instead of seconds, words instead of schema
 * jargon. What matches no field is kept for a general message.
 */

type ProblemError = NonNullable<Problem["errors"]>[number];

export interface FormErrors {
  fields: FieldErrors;
  /** Errors no field shows, as "path: message". */
  general: string[];
}

/** API fields and the form fields that edit them. `threshold/value` depends on the kind (see fieldFor). */
const FIELDS: Readonly<Record<string, FormField>> = {
  name: "name",
  codes: "codes",
  cause: "cause",
  service: "service",
  windowSeconds: "windowMinutes",
  "threshold/baselineSeconds": "baselineMinutes",
  minEvents: "minEvents",
  forSeconds: "forMinutes",
  cooldownSeconds: "cooldownMinutes",
  target: "targetUrl",
  "target/url": "targetUrl",
  "target/format": "targetFormat",
  enabled: "enabled",
};

/** Fields entered in minutes whose limits the API states in seconds. */
const SECONDS_FIELDS: readonly FormField[] = ["windowMinutes", "baselineMinutes", "forMinutes", "cooldownMinutes"];

/**
 * Ajv's bookkeeping for unions (`threshold` is count | factor): it reports why
 * each branch failed, then that none matched. "Must be equal to constant" on
 * `kind` is the branch the user did not pick, and says nothing to fix.
 */
const UNION_NOISE = [
  /^must match a schema in anyOf$/,
  /^must match exactly one schema in oneOf$/,
  /^must be equal to constant$/,
];

/** `body/codes/2` → field path `codes/2`; a required property named at its parent becomes the property's path. */
function fieldPath(error: ProblemError): string {
  const path = error.path.replace(/^body(\/|$)/, "");
  const missing = /^must have required property '([^']+)'$/.exec(error.message)?.[1];
  return missing ? [path, missing].filter(Boolean).join("/") : path;
}

function fieldFor(path: string, form: RuleForm): FormField | undefined {
  if (path === "threshold/value") return form.thresholdKind === "count" ? "countValue" : "factorValue";
  // A factor-only property reported against a count rule comes from the branch not chosen.
  if (path.startsWith("threshold/baselineSeconds") && form.thresholdKind === "count") return undefined;
  return FIELDS[path] ?? FIELDS[path.replace(/\/\d+$/, "")];
}

const BOUND_WORDS: Readonly<Record<string, string>> = {
  ">=": "at least",
  "<=": "at most",
  ">": "more than",
  "<": "less than",
};

/** Ajv's message in the form's terms. */
function friendlyMessage(field: FormField, path: string, message: string, form: RuleForm): string {
  const bound = /^must be (>=|<=|>|<) (-?\d+(?:\.\d+)?(?:e\+?\d+)?)$/.exec(message);
  if (bound) {
    const limit = Number(bound[2]);
    const value = SECONDS_FIELDS.includes(field) ? durationWords(limit) : formatNumber(limit, 2);
    const words = `Must be ${BOUND_WORDS[bound[1]!]} ${value}.`;
    // One of several codes: say which.
    const index = /^codes\/(\d+)$/.exec(path)?.[1];
    const code = index === undefined ? undefined : parseCodes(form.codes).codes[Number(index)];
    return code === undefined ? words : `${code}: close codes run from 1000 to 4999.`;
  }
  if (/^must have required property/.test(message)) return "Required.";
  if (message === "must be integer") return "Must be a whole number.";
  if (/^must NOT have fewer than 1 characters$/.test(message)) return "Required.";
  if (field === "codes" && /^must NOT have fewer than 1 items$/.test(message)) return "Enter at least one close code.";
  if (field === "targetUrl" && /^must match (pattern|format)/.test(message)) {
    return "Must be a full http:// or https:// address.";
  }
  if (field === "cause" && /^must match pattern/.test(message)) return "Must be a cause id such as message_too_big.";
  const more = /^must NOT have more than (\d+) (characters|items)$/.exec(message);
  if (more) return `At most ${more[1]} ${field === "codes" ? "codes" : "characters"}.`;
  // The collector's own checks quote seconds ("≥ 1200 s for a 300 s window"): the field asks minutes.
  const words = SECONDS_FIELDS.includes(field)
    ? message.replace(/\b(\d+) s\b/g, (_, n: string) => durationWords(Number(n)))
    : message;
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

/**
 * Which of a union field's messages to show. Ajv checks the branches in the
 * order the protocol declares them (count, then factor), so the chosen kind's
 * complaint about the shared `value` is the first one for count and the last
 * one for factor ("must be >= 1" is count's limit, "must be >= 1.1" factor's).
 */
function pickUnionMessage(messages: readonly string[], form: RuleForm): string {
  return (form.thresholdKind === "count" ? messages[0] : messages[messages.length - 1])!;
}

const UNION_FIELDS: readonly FormField[] = ["countValue", "factorValue", "baselineMinutes"];

/** The problem's errors, as messages per form field plus what fits no field. */
export function formErrors(errors: readonly ProblemError[], form: RuleForm): FormErrors {
  const perField = new Map<FormField, string[]>();
  const general: string[] = [];
  for (const error of errors) {
    const path = fieldPath(error);
    const field = fieldFor(path, form);
    const noise = UNION_NOISE.some((re) => re.test(error.message));
    if (noise || (!field && path.startsWith("threshold"))) continue;
    if (!field) {
      general.push(`${path || "rule"}: ${error.message}`);
      continue;
    }
    const message = friendlyMessage(field, path, error.message, form);
    const list = perField.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    perField.set(field, list);
  }
  const fields: FieldErrors = {};
  for (const [field, messages] of perField) {
    fields[field] = UNION_FIELDS.includes(field) ? pickUnionMessage(messages, form) : messages.join(" ");
  }
  return { fields, general };
}
