import type { CauseInfo, CodeInfo } from "@closewatch/protocol";

/**
 * The knowledge-base entry that explains a recorded code: the narrowest entry
 * covering it, standards before application families. The same order the
 * collector's own `describeCode` uses (close-codes registry.ts), repeated here
 * because the dashboard only has the served list.
 */
const FAMILY_PRIORITY = ["rfc6455", "iana", "centrifugo", "pusher", "graphql-ws", "discord", "private"];

function familyRank(family: string): number {
  const i = FAMILY_PRIORITY.indexOf(family);
  return i === -1 ? FAMILY_PRIORITY.length : i;
}

export function codeEntryFor(codes: readonly CodeInfo[], code: number): CodeInfo | undefined {
  let best: CodeInfo | undefined;
  for (const info of codes) {
    if (code < info.from || code > info.to) continue;
    if (
      !best ||
      info.to - info.from < best.to - best.from ||
      (info.to - info.from === best.to - best.from && familyRank(info.family) < familyRank(best.family))
    ) {
      best = info;
    }
  }
  return best;
}

export function causeEntryFor(info: CodeInfo | undefined, cause: string): CauseInfo | undefined {
  return info?.causes.find((c) => c.id === cause);
}

export interface CauseOption {
  id: string;
  /** "rate_limit — Rate limit exceeded" */
  label: string;
}

/**
 * Choices for the cause filter: the chosen code's causes, or without a code
 * every cause of the standard codes (1008 and 1009 first, as closewatch cares
 * most about them). A cause already in the URL stays listed even if the
 * knowledge base does not know it, so the control never misstates the filter.
 */
export function causeOptions(codes: readonly CodeInfo[], code: number | undefined, current: string): CauseOption[] {
  const seen = new Map<string, CauseOption>();
  const add = (c: CauseInfo) => {
    if (!seen.has(c.id)) seen.set(c.id, { id: c.id, label: `${c.id} — ${c.title}` });
  };
  if (code !== undefined) {
    for (const c of codeEntryFor(codes, code)?.causes ?? []) add(c);
  } else {
    const standard = codes.filter((c) => c.from === c.to && (c.family === "rfc6455" || c.family === "iana"));
    const focusFirst = [...standard].sort(
      (a, b) => Number(![1008, 1009].includes(a.from)) - Number(![1008, 1009].includes(b.from)) || a.from - b.from,
    );
    for (const info of focusFirst) for (const c of info.causes) add(c);
  }
  if (current && !seen.has(current)) seen.set(current, { id: current, label: current });
  return [...seen.values()];
}

/** Whether `cause` can go with `code` per the knowledge base (unknown while it loads: keep the cause). */
export function causeFitsCode(codes: readonly CodeInfo[] | undefined, code: number | undefined, cause: string): boolean {
  if (!codes || code === undefined || !cause) return true;
  const info = codeEntryFor(codes, code);
  return !info || info.causes.some((c) => c.id === cause);
}
