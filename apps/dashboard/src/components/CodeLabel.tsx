import { codeColor, codeName } from "../lib/codes.js";

/** A close code as colour + number (+ name): colour is never the only signal. */
export function CodeLabel({ code, withName = false }: { code: number; withName?: boolean }) {
  return (
    <span className="code-label">
      <Swatch color={codeColor(code)} />
      <span className="code-number">{code}</span>
      {withName ? <span className="code-name">{codeName(code)}</span> : null}
    </span>
  );
}

export function Swatch({ color }: { color: string }) {
  return <span className="swatch" style={{ background: color }} aria-hidden="true" />;
}
