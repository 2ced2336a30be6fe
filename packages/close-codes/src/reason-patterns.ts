/**
 * Reason-text rules, tried in order; the first match wins. Each pattern names
 * the cause only when the text says so: text that says nothing about a cause
 * must fall through to `unspecified` rather than be guessed.
 */
export interface ReasonRule {
  code: 1008 | 1009;
  cause: string;
  pattern: RegExp;
}

export const REASON_RULES: readonly ReasonRule[] = [
  // 1009 — the most specific wording first.
  { code: 1009, cause: "decompressed_too_big", pattern: /(decompress|inflat|uncompress)/i },
  { code: 1009, cause: "frame_too_big", pattern: /\bframe\b/i },
  { code: 1009, cause: "message_too_big", pattern: /(payload|message|msg|too (big|large)|max.*size|size.*(limit|exceed)|exceeds?\b.*\blimit)/i },
  // 1008
  { code: 1008, cause: "fragment_flood", pattern: /(fragment|buffered parts|too many (parts|chunks))/i },
  { code: 1008, cause: "auth_expired", pattern: /(expired|expiry|token.*(stale|old)|session.*timed? ?out|jwt exp)/i },
  { code: 1008, cause: "origin_rejected", pattern: /\borigin\b|\bcors\b/i },
  { code: 1008, cause: "rate_limit", pattern: /(rate|too many (requests|messages)|slow down|throttl|flood|spam)/i },
  { code: 1008, cause: "limit_exceeded", pattern: /(quota|max(imum)? (connections|subscriptions)|too many (connections|subscriptions|sockets)|limit (reached|exceeded))/i },
  { code: 1008, cause: "auth_invalid", pattern: /(unauthori[sz]ed|invalid (token|credentials|signature|jwt|auth)|auth(entication)? (failed|required)|not authenticated|bad token|missing token)/i },
  { code: 1008, cause: "forbidden", pattern: /(forbidden|not allowed|permission|access denied|banned|blocked)/i },
  { code: 1008, cause: "content_rejected", pattern: /(invalid (message|payload|content|json|format)|malformed|profanity|not permitted content|schema)/i },
];
