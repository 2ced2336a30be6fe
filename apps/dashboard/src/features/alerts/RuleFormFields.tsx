import type { CodeInfo } from "@closewatch/protocol";
import { type Ref, useId, useMemo } from "react";
import { causeOptionsForCodes } from "./causes.js";
import { FormField, NumberField } from "./FormField.js";
import { type FieldErrors, type FormResult, parseCodes, type RuleForm, type ThresholdKind } from "./ruleForm.js";
import { thresholdWords, timingWords } from "./ruleWords.js";

/** Sets one field of the form. */
export type SetField = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => void;

interface SectionProps {
  form: RuleForm;
  errors: FieldErrors;
  set: SetField;
}

/** Name, codes, cause and service. */
export function WatchFields({
  form,
  errors,
  set,
  knowledge,
  nameRef,
}: SectionProps & {
  /** The close-code knowledge base, for the causes of the chosen codes; undefined while it loads. */
  knowledge: readonly CodeInfo[] | undefined;
  nameRef: Ref<HTMLInputElement>;
}) {
  const codes = useMemo(() => parseCodes(form.codes).codes, [form.codes]);
  const causes = useMemo(
    () => causeOptionsForCodes(knowledge ?? [], codes, form.cause),
    [knowledge, codes, form.cause],
  );
  const causeHint =
    knowledge && causes.length === 0
      ? "closewatch knows no cause that all of these codes share."
      : "Only closes with this cause count.";
  return (
    <fieldset className="alert-form-section">
      <legend className="subheading">What to watch</legend>
      <FormField label="Name" error={errors.name}>
        {(control) => (
          <input
            {...control}
            ref={nameRef}
            className="input"
            type="text"
            maxLength={100}
            value={form.name}
            onChange={(e) => set("name", e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Close codes" hint="One or more, separated by commas: 1009, or 1008, 1009." error={errors.codes}>
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={form.codes}
            onChange={(e) => set("codes", e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Cause" hint={causeHint} error={errors.cause}>
        {(control) => (
          <select {...control} className="input" value={form.cause} onChange={(e) => set("cause", e.target.value)}>
            <option value="">Any cause</option>
            {causes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        label="Service"
        hint="The exact name an agent reports; empty watches every service."
        error={errors.service}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="text"
            maxLength={100}
            placeholder="All services"
            value={form.service}
            onChange={(e) => set("service", e.target.value)}
          />
        )}
      </FormField>
    </fieldset>
  );
}

const KINDS: readonly { kind: ThresholdKind; label: string }[] = [
  { kind: "factor", label: "Relative to usual" },
  { kind: "count", label: "Fixed count" },
];

/** The window, the threshold of the chosen kind, and the timing, with the result in words. */
export function ThresholdFields({ form, errors, set, parsed }: SectionProps & { parsed: FormResult }) {
  const kindName = useId();
  return (
    <fieldset className="alert-form-section">
      <legend className="subheading">When to fire</legend>
      {/* Native radios (arrow keys for free) drawn as the header's segmented control. */}
      <fieldset className="alert-field alert-kind">
        <legend className="field-label">Threshold</legend>
        <div className="segmented">
          {KINDS.map(({ kind, label }) => (
            <label key={kind} className={form.thresholdKind === kind ? "segment is-active" : "segment"}>
              <input
                type="radio"
                name={kindName}
                value={kind}
                checked={form.thresholdKind === kind}
                onChange={() => set("thresholdKind", kind)}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <NumberField
        label="Window (minutes)"
        hint="Closes are counted over this sliding window."
        min={1}
        value={form.windowMinutes}
        error={errors.windowMinutes}
        onChange={(v) => set("windowMinutes", v)}
      />
      {form.thresholdKind === "count" ? (
        <NumberField
          label="Closes in the window, at least"
          min={1}
          whole
          value={form.countValue}
          error={errors.countValue}
          onChange={(v) => set("countValue", v)}
        />
      ) : (
        <>
          <NumberField
            label="Times the usual rate"
            hint="3 fires at three times the usual number of closes per window."
            min={1.1}
            value={form.factorValue}
            error={errors.factorValue}
            onChange={(v) => set("factorValue", v)}
          />
          <NumberField
            label="Usual rate over the last (minutes)"
            hint="The baseline, measured before the window."
            min={5}
            value={form.baselineMinutes}
            error={errors.baselineMinutes}
            onChange={(v) => set("baselineMinutes", v)}
          />
        </>
      )}
      <NumberField
        label="Minimum closes"
        hint="With fewer closes in the window the rule never fires: quiet services do not page."
        min={1}
        whole
        value={form.minEvents}
        error={errors.minEvents}
        onChange={(v) => set("minEvents", v)}
      />
      <NumberField
        label="Over the threshold for (minutes)"
        hint="Shorter than this, a spike stays pending and does not fire."
        min={0}
        value={form.forMinutes}
        error={errors.forMinutes}
        onChange={(v) => set("forMinutes", v)}
      />
      <NumberField
        label="Cooldown (minutes)"
        hint="After a firing resolves, the rule stays quiet this long."
        min={0}
        value={form.cooldownMinutes}
        error={errors.cooldownMinutes}
        onChange={(v) => set("cooldownMinutes", v)}
      />
      <p className="alert-form-summary">
        {parsed.ok ? (
          <>
            Fires at <strong>{thresholdWords(parsed.input)}</strong>
            <span className="muted"> · {timingWords(parsed.input)}</span>
          </>
        ) : (
          <span className="muted">Fill in every number to see when this rule fires.</span>
        )}
      </p>
    </fieldset>
  );
}

/** Where firings are sent, if anywhere. */
export function TargetFields({ form, errors, set }: SectionProps) {
  return (
    <fieldset className="alert-form-section">
      <legend className="subheading">Notify</legend>
      <FormField
        label="Webhook URL"
        hint="Optional. Empty: firings show on this page only."
        error={errors.targetUrl}
        className="alert-field-wide"
      >
        {(control) => (
          <input
            {...control}
            className="input"
            type="url"
            autoComplete="off"
            placeholder="https://hooks.slack.com/services/…"
            value={form.targetUrl}
            onChange={(e) => set("targetUrl", e.target.value)}
          />
        )}
      </FormField>
      <FormField label="Format" error={errors.targetFormat}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={form.targetFormat}
            onChange={(e) => set("targetFormat", e.target.value === "slack" ? "slack" : "json")}
          >
            <option value="json">JSON (closewatch’s own)</option>
            <option value="slack">Slack incoming webhook</option>
          </select>
        )}
      </FormField>
    </fieldset>
  );
}
