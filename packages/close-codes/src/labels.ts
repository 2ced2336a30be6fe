import { ALL_CAUSES } from "./causes.js";

/** Codes that keep their own metric label value; all others fold into a range. */
const LABELLED_CODES = new Set([
  1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 3000, 3003, 3008,
]);

/**
 * Bounded label value for a close code: registry codes as themselves, the rest
 * as their range ("3xxx", "4xxx") so an application cannot explode cardinality.
 */
export function codeLabel(code: number): string {
  if (LABELLED_CODES.has(code)) return String(code);
  if (code >= 4000 && code <= 4999) return "4xxx";
  if (code >= 3000 && code <= 3999) return "3xxx";
  return "other";
}

const KNOWN_CAUSES = new Set(ALL_CAUSES);

/** Bounded label value for a cause id. */
export function causeLabel(cause: string): string {
  return KNOWN_CAUSES.has(cause) ? cause : "unspecified";
}
