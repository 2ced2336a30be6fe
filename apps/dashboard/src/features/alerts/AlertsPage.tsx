import type { AlertRule, AlertRuleInput } from "@closewatch/protocol";
import { useCallback, useEffect, useRef, useState } from "react";
import { useSearchParams } from "../../hooks/useSearchParams.js";
import { FiringsPanel } from "./FiringsPanel.js";
import { useAlertRulesQuery } from "./queries.js";
import { inputFromRule, SUGGESTED_RULE } from "./ruleForm.js";
import { RuleFormPanel } from "./RuleFormPanel.js";
import { focusNewRule } from "./newRuleFocus.js";
import { RulesPanel } from "./RulesPanel.js";
import "./alerts.css";

/** The form is closed, or open for a new rule or for one being edited. */
type Editor = { rule: AlertRule | undefined; initial: AlertRuleInput } | undefined;

/**
 * The alerts page: the rules (firing first) with a form to create and edit
 * them, and the history of their firings, filtered by `?rule=<id>`. The
 * collector evaluates the rules; this page polls to show what it decided.
 */
export function AlertsPage() {
  const [editor, setEditor] = useState<Editor>();
  // Bumped each time the form opens, so a reopened form starts from its rule again.
  const [formKey, setFormKey] = useState(0);
  const [notice, setNotice] = useState("");
  const opener = useRef<HTMLElement | null>(null);
  const [params, update] = useSearchParams();
  const ruleId = params.get("rule") || undefined;
  // Shares the rules panel's query (same key): the history's filter lists the same rules.
  const rules = useAlertRulesQuery().data?.rules;

  const open = useCallback((rule: AlertRule | undefined, from: HTMLElement) => {
    opener.current = from;
    setEditor({ rule, initial: rule ? inputFromRule(rule) : SUGGESTED_RULE });
    setFormKey((k) => k + 1);
  }, []);

  /**
   * Focus goes back to where the form was opened from; if that is gone (the
   * empty state's button, once the first rule exists), to "New rule". Done in
   * an effect after the closed form is committed: a save closes the form from
   * a network callback, whose render may come after the next animation frame,
   * while the buttons are still disabled.
   */
  const [refocus, setRefocus] = useState<{ from: HTMLElement | null } | null>(null);
  const close = useCallback(() => {
    setEditor(undefined);
    setRefocus({ from: opener.current });
    opener.current = null;
  }, []);
  useEffect(() => {
    if (!refocus || editor) return;
    setRefocus(null);
    if (refocus.from?.isConnected) refocus.from.focus();
    else focusNewRule();
  }, [refocus, editor]);

  const saved = useCallback(
    (rule: AlertRule) => {
      setNotice(`Saved “${rule.name}”.`);
      close();
    },
    [close],
  );

  return (
    <>
      {editor ? (
        <RuleFormPanel key={formKey} rule={editor.rule} initial={editor.initial} onSaved={saved} onCancel={close} />
      ) : null}
      <RulesPanel
        onOpenForm={open}
        creating={editor !== undefined && editor.rule === undefined}
        notice={notice}
        onNotice={setNotice}
      />
      <FiringsPanel rules={rules} ruleId={ruleId} onRuleChange={(id) => update({ rule: id }, { push: true })} />
    </>
  );
}
