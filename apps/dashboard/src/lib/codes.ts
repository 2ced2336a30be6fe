/**
 * Close codes as the dashboard shows them: the two codes closewatch explains
 * (1008, 1009) keep their own series and colour; everything else is "other".
 * Colours are CSS variables from theme.css so light and dark themes agree.
 */
import { REGISTERED_CODE_NAMES } from "@closewatch/close-codes/names";

export const POLICY_VIOLATION = 1008;
export const MESSAGE_TOO_BIG = 1009;

/** The codes that get their own card, colour and chart series, in display order. */
export const FOCUS_CODES = [POLICY_VIOLATION, MESSAGE_TOO_BIG] as const;
export type FocusCode = (typeof FOCUS_CODES)[number];

/** A chart series: one per focus code plus everything else. */
export type SeriesKey = "1008" | "1009" | "other";
export const SERIES_KEYS: readonly SeriesKey[] = ["1008", "1009", "other"];

/** Human name of a close code ("Policy Violation"), or its range for private codes. */
export function codeName(code: number): string {
  const known = REGISTERED_CODE_NAMES[code];
  if (known) return known;
  if (code >= 4000 && code <= 4999) return "Application-defined";
  if (code >= 3000 && code <= 3999) return "Library/framework";
  return "Unknown";
}

export function isFocusCode(code: number): code is FocusCode {
  return code === POLICY_VIOLATION || code === MESSAGE_TOO_BIG;
}

/** Which chart series a close code belongs to. */
export function seriesKeyFor(code: number): SeriesKey {
  return isFocusCode(code) ? (String(code) as "1008" | "1009") : "other";
}

const SERIES_COLORS: Readonly<Record<SeriesKey, string>> = {
  "1008": "var(--color-1008)",
  "1009": "var(--color-1009)",
  other: "var(--color-other)",
};

const SERIES_LABELS: Readonly<Record<SeriesKey, string>> = {
  "1008": "1008 Policy Violation",
  "1009": "1009 Message Too Big",
  other: "Other codes",
};

/** Fill colour (a CSS variable reference) of a series; works in SVG `fill` and in `style`. */
export function seriesColor(key: SeriesKey): string {
  return SERIES_COLORS[key];
}

/** Text label always shown next to a series colour. */
export function seriesLabel(key: SeriesKey): string {
  return SERIES_LABELS[key];
}

/** Colour for any close code: its own for 1008/1009, grey otherwise. */
export function codeColor(code: number): string {
  return seriesColor(seriesKeyFor(code));
}
