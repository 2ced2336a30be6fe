import type { Summary } from "@closewatch/protocol";
import { isFocusCode } from "../../lib/codes.js";

/** part / total, 0 when there is nothing to divide. */
export function share(part: number, total: number): number {
  return total > 0 ? part / total : 0;
}

export interface CodeStat {
  code: number;
  count: number;
  /** Share of all closes in range. */
  share: number;
}

export interface CauseStat {
  cause: string;
  count: number;
  /** Share of this code's closes. */
  share: number;
}

export interface TopCauses {
  items: CauseStat[];
  /** Causes left out of `items`, and how many closes they account for. */
  rest: { causes: number; count: number };
}

/** Count and share of one close code in a summary. */
export function codeStat(summary: Summary, code: number): CodeStat {
  const count = summary.byCode.find((c) => c.code === code)?.count ?? 0;
  return { code, count, share: share(count, summary.total) };
}

/** The biggest causes of one code, with their share of that code's closes. */
export function topCauses(summary: Summary, code: number, limit = 5): TopCauses {
  const causes = summary.byCause
    .filter((c) => c.code === code && c.count > 0)
    .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
  const codeTotal = Math.max(
    codeStat(summary, code).count,
    causes.reduce((sum, c) => sum + c.count, 0),
  );
  const items = causes.slice(0, limit).map((c) => ({ cause: c.cause, count: c.count, share: share(c.count, codeTotal) }));
  const left = causes.slice(limit);
  return { items, rest: { causes: left.length, count: left.reduce((sum, c) => sum + c.count, 0) } };
}

/** Every code except 1008 and 1009, biggest first. */
export function otherCodes(summary: Summary): CodeStat[] {
  return summary.byCode
    .filter((c) => !isFocusCode(c.code) && c.count > 0)
    .map((c) => ({ code: c.code, count: c.count, share: share(c.count, summary.total) }))
    .sort((a, b) => b.count - a.count || a.code - b.code);
}
