import { formatCount, formatPercent } from "../lib/format.js";

export interface BarListItem {
  key: string;
  label: string;
  count: number;
  /** In [0, 1]: bar length and the percentage shown. */
  share: number;
}

/** A compact ranked list with proportional bars; the numbers are always printed too. */
export function BarList({ items, color, label }: { items: readonly BarListItem[]; color: string; label: string }) {
  return (
    <ol className="bar-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className="bar-list-item">
          <div className="bar-list-text">
            <span className="bar-list-label">{item.label}</span>
            <span className="bar-list-value">
              {formatCount(item.count)} <span className="muted">· {formatPercent(item.share)}</span>
            </span>
          </div>
          <div className="bar-track" aria-hidden="true">
            <div className="bar-fill" style={{ width: `${Math.max(item.share * 100, 1)}%`, background: color }} />
          </div>
        </li>
      ))}
    </ol>
  );
}
