/**
 * Redaction of secrets and personal data in the free text the agent ships
 * (close reasons, route / instance / service labels, string evidence values).
 *
 * Everything here runs on the host's close path, so it must stay cheap on any
 * input: texts are cut to MAX_REDACT_CHARS first (every field the agent ships
 * is shorter), each built-in pattern is linear or bounded (no nested
 * quantifiers that overlap), and `key=value` pairs are found by a plain scan
 * instead of a regular expression.
 */

/** What a redacted secret is replaced with. */
export const REDACTED = "[redacted]";

/** Redaction reads at most this many characters (reasons are ≤ 123 bytes, labels ≤ 200 characters). */
export const MAX_REDACT_CHARS = 512;

/** Most user patterns `redact` accepts. */
export const MAX_USER_PATTERNS = 32;

/** `scheme://user:password@host`: the user info. Runs before the e-mail rule. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/?#@]{1,200}@/gi;

/**
 * A JSON Web Token (or JWE): base64url `{"…` (`eyJ`) and at least one more
 * dot-separated part. The signature part may be missing: a token cut short by
 * the 123-byte reason limit still carries its claims. Segments cannot contain
 * dots, so matching is linear.
 */
const JWT = /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{7,}(?:\.[A-Za-z0-9_-]*)+/g;

/** `Bearer <credential>` / `Basic <credential>` (RFC 9110 token68). */
const AUTH_SCHEME = /\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi;


/** Well-known API key formats: Stripe, GitHub, Slack, AWS access key ids, Google API keys. */
const KNOWN_KEYS =
  /\b(?:[spr]k_(?:live|test)_[A-Za-z0-9]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35})/g;

/**
 * Keys whose `=` value is a secret: names ending in token, secret, password,
 * api key, signature…, and a few short names on their own (or after a
 * separator): `sig`, `sid`, `auth`, `key`, `pass`, `pwd`. Tested on a key of
 * at most 64 characters.
 */
const SECRET_KEY =
  /(?:token|secret|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|signature|credentials?|session[_-]?id|sessid|bearer|authorization)$|(?:^|[_.\-[])(?:sig|sid|auth|key|pass|pwd)$/i;

const MAX_KEY_CHARS = 64;

/** A JavaScript-compatible redaction function. */
export type RedactText = (text: string) => string;

export interface Redactor {
  /** Redacts free text (reasons, evidence strings). */
  readonly text: RedactText;
  /** Redacts a label (route, instance, service): the same, remembered for the few distinct labels a host has. */
  readonly label: RedactText;
}

/**
 * Compiles the user's patterns: each made global (so every occurrence is
 * replaced) and not sticky. Returns the problems for `resolveOptions`.
 */
export function compileUserPatterns(input: unknown, problems: string[]): RegExp[] {
  if (input === undefined) return [];
  if (!Array.isArray(input) || input.length > MAX_USER_PATTERNS || !input.every((p) => p instanceof RegExp)) {
    problems.push(`redact must be an array of at most ${MAX_USER_PATTERNS} regular expressions`);
    return [];
  }
  return input.map((pattern: RegExp) => new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, "")}g`));
}

export function createRedactor(userPatterns: readonly RegExp[]): Redactor {
  const text: RedactText = (input) => redactText(input, userPatterns);
  // Labels come from a few instrument() calls and the agent's options, or from
  // report() inputs (possibly one route per URL): remember a bounded number.
  const labels = new Map<string, string>();
  const label: RedactText = (input) => {
    const known = labels.get(input);
    if (known !== undefined) return known;
    const redacted = text(input);
    if (labels.size >= 64) labels.clear();
    labels.set(input, redacted);
    return redacted;
  };
  return { text, label };
}

/** The built-in rules, then the user's patterns. Never throws. */
export function redactText(input: string, userPatterns: readonly RegExp[] = []): string {
  if (input.length === 0) return input;
  let text = input.length > MAX_REDACT_CHARS ? cutChars(input, MAX_REDACT_CHARS) : input;
  try {
    const hasAt = text.includes("@");
    if (hasAt && text.includes("://")) text = text.replace(URL_USERINFO, `$1${REDACTED}@`);
    if (text.includes("eyJ")) text = text.replace(JWT, REDACTED);
    text = text.replace(AUTH_SCHEME, redactCredential);
    if (text.includes("=")) text = redactKeyValues(text);
    if (hasAt) text = redactEmails(text);
    text = text.replace(KNOWN_KEYS, REDACTED);
    for (const pattern of userPatterns) text = text.replace(pattern, redactNonEmpty);
  } catch {
    // Out of memory or a pathological user pattern: ship nothing rather than the secret.
    return REDACTED;
  }
  return text;
}

/** A user pattern that matches the empty string must not insert markers between characters. */
function redactNonEmpty(match: string): string {
  return match.length === 0 ? match : REDACTED;
}

/**
 * `Bearer abc123…`: redacts the credential but keeps ordinary words, so that
 * "Bearer token expired" stays readable. A credential is ≥ 8 characters with
 * a digit, an upper-case letter or a symbol after its first character, or
 * ≥ 20 characters of any kind.
 */
function redactCredential(match: string, scheme: string, space: string, credential: string): string {
  const looksSecret =
    credential.length >= 20 || (credential.length >= 8 && /[0-9A-Z\-._~+/=]/.test(credential.slice(1)));
  return looksSecret ? `${scheme}${space}${REDACTED}` : match;
}

function isKeyChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2d || // -
    c === 0x2e || // .
    c === 0x5b || // [
    c === 0x5d // ]
  );
}

/** Where an unquoted value ends: whitespace, or a separator of query strings, cookies, lists and brackets. */
function isValueEnd(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0x26 || // &
    c === 0x23 || // #
    c === 0x3b || // ;
    c === 0x2c || // ,
    c === 0x22 || // "
    c === 0x27 || // '
    c === 0x29 || // )
    c === 0x5d || // ]
    c === 0x7d || // }
    c === 0x3e // >
  );
}

/**
 * `token=…`, `access_token=…`, `api_key=…`, `password="…"`: the value after
 * a secret-looking key, up to the next separator (or the closing quote).
 * One pass over the text; each `=` looks back at most MAX_KEY_CHARS.
 */
export function redactKeyValues(text: string): string {
  let out = "";
  let copied = 0;
  let eq = text.indexOf("=");
  while (eq >= 0) {
    let start = eq;
    while (start > copied && eq - start < MAX_KEY_CHARS && isKeyChar(text.charCodeAt(start - 1))) start--;
    let next = eq + 1;
    const valueStart = eq + 1;
    if (text.startsWith(REDACTED, valueStart)) {
      // Already redacted (a JWT in a query, or a second pass).
      next = valueStart + REDACTED.length;
    } else if (start < eq && SECRET_KEY.test(text.slice(start, eq).replace(/\]$/, ""))) {
      const quote = text.charCodeAt(valueStart);
      let end: number;
      if (quote === 0x22 || quote === 0x27) {
        const close = text.indexOf(text.charAt(valueStart), valueStart + 1);
        end = close < 0 ? text.length : close + 1;
      } else {
        end = valueStart;
        while (end < text.length && !isValueEnd(text.charCodeAt(end))) end++;
      }
      if (end > valueStart) {
        out += text.slice(copied, valueStart) + REDACTED;
        copied = end;
        next = end;
      }
    }
    eq = text.indexOf("=", next);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isLocalChar(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d; // . _ % + -
}

function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === 0x2e || c === 0x2d; // . -
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/**
 * E-mail addresses: `local@domain.tld`, the local part up to 64 characters,
 * the domain up to 253 with a top-level label of 2+ letters. A scan from each
 * `@` rather than a regular expression, whose backtracking over the local
 * part and the domain's labels would cost far more on hostile input.
 */
export function redactEmails(text: string): string {
  let out = "";
  let copied = 0;
  let at = text.indexOf("@");
  while (at >= 0) {
    let start = at;
    while (start > copied && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && isDomainChar(text.charCodeAt(end))) end++;
    const domainEnd = start < at && isAlnum(text.charCodeAt(at + 1)) ? emailDomainEnd(text, at + 1, end) : -1;
    if (domainEnd > 0) {
      out += text.slice(copied, start) + REDACTED;
      copied = domainEnd;
      at = text.indexOf("@", domainEnd);
    } else {
      at = text.indexOf("@", at + 1);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Where the address ends in `text[from, end)` (domain characters): after the
 * letters that begin the last label of 2+ letters preceded by a dot, or -1.
 */
function emailDomainEnd(text: string, from: number, end: number): number {
  let dot = text.lastIndexOf(".", end - 1);
  while (dot > from) {
    let letters = dot + 1;
    while (letters < end && isLetter(text.charCodeAt(letters))) letters++;
    if (letters - dot - 1 >= 2 && text.charCodeAt(dot - 1) !== 0x2e) return letters;
    dot = text.lastIndexOf(".", dot - 1);
  }
  return -1;
}

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair. */
function cutChars(value: string, max: number): string {
  const code = value.charCodeAt(max - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
