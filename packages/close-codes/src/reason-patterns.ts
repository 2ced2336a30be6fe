/**
 * Reason-text rules, tried in order against the normalised reason (lowercase
 * words separated by single spaces, see normalise-reason.ts); the first match
 * wins. A rule names a cause only when the text says so: text that says
 * nothing about a cause must fall through to `unspecified`, because a wrong
 * cause sends the reader to the wrong fix. Rules are written as synonyms of a
 * concept, not as copies of the strings seen in the corpus.
 *
 * Confidence: 0.9 for an unambiguous phrase ("jwt expired", "origin not
 * allowed"), 0.8 for a clear but broader phrase, 0.7 for a single weak
 * keyword, 0.6 for a reason that only repeats the code's own name.
 */
export interface ReasonRule {
  code: 1008 | 1009;
  cause: string;
  pattern: RegExp;
  /** When set, the text must match this too (keeps each pattern readable). */
  also?: RegExp;
  /** When set, a text matching this is skipped by the rule. */
  unless?: RegExp;
  confidence: number;
}

// ---- shared vocabulary -------------------------------------------------------

/** Words that say a size limit was hit. */
const SIZE = /\b(?:too (?:big|large|long)|exceed\w*|limit\w*|max\w*|size|length|overflow\w*)\b/;
/** Things that can expire or be revoked. */
const CREDENTIAL = /\b(?:token|session|jwt|key|credentials?|cert\w*|login|auth\w*|access|signature|cookie|ticket|password)\b/;
/** Credentials, excluding "access": "access revoked" is a permission decision, not an expiry. */
const SECRET = /\b(?:token|session|jwt|key|credentials?|password|auth\w*|cookie|login)\b/;

/**
 * "Invalid frame: invalid payload length 126" (ws, a control frame over 125
 * bytes) breaks the protocol; it is not a size limit even though it says length.
 */
const NOT_A_LIMIT = /\b(?:invalid|bad|malformed|wrong) (?:\w+ )?(?:length|size)\b/;

const size = (cause: string, pattern: RegExp, confidence: number, also?: RegExp): ReasonRule =>
  also
    ? { code: 1009, cause, pattern, also, unless: NOT_A_LIMIT, confidence }
    : { code: 1009, cause, pattern, unless: NOT_A_LIMIT, confidence };
const policy = (cause: string, pattern: RegExp, confidence: number, also?: RegExp): ReasonRule =>
  also ? { code: 1008, cause, pattern, also, confidence } : { code: 1008, cause, pattern, confidence };

// ---- 1009 (and size errors behind a locally reported 1006) ------------------

export const SIZE_RULES: readonly ReasonRule[] = [
  // The code's own name ("Message Too Big", MESSAGE_TOO_BIG) tells nothing beyond the code.
  size("message_too_big", /^message too big$/, 0.6),
  size("decompressed_too_big", /\b(?:decompress\w*|inflat\w*|uncompress\w*|deflate|zlib|gzip|(?:zip|compression) bomb)\b/, 0.9),
  // "frame with N bytes after reading M bytes exceeds…": the running total of a message, not one frame.
  size("message_too_big", /\b(?:after reading|total|cumulative|accumulated|aggregated|reassembled|combined)\b/, 0.85, SIZE),
  // The limit that was hit decides: "frame payload exceeds max message size" is a message limit.
  size("message_too_big", /\bmax\w* (?:message|msg) (?:size|length)\b|\b(?:message|msg) (?:size|length) limit\b/, 0.85),
  size("frame_too_big", /\bframes?\b/, 0.9, SIZE),
  size("message_too_big", /\b(?:message|msg|payload|data|body|buffer|text|binary|content|snapshot|upload|file|request|read)\b/, 0.9, SIZE),
  size("message_too_big", /\btoo (?:big|large|long)\b|\b(?:size|length) limit\b|\bover (?:the )?(?:size )?limit\b|\bexceeds? (?:the )?(?:max\w*|limit)\b/, 0.7),
];

// ---- 1008 -------------------------------------------------------------------

export const POLICY_RULES: readonly ReasonRule[] = [
  policy("fragment_flood", /\bfragment(?:s|ed|ation)?\b|\bbuffered (?:parts|chunks)\b|\bcontinuation frames?\b/, 0.9),

  // Origin words are specific enough to go before everything else ("CSRF token" is an origin check).
  policy("origin_rejected", /\b(?:origins?|cors|csrf|cswsh|cross (?:origin|site))\b/, 0.9),

  // "invalid or expired token" cannot tell the two apart; invalid is the safer reading.
  policy("auth_invalid", /\b(?:invalid|bad|wrong) or expired\b|\bexpired or (?:invalid|revoked)\b/, 0.8),
  policy("auth_expired", /\b(?:expired?|expiry|expiration|expires)\b|\bno longer (?:active|valid)\b/, 0.9, CREDENTIAL),
  policy("auth_expired", /\bexp claim\b/, 0.9),
  policy("auth_expired", /\b(?:revoked|rotated|changed|invalidated|logged out)\b/, 0.8, SECRET),

  policy(
    "auth_invalid",
    /\bunauthori[sz]ed\b|\bunauthenticated\b|\bnot (?:authenticated|authori[sz]ed|logged in|signed in)\b|\b(?:authentication|auth|login|sign in) (?:failed|failure|required|error|timeout|timed out|missing|rejected)\b|\b(?:invalid signature|signature verification failed)\b/,
    0.9,
  ),
  policy(
    "auth_invalid",
    /\b(?:invalid|bad|wrong|incorrect|missing|malformed|unknown)(?: \w+)? (?:token|credentials?|jwt|api key|secret|password|signature|bearer|auth\w*)\b/,
    0.9,
  ),
  policy(
    "auth_invalid",
    /\b(?:token|jwt|credentials?|api key|password|secret)(?: \w+)? (?:is |are |was )?(?:required|missing|invalid\w*|malformed|rejected|incorrect|wrong|must be provided|not (?:provided|valid|found|passed|given|supplied))\b/,
    0.9,
  ),
  policy("auth_invalid", /\bno (?:token|credentials?|api key|jwt|auth\w*)\b/, 0.9),
  policy("auth_invalid", /\b(?:jwt|jws|bearer|password|credentials?)\b/, 0.7),

  // Content before rate and quota rules: "too many malformed messages" is about content.
  // "invalid request" is left out on purpose: it is as often the HTTP upgrade as a message.
  policy(
    "content_rejected",
    /\bmalformed\b|\b(?:invalid|bad|unexpected|unknown|unsupported|illegal|wrong)(?: \w+)? (?:messages?|payload|content|json|data|format|frames?|input|command|packet|event|type|msg|body|length|encoding|schema|opcode)\b|\bnot (?:valid )?json\b|\b(?:parse|parsing|decode|decoding|validation|schema) (?:errors?|failed|failure)\b|\b(?:could not|failed to|unable to) (?:parse|decode)\b|\bmust be (?:json|text|binary)\b|\bexpected (?:binary|text|json)\b|\bexpected\b.* (?:frame|message)$|\b(?:message|content|payload)(?: type)? (?:is )?(?:not allowed|rejected|blocked|refused)\b|\b(?:profan\w*|prohibited|inappropriate|offensive|moderation)\b|\bmust (?:be|not be|contain)\b.*\b(?:characters?|chars)\b/,
    0.8,
  ),
  // A few servers use 1008 for oversized messages; the content was rejected for its size.
  policy("content_rejected", /\btoo (?:big|large|long)\b|\bmust not exceed\b/, 0.7),

  policy(
    "rate_limit",
    /\brate ?limit\w*\b|\b(?:rate|frequency) exceeded\b|\btoo many (?:\w+ )?(?:requests|messages|msgs|events|calls|commands|attempts|actions|updates|pings|packets|operations|writes)\b|\bslow down\b|\btoo fast\b|\bthrottl\w*\b|\bflood\w*\b|\bspam\w*\b|\b429\b/,
    0.9,
  ),

  policy(
    "limit_exceeded",
    /\btoo many (?:\w+ )?(?:connections|clients|sessions|sockets|subscriptions|channels|tabs|devices|streams|peers|players|users|subscribers|logins)\b|\bmore than \d+ (?:\w+ )?(?:connections|clients|sessions|sockets|subscriptions|channels|tabs|devices)\b|\bmax\w* (?:number of )?(?:\w+ )?(?:connections|clients|sessions|sockets|subscriptions|channels)\b|\b(?:connections?|subscriptions?|channels?|sessions?|clients?|sockets?|concurrency|seats?) (?:limit|quota|cap)\b|\bquota\b|\b(?:room|lobby|server|party|game|match|channel) (?:is )?full\b|\bcapacity\b|\bduplicated? (?:connections?|sessions?|logins?)\b|\bsuperseded\b|\b(?:session|connection|seat|slot) (?:taken|taken over|stolen)\b|\breplaced by (?:a )?new(?:er)? (?:connection|session)\b|\b(?:connection|session)\b.*\balready (?:exists|connected|open|active)\b|\balready connected\b|\blimit (?:reached|exceeded)\b/,
    0.8,
  ),

  policy(
    "forbidden",
    /\bforbidden\b|\bnot (?:allowed|permitted|entitled|whitelisted|allowlisted|a (?:member|participant))\b|\bpermissions?\b|\b(?:access|permission) (?:denied|revoked|disabled)\b|\bdenied\b|\bbann?(?:ed)?\b|\bkick(?:ed)?\b|\bblock(?:ed)?\b|\bblacklist\w*\b|\binsufficient (?:permissions?|privileges?|rights|scopes?)\b|\bno access\b|\brestricted\b|\bread only\b/,
    0.8,
  ),
];

/** Every rule, for callers that list them (e.g. documentation). */
export const REASON_RULES: readonly ReasonRule[] = [...SIZE_RULES, ...POLICY_RULES];
