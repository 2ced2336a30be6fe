import type { EventsPage, StoredEvent } from "@closewatch/protocol";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { getJson } from "../../api/client.js";
import { isCompleteStoredEvent, isEventsPage } from "../../api/guards.js";
import type { EventsRequest } from "./eventsRequest.js";

/**
 * Own roots, apart from the live feed's `["events"]`: these are paged
 * snapshots of a fixed window, not the newest rows. A reconnect of the live
 * socket still refetches them (useLiveUpdates invalidates every non-static
 * query), which only fills in what was missed inside the same window.
 */
export const explorerKeys = {
  pages: (request: EventsRequest, anchorMs: number) => ["eventPages", request, anchorMs] as const,
  event: (id: string) => ["event", id] as const,
};

/**
 * The explorer's results, a page per "Load older". The anchor is part of the
 * key, so Refresh re-runs even a custom window (late arrivals) from page one.
 */
export function useEventPages(request: EventsRequest, anchorMs: number) {
  return useInfiniteQuery({
    queryKey: explorerKeys.pages(request, anchorMs),
    queryFn: ({ pageParam, signal }) =>
      getJson<EventsPage>("/api/events", { ...request, cursor: pageParam }, isEventsPage, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The window is fixed, so the pages do not go stale by themselves; Refresh asks for new ones.
    staleTime: Number.POSITIVE_INFINITY,
    // New filters dim the old rows until theirs arrive, instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}

/** One event by id, for a shared `?event=` link whose event is not among the loaded rows. Events never change. */
export function useEventById(id: string | undefined, enabled: boolean) {
  return useQuery<StoredEvent>({
    queryKey: explorerKeys.event(id ?? ""),
    queryFn: ({ signal }) =>
      getJson(`/api/events/${encodeURIComponent(id ?? "")}`, {}, isCompleteStoredEvent, { signal }),
    enabled: enabled && id !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
