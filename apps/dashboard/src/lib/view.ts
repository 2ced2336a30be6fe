/**
 * What the user is looking at: a time range (a preset ending now, or a fixed
 * custom window) and an optional service. Kept in the URL
 * (`?range=6h&service=chat-api`, `?from=…&to=…`) so a link shows a colleague
 * the same view.
 */

export type RangeKey = "15m" | "1h" | "6h" | "24h" | "7d" | "30d";

export interface RangePreset {
  key: RangeKey;
  label: string;
  ms: number;
  /** Bucket width for the time series: about 30–100 bars per range, whole minutes from 1h up (rollup-backed). */
  bucketSeconds: number;
}

/** A fixed window, ISO timestamps; `from` < `to`. */
export interface CustomRange {
  from: string;
  to: string;
}

/** A preset that slides with the clock, or a fixed window. */
export type TimeRange = RangeKey | CustomRange;

export interface ViewFilters {
  range: TimeRange;
  /** Empty string: all services. */
  service: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RANGE_PRESETS: readonly RangePreset[] = [
  { key: "15m", label: "15m", ms: 15 * MINUTE, bucketSeconds: 30 },
  { key: "1h", label: "1h", ms: HOUR, bucketSeconds: 60 },
  { key: "6h", label: "6h", ms: 6 * HOUR, bucketSeconds: 300 },
  { key: "24h", label: "24h", ms: DAY, bucketSeconds: 900 },
  { key: "7d", label: "7d", ms: 7 * DAY, bucketSeconds: 3 * 3600 },
  { key: "30d", label: "30d", ms: 30 * DAY, bucketSeconds: 12 * 3600 },
];

export const DEFAULT_RANGE: RangeKey = "1h";

export const MAX_SERVICE_LENGTH = 100;

/** The API keeps raw events for weeks and rollups for about a year: a custom window may not be longer. */
export const MAX_CUSTOM_MS = 400 * DAY;

/** Nice bucket widths (seconds) for custom windows; the API accepts 10 s to 1 day. */
const BUCKET_STEPS = [10, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400];

export function rangePreset(key: RangeKey): RangePreset {
  const preset = RANGE_PRESETS.find((p) => p.key === key);
  if (!preset) throw new Error(`unknown range ${key}`);
  return preset;
}

export function isCustomRange(range: TimeRange): range is CustomRange {
  return typeof range !== "string";
}

function isRangeKey(value: string | null): value is RangeKey {
  return RANGE_PRESETS.some((p) => p.key === value);
}

export function normaliseService(value: string): string {
  return value.trim().slice(0, MAX_SERVICE_LENGTH);
}

/** A custom window from two URL values, or null when either is missing, unreadable, reversed or too long. */
export function parseCustomRange(from: string | null, to: string | null): CustomRange | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a >= b || b - a > MAX_CUSTOM_MS) return null;
  return { from: new Date(a).toISOString(), to: new Date(b).toISOString() };
}

/** Read filters from a location search string; anything unknown falls back to the defaults. */
export function parseView(search: string | URLSearchParams): ViewFilters {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const custom = parseCustomRange(params.get("from"), params.get("to"));
  const range = params.get("range");
  return {
    range: custom ?? (isRangeKey(range) ? range : DEFAULT_RANGE),
    service: normaliseService(params.get("service") ?? ""),
  };
}

/**
 * The URL parameters for filters, defaults left out so the plain URL stays
 * plain. Every view parameter is listed, absent ones as undefined, so a patch
 * built from it also clears what no longer applies.
 */
export function viewParams(view: ViewFilters): Record<string, string | undefined> {
  const custom = isCustomRange(view.range) ? view.range : undefined;
  return {
    range: !custom && view.range !== DEFAULT_RANGE ? (view.range as RangeKey) : undefined,
    from: custom?.from,
    to: custom?.to,
    service: view.service || undefined,
  };
}

/** The search string for filters (`?range=6h`), or "" for the defaults. */
export function serializeView(view: ViewFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(viewParams(view))) if (value !== undefined) params.set(key, value);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** The absolute window a range means right now, as the API wants it. */
export function windowFor(range: TimeRange, now: number): CustomRange {
  if (isCustomRange(range)) return range;
  return { from: new Date(now - rangePreset(range).ms).toISOString(), to: new Date(now).toISOString() };
}

/** The window of the same length right before `window`, for "change against the previous period". */
export function previousWindow(window: CustomRange): CustomRange {
  const from = Date.parse(window.from);
  const span = Date.parse(window.to) - from;
  return { from: new Date(from - span).toISOString(), to: window.from };
}

export function spanMs(range: TimeRange): number {
  return isCustomRange(range) ? Date.parse(range.to) - Date.parse(range.from) : rangePreset(range).ms;
}

/** Bucket width for a range's time series: the preset's, or the nicest step giving at most ~100 bars. */
export function bucketSecondsFor(range: TimeRange): number {
  if (!isCustomRange(range)) return rangePreset(range).bucketSeconds;
  const seconds = spanMs(range) / 1000;
  return BUCKET_STEPS.find((step) => seconds / step <= 100) ?? 86_400;
}

/** "last 6h", or the custom window in the user's locale. */
export function describeRange(range: TimeRange, locale?: string): string {
  if (!isCustomRange(range)) return `last ${rangePreset(range).label}`;
  const fmt = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return `${fmt.format(new Date(range.from))} – ${fmt.format(new Date(range.to))}`;
}
