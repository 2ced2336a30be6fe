import type { Insight } from "@closewatch/protocol";
import type { ViewFilters } from "../../lib/view.js";
import { InsightCard } from "./InsightCard.js";
import { eventsHref } from "./insights.js";

interface InsightListProps {
  insights: readonly Insight[];
  filters: ViewFilters;
  now: number;
}

/** The findings in the collector's order (most important first). */
export function InsightList({ insights, filters, now }: InsightListProps) {
  return (
    <ol className="insight-list">
      {insights.map((insight) => (
        <li key={insight.id}>
          <InsightCard insight={insight} eventsHref={eventsHref(insight, filters)} now={now} />
        </li>
      ))}
    </ol>
  );
}
