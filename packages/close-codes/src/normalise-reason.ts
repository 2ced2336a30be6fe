/**
 * Turns a close reason into plain lowercase words so that one rule matches
 * "RATE_LIMITED", "rateLimitExceeded", "rate-limited" and "Rate limited." alike.
 * Runs on every ingested 1006/1008/1009 event, so it is a handful of
 * precompiled replaces and nothing else.
 */

/** Reasons on the wire fit in 123 bytes; longer ones came from logs or app errors and only need their start. */
const MAX_LENGTH = 240;

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])|([A-Z]+)([A-Z][a-z])/g;
const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
// Anything that is not a letter or a digit (underscores, dashes, dots,
// brackets, `>`) becomes one space; numbers stay as words.
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

export function normaliseReason(reason: string): string {
  let text = reason.length > MAX_LENGTH ? reason.slice(0, MAX_LENGTH) : reason;
  // Split camelCase and PascalCase before lowercasing destroys the boundary:
  // "TokenExpiredError" -> "Token Expired Error", "JWTExpired" -> "JWT Expired".
  text = text.replace(CAMEL_BOUNDARY, "$1$3 $2$4");
  // Fold accents only when there are any ("inválido" -> "invalido"); most reasons are ASCII.
  if (NON_ASCII.test(text)) text = text.normalize("NFD").replace(COMBINING_MARKS, "");
  return text.toLowerCase().replace(SEPARATORS, " ").trim();
}
