import { SERIES_KEYS, seriesColor, seriesLabel } from "../lib/codes.js";
import { Swatch } from "./CodeLabel.js";

export function SeriesLegend() {
  return (
    <ul className="legend" aria-label="Legend">
      {SERIES_KEYS.map((key) => (
        <li key={key} className="legend-item">
          <Swatch color={seriesColor(key)} />
          {seriesLabel(key)}
        </li>
      ))}
    </ul>
  );
}
