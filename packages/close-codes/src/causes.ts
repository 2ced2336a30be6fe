/**
 * Stable cause ids, fixed by DESIGN.md. A cause is unique within its code, so
 * (code, cause) is the key everywhere: metrics labels, rollups, the dashboard.
 */
export const POLICY_CAUSES = [
  "rate_limit",
  "auth_expired",
  "auth_invalid",
  "forbidden",
  "origin_rejected",
  "content_rejected",
  "limit_exceeded",
  "fragment_flood",
  "unspecified",
] as const;

export const SIZE_CAUSES = ["message_too_big", "frame_too_big", "decompressed_too_big", "unspecified"] as const;

export type PolicyCause = (typeof POLICY_CAUSES)[number];
export type SizeCause = (typeof SIZE_CAUSES)[number];

/** The one generic cause of every other code. Finer causes are added where evidence allows. */
export const GENERIC_CAUSE_BY_CODE: Readonly<Record<number, string>> = {
  1000: "normal",
  1001: "going_away",
  1002: "protocol_error",
  1003: "unsupported_data",
  1005: "no_status",
  1006: "abnormal",
  1007: "invalid_payload",
  1010: "missing_extension",
  1011: "internal_error",
  1012: "service_restart",
  1013: "try_again_later",
  1014: "bad_gateway",
  1015: "tls_handshake",
};

/** 1006 is local-only, so a size-limit error behind it is recorded with the size cause. */
const EXTRA_CAUSES_BY_CODE: Readonly<Record<number, readonly string[]>> = {
  1006: ["message_too_big", "frame_too_big", "decompressed_too_big"],
};

/** The generic cause for codes with no registry entry: application ranges fold into one id each. */
export function genericCause(code: number): string {
  const known = GENERIC_CAUSE_BY_CODE[code];
  if (known) return known;
  if (code >= 4000 && code <= 4999) return "application";
  if (code >= 3000 && code <= 3999) return "library";
  return "unspecified";
}

/** Every cause id valid for `code`. */
export function causesForCode(code: number): readonly string[] {
  if (code === 1008) return POLICY_CAUSES;
  if (code === 1009) return SIZE_CAUSES;
  return [genericCause(code), ...(EXTRA_CAUSES_BY_CODE[code] ?? [])];
}

/** Same answer as causesForCode(code).includes(cause), without building the list (runs per event). */
export function isCauseValidForCode(code: number, cause: string): boolean {
  if (code === 1008) return (POLICY_CAUSES as readonly string[]).includes(cause);
  if (code === 1009) return (SIZE_CAUSES as readonly string[]).includes(cause);
  return cause === genericCause(code) || (EXTRA_CAUSES_BY_CODE[code]?.includes(cause) ?? false);
}

/** Every cause id that can appear anywhere; metric labels are drawn only from this set. */
export const ALL_CAUSES: readonly string[] = [
  ...new Set([
    ...POLICY_CAUSES,
    ...SIZE_CAUSES,
    ...Object.values(GENERIC_CAUSE_BY_CODE),
    "application",
    "library",
  ]),
];
