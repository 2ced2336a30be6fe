import type { StoredEvent } from "@closewatch/protocol";

function occurredMs(e: StoredEvent): number {
  const ms = Date.parse(e.occurredAt);
  return Number.isNaN(ms) ? 0 : ms;
}

/** Newest first by occurrence; ties broken by id so the order is stable between renders. */
export function compareNewestFirst(a: StoredEvent, b: StoredEvent): number {
  return occurredMs(b) - occurredMs(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Merge event lists (live batches, a fetched page…) into one newest-first list without duplicate ids. */
export function mergeEvents(lists: readonly (readonly StoredEvent[])[], limit: number): StoredEvent[] {
  const byId = new Map<string, StoredEvent>();
  for (const list of lists) for (const e of list) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()].sort(compareNewestFirst).slice(0, limit);
}

export interface FeedFilter {
  /** Empty: every service. */
  service: string;
  /** Events that occurred before this instant are out of range. */
  fromMs: number;
  /** Events at or after this instant are out of range (a custom window in the past); none: open-ended. */
  toMs?: number;
}

export function matchesFilter(e: StoredEvent, { service, fromMs, toMs }: FeedFilter): boolean {
  const at = occurredMs(e);
  return (!service || e.service === service) && at >= fromMs && (toMs === undefined || at < toMs);
}

/**
 * The feed as shown: the fetched page plus everything that arrived live since,
 * filtered like the page was, newest first, at most `limit` rows.
 */
export function visibleFeed(
  page: readonly StoredEvent[],
  live: readonly StoredEvent[],
  filter: FeedFilter,
  limit: number,
): StoredEvent[] {
  return mergeEvents([live.filter((e) => matchesFilter(e, filter)), page], limit);
}

