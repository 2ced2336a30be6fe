import type { AlertThreshold, QueryFilters } from "@closewatch/protocol";
import type { CloseCounts } from "../services/close-counts.js";
import type { TimeRange } from "../services/time-range.js";
import type { WindowCounts } from "./evaluate.js";

export interface CountedRule {
  codes: readonly number[];
  cause: string | null;
  service: string | null;
  windowSeconds: number;
  threshold: AlertThreshold;
}

/**
 * The counts one evaluation of a rule needs: its window [now − window, now)
 * and, for a factor threshold, the baseline right before it. Both come from
 * the rollups (exact for any range), like every chart. A service is matched
 * the way the rollups count it: a service beyond CLOSEWATCH_MAX_SERVICE_LABELS
 * is counted under `other` there.
 */
export async function readWindowCounts(counts: CloseCounts, rule: CountedRule, now: Date): Promise<WindowCounts> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const window = await total(counts, rule, { from: windowStart, to: now });
  if (rule.threshold.kind === "count") return { window };
  const baselineStart = new Date(windowStart.getTime() - rule.threshold.baselineSeconds * 1000);
  return { window, baseline: await total(counts, rule, { from: baselineStart, to: windowStart }) };
}

/** Closes of any of the rule's codes in the range; one query, whatever the number of codes. */
async function total(counts: CloseCounts, rule: CountedRule, range: TimeRange): Promise<number> {
  const filters: QueryFilters = {
    ...(rule.service !== null ? { service: rule.service } : {}),
    ...(rule.cause !== null ? { cause: rule.cause } : {}),
    // One code narrows the query itself; several are picked from its rows (one per code and cause).
    ...(rule.codes.length === 1 ? { code: rule.codes[0] } : {}),
  };
  const rows = await counts.byCodeCause(filters, range);
  return rows.reduce((sum, row) => (rule.codes.includes(row.code) ? sum + row.count : sum), 0);
}
