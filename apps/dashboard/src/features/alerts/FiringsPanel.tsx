import type { AlertRule } from "@closewatch/protocol";
import { type ReactNode, useId } from "react";
import { ApiError, describeError } from "../../api/client.js";
import { Panel } from "../../components/Panel.js";
import { EmptyState, ErrorState, LoadingState } from "../../components/States.js";
import { FiringsTable } from "./FiringsTable.js";
import { FIRINGS_LIMIT, useAlertFiringsQuery } from "./queries.js";

/** The history panel's element id: the rules' History links scroll to it. */
export const HISTORY_ID = "alert-history";

interface FiringsPanelProps {
  /** For the filter's choices; undefined while they load. */
  rules: readonly AlertRule[] | undefined;
  /** The rule in the URL (`?rule=<id>`), or undefined for all. */
  ruleId: string | undefined;
  onRuleChange: (ruleId: string | undefined) => void;
}

/** Every firing, newest first, optionally of one rule; the filter lives in the URL so a link shows the same history. */
export function FiringsPanel({ rules, ruleId, onRuleChange }: FiringsPanelProps) {
  const query = useAlertFiringsQuery(ruleId);
  const selectId = useId();
  const data = query.data;
  const now = query.dataUpdatedAt || Date.now();
  const chosen = rules?.find((r) => r.id === ruleId);
  // A link to a deleted rule still filters by it; say so rather than pretend "All rules".
  const unlisted = ruleId !== undefined && chosen === undefined;
  const scope = chosen ? ` of “${chosen.name}”` : ruleId ? " of this rule" : "";

  const gone = ruleId !== undefined && query.error instanceof ApiError && query.error.status === 404;

  let body: ReactNode;
  if (gone) {
    // A link to a rule deleted since: nothing is wrong, there is just no such rule any more.
    body = (
      <EmptyState title="This rule no longer exists">
        <p className="muted">
          Deleting a rule deletes its firings too.{" "}
          <button type="button" className="link-button" onClick={() => onRuleChange(undefined)}>
            Show the firings of every rule
          </button>
          .
        </p>
      </EmptyState>
    );
  } else if (data === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={3} label="Loading the firing history…" />
    );
  } else if (data.firings.length === 0) {
    body = query.isPlaceholderData ? (
      <LoadingState lines={3} label="Loading the firing history…" />
    ) : (
      <EmptyState title={`No firings${scope} yet`}>
        <p className="muted">
          A rule fires once closes stay over its threshold for its set time; each firing is listed here.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <FiringsTable
        firings={data.firings}
        now={now}
        caption={`Firings${scope}, newest first`}
      />
    );
  }

  return (
    <div id={HISTORY_ID} className="span-12 alert-history">
      <Panel
        title="Firing history"
        stale={query.isPlaceholderData}
        aside={
          <span className="field alert-history-filter">
            <label className="field-label" htmlFor={selectId}>
              Rule
            </label>
            <select
              id={selectId}
              className="input"
              value={ruleId ?? ""}
              onChange={(e) => onRuleChange(e.target.value || undefined)}
            >
              <option value="">All rules</option>
              {unlisted ? <option value={ruleId}>{rules ? "A deleted rule" : "Loading…"}</option> : null}
              {(rules ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </span>
        }
      >
        {data !== undefined && query.isError && !gone ? (
          <p className="banner alert-banner" role="alert">
            Could not refresh the history ({describeError(query.error).detail}). Showing the last answer.
          </p>
        ) : null}
        {body}
        {data && data.firings.length >= FIRINGS_LIMIT ? (
          <p className="muted small alert-history-limit">The latest {FIRINGS_LIMIT} firings are shown.</p>
        ) : null}
      </Panel>
    </div>
  );
}
