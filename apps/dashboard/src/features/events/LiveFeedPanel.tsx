import type { StoredEvent } from "@closewatch/protocol";
import { useMemo, useState } from "react";
import { FEED_LIMIT, useEventsQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import { matchesFilter, visibleFeed, type FeedFilter } from "../../lib/events.js";
import { formatCount } from "../../lib/format.js";
import { isCustomRange, windowFor, type ViewFilters } from "../../lib/view.js";
import { EventTable } from "./EventTable.js";

interface LiveFeedPanelProps {
  filters: ViewFilters;
  /** Events pushed by the live socket, newest first. */
  live: readonly StoredEvent[];
}

/**
 * Latest closes: one fetch of the newest page, then prepended from the live
 * socket. Pausing freezes the rows (to read one while traffic is heavy) and
 * counts what arrives meanwhile.
 */
export function LiveFeedPanel({ filters, live }: LiveFeedPanelProps) {
  const query = useEventsQuery(filters);
  const page = query.data?.events;
  const [frozen, setFrozen] = useState<readonly StoredEvent[] | null>(null);
  const paused = frozen !== null;
  const shownLive = frozen ?? live;

  const { rows, now, freshIds, bounds } = useMemo(() => {
    const at = Date.now();
    const window = windowFor(filters.range, at);
    // A preset ends "now" by the browser's clock; an agent's clock may run a little ahead, so only a
    // fixed window gets an end.
    const toMs = isCustomRange(filters.range) ? Date.parse(window.to) : undefined;
    const bounds: FeedFilter = { service: filters.service, fromMs: Date.parse(window.from), toMs };
    return {
      rows: page ? visibleFeed(page, shownLive, bounds, FEED_LIMIT) : [],
      now: at,
      freshIds: new Set(shownLive.map((e) => e.id)),
      bounds,
    };
  }, [page, shownLive, filters]);

  const waiting = paused ? live.filter((e) => !frozen.includes(e) && matchesFilter(e, bounds)).length : 0;

  let body;
  if (page === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={6} label="Loading recent closes…" />
    );
  } else if (rows.length === 0) {
    body = <EmptyState title="Waiting for closes. New ones appear here as they happen." />;
  } else {
    body = <EventTable events={rows} now={now} freshIds={freshIds} />;
  }

  return (
    <Panel
      title="Latest closes"
      className="span-12"
      aside={
        <span className="feed-controls">
          {rows.length > 0 ? <span className="muted">{formatCount(rows.length)} shown, newest first</span> : null}
          {paused ? (
            <span className="muted" role="status">
              Paused{waiting > 0 ? ` · ${formatCount(waiting)} new` : ""}
            </span>
          ) : null}
          <button
            type="button"
            className="button"
            aria-pressed={paused}
            onClick={() => setFrozen(paused ? null : live)}
          >
            {paused ? "Resume" : "Pause"}
          </button>
        </span>
      }
    >
      {body}
    </Panel>
  );
}
