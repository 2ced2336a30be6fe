import type { AlertRule, AlertRuleInput, AlertTarget } from "@closewatch/protocol";
import { formatCount, formatNumber, type FormatOptions } from "../../lib/format.js";
import { durationWords, lastPeriodPossessive } from "./durations.js";

/*
 * A rule in words, so nobody has to know what `factor` or `forSeconds` mean
 * to read the list.
 */

function closes(n: number, opts: FormatOptions): string {
  return `${formatCount(n, opts)} ${n === 1 ? "close" : "closes"}`;
}

/**
 * When the rule fires: "≥ 50 closes in 5 min", "≥ 3× the last hour's rate,
 * at least 20 closes". A count rule mentions its minimum only when it is the
 * stricter of the two, since otherwise it changes nothing.
 */
export function thresholdWords(
  rule: Pick<AlertRuleInput, "threshold" | "windowSeconds" | "minEvents">,
  opts: FormatOptions = {},
): string {
  const { threshold, windowSeconds, minEvents } = rule;
  if (threshold.kind === "count") {
    const base = `≥ ${closes(threshold.value, opts)} in ${durationWords(windowSeconds)}`;
    return minEvents > threshold.value ? `${base}, at least ${closes(minEvents, opts)}` : base;
  }
  const factor = formatNumber(threshold.value, 2, opts);
  return `≥ ${factor}× ${lastPeriodPossessive(threshold.baselineSeconds)} rate, at least ${closes(minEvents, opts)}`;
}

/** The timing around the threshold: "5 min window · after 2 min over · 15 min cooldown". */
export function timingWords(rule: Pick<AlertRuleInput, "windowSeconds" | "forSeconds" | "cooldownSeconds">): string {
  const wait = rule.forSeconds === 0 ? "fires at once" : `after ${durationWords(rule.forSeconds)} over`;
  const cooldown = rule.cooldownSeconds === 0 ? "no cooldown" : `${durationWords(rule.cooldownSeconds)} cooldown`;
  return `${durationWords(rule.windowSeconds)} window · ${wait} · ${cooldown}`;
}

/** The last evaluation: "12 closes (threshold 60)", or that there has been none. */
export function lastCheckWords(
  rule: Pick<AlertRule, "lastValue" | "lastThreshold">,
  opts: FormatOptions = {},
): string {
  if (rule.lastValue === null) return "Not checked yet";
  const value = closes(rule.lastValue, opts);
  if (rule.lastThreshold === null) return value;
  return `${value} (threshold ${formatNumber(rule.lastThreshold, 1, opts)})`;
}

const FORMAT_NAMES: Readonly<Record<AlertTarget["format"], string>> = {
  json: "JSON webhook",
  slack: "Slack webhook",
};

/** Where firings go: "Slack webhook · hooks.slack.com"; the host is enough to recognise it, the path may hold a secret. */
export function targetWords(target: AlertTarget | null | undefined): string {
  if (!target) return "Nowhere: shown here only";
  const kind = FORMAT_NAMES[target.format] ?? target.format;
  try {
    return `${kind} · ${new URL(target.url).host}`;
  } catch {
    return kind;
  }
}

export type StateTone = "firing" | "pending" | "ok" | "off";

/** The state badge's word and tone: a switched-off rule is not evaluated, so its last state would mislead. */
export function stateBadge(rule: Pick<AlertRule, "state" | "enabled">): { label: string; tone: StateTone } {
  if (!rule.enabled) return { label: "Disabled", tone: "off" };
  switch (rule.state) {
    case "firing":
      return { label: "Firing", tone: "firing" };
    case "pending":
      return { label: "Pending", tone: "pending" };
    case "ok":
      return { label: "OK", tone: "ok" };
    default:
      return { label: String(rule.state), tone: "ok" };
  }
}
