import { useEffect, useId, useState } from "react";
import { useDebouncedValue } from "../../hooks/useDebouncedValue.js";
import { isCustomRange, MAX_SERVICE_LENGTH, normaliseService, RANGE_PRESETS, type TimeRange } from "../../lib/view.js";
import { CustomRangeForm } from "./CustomRangeForm.js";

interface FilterBarProps {
  range: TimeRange;
  onRangeChange: (range: TimeRange) => void;
  service: string;
  onServiceChange: (service: string) => void;
}

/** Time range (presets, or a custom window) and service, shared by the overview, events and services pages. */
export function FilterBar({ range, onRangeChange, service, onServiceChange }: FilterBarProps) {
  const [customOpen, setCustomOpen] = useState(false);
  const custom = isCustomRange(range);
  return (
    <div className="filters">
      <ServiceBox service={service} onServiceChange={onServiceChange} />
      <div className="segmented" role="radiogroup" aria-label="Time range">
        {RANGE_PRESETS.map((p) => (
          <button
            key={p.key}
            type="button"
            role="radio"
            aria-checked={p.key === range}
            className={p.key === range ? "segment is-active" : "segment"}
            onClick={() => {
              setCustomOpen(false);
              onRangeChange(p.key);
            }}
            title={`Last ${p.label}`}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={custom}
          aria-expanded={customOpen}
          className={custom ? "segment is-active" : "segment"}
          onClick={() => setCustomOpen((open) => !open)}
        >
          Custom
        </button>
      </div>
      {customOpen ? (
        <CustomRangeForm
          range={range}
          onApply={(r) => {
            setCustomOpen(false);
            onRangeChange(r);
          }}
          onCancel={() => setCustomOpen(false)}
        />
      ) : null}
    </div>
  );
}

/**
 * The service box keeps what is typed and hands it on once typing pauses, so
 * the URL and the queries change once per name, not per letter. A service
 * set from outside (Back, a link) replaces the text.
 */
function ServiceBox({ service, onServiceChange }: Pick<FilterBarProps, "service" | "onServiceChange">) {
  const id = useId();
  const [text, setText] = useState(service);
  const settled = useDebouncedValue(normaliseService(text), 300);

  useEffect(() => setText((current) => (normaliseService(current) === service ? current : service)), [service]);
  useEffect(() => {
    if (settled !== service) onServiceChange(settled);
    // Only a settled edit is sent; `service` changing from outside is handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  return (
    <label className="field" htmlFor={id}>
      <span className="field-label">Service</span>
      <input
        id={id}
        className="input"
        type="search"
        placeholder="All services"
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_SERVICE_LENGTH}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}
