import type { Evidence } from "@closewatch/protocol";

/**
 * Limits of the ingest schema (@closewatch/protocol). The collector rejects a
 * whole batch for one bad field, so the agent makes every field valid first.
 */
export const MAX_REASON_BYTES = 123;
export const CAUSE_PATTERN = /^[a-z][a-z0-9_]{0,47}$/;
export const WS_ERROR_CODE_PATTERN = /^[A-Z0-9_]{1,64}$/;
const EVIDENCE_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_EVIDENCE_KEYS = 16;
export const MAX_EVIDENCE_STRING = 200;
const MAX_LABEL_CHARS = 200;
export const MAX_SERVICE_CHARS = 100;

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character
 * (a close frame's reason is 123 bytes, not 123 characters).
 */
export function truncateUtf8(text: string, maxBytes: number = MAX_REASON_BYTES): string {
  // Fast path: every UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

/** Decodes a close reason (ws hands out a Buffer) and bounds it. */
export function reasonText(reason: unknown): string {
  if (typeof reason === "string") return truncateUtf8(reason);
  if (Buffer.isBuffer(reason)) {
    // A valid frame reason is ≤123 bytes; decoding replaces invalid UTF-8 with
    // U+FFFD (3 bytes), which can push it over, hence the truncation.
    return truncateUtf8(reason.subarray(0, MAX_REASON_BYTES * 4).toString("utf8"));
  }
  return "";
}

/** Bounded free-text label (route, instance). */
export function labelText(value: string): string {
  return cutText(value, MAX_LABEL_CHARS);
}

export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

export interface SanitizedEvidence {
  evidence: Evidence | undefined;
  /** Keys that were dropped or values that were changed, for one onError report. */
  problems: string[];
}

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A list as evidence text: entries joined with commas; when that is longer
 * than 200 characters it ends after the last whole entry that fits, with "…".
 */
export function listText(values: readonly unknown[]): string {
  const text = values.map(String).join(",");
  if (text.length <= MAX_EVIDENCE_STRING) return text;
  const cut = text.lastIndexOf(",", MAX_EVIDENCE_STRING - 1);
  return `${cut > 0 ? text.slice(0, cut) : cutText(text, MAX_EVIDENCE_STRING - 1)}…`;
}

function isListOfScalars(value: unknown): value is readonly (string | number | boolean)[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v)));
}

/**
 * Keeps what the schema accepts: up to 16 keys matching the key pattern, with
 * finite numbers, booleans or strings (cut to 200 characters). A valid Date
 * becomes ISO 8601 text and a list of scalars comma-separated text
 * (`listText`); keys whose value is `undefined` are skipped silently.
 */
export function sanitizeEvidence(input: unknown): SanitizedEvidence {
  const problems: string[] = [];
  if (input === undefined || input === null) return { evidence: undefined, problems };
  if (typeof input !== "object" || Array.isArray(input)) {
    return { evidence: undefined, problems: ["evidence must be a flat object"] };
  }
  const out: Evidence = {};
  let count = 0;
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (count >= MAX_EVIDENCE_KEYS) {
      problems.push(`evidence has more than ${MAX_EVIDENCE_KEYS} keys; the rest were dropped`);
      break;
    }
    if (!EVIDENCE_KEY_PATTERN.test(key)) {
      problems.push(`evidence key "${key.slice(0, 40)}" is not an identifier`);
      continue;
    }
    if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
      out[key] = value;
    } else if (typeof value === "string") {
      out[key] = cutText(value, MAX_EVIDENCE_STRING);
    } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
      out[key] = value.toISOString();
    } else if (isListOfScalars(value)) {
      out[key] = listText(value);
    } else {
      problems.push(`evidence "${key}" must be a finite number, a string or a boolean`);
      continue;
    }
    count++;
  }
  return { evidence: count > 0 ? out : undefined, problems };
}
