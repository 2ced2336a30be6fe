import { useId } from "react";
import { MAX_SERVICE_LENGTH, RANGE_PRESETS, type RangeKey } from "../../lib/view.js";

interface FilterBarProps {
  range: RangeKey;
  onRangeChange: (range: RangeKey) => void;
  serviceInput: string;
  onServiceInputChange: (value: string) => void;
  /** Suggestions for the service box (services seen so far). */
  services: readonly string[];
}

export function FilterBar({ range, onRangeChange, serviceInput, onServiceInputChange, services }: FilterBarProps) {
  const serviceId = useId();
  const listId = useId();
  return (
    <div className="filters">
      <label className="field" htmlFor={serviceId}>
        <span className="field-label">Service</span>
        <input
          id={serviceId}
          className="input"
          type="search"
          placeholder="All services"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_SERVICE_LENGTH}
          list={listId}
          value={serviceInput}
          onChange={(e) => onServiceInputChange(e.target.value)}
        />
        <datalist id={listId}>
          {services.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </label>
      <div className="segmented" role="radiogroup" aria-label="Time range">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.key}
            type="button"
            role="radio"
            aria-checked={p.key === range}
            className={p.key === range ? "segment is-active" : "segment"}
            onClick={() => onRangeChange(p.key)}
            title={`Last ${p.label}`}
          >
            {p.label}
          </button>
        ))}
      </div>
    </div>
  );
}
