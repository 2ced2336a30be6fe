import type { CodeInfo } from "@closewatch/protocol";
import { familyLabel } from "./codeInfo.js";

/** What the code reference shows, kept in the URL: `/codes?q=1009&family=rfc6455`. */
export interface CodesView {
  /** The search box as typed (not trimmed, so a space can be typed). */
  q: string;
  /** One family, or "" for all. */
  family: string;
}

export const MAX_QUERY_LENGTH = 100;

export function parseCodesView(search: string): CodesView {
  const params = new URLSearchParams(search);
  return {
    q: (params.get("q") ?? "").slice(0, MAX_QUERY_LENGTH),
    family: (params.get("family") ?? "").trim(),
  };
}

export function serializeCodesView(view: CodesView): string {
  const params = new URLSearchParams();
  if (view.q) params.set("q", view.q);
  if (view.family) params.set("family", view.family);
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/**
 * How well one search word matches an entry, lower is better:
 * 0 the exact code, 1 a range containing the number, 2 a code starting with
 * the digits, 3 a word of the name, 4 the family, 5 a cause id, 6 anywhere in
 * the name, 7 anywhere in the texts (meaning, causes, fix hints).
 */
export const MATCH = {
  exactCode: 0,
  inRange: 1,
  codePrefix: 2,
  nameWord: 3,
  family: 4,
  causeId: 5,
  name: 6,
  text: 7,
} as const;

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Search words: lower case, split on spaces; "1009" and "rate_limit" stay whole. */
export function searchTerms(q: string): string[] {
  const n = normalise(q);
  return n ? n.split(" ") : [];
}

function termRank(info: CodeInfo, term: string): number | undefined {
  if (/^\d+$/.test(term)) {
    const n = Number(term);
    if (info.from === info.to && info.from === n) return MATCH.exactCode;
    if (info.from !== info.to && info.from <= n && n <= info.to) return MATCH.inRange;
    if (term.length < 4 && String(info.from).startsWith(term)) return MATCH.codePrefix;
  }
  const name = info.name.toLowerCase();
  if (name.split(/[\s\-/()]+/).some((w) => w.startsWith(term))) return MATCH.nameWord;
  const family = info.family.toLowerCase();
  if (family === term || family.includes(term) || familyLabel(info.family).toLowerCase().includes(term)) {
    return MATCH.family;
  }
  if (info.causes.some((c) => c.id.toLowerCase().includes(term))) return MATCH.causeId;
  if (name.includes(term)) return MATCH.name;
  const texts = [
    info.meaning,
    ...info.fixHints,
    ...info.causes.flatMap((c) => [c.title, c.description, ...c.fixHints]),
  ];
  if (texts.some((t) => t.toLowerCase().includes(term))) return MATCH.text;
  return undefined;
}

/**
 * Rank of an entry for a query: every word must match somewhere; the entry
 * ranks by its weakest word, then by the sum over words. `undefined`: no match.
 */
export function matchRank(info: CodeInfo, terms: readonly string[]): [number, number] | undefined {
  let worst = 0;
  let sum = 0;
  for (const term of terms) {
    const rank = termRank(info, term);
    if (rank === undefined) return undefined;
    worst = Math.max(worst, rank);
    sum += rank;
  }
  return [worst, sum];
}

/** Natural order: by first code, a single code before a range that starts with it, then by family. */
export function compareCodes(a: CodeInfo, b: CodeInfo): number {
  return a.from - b.from || a.to - a.from - (b.to - b.from) || a.family.localeCompare(b.family);
}

export interface CodeSearchResult {
  /** Entries whose number, name, family or cause ids match: best first (the exact code number first). */
  matches: CodeInfo[];
  /**
   * Entries that only mention the words in their texts. Shown apart, since
   * shared texts would otherwise bury the real answers; when nothing matches
   * by identity they are promoted to `matches`.
   */
  mentions: CodeInfo[];
}

/**
 * The entries to show for a view: filtered by family, then by the query,
 * ranked. An empty query keeps every entry in code order.
 */
export function searchCodes(codes: readonly CodeInfo[], view: CodesView): CodeSearchResult {
  const inFamily = view.family ? codes.filter((c) => c.family === view.family) : [...codes];
  const terms = searchTerms(view.q);
  if (terms.length === 0) return { matches: inFamily.sort(compareCodes), mentions: [] };
  const ranked = inFamily
    .map((info) => ({ info, rank: matchRank(info, terms) }))
    .filter((r): r is { info: CodeInfo; rank: [number, number] } => r.rank !== undefined)
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || compareCodes(a.info, b.info));
  const matches = ranked.filter((r) => r.rank[0] < MATCH.text).map((r) => r.info);
  const mentions = ranked.filter((r) => r.rank[0] === MATCH.text).map((r) => r.info);
  return matches.length > 0 ? { matches, mentions } : { matches: mentions, mentions: [] };
}

/** Whether a cause should be pointed out for the query (its id or words matched). */
export function causeMatches(cause: CodeInfo["causes"][number], terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  const text = [cause.id, cause.title, cause.description].join(" ").toLowerCase();
  return terms.some((t) => !/^\d+$/.test(t) && text.includes(t));
}
