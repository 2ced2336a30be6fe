import { SERIES_KEYS, seriesColor, seriesLabel } from "../../lib/codes.js";
import { formatCount, formatPercent } from "../../lib/format.js";
import type { ServiceStats } from "./serviceStats.js";

/**
 * One row's closes split into 1008, 1009 and the rest, as a thin stacked bar.
 * Decoration only: the same numbers are printed in the row's cells, so the
 * bar is hidden from assistive tech and the tooltip spells it out for the mouse.
 */
export function CodeMixBar({ series }: { series: ServiceStats["series"] }) {
  const words = SERIES_KEYS.map(
    (key) => `${seriesLabel(key)}: ${formatCount(series[key].count)} (${formatPercent(series[key].share)})`,
  ).join("\n");
  return (
    <div className="code-mix" title={words} aria-hidden="true">
      {SERIES_KEYS.map((key) =>
        series[key].count > 0 ? (
          <span
            key={key}
            className="code-mix-part"
            style={{ width: `${series[key].share * 100}%`, background: seriesColor(key) }}
          />
        ) : null,
      )}
    </div>
  );
}
