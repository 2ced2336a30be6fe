import type { ReactNode } from "react";
import { describeError } from "../api/client.js";

/** Placeholder blocks with the height of what is coming, so the page does not jump. */
export function LoadingState({ lines = 3, label = "Loading…" }: { lines?: number; label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - i * 15}%` }} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

/** An API failure in words: the problem's title and detail, and its stable code for bug reports. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, code, fieldErrors } = describeError(error);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-detail">{detail}</p>
      {fieldErrors.length > 0 ? (
        <ul className="state-fields">
          {fieldErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="state-actions">
        {code ? <code className="state-code">{code}</code> : null}
        {onRetry ? (
          <button type="button" className="button" onClick={onRetry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}
