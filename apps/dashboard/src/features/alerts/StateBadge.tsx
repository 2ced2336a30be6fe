import type { AlertRule } from "@closewatch/protocol";
import { formatEventTime } from "../../lib/format.js";
import { stateBadge } from "./ruleWords.js";

/** The rule's state as a word in a tinted pill, with since when; the colour only repeats the word. */
export function StateBadge({ rule, now }: { rule: AlertRule; now: number }) {
  const { label, tone } = stateBadge(rule);
  return (
    <span className="alert-state-line">
      <span className={`alert-state alert-state-${tone}`}>{label}</span>
      {rule.enabled ? <span className="muted small">since {formatEventTime(rule.stateSince, now)}</span> : null}
    </span>
  );
}
