import { useEffect, useId, useState } from "react";
import { useDebouncedValue } from "../../hooks/useDebouncedValue.js";

/** Typing pauses this long before the URL and the query change. */
export const TYPING_PAUSE_MS = 300;

interface TextFilterProps {
  label: string;
  /** The applied value (from the URL). */
  value: string;
  onCommit: (value: string) => void;
  /** What is sent for what is typed (trimmed, capped). */
  normalise: (text: string) => string;
  maxLength: number;
  placeholder?: string;
}

/**
 * A text filter that keeps what is typed and commits it once typing pauses,
 * or at once on Enter, so the table reloads once per word, not per letter. A
 * value changed from outside (Back, a link) replaces the text.
 */
export function TextFilter({ label, value, onCommit, normalise, maxLength, placeholder }: TextFilterProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const settled = useDebouncedValue(normalise(text), TYPING_PAUSE_MS);

  useEffect(() => setText((current) => (normalise(current) === value ? current : value)), [value, normalise]);
  useEffect(() => {
    if (settled !== value) onCommit(settled);
    // Only a settled edit is committed; `value` changing from outside is handled above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  return (
    <label className="field explorer-field" htmlFor={id}>
      <span className="field-label">{label}</span>
      <input
        id={id}
        className="input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && normalise(text) !== value) onCommit(normalise(text));
        }}
      />
    </label>
  );
}
