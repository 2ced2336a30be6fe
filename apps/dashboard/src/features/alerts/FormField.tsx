import { type ReactNode, useId } from "react";

/** What a field's control needs to be labelled and to announce its hint and error. */
export interface ControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
}

interface FormFieldProps {
  label: string;
  hint?: ReactNode;
  /** The collector's (or the form's own) complaint, shown under the control and read with it. */
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and error wired to it, so screen readers read all three together. */
export function FormField({ label, hint, error, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <div className={["alert-field", className].filter(Boolean).join(" ")}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error ? (
        <p className="field-error alert-field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="alert-field-hint muted small" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  hint?: string;
  value: string;
  error: string | undefined;
  /** A hint for the spinner only: the form does not block on it (the collector's limits decide). */
  min: number;
  whole?: boolean;
  onChange: (value: string) => void;
}

/** A number typed in a text-width box; whole numbers get the numeric keypad, others the decimal one. */
export function NumberField({ label, hint, value, error, min, whole = false, onChange }: NumberFieldProps) {
  return (
    <FormField label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          className="input input-number"
          type="number"
          min={min}
          step={whole ? 1 : "any"}
          inputMode={whole ? "numeric" : "decimal"}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}
