import type { StoredEvent } from "@closewatch/protocol";
import { compareNewestFirst } from "../../lib/events.js";
import { windowFor, type ViewFilters } from "../../lib/view.js";
import type { ExplorerFilters } from "./explorerFilters.js";

/**
 * One search as sent to `GET /api/events` (minus the cursor). Its window is
 * computed once, when the filters were applied (the anchor): every "Load
 * older" page then continues the same list instead of a window that slid
 * while the reader was reading.
 */
export interface EventsRequest {
  from: string;
  to: string;
  service?: string;
  code?: number;
  cause?: string;
  route?: string;
  initiator?: string;
  q?: string;
  limit: number;
}

export function eventsRequest(
  view: ViewFilters,
  filters: ExplorerFilters,
  anchorMs: number,
  limit: number,
): EventsRequest {
  const { from, to } = windowFor(view.range, anchorMs);
  const request: EventsRequest = { from, to, limit };
  // Absent rather than undefined, so two equal searches make equal query keys.
  if (view.service) request.service = view.service;
  if (filters.code !== undefined) request.code = filters.code;
  if (filters.cause) request.cause = filters.cause;
  if (filters.route) request.route = filters.route;
  if (filters.initiator) request.initiator = filters.initiator;
  if (filters.q) request.q = filters.q;
  return request;
}

/** Whether an event passes every filter of a request, the time window aside (the API's rules, in the browser). */
export function matchesFilters(e: StoredEvent, r: EventsRequest): boolean {
  return (
    (r.service === undefined || e.service === r.service) &&
    (r.code === undefined || e.code === r.code) &&
    (r.cause === undefined || e.cause === r.cause) &&
    (r.route === undefined || e.route === r.route) &&
    (r.initiator === undefined || e.initiator === r.initiator) &&
    (r.q === undefined || e.reason.toLowerCase().includes(r.q.toLowerCase()))
  );
}

export interface PendingCloses {
  /** Events pushed by the live socket, newest first. */
  live: readonly StoredEvent[];
  request: EventsRequest;
  /** Ids already in the table. */
  shown: ReadonlySet<string>;
  /** The range is a preset ending "now": events after the request's `to` still belong to it. */
  openEnded: boolean;
  /**
   * When older pages are not loaded yet, the time of the oldest loaded row:
   * an event older than that is not missing from the table, it will come
   * with "Load older".
   */
  oldestLoaded?: string;
}

/**
 * Live events the table would show if it were fetched now but does not:
 * matching the filters, not shown, inside the loaded span. They are announced
 * rather than inserted, so rows never move under the reader.
 */
export function pendingCloses({ live, request, shown, openEnded, oldestLoaded }: PendingCloses): StoredEvent[] {
  const fromMs = Math.max(Date.parse(request.from), oldestLoaded === undefined ? -Infinity : Date.parse(oldestLoaded));
  const toMs = Date.parse(request.to);
  return live
    .filter((e) => {
      if (shown.has(e.id) || !matchesFilters(e, request)) return false;
      const at = Date.parse(e.occurredAt);
      return at >= fromMs && (openEnded || at < toMs);
    })
    .sort(compareNewestFirst);
}

/**
 * The rows of the table: the fetched pages in their order, with the live
 * events the reader chose to show merged in by time. Pages are not
 * de-duplicated: the keyset cursor guarantees none, and hiding a repeat would
 * hide a bug.
 */
export function tableRows(pages: readonly (readonly StoredEvent[])[], revealed: readonly StoredEvent[]): StoredEvent[] {
  const fetched = pages.flat();
  if (revealed.length === 0) return fetched;
  const fetchedIds = new Set(fetched.map((e) => e.id));
  const extra = revealed.filter((e) => !fetchedIds.has(e.id));
  return [...extra, ...fetched].sort(compareNewestFirst);
}
