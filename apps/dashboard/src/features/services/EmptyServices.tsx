import { Link } from "../../components/Link.js";
import { EmptyState } from "../../components/States.js";
import { describeRange, isCustomRange, serializeView, type ViewFilters } from "../../lib/view.js";

/** "the last 1h" for a preset, the window itself for a custom range. */
function rangeWords(filters: ViewFilters): string {
  const words = describeRange(filters.range);
  return isCustomRange(filters.range) ? words : `the ${words}`;
}

/** Nothing in range: say what was looked at, and what to try next. */
export function EmptyServices({ filters }: { filters: ViewFilters }) {
  if (filters.service) {
    return (
      <EmptyState title={`No closes for ${filters.service} in ${rangeWords(filters)}`}>
        <p className="muted">
          Service names match exactly. Check the spelling in the Service box, pick a longer range, or{" "}
          <Link href={`/services${serializeView({ range: filters.range, service: "" })}`}>show every service</Link>.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`No closes in ${rangeWords(filters)}`}>
      <p className="muted">
        Pick a longer range above, or check that your <code>ws</code> servers run the closewatch agent.{" "}
        <code>npm run demo</code> produces demo traffic.
      </p>
    </EmptyState>
  );
}
