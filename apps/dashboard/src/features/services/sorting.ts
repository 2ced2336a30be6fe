import type { ServiceStats } from "./serviceStats.js";

/*
 * The table's sort order, kept in the URL (`?sort=1009&dir=desc`) so a link
 * opens the table sorted the same way. The default (total, descending) is
 * left out of the URL, like the default range.
 */

export const SORT_KEYS = ["service", "route", "total", "rate", "1008", "1009", "other", "share", "cause"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: Sort = { key: "total", direction: "desc" };

const TEXT_KEYS: readonly SortKey[] = ["service", "route", "cause"];

function isSortKey(value: string | null): value is SortKey {
  return SORT_KEYS.some((key) => key === value);
}

/** The first direction a column sorts in: names A→Z, numbers biggest first. */
export function firstDirection(key: SortKey): SortDirection {
  return TEXT_KEYS.includes(key) ? "asc" : "desc";
}

/** The sort a URL asks for; an unknown column falls back to the default, an unknown direction to the column's first. */
export function parseSort(params: URLSearchParams): Sort {
  const key = params.get("sort");
  if (!isSortKey(key)) return DEFAULT_SORT;
  const dir = params.get("dir");
  return { key, direction: dir === "asc" || dir === "desc" ? dir : firstDirection(key) };
}

/** The URL patch for a sort; the default clears both parameters. */
export function sortParams(sort: Sort): { sort: string | undefined; dir: string | undefined } {
  const isDefault = sort.key === DEFAULT_SORT.key && sort.direction === DEFAULT_SORT.direction;
  return isDefault ? { sort: undefined, dir: undefined } : { sort: sort.key, dir: sort.direction };
}

/** A click on a column header: the same column flips direction, another starts in its first direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: firstDirection(key) };
}

type SortValue = string | number | null;

function sortValue(stats: ServiceStats, key: SortKey): SortValue {
  const { row, series } = stats;
  switch (key) {
    case "service":
      return row.service;
    case "route":
      return row.route;
    case "total":
      return row.total;
    case "rate":
      return row.perMinute;
    case "1008":
    case "1009":
    case "other":
      return series[key].count;
    case "share":
      return stats.focusShare;
    case "cause":
      return row.topCause?.cause ?? null;
  }
}

// Fixed locale: the order must not change with the viewer's language settings.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** a before b → negative. Both non-null. */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

/** Nulls ("no route", "no cause") go last in either direction: they are never the answer being looked for. */
function compareNullsLast(a: SortValue, b: SortValue, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return sign * compareValues(a, b);
}

/**
 * Ties are broken the same way whatever the direction (most closes first,
 * then by service and route), so flipping a column with equal values does not
 * shuffle its rows.
 */
function compareTieBreak(a: ServiceStats, b: ServiceStats): number {
  return (
    b.row.total - a.row.total ||
    compareValues(a.row.service, b.row.service) ||
    compareNullsLast(a.row.route, b.row.route, 1)
  );
}

/** A sorted copy of the rows. */
export function sortRows(rows: readonly ServiceStats[], sort: Sort): ServiceStats[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort(
    (a, b) => compareNullsLast(sortValue(a, sort.key), sortValue(b, sort.key), sign) || compareTieBreak(a, b),
  );
}
