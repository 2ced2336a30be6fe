import { useInsightsQuery } from "../../api/queries.js";
import { describeError } from "../../api/client.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import type { ViewFilters } from "../../lib/view.js";
import { InsightList } from "./InsightList.js";

/** What to fix first: the collector's ranked findings for the current view. */
export function InsightsPanel({ filters }: { filters: ViewFilters }) {
  const query = useInsightsQuery(filters);
  const insights = query.data?.insights;
  // "since … ago" is relative to when the answer arrived, not to each re-render.
  const now = query.dataUpdatedAt;

  let body;
  if (insights === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={4} label="Looking for findings…" />
    );
  } else if (insights.length === 0) {
    body = <EmptyState title="No findings yet: closewatch needs some 1008/1009 closes in this range." />;
  } else {
    body = (
      <>
        {query.isError ? (
          <p className="banner" role="alert">
            Could not refresh the findings ({describeError(query.error).detail}). Showing the last answer.
          </p>
        ) : null}
        <InsightList insights={insights} filters={filters} now={now} />
      </>
    );
  }

  return (
    <Panel
      title="Findings"
      className="span-12"
      stale={query.isPlaceholderData}
      aside={
        insights && insights.length > 0 ? (
          <span className="muted">
            {insights.length} {insights.length === 1 ? "finding" : "findings"}, most important first
          </span>
        ) : null
      }
    >
      {body}
    </Panel>
  );
}
