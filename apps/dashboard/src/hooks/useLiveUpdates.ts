import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { throttle } from "../lib/throttle.js";
import type { ViewFilters } from "../lib/view.js";
import { useLiveFeed, type LiveFeed } from "./useLiveFeed.js";

/** Summary and time series are refetched at most this often while events stream in. */
export const LIVE_REFRESH_MS = 2000;

/**
 * The live feed wired to the queries: a batch that concerns the current view
 * refreshes summary and time series (throttled); a reconnect refetches
 * everything, since events may have been missed while the socket was down.
 */
export function useLiveUpdates(filters: ViewFilters): LiveFeed {
  const queryClient = useQueryClient();
  const refreshStats = useMemo(
    () =>
      throttle(() => {
        void queryClient.invalidateQueries({ queryKey: ["summary"] });
        void queryClient.invalidateQueries({ queryKey: ["timeseries"] });
      }, LIVE_REFRESH_MS),
    [queryClient],
  );
  useEffect(() => () => refreshStats.cancel(), [refreshStats]);

  return useLiveFeed({
    onEvents: (events) => {
      if (!filters.service || events.some((e) => e.service === filters.service)) refreshStats();
    },
    onReconnect: () => void queryClient.invalidateQueries(),
  });
}
