import type { AlertRule } from "@closewatch/protocol";
import { useEffect, useRef, useState } from "react";
import { CodeLabel } from "../../components/CodeLabel.js";
import { Link } from "../../components/Link.js";
import { formatEventTime } from "../../lib/format.js";
import { lastCheckWords, targetWords, thresholdWords, timingWords } from "./ruleWords.js";
import { StateBadge } from "./StateBadge.js";
import { HISTORY_ID } from "./FiringsPanel.js";

interface RuleCardProps {
  rule: AlertRule;
  now: number;
  /** A write on this rule is on its way: its controls wait for it. */
  busy: boolean;
  onToggle: (rule: AlertRule) => void;
  /** `opener` gets focus back when the form closes. */
  onEdit: (rule: AlertRule, opener: HTMLElement) => void;
  onDelete: (rule: AlertRule) => void;
}

/** What a rule watches: its codes, the cause if one, and where. */
function Watches({ rule }: { rule: AlertRule }) {
  return (
    <span className="alert-watches">
      {rule.codes.map((code) => (
        <CodeLabel key={code} code={code} />
      ))}
      {rule.cause ? <code className="cause">{rule.cause}</code> : <span className="muted">any cause</span>}
      <span className="muted">on</span>
      {rule.service ? <span className="alert-service">{rule.service}</span> : <span>all services</span>}
    </span>
  );
}

/** The history link filters the table below; bring the table into view as well. */
function showHistory(): void {
  requestAnimationFrame(() => document.getElementById(HISTORY_ID)?.scrollIntoView({ block: "start" }));
}

/**
 * One rule: its state, what it watches, when it fires and how it last
 * measured, with its switch and actions. Delete asks first, in place.
 */
export function RuleCard({ rule, now, busy, onToggle, onEdit, onDelete }: RuleCardProps) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The question takes focus (on its safe answer); closing it gives focus back to Delete.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      cancel.current?.focus();
    } else if (asked.current) {
      deleteButton.current?.focus();
    }
  }, [confirming]);

  return (
    <li className={`alert-rule alert-rule-${rule.enabled ? rule.state : "off"}`}>
      <div className="alert-rule-head">
        <h3 className="alert-rule-name">{rule.name}</h3>
        <StateBadge rule={rule} now={now} />
        <label className="alert-switch">
          <input
            type="checkbox"
            role="switch"
            checked={rule.enabled}
            disabled={busy}
            aria-label={`Enabled: ${rule.name}`}
            onChange={() => onToggle(rule)}
          />
          <span aria-hidden="true">Enabled</span>
        </label>
      </div>
      <dl className="alert-rule-facts">
        <div>
          <dt>Watches</dt>
          <dd>
            <Watches rule={rule} />
          </dd>
        </div>
        <div>
          <dt>Fires at</dt>
          <dd>
            <span className="cell-main">{thresholdWords(rule)}</span>
            <span className="cell-sub">{timingWords(rule)}</span>
          </dd>
        </div>
        <div>
          <dt>Last check</dt>
          <dd>
            <span className="cell-main">{lastCheckWords(rule)}</span>
            {rule.lastEvaluatedAt ? (
              <span className="cell-sub">at {formatEventTime(rule.lastEvaluatedAt, now)}</span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Notifies</dt>
          <dd>{targetWords(rule.target)}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="alert-rule-actions alert-confirm" role="group" aria-label={`Delete ${rule.name}?`}>
          <span>Delete “{rule.name}”? This cannot be undone.</span>
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => onDelete(rule)}
          >
            Delete rule
          </button>
          <button type="button" className="button" ref={cancel} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="alert-rule-actions">
          <Link className="button" href={`/alerts?rule=${encodeURIComponent(rule.id)}`} onClick={showHistory}>
            History<span className="visually-hidden"> of {rule.name}</span>
          </Link>
          <button type="button" className="button" disabled={busy} onClick={(e) => onEdit(rule, e.currentTarget)}>
            Edit<span className="visually-hidden"> {rule.name}</span>
          </button>
          <button
            type="button"
            className="button"
            ref={deleteButton}
            disabled={busy}
            onClick={() => setConfirming(true)}
          >
            Delete<span className="visually-hidden"> {rule.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
