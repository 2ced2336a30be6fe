import type { AlertRule } from "@closewatch/protocol";
import { type ReactNode, useMemo, useState } from "react";
import { describeError } from "../../api/client.js";
import { Panel } from "../../components/Panel.js";
import { ErrorState, LoadingState } from "../../components/States.js";
import { EmptyRules } from "./EmptyRules.js";
import { focusNewRule, NEW_RULE_CLASS } from "./newRuleFocus.js";
import { useAlertRulesQuery, useDeleteRuleMutation, useSaveRuleMutation, useToggleRuleMutation } from "./queries.js";
import { SUGGESTED_RULE } from "./ruleForm.js";
import { RuleCard } from "./RuleCard.js";
import { sortRules } from "./ruleList.js";

interface RulesPanelProps {
  /** Open the form: for a new rule (no rule) or to edit one; `opener` gets focus back when it closes. */
  onOpenForm: (rule: AlertRule | undefined, opener: HTMLElement) => void;
  /** The form is open for a new rule: its button has nothing more to do. */
  creating: boolean;
  /** What the last write did, read out politely ("Saved “1009 spike”."). */
  notice: string;
  onNotice: (notice: string) => void;
}

/** The rules, firing first, with their switches and actions; loading, empty and error states in words. */
export function RulesPanel({ onOpenForm, creating, notice, onNotice }: RulesPanelProps) {
  const query = useAlertRulesQuery();
  const save = useSaveRuleMutation();
  const switcher = useToggleRuleMutation();
  const remove = useDeleteRuleMutation();
  const [failure, setFailure] = useState<string | undefined>();
  const data = query.data;
  const rules = useMemo(() => sortRules(data?.rules ?? []), [data]);
  const now = query.dataUpdatedAt || Date.now();

  const fail = (what: string) => (error: unknown) => setFailure(`Could not ${what}: ${describeError(error).detail}`);
  const toggle = (rule: AlertRule) => {
    setFailure(undefined);
    const enabled = !rule.enabled;
    switcher.mutate(
      { rule, enabled },
      {
        onSuccess: () => onNotice(`${enabled ? "Enabled" : "Disabled"} “${rule.name}”.`),
        onError: fail(`${enabled ? "enable" : "disable"} “${rule.name}”`),
      },
    );
  };
  const del = (rule: AlertRule) => {
    setFailure(undefined);
    remove.mutate(rule.id, {
      onSuccess: () => {
        onNotice(`Deleted “${rule.name}”.`);
        focusNewRule();
      },
      onError: fail(`delete “${rule.name}”`),
    });
  };
  const createSuggested = () => {
    setFailure(undefined);
    save.mutate(
      { id: undefined, input: SUGGESTED_RULE },
      {
        onSuccess: (saved) => onNotice(`Created “${saved.name}”.`),
        onError: fail("create the suggested rule"),
      },
    );
  };
  const busy = (id: string) =>
    (switcher.isPending && switcher.variables?.rule.id === id) || (remove.isPending && remove.variables === id);

  let body: ReactNode;
  if (data === undefined) {
    body = query.isError ? (
      <ErrorState error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingState lines={4} label="Loading alert rules…" />
    );
  } else if (rules.length === 0) {
    body = (
      <EmptyRules
        creating={save.isPending && save.variables?.id === undefined}
        onCreateSuggested={createSuggested}
        onOpenForm={(opener) => onOpenForm(undefined, opener)}
      />
    );
  } else {
    body = (
      <ul className="alert-rules" aria-label="Alert rules, firing first">
        {rules.map((rule) => (
          <RuleCard
            key={rule.id}
            rule={rule}
            now={now}
            busy={busy(rule.id)}
            onToggle={toggle}
            onEdit={onOpenForm}
            onDelete={del}
          />
        ))}
      </ul>
    );
  }

  const firing = rules.filter((r) => r.enabled && r.state === "firing").length;
  return (
    <Panel
      title="Alert rules"
      className="span-12"
      aside={
        <span className="alert-panel-aside">
          {rules.length > 0 ? (
            <span className="muted">
              {rules.length} {rules.length === 1 ? "rule" : "rules"}
              {firing > 0 ? ` · ${firing} firing` : ""}
            </span>
          ) : null}
          {data !== undefined && rules.length > 0 ? (
            <button
              type="button"
              className={`button button-primary ${NEW_RULE_CLASS}`}
              disabled={creating}
              onClick={(e) => onOpenForm(undefined, e.currentTarget)}
            >
              New rule
            </button>
          ) : null}
        </span>
      }
    >
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {failure ? (
        <p className="banner alert-banner" role="alert">
          {failure}
        </p>
      ) : null}
      {data !== undefined && query.isError ? (
        <p className="banner alert-banner" role="alert">
          Could not refresh the rules ({describeError(query.error).detail}). Showing the last answer.
        </p>
      ) : null}
      {body}
    </Panel>
  );
}
