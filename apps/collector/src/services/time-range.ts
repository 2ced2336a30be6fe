import type { QueryFilters } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";
import { queryFieldError } from "../query-field-error.js";

export const DEFAULT_RANGE_MS = 60 * 60 * 1000;

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The instants PostgreSQL's timestamptz and JavaScript's toISOString agree
 * on: years 1 to 9999 in UTC. `format: date-time` admits more (a leap second,
 * which JavaScript cannot represent; year 0000; an offset that moves a
 * year-9999 time into year 10000).
 */
export const EARLIEST_INSTANT = "0001-01-01T00:00:00.000Z";
export const LATEST_INSTANT = "9999-12-31T23:59:59.999Z";
const EARLIEST_MS = Date.parse(EARLIEST_INSTANT);
const LATEST_MS = Date.parse(LATEST_INSTANT);

/** False for NaN (an unparseable date) and for instants outside years 1–9999. */
export function isStorableInstant(ms: number): boolean {
  return ms >= EARLIEST_MS && ms <= LATEST_MS;
}

export const INSTANT_RANGE_MESSAGE = `must be an instant from ${EARLIEST_INSTANT} to ${LATEST_INSTANT}`;

/** `from`/`to` from a query, defaulting to the last hour; rejects an empty or inverted range. */
export function resolveRange(filters: Pick<QueryFilters, "from" | "to">, now = new Date()): TimeRange {
  const to = filters.to ? new Date(filters.to) : now;
  const from = filters.from ? new Date(filters.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  for (const [field, date] of [["to", to], ["from", from]] as const) {
    if (!isStorableInstant(date.getTime())) throw queryFieldError(field, INSTANT_RANGE_MESSAGE);
  }
  if (from.getTime() >= to.getTime()) {
    throw new CollectorError("VALIDATION", "querystring/from must be earlier than querystring/to");
  }
  return { from, to };
}

/** Bucket widths the charts use, smallest first. */
const BUCKETS = [10, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400];

/** The smallest standard bucket that keeps a chart at or under `maxPoints` points. */
export function chooseBucketSeconds(range: TimeRange, maxPoints = 120): number {
  const seconds = (range.to.getTime() - range.from.getTime()) / 1000;
  return BUCKETS.find((b) => seconds / b <= maxPoints) ?? BUCKETS[BUCKETS.length - 1]!;
}
