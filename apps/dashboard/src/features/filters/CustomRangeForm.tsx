import { useId, useState, type FormEvent } from "react";
import { fromLocalInput, toLocalInput } from "../../lib/localTime.js";
import { MAX_CUSTOM_MS, parseCustomRange, windowFor, type CustomRange, type TimeRange } from "../../lib/view.js";

interface CustomRangeFormProps {
  range: TimeRange;
  onApply: (range: CustomRange) => void;
  onCancel: () => void;
}

/** From and to in the browser's local time; the window is sent to the API (and the URL) in UTC. */
export function CustomRangeForm({ range, onApply, onCancel }: CustomRangeFormProps) {
  const fromId = useId();
  const toId = useId();
  const [initial] = useState(() => windowFor(range, Date.now()));
  const [from, setFrom] = useState(() => toLocalInput(initial.from));
  const [to, setTo] = useState(() => toLocalInput(initial.to));
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseCustomRange(fromLocalInput(from), fromLocalInput(to));
    if (!parsed) {
      setError(
        `Pick a start before the end, at most ${Math.round(MAX_CUSTOM_MS / 86_400_000)} days apart.`,
      );
      return;
    }
    onApply(parsed);
  };

  return (
    <form className="custom-range" onSubmit={submit} aria-label="Custom time range">
      <label className="field" htmlFor={fromId}>
        <span className="field-label">From</span>
        <input id={fromId} className="input" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label className="field" htmlFor={toId}>
        <span className="field-label">To</span>
        <input id={toId} className="input" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <button type="submit" className="button button-primary">
        Apply
      </button>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
