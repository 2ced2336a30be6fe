/** U+0000 or a UTF-16 surrogate: rare, so the common case is one failed test. */
const SUSPECT = /[\u0000\ud800-\udfff]/;
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * PostgreSQL text cannot hold U+0000, and jsonb refuses a lone surrogate
 * (JSON admits both). Stored, either would fail the whole group-commit
 * statement, other requests' events included; as a query parameter, the
 * query. Both become U+FFFD, as a UTF-8 decoder would show them, so a filter
 * finds what ingest stored from the same text.
 */
export function storableText(text: string): string {
  return SUSPECT.test(text) ? text.replace(UNSTORABLE, "\ufffd") : text;
}
