import type { InsightFact } from "@closewatch/protocol";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRate,
  formatRatio,
  type FormatOptions,
  numberFormat,
} from "../../lib/format.js";

export type FactUnit = NonNullable<InsightFact["unit"]>;

/**
 * One number of a finding in its unit: bytes → "64 KiB", ms → "15 min",
 * percent (0–100) → "42.5%", per_minute → "4.2/min", ratio → "1.5×".
 * An unknown or missing unit prints the plain number.
 */
export function formatValue(value: number, unit: string | undefined, opts: FormatOptions = {}): string {
  switch (unit) {
    case "bytes":
      return formatBytes(value, opts);
    case "ms":
      return formatDuration(value, opts);
    case "percent":
      return formatPercent(value / 100, opts);
    case "count":
      return formatCount(value, opts);
    case "per_minute":
      return formatRate(value, opts);
    case "ratio":
      return formatRatio(value, opts);
    default:
      return formatNumber(value, 2, opts);
  }
}

export function formatFact(fact: InsightFact, opts: FormatOptions = {}): string {
  return formatValue(fact.value, fact.unit, opts);
}

/**
 * A range in one unit, the unit written once when both ends share it:
 * "16–32 KiB", "900 ms–1.5 s", "1–1.5×", "0–8 KiB".
 */
export function formatValueRange(from: number, to: number, unit: string | undefined, opts: FormatOptions = {}): string {
  const b = formatValue(to, unit, opts);
  if (from === 0) return `0–${b}`;
  const a = formatValue(from, unit, opts);
  const suffix = (s: string) => /(\s\S+|×|%|\/min)$/.exec(s)?.[0] ?? "";
  const sa = suffix(a);
  if (sa && sa === suffix(b)) return `${a.slice(0, -sa.length)}–${b}`;
  return `${a}–${b}`;
}

const FINE_DURATION_UNITS = [
  { unit: "h", ms: 3_600_000 },
  { unit: "min", ms: 60_000 },
  { unit: "s", ms: 1000 },
];

/**
 * A duration range precise enough for its width, for buckets that the
 * rounded form cannot tell apart ("15–15 min" for 15:00.0–15:00.1): the
 * largest unit in which the width is at least a hundredth, with the
 * decimals the width needs: "900.00–900.05 s", "1,500–1,520 ms".
 */
export function formatDurationRangeFine(from: number, to: number, { locale }: FormatOptions = {}): string {
  const width = Math.max(to - from, 1);
  const step = FINE_DURATION_UNITS.find((u) => width / u.ms >= 0.01);
  if (!step) {
    const ms = numberFormat(locale, { maximumFractionDigits: 0 });
    return `${ms.format(from)}–${ms.format(to)} ms`;
  }
  const digits = Math.min(2, Math.max(0, Math.ceil(-Math.log10(width / step.ms))));
  const f = numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${f.format(from / step.ms)}–${f.format(to / step.ms)} ${step.unit}`;
}
