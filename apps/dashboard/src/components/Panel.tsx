import type { ReactNode } from "react";

interface PanelProps {
  title: ReactNode;
  /** Right side of the panel header: a count, a legend, a status. */
  aside?: ReactNode;
  /** Extra classes, e.g. the grid span. */
  className?: string;
  /** Dim the content while a new filter's data is on its way. */
  stale?: boolean;
  children: ReactNode;
}

export function Panel({ title, aside, className, stale = false, children }: PanelProps) {
  return (
    <section className={["panel", className].filter(Boolean).join(" ")} aria-busy={stale || undefined}>
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
        {aside ? <div className="panel-aside">{aside}</div> : null}
      </header>
      <div className={stale ? "panel-body is-stale" : "panel-body"}>{children}</div>
    </section>
  );
}
