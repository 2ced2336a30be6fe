/** How long to wait before sending a batch again. */
export interface RetryPolicy {
  /** The first wait's upper bound; it doubles with each consecutive failure. */
  readonly baseDelayMs: number;
  /** No wait is longer than this, whatever the collector's Retry-After says. */
  readonly maxDelayMs: number;
}

/** Longest Retry-After text the agent parses (an HTTP-date is 29 characters). */
const MAX_RETRY_AFTER_CHARS = 64;
/** Share of a Retry-After added at random, so agents told the same time do not come back together. */
const RETRY_AFTER_JITTER = 0.1;

/**
 * The wait after the `failures`-th consecutive failed attempt (1 for the first):
 *
 * - exponential backoff with "equal jitter": `d = min(max, base × 2^(failures−1))`,
 *   a uniformly random wait in `[d/2, d]`;
 * - when the collector sent Retry-After (429, 503): at least that long, plus
 *   up to 10% at random, but never more than `maxDelayMs`; and never shorter
 *   than the exponential wait above (repeated failures still back off).
 *
 * `random` returns a number in [0, 1), like Math.random.
 */
export function retryDelay(
  failures: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const backoff = ceiling / 2 + (random() * ceiling) / 2;
  if (retryAfterMs === undefined) return Math.ceil(backoff);
  const asked = Math.min(policy.maxDelayMs, retryAfterMs * (1 + random() * RETRY_AFTER_JITTER));
  return Math.ceil(Math.max(backoff, asked));
}

/**
 * Parses a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an
 * HTTP-date. Returns milliseconds from `now` (0 for a date in the past), or
 * undefined when the header is missing or not understood.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_RETRY_AFTER_CHARS) return undefined;
  if (/^\d+$/.test(text)) {
    // Very large values are capped by the policy later; keep the number finite.
    return Math.min(Number(text), 1e9) * 1000;
  }
  // Only dates that name a time zone (HTTP-dates end in "GMT"): a bare date
  // would be read in the host's local zone.
  if (!/GMT$|UTC$|Z$/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
