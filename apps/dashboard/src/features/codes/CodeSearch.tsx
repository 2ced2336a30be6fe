import { useId } from "react";
import type { FamilyCount } from "./codeInfo.js";
import { MAX_QUERY_LENGTH } from "./search.js";

interface CodeSearchProps {
  q: string;
  onQueryChange: (q: string) => void;
  family: string;
  onFamilyChange: (family: string) => void;
  families: readonly FamilyCount[];
  /** Entries in the whole knowledge base, for the "All" button. */
  total: number;
}

/** Search box and family filter of the code reference. */
export function CodeSearch({ q, onQueryChange, family, onFamilyChange, families, total }: CodeSearchProps) {
  const inputId = useId();
  const hintId = useId();
  return (
    <div className="code-search" role="search">
      <label className="field code-search-field" htmlFor={inputId}>
        <span className="field-label">Search</span>
        <input
          id={inputId}
          className="input"
          type="search"
          placeholder="1009, policy, graphql-ws, rate_limit, maxPayload…"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_QUERY_LENGTH}
          aria-describedby={hintId}
          value={q}
          onChange={(e) => onQueryChange(e.target.value)}
        />
      </label>
      <p id={hintId} className="visually-hidden">
        Search by code number, name, family, cause id or words in the meaning.
      </p>
      {families.length > 0 ? (
        <div className="chips" role="group" aria-label="Family">
          <button type="button" className="chip" aria-pressed={family === ""} onClick={() => onFamilyChange("")}>
            All <span className="chip-count">{total}</span>
          </button>
          {families.map((f) => (
            <button
              key={f.family}
              type="button"
              className="chip"
              aria-pressed={family === f.family}
              onClick={() => onFamilyChange(family === f.family ? "" : f.family)}
            >
              {f.label} <span className="chip-count">{f.count}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
