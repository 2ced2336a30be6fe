import { EmptyState } from "../../components/States.js";
import { describeRange, rangePreset, type RangeKey, type ViewFilters } from "../../lib/view.js";
import { widerRange } from "./widen.js";

interface EmptyResultsProps {
  view: ViewFilters;
  filtered: boolean;
  onClearFilters: () => void;
  onAllServices: () => void;
  onRange: (range: RangeKey) => void;
}

/** Nothing matched: say what was searched and offer each way to widen it. */
export function EmptyResults({ view, filtered, onClearFilters, onAllServices, onRange }: EmptyResultsProps) {
  const wider = widerRange(view.range);
  const where = `${describeRange(view.range)}${view.service ? ` for ${view.service}` : ""}`;
  return (
    <EmptyState title={filtered ? "No closes match these filters" : "No closes recorded"}>
      <p className="explorer-empty-detail">
        Searched {where}. {filtered || view.service || wider ? "Widen the search:" : ""}
      </p>
      <p className="state-actions centered explorer-empty-actions">
        {filtered ? (
          <button type="button" className="button" onClick={onClearFilters}>
            Clear filters
          </button>
        ) : null}
        {view.service ? (
          <button type="button" className="button" onClick={onAllServices}>
            All services
          </button>
        ) : null}
        {wider ? (
          <button type="button" className="button" onClick={() => onRange(wider)}>
            Last {rangePreset(wider).label}
          </button>
        ) : null}
      </p>
    </EmptyState>
  );
}
