import { useMemo, useState } from "react";
import { useSizesQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import { codeColor } from "../../lib/codes.js";
import { formatCount, formatPercent } from "../../lib/format.js";
import type { ViewFilters } from "../../lib/view.js";
import { HistogramChart } from "../../components/LazyCharts.js";
import { toHistogramChart } from "../insights/histogram.js";
import { limitLabel, pickDistribution, sizeFacts, toSizeHistogram } from "./sizes.js";

/**
 * How big the messages closed with 1009 were, against the limit that stopped
 * them: one histogram per enforced limit (services often differ), the limit
 * drawn as a line.
 */
export function SizesPanel({ filters }: { filters: ViewFilters }) {
  const query = useSizesQuery(filters);
  const [chosen, setChosen] = useState<number | null | undefined>(undefined);
  const data = query.data;
  const dist = data ? pickDistribution(data.limits, chosen) : undefined;
  const chart = useMemo(() => (dist ? toHistogramChart(toSizeHistogram(dist)) : undefined), [dist]);

  let body;
  if (data === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={4} label="Loading message sizes…" />
    );
  } else if (!dist || !chart) {
    body = (
      <EmptyState
        title={data.total > 0 ? "No 1009 close in this range recorded a message size." : "No 1009 closes in this range."}
      />
    );
  } else {
    body = (
      <>
        {data.limits.length > 1 ? (
          <div className="segmented" role="radiogroup" aria-label="Enforced limit">
            {data.limits.map((l) => (
              <button
                key={String(l.limit)}
                type="button"
                role="radio"
                aria-checked={l.limit === dist.limit}
                className={l.limit === dist.limit ? "segment is-active" : "segment"}
                onClick={() => setChosen(l.limit)}
              >
                {limitLabel(l.limit)} ({formatCount(l.count)})
              </button>
            ))}
          </div>
        ) : null}
        <dl className="size-facts">
          <div>
            <dt>Closes</dt>
            <dd className="num">{formatCount(dist.count)}</dd>
          </div>
          {sizeFacts(dist).map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd className="num">
                {f.value}
                {f.note ? <span className="muted small"> · {f.note}</span> : null}
              </dd>
            </div>
          ))}
        </dl>
        <HistogramChart chart={chart} color={codeColor(1009)} label={`Sizes of messages over the ${limitLabel(dist.limit)}`} />
        <p className="muted small">
          {formatCount(data.withSize)} of {formatCount(data.total)} 1009 closes carried a size.
          {dist.lowerBoundShare > 0
            ? ` ${formatPercent(dist.lowerBoundShare)} of these sizes are lower bounds: the message was cut off while still arriving in fragments.`
            : ""}
        </p>
      </>
    );
  }

  return (
    <Panel title="Rejected message sizes (1009)" className="span-12" stale={query.isPlaceholderData}>
      {body}
    </Panel>
  );
}
