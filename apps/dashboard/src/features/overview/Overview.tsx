import type { StoredEvent } from "@closewatch/protocol";
import { useEffect } from "react";
import { usePreviousSummaryQuery, useSummaryQuery } from "../../api/queries.js";
import { describeError } from "../../api/client.js";
import { preloadCharts } from "../../components/LazyCharts.js";
import { Panel } from "../../components/Panel.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { FOCUS_CODES } from "../../lib/codes.js";
import { isCustomRange, type ViewFilters } from "../../lib/view.js";
import { LiveFeedPanel } from "../events/LiveFeedPanel.js";
import { InsightsPanel } from "../insights/InsightsPanel.js";
import { ClosesChartPanel } from "./ClosesChartPanel.js";
import { CodeCard } from "./CodeCard.js";
import { EmptyOverview } from "./EmptyOverview.js";
import { SizesPanel } from "./SizesPanel.js";
import { TotalsCard } from "./TotalsCard.js";
import { codeStat, otherCodes, topCauses } from "./summary.js";

interface OverviewProps {
  filters: ViewFilters;
  /** Events pushed by the live socket, newest first, for the feed. */
  live: readonly StoredEvent[];
}

/**
 * The overview page: 1008 and 1009 side by side, the findings that explain
 * them right below, then the time series, totals, rejected sizes and the live
 * feed. Renders grid cells into the page grid.
 *
 * The summary is asked for first and alone: the embedded database answers one
 * query at a time, so the numbers people come for would otherwise wait behind
 * the findings. Every other panel mounts (and fetches) once it has arrived.
 */
export function Overview({ filters, live }: OverviewProps) {
  const query = useSummaryQuery(filters);
  const previous = usePreviousSummaryQuery(filters, { enabled: query.data !== undefined });
  const summary = query.data;
  const periodLabel = isCustomRange(filters.range) ? "period" : filters.range;
  const ready = summary !== undefined;
  useEffect(() => {
    if (ready) preloadCharts();
  }, [ready]);

  if (summary === undefined) {
    if (query.isError) {
      return (
        <Panel title="Overview" className="span-12">
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </Panel>
      );
    }
    return (
      <>
        {FOCUS_CODES.map((code) => (
          <Panel key={code} title={`${code}`} className="span-6">
            <LoadingState lines={5} label={`Loading ${code} closes…`} />
          </Panel>
        ))}
      </>
    );
  }

  if (summary.total === 0 && !query.isPlaceholderData) {
    return <EmptyOverview origin={window.location.origin} filters={filters} />;
  }

  const stale = query.isPlaceholderData;
  return (
    <>
      {query.isError ? (
        <p className="banner span-12" role="alert">
          Could not refresh the numbers ({describeError(query.error).detail}). Showing the last answer.
        </p>
      ) : null}
      {FOCUS_CODES.map((code) => (
        <CodeCard
          key={code}
          code={code}
          stat={codeStat(summary, code)}
          causes={topCauses(summary, code)}
          stale={stale}
          previousCount={previous.data && !previous.isPlaceholderData ? codeStat(previous.data, code).count : undefined}
          periodLabel={periodLabel}
        />
      ))}
      <InsightsPanel filters={filters} />
      <ClosesChartPanel filters={filters} />
      <TotalsCard total={summary.total} others={otherCodes(summary)} stale={stale} />
      <SizesPanel filters={filters} />
      <LiveFeedPanel filters={filters} live={live} />
    </>
  );
}
