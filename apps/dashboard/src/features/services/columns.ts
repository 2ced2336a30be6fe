import type { SeriesKey } from "../../lib/codes.js";
import type { SortDirection, SortKey } from "./sorting.js";

export interface Column {
  key: SortKey;
  /** Header text, and the sort button's accessible name. */
  label: string;
  /** What the column counts, for the header's tooltip. */
  description: string;
  numeric: boolean;
  /** The code colour shown beside the label. */
  series?: SeriesKey;
}

/** The table's columns in display order; every one sorts. */
export const COLUMNS: readonly Column[] = [
  { key: "service", label: "Service", description: "Service name the agent reports", numeric: false },
  { key: "route", label: "Route", description: "Route given to instrument(); — when none", numeric: false },
  { key: "total", label: "Closes", description: "All closes in the range", numeric: true },
  { key: "rate", label: "Closes/min", description: "Closes per minute over the range", numeric: true },
  { key: "1008", label: "1008", description: "1008 Policy Violation: count and rate", numeric: true, series: "1008" },
  { key: "1009", label: "1009", description: "1009 Message Too Big: count and rate", numeric: true, series: "1009" },
  { key: "other", label: "Other codes", description: "Closes with any other code", numeric: true, series: "other" },
  { key: "share", label: "1008+1009 share", description: "Share of closes that are 1008 or 1009", numeric: true },
  { key: "cause", label: "Top cause", description: "Most frequent cause other than normal closes", numeric: false },
];

export function columnLabel(key: SortKey): string {
  return COLUMNS.find((c) => c.key === key)?.label ?? key;
}

/** "sorted by 1008, most first": the order in words, for the caption and screen readers. */
export function describeSort(key: SortKey, direction: SortDirection): string {
  const numeric = COLUMNS.find((c) => c.key === key)?.numeric ?? true;
  const ascending = direction === "asc";
  const order = numeric ? (ascending ? "lowest first" : "highest first") : ascending ? "A to Z" : "Z to A";
  return `sorted by ${columnLabel(key)}, ${order}`;
}
