import type { PolicyCause } from "./types.js";

type Kind = "number" | "string" | "time" | "list";

interface KeySpec {
  readonly kind: Kind;
  readonly required?: true;
}

/**
 * The documented evidence keys of each 1008 cause (`PolicyEvidenceMap` in
 * types.ts, README "closePolicy evidence"), checked at runtime for callers
 * without the types. The collector's insights read these keys.
 */
export const POLICY_EVIDENCE_KEYS: Readonly<Record<PolicyCause, Readonly<Record<string, KeySpec>>>> = {
  rate_limit: { limit: { kind: "number", required: true }, observed: { kind: "number", required: true }, windowMs: { kind: "number" } },
  auth_expired: { tokenLifetimeMs: { kind: "number" }, tokenAgeMs: { kind: "number" }, expiredAt: { kind: "time" } },
  auth_invalid: { scheme: { kind: "string" }, detail: { kind: "string" } },
  forbidden: { resource: { kind: "string" }, permission: { kind: "string" } },
  origin_rejected: { origin: { kind: "string", required: true }, allowed: { kind: "list" } },
  content_rejected: { rule: { kind: "string" }, detail: { kind: "string" } },
  limit_exceeded: {
    resource: { kind: "string", required: true },
    limit: { kind: "number", required: true },
    observed: { kind: "number", required: true },
  },
  fragment_flood: { parts: { kind: "number" } },
  unspecified: {},
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "string":
      return typeof value === "string";
    case "time":
      return (
        (typeof value === "number" && Number.isFinite(value)) ||
        typeof value === "string" ||
        (value instanceof Date && !Number.isNaN(value.getTime()))
      );
    case "list":
      return typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
  }
}

const KIND_TEXT: Readonly<Record<Kind, string>> = {
  number: "a finite number",
  string: "a string",
  time: "ISO 8601 text, epoch ms or a Date",
  list: "a comma-separated string or an array of strings",
};

/**
 * Problems with the documented keys of `cause` in the evidence a caller
 * passed: a required key missing (only when evidence was passed at all) or a
 * value of the wrong kind. The evidence is still recorded as sanitised.
 */
export function checkPolicyEvidence(cause: string, input: unknown): string[] {
  if (!Object.hasOwn(POLICY_EVIDENCE_KEYS, cause) || typeof input !== "object" || input === null || Array.isArray(input)) return [];
  const spec = POLICY_EVIDENCE_KEYS[cause as PolicyCause];
  const problems: string[] = [];
  for (const [key, { kind, required }] of Object.entries(spec)) {
    const value: unknown = Object.hasOwn(input, key) ? Reflect.get(input, key) : undefined;
    if (value === undefined) {
      if (required) problems.push(`${cause} evidence should have "${key}" (${KIND_TEXT[kind]})`);
    } else if (!fits(kind, value)) {
      problems.push(`${cause} evidence "${key}" should be ${KIND_TEXT[kind]}`);
    }
  }
  return problems;
}
