import type {
  CodesResponse,
  EventsPage,
  InsightsResponse,
  ServicesResponse,
  SizesResponse,
  Summary,
  Timeseries,
} from "@closewatch/protocol";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { bucketSecondsFor, previousWindow, windowFor, type ViewFilters } from "../lib/view.js";
import { getJson } from "./client.js";
import {
  isCodesResponse,
  isEventsPage,
  isInsightsResponse,
  isServicesResponse,
  isSizesResponse,
  isSummary,
  isTimeseries,
} from "./guards.js";

/** Rows in the live feed, fetched once and then extended by the socket. */
export const FEED_LIMIT = 50;

/** Without live traffic the window still slides forward this often. */
const SLIDE_INTERVAL_MS = 30_000;

/** Insights younger than this are not refetched (live updates refresh them at the same pace). */
export const INSIGHTS_STALE_MS = 10_000;

/**
 * Query keys start with the resource name so one prefix (`["summary"]`)
 * invalidates every filter combination. The window is computed when the query
 * runs, so each refetch looks at "the last hour" as of that moment.
 */
export const queryKeys = {
  summary: (f: ViewFilters) => ["summary", f] as const,
  previousSummary: (f: ViewFilters) => ["summary", "previous", f] as const,
  sizes: (f: ViewFilters) => ["sizes", f] as const,
  timeseries: (f: ViewFilters) => ["timeseries", f] as const,
  events: (f: ViewFilters) => ["events", f] as const,
  insights: (f: ViewFilters) => ["insights", f] as const,
  services: (f: ViewFilters) => ["services", f] as const,
  codes: () => ["codes"] as const,
};

/** Resources that never change while the collector runs: live reconnects leave them alone. */
export const STATIC_QUERY_ROOTS: readonly string[] = ["codes"];

/** The API parameters for a view, its window computed now (so a preset slides with the clock). */
export function filterParams(f: ViewFilters) {
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

/** The same summary for the period of equal length right before the view's, for "change against the previous period". */
export function usePreviousSummaryQuery(filters: ViewFilters, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery<Summary>({
    enabled,
    queryKey: queryKeys.previousSummary(filters),
    queryFn: ({ signal }) =>
      getJson(
        "/api/summary",
        { ...previousWindow(windowFor(filters.range, Date.now())), service: filters.service || undefined },
        isSummary,
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: SLIDE_INTERVAL_MS,
  });
}

/** Recorded sizes of 1009 closes, per enforced limit. */
export function useSizesQuery(filters: ViewFilters) {
  return useQuery<SizesResponse>({
    queryKey: queryKeys.sizes(filters),
    queryFn: ({ signal }) => getJson("/api/sizes", filterParams(filters), isSizesResponse, { signal }),
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
        { ...filterParams(filters), bucketSeconds: bucketSecondsFor(filters.range) },
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

/**
 * Ranked findings for the view. Heavier than the summary on the collector, so
 * live traffic refreshes them at most every INSIGHTS_REFRESH_MS (see useLiveUpdates).
 */
export function useInsightsQuery(filters: ViewFilters) {
  return useQuery<InsightsResponse>({
    queryKey: queryKeys.insights(filters),
    queryFn: ({ signal }) => getJson("/api/insights", filterParams(filters), isInsightsResponse, { signal }),
    staleTime: INSIGHTS_STALE_MS,
    placeholderData: keepPreviousData,
    refetchInterval: SLIDE_INTERVAL_MS,
  });
}

/** The close-code knowledge base: static, fetched once per page load. */
export function useCodesQuery() {
  return useQuery<CodesResponse>({
    queryKey: queryKeys.codes(),
    queryFn: ({ signal }) => getJson("/api/codes", {}, isCodesResponse, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** Closes per service and route, for the services table. */
export function useServicesQuery(filters: ViewFilters) {
  return useQuery<ServicesResponse>({
    queryKey: queryKeys.services(filters),
    queryFn: ({ signal }) => getJson("/api/services", filterParams(filters), isServicesResponse, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: SLIDE_INTERVAL_MS,
  });
}
