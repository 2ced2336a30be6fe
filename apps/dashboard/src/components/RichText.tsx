import { parseInlineCode } from "../lib/inlineCode.js";

/** Text from the API with `backtick` spans shown as <code>; everything else stays plain text. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {parseInlineCode(text).map((s, i) => (s.kind === "code" ? <code key={i}>{s.text}</code> : s.text))}
    </>
  );
}
