/**
 * What the user is looking at: a time range preset and an optional service.
 * Kept in the URL (`?range=6h&service=chat-api`) so a view can be shared.
 */

export type RangeKey = "15m" | "1h" | "6h" | "24h";

export interface RangePreset {
  key: RangeKey;
  label: string;
  ms: number;
  /** Bucket width for the time series: about 30–100 bars per range. */
  bucketSeconds: number;
}

const MINUTE = 60_000;

export const RANGE_PRESETS: readonly RangePreset[] = [
  { key: "15m", label: "15m", ms: 15 * MINUTE, bucketSeconds: 30 },
  { key: "1h", label: "1h", ms: 60 * MINUTE, bucketSeconds: 60 },
  { key: "6h", label: "6h", ms: 360 * MINUTE, bucketSeconds: 300 },
  { key: "24h", label: "24h", ms: 1440 * MINUTE, bucketSeconds: 900 },
];

export const DEFAULT_RANGE: RangeKey = "1h";

export interface ViewFilters {
  range: RangeKey;
  /** Empty string: all services. */
  service: string;
}

export const MAX_SERVICE_LENGTH = 100;

export function rangePreset(key: RangeKey): RangePreset {
  const preset = RANGE_PRESETS.find((p) => p.key === key);
  if (!preset) throw new Error(`unknown range ${key}`);
  return preset;
}

function isRangeKey(value: string | null): value is RangeKey {
  return RANGE_PRESETS.some((p) => p.key === value);
}

export function normaliseService(value: string): string {
  return value.trim().slice(0, MAX_SERVICE_LENGTH);
}

/** Read filters from a location search string; anything unknown falls back to the defaults. */
export function parseView(search: string): ViewFilters {
  const params = new URLSearchParams(search);
  const range = params.get("range");
  return {
    range: isRangeKey(range) ? range : DEFAULT_RANGE,
    service: normaliseService(params.get("service") ?? ""),
  };
}

/** The search string for filters; defaults are left out so the plain URL stays plain. */
export function serializeView(view: ViewFilters): string {
  const params = new URLSearchParams();
  if (view.range !== DEFAULT_RANGE) params.set("range", view.range);
  if (view.service) params.set("service", view.service);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/** The absolute window a preset means right now, as the API wants it. */
export function windowFor(range: RangeKey, now: number): { from: string; to: string } {
  return { from: new Date(now - rangePreset(range).ms).toISOString(), to: new Date(now).toISOString() };
}
