import { useMemo } from "react";
import { useTimeseriesQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { SeriesLegend } from "../../components/SeriesLegend.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import type { ViewFilters } from "../../lib/view.js";
import { ClosesChart } from "../../components/LazyCharts.js";
import { peak, toChartRows } from "./chartRows.js";

export function ClosesChartPanel({ filters }: { filters: ViewFilters }) {
  const query = useTimeseriesQuery(filters);
  const rows = useMemo(() => (query.data ? toChartRows(query.data) : []), [query.data]);

  let body;
  if (query.data === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <div className="chart-placeholder">
        <LoadingState lines={4} label="Loading the time series…" />
      </div>
    );
  } else if (peak(rows) === 0) {
    body = (
      <div className="chart-placeholder">
        <EmptyState title="No closes in this range yet." />
      </div>
    );
  } else {
    body = <ClosesChart rows={rows} bucketSeconds={query.data.bucketSeconds} />;
  }

  return (
    <Panel title="Closes over time" aside={<SeriesLegend />} className="span-8" stale={query.isPlaceholderData}>
      {body}
    </Panel>
  );
}
