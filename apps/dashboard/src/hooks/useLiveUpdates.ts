import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { INSIGHTS_STALE_MS, STATIC_QUERY_ROOTS } from "../api/queries.js";
import { throttle } from "../lib/throttle.js";
import type { ViewFilters } from "../lib/view.js";
import { useLiveFeed, type LiveFeed } from "./useLiveFeed.js";

/** Summary, time series and per-service counts are refetched at most this often while events stream in. */
export const LIVE_REFRESH_MS = 2000;

/** Insights cost the collector more than the summary: refetched at most this often. */
export const INSIGHTS_REFRESH_MS = INSIGHTS_STALE_MS;

/**
 * The live feed wired to the queries: a batch that concerns the current view
 * refreshes summary and time series (throttled) and insights (throttled
 * harder); a reconnect refetches everything but static resources, since
 * events may have been missed while the socket was down.
 */
export function useLiveUpdates(filters: ViewFilters, enabled = true): LiveFeed {
  const queryClient = useQueryClient();
  const refreshStats = useMemo(
    () =>
      throttle(() => {
        void queryClient.invalidateQueries({ queryKey: ["summary"] });
        void queryClient.invalidateQueries({ queryKey: ["timeseries"] });
        void queryClient.invalidateQueries({ queryKey: ["sizes"] });
        void queryClient.invalidateQueries({ queryKey: ["services"] });
      }, LIVE_REFRESH_MS),
    [queryClient],
  );
  // Not leading: the first live batch comes right after the page fetched its own insights.
  const refreshInsights = useMemo(
    () =>
      throttle(() => void queryClient.invalidateQueries({ queryKey: ["insights"] }), INSIGHTS_REFRESH_MS, Date.now, {
        leading: false,
      }),
    [queryClient],
  );
  useEffect(
    () => () => {
      refreshStats.cancel();
      refreshInsights.cancel();
    },
    [refreshStats, refreshInsights],
  );

  return useLiveFeed({
    enabled,
    onEvents: (events) => {
      if (filters.service && !events.some((e) => e.service === filters.service)) return;
      refreshStats();
      refreshInsights();
    },
    onReconnect: () =>
      void queryClient.invalidateQueries({
        predicate: (q) => !STATIC_QUERY_ROOTS.includes(String(q.queryKey[0])),
      }),
  });
}
