import type { CodeInfo } from "@closewatch/protocol";
import { useEffect, useId, useMemo, useState } from "react";
import { parseCode } from "./explorerFilters.js";

interface CodeFilterProps {
  code: number | undefined;
  onChange: (code: number | undefined) => void;
  /** The knowledge base, for suggestions; undefined while it loads. */
  codes: readonly CodeInfo[] | undefined;
}

/**
 * A close code typed or picked from the standard codes. Every valid code has
 * four digits, so applying it as soon as it is valid never fires on a
 * half-typed one; emptying the box removes the filter.
 */
export function CodeFilter({ code, onChange, codes }: CodeFilterProps) {
  const id = useId();
  const listId = useId();
  const errorId = useId();
  const [text, setText] = useState(code === undefined ? "" : String(code));
  const [focused, setFocused] = useState(false);

  useEffect(() => setText((current) => (parseCode(current) === code ? current : code === undefined ? "" : String(code))), [code]);

  const suggestions = useMemo(
    () =>
      (codes ?? []).filter((c) => c.from === c.to && c.from >= 1000 && c.from <= 4999 && (c.family === "rfc6455" || c.family === "iana")),
    [codes],
  );

  const trimmed = text.trim();
  const parsed = parseCode(trimmed);
  // Said only once the text cannot become valid by typing on, or the box is left.
  const invalid = trimmed !== "" && parsed === undefined && (trimmed.length >= 4 || !focused);

  const change = (next: string) => {
    setText(next);
    const value = parseCode(next);
    if (next.trim() === "" && code !== undefined) onChange(undefined);
    else if (value !== undefined && value !== code) onChange(value);
  };

  return (
    <div className="explorer-field explorer-code-field">
      <label className="field" htmlFor={id}>
        <span className="field-label">Code</span>
        <input
          id={id}
          className="input explorer-code-input"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          placeholder="Any"
          list={listId}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          value={text}
          onChange={(e) => change(e.target.value)}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
      </label>
      <datalist id={listId}>
        {suggestions.map((c) => (
          <option key={c.from} value={c.from}>
            {c.name}
          </option>
        ))}
      </datalist>
      {invalid ? (
        <p className="field-error explorer-field-error" id={errorId}>
          A close code is a number from 1000 to 4999.
        </p>
      ) : null}
    </div>
  );
}
