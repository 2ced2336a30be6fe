/**
 * Display formatting for numbers, shares, sizes and times. Every function takes
 * an optional locale/time zone so tests are deterministic; the app passes none
 * and gets the browser's.
 */

export interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

/** A cached Intl.NumberFormat (building one costs far more than formatting with it). */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f as Intl.NumberFormat;
}

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f as Intl.DateTimeFormat;
}

/** 12345 → "12,345" */
export function formatCount(n: number, { locale }: FormatOptions = {}): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/**
 * A share in [0, 1] as a percentage with at most one decimal. Never rounds a
 * non-zero share to "0%" or a partial one to "100%": those would be lies.
 */
export function formatPercent(share: number, { locale }: FormatOptions = {}): string {
  const f = numberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  if (!Number.isFinite(share) || share <= 0) return f.format(0);
  if (share >= 1) return f.format(1);
  const rounded = Math.round(share * 1000) / 1000;
  if (rounded === 0) return `<${f.format(0.001)}`;
  if (rounded >= 1) return `>${f.format(0.999)}`;
  return f.format(rounded);
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

/** 1048576 → "1 MiB"; binary units, because `ws` limits such as maxPayload are powers of two. */
export function formatBytes(bytes: number, { locale }: FormatOptions = {}): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${BYTE_UNITS[unit]}`;
}

/** Chart axis tick: "14:05". */
export function formatClock(ms: number, { locale, timeZone }: FormatOptions = {}): string {
  return dateFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(ms);
}

/** Event time in the feed: "14:05:09" today, "Nov 24, 14:05:09" on another day. */
export function formatEventTime(iso: string, now: number, { locale, timeZone }: FormatOptions = {}): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const time: Intl.DateTimeFormatOptions = {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone,
  };
  const day = dateFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit", timeZone });
  if (day.format(ms) === day.format(now)) return dateFormat(locale, time).format(ms);
  return dateFormat(locale, { ...time, month: "short", day: "numeric" }).format(ms);
}

/** Chart tooltip title for a bucket: "14:05–14:06", with seconds for sub-minute buckets. */
export function formatBucket(startMs: number, bucketSeconds: number, { locale, timeZone }: FormatOptions = {}): string {
  const f = dateFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: bucketSeconds % 60 === 0 ? undefined : "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return `${f.format(startMs)}–${f.format(startMs + bucketSeconds * 1000)}`;
}

/** A plain number with at most `digits` decimals: 4.25 → "4.3". */
export function formatNumber(n: number, digits = 2, { locale }: FormatOptions = {}): string {
  return numberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

/** Rounded like `short` prints it: one decimal below 10, none above. */
function roundShort(n: number): number {
  return Math.abs(n) < 10 ? Math.round(n * 10) / 10 : Math.round(n);
}

/** One decimal below 10, none above: 2.34 → "2.3", 15.4 → "15". */
function short(n: number, locale: string | undefined): string {
  return numberFormat(locale, { maximumFractionDigits: Math.abs(n) < 10 ? 1 : 0 }).format(roundShort(n));
}

/** Each unit is used while the rounded value stays below the next unit. */
const DURATION_STEPS = [
  { unit: "s", ms: 1000, below: 60_000 },
  { unit: "min", ms: 60_000, below: 3_600_000 },
  { unit: "h", ms: 3_600_000, below: 48 * 3_600_000 },
] as const;

/** A duration in words people read at a glance: "850 ms", "2.3 s", "15 min", "1.5 h", "3 d". */
export function formatDuration(ms: number, { locale }: FormatOptions = {}): string {
  const value = Number.isFinite(ms) ? Math.max(0, ms) : 0;
  if (Math.round(value) < 1000) return `${numberFormat(locale, { maximumFractionDigits: 0 }).format(value)} ms`;
  for (const step of DURATION_STEPS) {
    // Round first, so 59.96 s reads "1 min" and not "60 s".
    if (roundShort(value / step.ms) * step.ms < step.below) return `${short(value / step.ms, locale)} ${step.unit}`;
  }
  return `${short(value / 86_400_000, locale)} d`;
}

/** Events per minute: 4.24 → "4.2/min"; a non-zero rate never reads "0/min". */
export function formatRate(perMinute: number, { locale }: FormatOptions = {}): string {
  if (perMinute > 0 && perMinute < 0.05) return `<${short(0.1, locale)}/min`;
  return `${short(Math.max(0, perMinute), locale)}/min`;
}

/** A multiplier: 1.46 → "1.46×", 12.3 → "12×". */
export function formatRatio(ratio: number, { locale }: FormatOptions = {}): string {
  const digits = Math.abs(ratio) < 10 ? 2 : 0;
  return `${numberFormat(locale, { maximumFractionDigits: digits }).format(ratio)}×`;
}
