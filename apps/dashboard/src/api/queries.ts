import type { EventsPage, Summary, Timeseries } from "@closewatch/protocol";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { rangePreset, windowFor, type ViewFilters } from "../lib/view.js";
import { getJson } from "./client.js";
import { isEventsPage, isSummary, isTimeseries } from "./guards.js";

/** Rows in the live feed, fetched once and then extended by the socket. */
export const FEED_LIMIT = 50;

/** Without live traffic the window still slides forward this often. */
const SLIDE_INTERVAL_MS = 30_000;

/**
 * Query keys start with the resource name so one prefix (`["summary"]`)
 * invalidates every filter combination. The window is computed when the query
 * runs, so each refetch looks at "the last hour" as of that moment.
 */
export const queryKeys = {
  summary: (f: ViewFilters) => ["summary", f] as const,
  timeseries: (f: ViewFilters) => ["timeseries", f] as const,
  events: (f: ViewFilters) => ["events", f] as const,
};

function filterParams(f: ViewFilters) {
  return { ...windowFor(f.range, Date.now()), service: f.service || undefined };
}

export function useSummaryQuery(filters: ViewFilters) {
  return useQuery<Summary>({
    queryKey: queryKeys.summary(filters),
    queryFn: ({ signal }) => getJson("/api/summary", filterParams(filters), isSummary, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: SLIDE_INTERVAL_MS,
  });
}

export function useTimeseriesQuery(filters: ViewFilters) {
  return useQuery<Timeseries>({
    queryKey: queryKeys.timeseries(filters),
    queryFn: ({ signal }) =>
      getJson(
        "/api/timeseries",
        { ...filterParams(filters), bucketSeconds: rangePreset(filters.range).bucketSeconds },
        isTimeseries,
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: SLIDE_INTERVAL_MS,
  });
}

export function useEventsQuery(filters: ViewFilters) {
  return useQuery<EventsPage>({
    queryKey: queryKeys.events(filters),
    queryFn: ({ signal }) =>
      getJson("/api/events", { ...filterParams(filters), limit: FEED_LIMIT }, isEventsPage, { signal }),
  });
}
