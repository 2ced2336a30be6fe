import type { ReactNode } from "react";
import { BarList } from "../../components/BarList.js";
import { CodeLabel } from "../../components/CodeLabel.js";
import { Panel } from "../../components/Panel.js";
import { codeColor, type FocusCode } from "../../lib/codes.js";
import { formatCount, formatPercent } from "../../lib/format.js";
import { changeAgainst, changeText } from "./change.js";
import type { CodeStat, TopCauses } from "./summary.js";

const MEANING: Record<FocusCode, ReactNode> = {
  1008: "The endpoint closed because a rule was broken: auth, rate, origin, content or quota.",
  1009: (
    <>
      A message was bigger than the receiver accepts (for <code>ws</code>: <code>maxPayload</code>).
    </>
  ),
};

interface CodeCardProps {
  code: FocusCode;
  stat: CodeStat;
  causes: TopCauses;
  stale?: boolean;
  /** This code's count in the previous period of equal length; undefined while it loads. */
  previousCount?: number;
  /** "1h", "7d" or "period": what the previous period is called. */
  periodLabel: string;
}

/** One of the two side-by-side cards: how many closes with this code, and why. */
export function CodeCard({ code, stat, causes, stale = false, previousCount, periodLabel }: CodeCardProps) {
  const color = codeColor(code);
  const change = previousCount === undefined ? undefined : changeAgainst(stat.count, previousCount);
  return (
    <Panel title={<CodeLabel code={code} withName />} className="span-6 code-card" stale={stale}>
      <div className="code-card-accent" style={{ background: color }} aria-hidden="true" />
      <p className="code-meaning">{MEANING[code]}</p>
      <div className="stat-row">
        <div className="stat">
          <span className="stat-value">{formatCount(stat.count)}</span>
          <span className="stat-label">closes</span>
        </div>
        <div className="stat">
          <span className="stat-value">{formatPercent(stat.share)}</span>
          <span className="stat-label">of all closes</span>
        </div>
        <div className="stat">
          <span className={`stat-value stat-change change-${change?.direction ?? "loading"}`}>
            {change ? changeText(change, (r) => formatPercent(r)) : "…"}
          </span>
          <span className="stat-label">
            vs previous {periodLabel}
            {previousCount !== undefined ? ` (${formatCount(previousCount)})` : ""}
          </span>
        </div>
      </div>
      <h3 className="subheading">Top causes</h3>
      {causes.items.length > 0 ? (
        <BarList
          label={`Top causes of ${code}`}
          color={color}
          items={causes.items.map((c) => ({ key: c.cause, label: c.cause, count: c.count, share: c.share }))}
        />
      ) : (
        <p className="muted">No {code} closes in this range.</p>
      )}
      {causes.rest.causes > 0 ? (
        <p className="muted small">
          and {causes.rest.causes} more {causes.rest.causes === 1 ? "cause" : "causes"} ({formatCount(causes.rest.count)}{" "}
          closes)
        </p>
      ) : null}
    </Panel>
  );
}
