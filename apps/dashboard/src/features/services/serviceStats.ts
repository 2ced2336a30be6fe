import type { ServiceRow } from "@closewatch/protocol";
import { isFocusCode, SERIES_KEYS, seriesKeyFor, type SeriesKey } from "../../lib/codes.js";
import { share } from "../overview/summary.js";

/** One slice of a row's closes: 1008, 1009 or everything else. */
export interface CodeTally {
  count: number;
  /** Closes per minute over the range, in proportion to the row's own rate. */
  perMinute: number;
  /** Share of the row's closes. */
  share: number;
}

/** A row of /api/services with the numbers the table shows worked out once. */
export interface ServiceStats {
  /** Unique per service and route: React key and stable identity. */
  key: string;
  row: ServiceRow;
  series: Readonly<Record<SeriesKey, CodeTally>>;
  /** Codes other than 1008/1009, biggest first (1000, 1001, 1006…). */
  otherCodes: ServiceRow["byCode"];
  /** Share of the row's closes that are 1008 or 1009: the ones closewatch explains. */
  focusShare: number;
}

export function rowKey(row: Pick<ServiceRow, "service" | "route">): string {
  return JSON.stringify([row.service, row.route]);
}

/**
 * The API gives one rate per row; a code's rate is that rate times the code's
 * share, which equals its count over the range's minutes without the page
 * having to know how the collector measured the range.
 */
function tally(count: number, row: ServiceRow): CodeTally {
  const part = share(count, row.total);
  return { count, perMinute: row.perMinute * part, share: part };
}

export function serviceStats(row: ServiceRow): ServiceStats {
  const counts: Record<SeriesKey, number> = { "1008": 0, "1009": 0, other: 0 };
  for (const { code, count } of row.byCode) {
    if (isFocusCode(code)) counts[seriesKeyFor(code)] += count;
  }
  // "Other" is the rest of the total, so the three slices always add up to it.
  counts.other = Math.max(0, row.total - counts["1008"] - counts["1009"]);
  const series = Object.fromEntries(SERIES_KEYS.map((key) => [key, tally(counts[key], row)])) as Record<
    SeriesKey,
    CodeTally
  >;
  return {
    key: rowKey(row),
    row,
    series,
    otherCodes: row.byCode
      .filter((c) => !isFocusCode(c.code) && c.count > 0)
      .sort((a, b) => b.count - a.count || a.code - b.code),
    focusShare: share(counts["1008"] + counts["1009"], row.total),
  };
}
