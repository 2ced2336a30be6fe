import type { QueryFilters } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";

export const DEFAULT_RANGE_MS = 60 * 60 * 1000;

export interface TimeRange {
  from: Date;
  to: Date;
}

/** `from`/`to` from a query, defaulting to the last hour; rejects an empty or inverted range. */
export function resolveRange(filters: Pick<QueryFilters, "from" | "to">, now = new Date()): TimeRange {
  const to = filters.to ? new Date(filters.to) : now;
  const from = filters.from ? new Date(filters.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
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
