import type { Insight } from "@closewatch/protocol";
import { formatPercent, formatRate, formatRatio } from "./format.js";
import { share } from "./stats.js";

/** Log-likelihood ratio a split must reach: well past chance for ~60 candidate splits. */
const MIN_LLR = 10;
const MIN_EVENTS = 10;
/** The new level must differ from the old by at least this factor. */
const MIN_FACTOR = 2;
/** The cause's share of all closes must move by this factor too: causes that only follow total traffic are not news. */
const MIN_SHARE_FACTOR = 1.5;
/** Buckets each side of a split needs, so one odd bucket is not a "change". */
const MIN_BEFORE = 3;
const MIN_AFTER = 2;

export interface ChangePoint {
  /** Index of the first bucket at the new level. */
  index: number;
  before: { buckets: number; events: number };
  after: { buckets: number; events: number };
  llr: number;
}

const term = (events: number, rate: number, base: number) => (events === 0 ? 0 : events * Math.log(rate / base));

/**
 * The single most likely level change in a series of per-bucket counts,
 * tested as two Poisson rates against one (likelihood ratio). Returns nothing
 * unless the change is large, well supported, and not down to one bucket.
 */
export function findChangePoint(counts: readonly number[]): ChangePoint | undefined {
  const n = counts.length;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < MIN_EVENTS || n < MIN_BEFORE + MIN_AFTER) return undefined;
  const base = total / n;
  let best: ChangePoint | undefined;
  let before = 0;
  for (let k = 1; k < n; k++) {
    before += counts[k - 1]!;
    if (k < MIN_BEFORE || n - k < MIN_AFTER) continue;
    const after = total - before;
    const llr = term(before, before / k, base) + term(after, after / (n - k), base);
    if (!best || llr > best.llr) best = { index: k, before: { buckets: k, events: before }, after: { buckets: n - k, events: after }, llr };
  }
  if (!best || best.llr < MIN_LLR) return undefined;
  const rateBefore = best.before.events / best.before.buckets;
  const rateAfter = best.after.events / best.after.buckets;
  const factor = rateBefore === 0 ? Number.POSITIVE_INFINITY : rateAfter / rateBefore;
  return factor >= MIN_FACTOR || factor <= 1 / MIN_FACTOR ? best : undefined;
}

export interface SeriesForChange {
  code: number;
  cause: string;
  /**
   * Counts of this code and cause per bucket, covering only buckets with
   * data: callers trim the time before the first close of any kind (the
   * collector or the agents were not running) and a partial last bucket.
   */
  counts: readonly number[];
  /** All closes per bucket, for the share. */
  totals: readonly number[];
  bucketStartMs: number;
  bucketSeconds: number;
  /** Extra sentences for the fix steps, e.g. a limit that changed at the same time. */
  context?: string[];
}

/** A "this cause suddenly changed" finding, or nothing when the series is steady. */
export function analyzeChange(series: SeriesForChange): Insight | undefined {
  const change = findChangePoint(series.counts);
  if (!change) return undefined;
  const minutes = series.bucketSeconds / 60;
  const rateBefore = change.before.events / change.before.buckets / minutes;
  const rateAfter = change.after.events / change.after.buckets / minutes;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const shareBefore = share(change.before.events, sum(series.totals.slice(0, change.index)));
  const shareAfter = share(change.after.events, sum(series.totals.slice(change.index)));
  const shareFactor = shareBefore === 0 ? Number.POSITIVE_INFINITY : shareAfter / shareBefore;
  // The share must move with the rate: a cause that falls while its share rises only followed total traffic down.
  const rateRose = change.after.events / change.after.buckets > change.before.events / change.before.buckets;
  if (rateRose ? shareFactor < MIN_SHARE_FACTOR : shareFactor > 1 / MIN_SHARE_FACTOR) return undefined;
  const since = new Date(series.bucketStartMs + change.index * series.bucketSeconds * 1000).toISOString();
  const rose = rateAfter > rateBefore;
  const factor = rateBefore === 0 ? undefined : rateAfter / rateBefore;
  const how = rose ? (factor === undefined ? "appeared" : `rose ${formatRatio(factor)}`) : `fell ${formatRatio(1 / (factor ?? 1))}`;
  const label = `${series.code} ${series.cause}`;

  return {
    id: `change:${series.code}:${series.cause}`,
    kind: "change",
    title: `${label} ${how}`,
    severity: rose ? (factor === undefined || factor >= 5 ? "critical" : "warning") : "info",
    code: series.code,
    cause: series.cause,
    eventsAffected: change.after.events,
    summary:
      `${label} closes went from ${formatRate(rateBefore)} to ${formatRate(rateAfter)} at ${since.slice(11, 16)} UTC ` +
      `(${formatPercent(shareBefore)} → ${formatPercent(shareAfter)} of all closes).`,
    facts: [
      { key: "rateBefore", label: "Rate before", value: rateBefore, unit: "per_minute" },
      { key: "rateAfter", label: "Rate after", value: rateAfter, unit: "per_minute" },
      { key: "shareBefore", label: "Share of closes before", value: shareBefore, unit: "percent" },
      { key: "shareAfter", label: "Share of closes after", value: shareAfter, unit: "percent" },
      { key: "eventsAfter", label: "Closes since the change", value: change.after.events, unit: "count" },
    ],
    fixSteps: rose
      ? [
          `Look at what changed around ${since.slice(11, 16)} UTC: a deploy, a configuration change (a lowered limit), a client release or a traffic source.`,
          ...(series.context ?? []),
          "Compare the events before and after: filter the events view to this code and cause.",
        ]
      : ["This cause became rarer; if a fix went out at that time, it worked.", ...(series.context ?? [])],
    places: [],
    since,
  };
}
