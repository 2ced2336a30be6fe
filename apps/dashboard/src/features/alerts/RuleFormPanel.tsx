import type { AlertRule, AlertRuleInput } from "@closewatch/protocol";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, describeError } from "../../api/client.js";
import { useCodesQuery } from "../../api/queries.js";
import { Panel } from "../../components/Panel.js";
import { formErrors } from "./fieldErrors.js";
import { useSaveRuleMutation } from "./queries.js";
import { type FieldErrors, type FormField, formFromInput, inputFromForm, type RuleForm } from "./ruleForm.js";
import { type SetField, TargetFields, ThresholdFields, WatchFields } from "./RuleFormFields.js";

interface RuleFormPanelProps {
  /** The rule being edited; undefined creates a new one. */
  rule: AlertRule | undefined;
  /** What the fields start with. */
  initial: AlertRuleInput;
  onSaved: (saved: AlertRule) => void;
  onCancel: () => void;
}

interface GeneralError {
  title: string;
  lines: string[];
}

/** The banner above the buttons after a failed save: what no field shows, or why nothing was saved. */
function generalError(error: unknown, fieldCount: number, unplaced: string[]): GeneralError {
  if (fieldCount > 0) {
    const fields = fieldCount === 1 ? "one field needs" : `${fieldCount} fields need`;
    return { title: `The rule was not saved: ${fields} a change.`, lines: unplaced };
  }
  const { title, detail } = describeError(error);
  return { title: `The rule was not saved. ${title}.`, lines: unplaced.length > 0 ? unplaced : [detail] };
}

/**
 * Create or edit a rule. The collector validates; its field errors appear
 * next to the fields they concern (in minutes where the form asks minutes),
 * anything else above the buttons. Focus moves to the first problem.
 */
export function RuleFormPanel({ rule, initial, onSaved, onCancel }: RuleFormPanelProps) {
  const [form, setForm] = useState<RuleForm>(() => formFromInput(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<GeneralError | undefined>();
  // Bumped on every failed submit, so focus moves to the first problem even when it is the same one again.
  const [failures, setFailures] = useState(0);
  const save = useSaveRuleMutation();
  const knowledge = useCodesQuery();
  const formRef = useRef<HTMLFormElement>(null);
  const generalRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  // The name is selected too: typing replaces the suggested one instead of adding to it.
  useEffect(() => {
    nameRef.current?.focus();
    nameRef.current?.select();
  }, []);
  useEffect(() => {
    if (failures === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']");
    (invalid ?? generalRef.current)?.focus();
  }, [failures]);

  // A changed field loses its error: it may no longer hold.
  const set: SetField = useCallback((key, value) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((current) => {
      if (!(key in current)) return current;
      const next = { ...current };
      delete next[key as FormField];
      return next;
    });
  }, []);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (save.isPending) return;
    setGeneral(undefined);
    const result = inputFromForm(form);
    if (!result.ok) {
      setErrors(result.errors);
      setFailures((n) => n + 1);
      return;
    }
    setErrors({});
    save.mutate(
      { id: rule?.id, input: result.input },
      {
        onSuccess: onSaved,
        onError: (error) => {
          const mapped = formErrors(error instanceof ApiError ? (error.problem.errors ?? []) : [], form);
          setErrors(mapped.fields);
          setGeneral(generalError(error, Object.keys(mapped.fields).length, mapped.general));
          setFailures((n) => n + 1);
        },
      },
    );
  }

  const title = rule ? `Edit “${rule.name}”` : "New alert rule";
  return (
    <Panel title={title} className="span-12 alert-form-panel">
      <form ref={formRef} className="alert-form" noValidate onSubmit={submit} aria-label={title}>
        <WatchFields form={form} errors={errors} set={set} knowledge={knowledge.data?.codes} nameRef={nameRef} />
        <ThresholdFields form={form} errors={errors} set={set} parsed={inputFromForm(form)} />
        <TargetFields form={form} errors={errors} set={set} />

        <label className="alert-enabled">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Enabled: evaluate this rule
        </label>

        {general ? (
          <div className="banner alert-form-error" role="alert" tabIndex={-1} ref={generalRef}>
            <p className="state-title">{general.title}</p>
            {general.lines.length > 0 ? (
              <ul>
                {general.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <div className="alert-form-actions">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : rule ? "Save rule" : "Create rule"}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </Panel>
  );
}
