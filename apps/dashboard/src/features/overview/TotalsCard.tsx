import { CodeLabel } from "../../components/CodeLabel.js";
import { Panel } from "../../components/Panel.js";
import { formatCount, formatPercent } from "../../lib/format.js";
import type { CodeStat } from "./summary.js";

interface TotalsCardProps {
  total: number;
  /** Codes other than 1008/1009. */
  others: readonly CodeStat[];
  stale?: boolean;
}

export function TotalsCard({ total, others, stale = false }: TotalsCardProps) {
  return (
    <Panel title="All closes" className="span-4" stale={stale}>
      <div className="stat">
        <span className="stat-value stat-value-large">{formatCount(total)}</span>
        <span className="stat-label">closes in range</span>
      </div>
      <h3 className="subheading">Other codes</h3>
      {others.length > 0 ? (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" className="num">
                Closes
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {others.map((c) => (
              <tr key={c.code}>
                <td>
                  <CodeLabel code={c.code} withName />
                </td>
                <td className="num">{formatCount(c.count)}</td>
                <td className="num">{formatPercent(c.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Every close in this range was a 1008 or a 1009.</p>
      )}
    </Panel>
  );
}
