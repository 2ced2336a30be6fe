import type { StoredEvent } from "@closewatch/protocol";
import { useMemo } from "react";
import { FEED_LIMIT, useEventsQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import { visibleFeed } from "../../lib/events.js";
import { formatCount } from "../../lib/format.js";
import { rangePreset, type ViewFilters } from "../../lib/view.js";
import { EventTable } from "./EventTable.js";

interface LiveFeedPanelProps {
  filters: ViewFilters;
  /** Events pushed by the live socket, newest first. */
  live: readonly StoredEvent[];
}

/** Latest closes: one fetch of the newest page, then prepended from the live socket. */
export function LiveFeedPanel({ filters, live }: LiveFeedPanelProps) {
  const query = useEventsQuery(filters);
  const page = query.data?.events;

  const { rows, now, freshIds } = useMemo(() => {
    const at = Date.now();
    const fromMs = at - rangePreset(filters.range).ms;
    return {
      rows: page ? visibleFeed(page, live, { service: filters.service, fromMs }, FEED_LIMIT) : [],
      now: at,
      freshIds: new Set(live.map((e) => e.id)),
    };
  }, [page, live, filters]);

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
      aside={rows.length > 0 ? <span className="muted">{formatCount(rows.length)} shown, newest first</span> : null}
    >
      {body}
    </Panel>
  );
}
