import type { Insight } from "@closewatch/protocol";
import type { FormatOptions } from "../../lib/format.js";
import { formatDurationRangeFine, formatValue, formatValueRange } from "./units.js";

export type InsightHistogram = NonNullable<Insight["histogram"]>;

/** One bar: a bucket [from, to), its count split by the side of the marker it is on. */
export interface HistogramRow {
  /** Category key on the x axis: the bucket's label, unique per chart. */
  key: string;
  from: number;
  to: number;
  count: number;
  /** Count drawn in the muted colour (the bucket ends at or before the marker). */
  below: number;
  /** Count drawn in full colour (the bucket starts at or after the marker, or straddles it). */
  beyond: number;
}

export interface HistogramMarker {
  /** The bar the reference line is drawn on. */
  key: string;
  /** Where in that bar's band: its left edge, centre or right edge. */
  position: "start" | "middle" | "end";
  /** The line's caption: "limit 64 KiB". */
  label: string;
  /** How the caption hangs off the line, so it stays inside the chart near either edge. */
  anchor: "start" | "middle" | "end";
}

/** Where a line at `fraction` (0–1) of a bar's width is drawn best. */
function nearestEdge(fraction: number): HistogramMarker["position"] {
  if (fraction < 0.25) return "start";
  if (fraction > 0.75) return "end";
  return "middle";
}

export interface HistogramChart {
  rows: HistogramRow[];
  marker?: HistogramMarker;
}

/**
 * Label shown for the marker. The API's label names the line ("limit"); the
 * value is appended in the histogram's unit unless the label already states
 * a number.
 */
export function markerLabel(marker: { label: string; value: number }, unit: string, opts: FormatOptions = {}): string {
  const label = marker.label.trim();
  if (/\d/.test(label)) return label;
  const value = formatValue(marker.value, unit, opts);
  return label ? `${label} ${value}` : value;
}

/**
 * Chart rows for an insight histogram: buckets sorted by lower bound, empty
 * buckets kept (the axis stays honest), malformed ones (to < from) dropped,
 * and the marker placed on the bar it falls in. On a category axis a line
 * can only sit at a bar's start, middle or end, so a marker inside a bucket
 * goes to the nearest of the three.
 */
export function toHistogramChart(h: InsightHistogram, opts: FormatOptions = {}): HistogramChart {
  const buckets = h.buckets
    .filter((b) => Number.isFinite(b.from) && Number.isFinite(b.to) && b.to >= b.from)
    .sort((a, b) => a.from - b.from || a.to - b.to);

  const m = h.marker;
  const seen = new Map<string, number>();
  const labels = bucketLabels(buckets, h.unit, opts);
  const rows = buckets.map((b, i): HistogramRow => {
    let key = labels[i]!;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n > 0) key = `${key} (${n + 1})`;
    const isBeyond = m !== undefined && b.to > m.value;
    const below = isBeyond ? 0 : b.count;
    return { key, from: b.from, to: b.to, count: b.count, below, beyond: b.count - below };
  });

  if (!m || rows.length === 0) return { rows };
  const label = markerLabel(m, h.unit, opts);
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  let marker: Omit<HistogramMarker, "anchor">;
  if (m.value <= first.from) marker = { key: first.key, position: "start", label };
  else if (m.value >= last.to) marker = { key: last.key, position: "end", label };
  else {
    const starting = rows.find((r) => r.from === m.value);
    const inside = rows.find((r) => r.from < m.value && m.value < r.to);
    const ending = rows.find((r) => r.to === m.value);
    if (starting) marker = { key: starting.key, position: "start", label };
    else if (inside) {
      const fraction = (m.value - inside.from) / (inside.to - inside.from);
      marker = { key: inside.key, position: nearestEdge(fraction), label };
    }
    else if (ending) marker = { key: ending.key, position: "end", label };
    else {
      // In a gap between buckets: the start of the next bucket.
      const next = rows.find((r) => r.from > m.value) ?? last;
      marker = { key: next.key, position: "start", label };
    }
  }
  return { rows, marker: { ...marker, anchor: captionAnchor(rows, marker) } };
}

/**
 * The buckets' axis labels. Durations that round to the same text (narrow
 * buckets around a token lifetime: "15–15 min" several times) are written
 * as precisely as their width needs instead.
 */
function bucketLabels(buckets: readonly { from: number; to: number }[], unit: string, opts: FormatOptions): string[] {
  const labels = buckets.map((b) => formatValueRange(b.from, b.to, unit, opts));
  if (unit !== "ms") return labels;
  const ambiguous =
    new Set(labels).size < labels.length || buckets.some((b, i) => b.to > b.from && /^(.+)–\1(\s|$)/.test(labels[i]!));
  return ambiguous ? buckets.map((b) => formatDurationRangeFine(b.from, b.to, opts)) : labels;
}

const BAND_OFFSET = { start: 0, middle: 0.5, end: 1 } as const;

/** A caption in the left fifth of the chart reads rightwards from the line, in the right fifth leftwards. */
function captionAnchor(
  rows: readonly HistogramRow[],
  marker: Pick<HistogramMarker, "key" | "position">,
): HistogramMarker["anchor"] {
  const index = rows.findIndex((r) => r.key === marker.key);
  const along = (index + BAND_OFFSET[marker.position]) / rows.length;
  if (along < 0.2) return "start";
  if (along > 0.8) return "end";
  return "middle";
}
