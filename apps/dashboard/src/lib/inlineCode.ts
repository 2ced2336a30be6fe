/**
 * Fix hints and knowledge-base texts mark code-ish tokens with backticks
 * ("raise `maxPayload`"). They are split into segments here and rendered as
 * text and <code> elements by React: the text is never parsed as HTML.
 */

export interface TextSegment {
  kind: "text" | "code";
  text: string;
}

/**
 * Split `text` on pairs of backticks. An unpaired backtick and an empty pair
 * ("``") are kept as literal text, so nothing the author wrote disappears.
 */
export function parseInlineCode(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  const pushText = (t: string) => {
    if (!t) return;
    const last = segments[segments.length - 1];
    if (last?.kind === "text") last.text += t;
    else segments.push({ kind: "text", text: t });
  };

  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf("`", pos);
    if (open === -1) break;
    const close = text.indexOf("`", open + 1);
    if (close === -1) break;
    pushText(text.slice(pos, open));
    const code = text.slice(open + 1, close);
    if (code.trim()) segments.push({ kind: "code", text: code });
    else pushText(text.slice(open, close + 1));
    pos = close + 1;
  }
  pushText(text.slice(pos));
  return segments;
}
