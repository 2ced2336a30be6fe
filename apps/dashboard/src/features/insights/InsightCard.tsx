import type { Insight } from "@closewatch/protocol";
import { useId, useMemo } from "react";
import { CodeLabel } from "../../components/CodeLabel.js";
import { Link } from "../../components/Link.js";
import { RichText } from "../../components/RichText.js";
import { codeColor } from "../../lib/codes.js";
import { formatCount, formatDuration, formatEventTime } from "../../lib/format.js";
import { HistogramChart } from "../../components/LazyCharts.js";
import { toHistogramChart } from "./histogram.js";
import { closesText, placeLabel, severityBadge } from "./insights.js";
import { formatFact } from "./units.js";

/** Places shown per finding; the API sends them most affected first. */
const MAX_PLACES = 5;

const HISTOGRAM_NAMES: Readonly<Record<string, string>> = {
  bytes: "Message sizes",
  ms: "Durations",
  ratio: "Ratios",
};

interface InsightCardProps {
  insight: Insight;
  /** Target of "Show these events". */
  eventsHref: string;
  /** For "since … ago" on change findings. */
  now: number;
}

/** One finding: what is wrong, the numbers behind it, where, and how to fix it. Renders API text as text. */
export function InsightCard({ insight, eventsHref, now }: InsightCardProps) {
  const titleId = useId();
  const badge = severityBadge(insight.severity);
  const color = codeColor(insight.code);
  const histogram = insight.histogram;
  const chart = useMemo(() => (histogram ? toHistogramChart(histogram) : undefined), [histogram]);
  const places = insight.places.slice(0, MAX_PLACES);
  const morePlaces = insight.places.length - places.length;
  const sinceMs = insight.since ? Date.parse(insight.since) : Number.NaN;

  return (
    <article className={`insight insight-${badge.tone}`} aria-labelledby={titleId}>
      <header className="insight-header">
        <span className={`severity severity-${badge.tone}`}>{badge.text}</span>
        <h3 className="insight-title" id={titleId}>
          {insight.title}
        </h3>
        <span className="insight-meta">
          <Link href={`/codes?q=${insight.code}`} title={`What ${insight.code} means`}>
            <CodeLabel code={insight.code} withName />
          </Link>
          <code className="cause">{insight.cause}</code>
          <span className="muted">· {closesText(insight.eventsAffected)}</span>
        </span>
      </header>

      <p className="insight-summary">
        <RichText text={insight.summary} />
        {insight.since && !Number.isNaN(sinceMs) ? (
          <span className="insight-since">
            {" "}
            Since <time dateTime={insight.since}>{formatEventTime(insight.since, now)}</time>
            {now > sinceMs ? ` (${formatDuration(now - sinceMs)} ago)` : null}.
          </span>
        ) : null}
      </p>

      <div className="insight-body">
        <div className="insight-evidence">
          {insight.facts.length > 0 ? (
            <dl className="facts">
              {insight.facts.map((f) => (
                <div key={f.key} className="fact">
                  <dt>{f.label}</dt>
                  <dd className="num">{formatFact(f)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {chart && chart.rows.length > 0 && insight.histogram ? (
            <HistogramChart
              chart={chart}
              color={color}
              label={`${HISTOGRAM_NAMES[insight.histogram.unit] ?? "Distribution"} behind “${insight.title}”`}
            />
          ) : null}
          {places.length > 0 ? (
            <>
              <h4 className="subheading">Where</h4>
              <ul className="places">
                {places.map((p) => (
                  <li key={`${p.service}\u0000${p.route ?? ""}`}>
                    <span className="place-name">{placeLabel(p)}</span>
                    <span className="num">{formatCount(p.count)}</span>
                  </li>
                ))}
              </ul>
              {morePlaces > 0 ? (
                <p className="muted small">
                  and {morePlaces} more {morePlaces === 1 ? "place" : "places"}
                </p>
              ) : null}
            </>
          ) : null}
        </div>

        <div className="insight-fix">
          {insight.fixSteps.length > 0 ? (
            <>
              <h4 className="subheading">How to fix</h4>
              <ol className="fix-steps">
                {insight.fixSteps.map((step, i) => (
                  <li key={i}>
                    <RichText text={step} />
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          <Link className="insight-link" href={eventsHref}>
            Show these events <span aria-hidden="true">→</span>
          </Link>
        </div>
      </div>
    </article>
  );
}
