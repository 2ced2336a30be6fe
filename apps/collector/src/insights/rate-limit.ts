import type { Insight, InsightFact } from "@closewatch/protocol";
import { formatDuration, formatPercent, formatRatio } from "./format.js";
import { placeName, type RateRow, topPlaces } from "./rows.js";
import { severityFor } from "./severity.js";
import { histogram, mode, quantile, share, sorted } from "./stats.js";

/** Over the limit by at most this factor: a short burst a burst allowance would absorb. */
const BURST_RATIO = 1.5;
/** Closed within this many rate windows of connecting: the client floods on (re)connect. */
const EARLY_WINDOWS = 2;

/** "per second", "per minute", "per 5 s". */
function perWindow(windowMs: number): string {
  if (windowMs === 1000) return "per second";
  if (windowMs === 60_000) return "per minute";
  return `per ${formatDuration(windowMs)}`;
}

/**
 * 1008 rate_limit: observed rate against the limit, whether clients overshoot
 * by a little (bursts) or by a lot (sustained), and whether it happens right
 * after connecting.
 */
export function analyzeRateLimit(rows: readonly RateRow[], events: number, totalCloses: number): Insight | undefined {
  if (rows.length === 0) return undefined;
  const measured = rows.filter((r) => r.observed !== null && r.limit !== null && r.limit > 0);
  const places = topPlaces(rows);
  const where = places[0] ? placeName(places[0]) : "your servers";
  const facts: InsightFact[] = [{ key: "events", label: "Rate-limit closes", value: events, unit: "count" }];
  const fixSteps: string[] = [];
  let summary = `${events} connections were closed for sending too fast; the agent reported no rate figures (pass { limit, observed } to closePolicy).`;
  let histogramOut: Insight["histogram"];

  if (measured.length > 0) {
    const ratios = sorted(measured.map((r) => r.observed! / r.limit!));
    const limit = mode(measured.map((r) => r.limit!))!;
    // Observed rates only mean something against their own limit; ratios compare across limits.
    const observed = sorted(measured.filter((r) => r.limit === limit).map((r) => r.observed!));
    const bursts = ratios.filter((r) => r <= BURST_RATIO).length;
    const windowMs = mode(measured.flatMap((r) => (r.windowMs === null ? [] : [r.windowMs])));
    const early = windowMs === undefined ? 0 : measured.filter((r) => r.connectionAgeMs <= EARLY_WINDOWS * windowMs).length;
    const burstShare = share(bursts, measured.length);
    const earlyShare = share(early, measured.length);
    facts.push(
      { key: "limit", label: "Limit", value: limit, unit: "count" },
      { key: "observedP50", label: "Median observed", value: quantile(observed, 0.5), unit: "count" },
      { key: "observedP90", label: "90th percentile observed", value: quantile(observed, 0.9), unit: "count" },
      { key: "ratioP50", label: "Median overshoot", value: quantile(ratios, 0.5), unit: "ratio" },
      { key: "ratioP90", label: "90th percentile overshoot", value: quantile(ratios, 0.9), unit: "ratio" },
      { key: "burstShare", label: `Bursts (≤ ${BURST_RATIO}× the limit)`, value: burstShare, unit: "percent" },
    );
    if (windowMs !== undefined) {
      facts.push(
        { key: "windowMs", label: "Rate window", value: windowMs, unit: "ms" },
        { key: "earlyShare", label: `Closed within ${EARLY_WINDOWS} windows of connecting`, value: earlyShare, unit: "percent" },
      );
    }
    const per = windowMs !== undefined ? ` ${perWindow(windowMs)}` : "";
    summary =
      `Clients sent a median ${formatRatio(quantile(ratios, 0.5))} the limit of ${limit}${per} (90th percentile ${formatRatio(quantile(ratios, 0.9))}); ` +
      (burstShare >= 50
        ? `${formatPercent(burstShare)} overshot by at most ${BURST_RATIO}×, so ${burstShare >= 90 ? "nearly all" : "most"} are short bursts.`
        : `${burstShare === 0 ? "none" : `only ${formatPercent(burstShare)}`} were short bursts; most clients exceed the limit by far.`);

    if (burstShare >= 50) {
      fixSteps.push(
        `Most excess is a short burst: allow bursts (a token bucket with capacity ${quantile(observed, 0.9)} refilled at ${limit}${per}) on ${where}; that admits 90% of these clients while keeping the average rate.`,
      );
    } else {
      fixSteps.push(
        `Clients exceed the limit persistently (median ${formatRatio(quantile(ratios, 0.5))}): find the client code that sends in a loop and batch or debounce its messages; raise the limit to ${quantile(observed, 0.9)}${per} only if that traffic is legitimate.`,
      );
    }
    if (earlyShare >= 50) {
      fixSteps.push(
        `${formatPercent(earlyShare)} were closed right after connecting: clients flood on (re)connect, e.g. replaying a backlog or resubscribing. Give new connections a larger allowance for the first ${formatDuration(EARLY_WINDOWS * (windowMs ?? 0))}, and make clients back off before reconnecting.`,
      );
    }
    fixSteps.push("Tell clients the limit: send it in the close reason or a message before closing, so they can slow down instead of being cut off.");
    histogramOut = { unit: "ratio", buckets: histogram(ratios, { include: 1 }), marker: { label: "limit", value: 1 } };
  } else {
    fixSteps.push("Report the limit and the observed rate: `agent.closePolicy(ws, \"rate_limit\", { limit, observed, windowMs })`.");
  }

  return {
    id: "rate_limit:1008:rate_limit",
    kind: "rate_limit",
    title: "Clients closed for exceeding the rate limit",
    severity: severityFor(events, totalCloses),
    code: 1008,
    cause: "rate_limit",
    eventsAffected: events,
    summary,
    facts,
    fixSteps,
    places,
    ...(histogramOut ? { histogram: histogramOut } : {}),
  };
}
