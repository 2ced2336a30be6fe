import type { CodeInfo } from "@closewatch/protocol";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { CodeFilter } from "./CodeFilter.js";
import {
  hasExplorerFilters,
  INITIATOR_LABELS,
  INITIATORS,
  MAX_REASON_QUERY_LENGTH,
  MAX_ROUTE_LENGTH,
  normaliseReasonQuery,
  normaliseRoute,
  type ExplorerFilters,
} from "./explorerFilters.js";
import { causeOptions } from "./knowledge.js";
import { TextFilter } from "./TextFilter.js";

interface FilterFormProps {
  filters: ExplorerFilters;
  /** `push`: a deliberate choice worth a Back step (code, cause, closed by); typing replaces the entry. */
  onChange: (patch: Partial<ExplorerFilters>, opts: { push: boolean }) => void;
  onClear: () => void;
  codes: readonly CodeInfo[] | undefined;
}

/** The explorer's own filters; range and service stay in the header. */
export function FilterForm({ filters, onChange, onClear, codes }: FilterFormProps) {
  const causeId = useId();
  const initiatorName = useId();
  const form = useRef<HTMLFormElement>(null);
  // Clearing also forgets text typed but not yet committed (the fields remount).
  const [generation, setGeneration] = useState(0);
  // The Clear button disables itself once pressed: focus goes back to the first filter, not to the page.
  useEffect(() => {
    if (generation > 0) form.current?.querySelector("input")?.focus();
  }, [generation]);
  const options = useMemo(() => causeOptions(codes ?? [], filters.code, filters.cause), [codes, filters.code, filters.cause]);
  const active = hasExplorerFilters(filters);

  return (
    <form
      ref={form}
      className="span-12 panel explorer-filters"
      role="search"
      aria-label="Filter closes"
      onSubmit={(e) => e.preventDefault()}
    >
      <CodeFilter key={`code-${generation}`} code={filters.code} onChange={(code) => onChange({ code }, { push: true })} codes={codes} />
      {/* The label sits beside the select, not around it: around it, the chosen option would join its name. */}
      <div className="field explorer-field">
        <label className="field-label" htmlFor={causeId}>
          Cause
        </label>
        <select
          id={causeId}
          className="input explorer-select"
          value={filters.cause}
          onChange={(e) => onChange({ cause: e.target.value }, { push: true })}
        >
          <option value="">Any cause</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <TextFilter
        key={`route-${generation}`}
        label="Route"
        value={filters.route}
        onCommit={(route) => onChange({ route }, { push: false })}
        normalise={normaliseRoute}
        maxLength={MAX_ROUTE_LENGTH}
        placeholder="Any, e.g. /chat"
      />
      <fieldset className="explorer-field explorer-initiator">
        <legend className="field-label">Closed by</legend>
        <div className="segmented">
          {(["", ...INITIATORS] as const).map((value) => (
            <label key={value || "any"} className={filters.initiator === value ? "segment is-active" : "segment"}>
              <input
                type="radio"
                name={initiatorName}
                value={value}
                checked={filters.initiator === value}
                onChange={() => onChange({ initiator: value }, { push: true })}
              />
              {value ? INITIATOR_LABELS[value] : "Anyone"}
            </label>
          ))}
        </div>
      </fieldset>
      <TextFilter
        key={`q-${generation}`}
        label="Reason contains"
        value={filters.q}
        onCommit={(q) => onChange({ q }, { push: false })}
        normalise={normaliseReasonQuery}
        maxLength={MAX_REASON_QUERY_LENGTH}
        placeholder="Any reason text"
      />
      <button
        type="button"
        className="button explorer-clear"
        disabled={!active}
        onClick={() => {
          setGeneration((g) => g + 1);
          onClear();
        }}
      >
        Clear filters
      </button>
    </form>
  );
}
