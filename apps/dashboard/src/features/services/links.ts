import type { ServiceRow } from "@closewatch/protocol";
import { serializeView, viewParams, type ViewFilters } from "../../lib/view.js";

/** The overview narrowed to one service, over the same range. */
export function overviewHref(filters: ViewFilters, service: string): string {
  return `/${serializeView({ range: filters.range, service })}`;
}

/**
 * The events behind a row's top cause: its code, cause, service and route,
 * over the same range. Null when the row has no cause to show.
 */
export function causeEventsHref(filters: ViewFilters, row: ServiceRow): string | null {
  const cause = row.topCause;
  if (!cause) return null;
  const params = new URLSearchParams({ code: String(cause.code), cause: cause.cause, service: row.service });
  if (row.route !== null) params.set("route", row.route);
  // The range only: the row's own service replaces whatever the header filter holds.
  const { service: _service, ...range } = viewParams(filters);
  for (const [key, value] of Object.entries(range)) if (value !== undefined) params.set(key, value);
  return `/events?${params.toString()}`;
}
