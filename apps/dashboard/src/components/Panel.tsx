import { type ReactNode, useId } from "react";

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

/** A titled region: the heading names it, so assistive tech (and tests) can find it by name. */
export function Panel({ title, aside, className, stale = false, children }: PanelProps) {
  const titleId = useId();
  return (
    <section
      className={["panel", className].filter(Boolean).join(" ")}
      aria-labelledby={titleId}
      aria-busy={stale || undefined}
    >
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          {title}
        </h2>
        {aside ? <div className="panel-aside">{aside}</div> : null}
      </header>
      <div className={stale ? "panel-body is-stale" : "panel-body"}>{children}</div>
    </section>
  );
}
