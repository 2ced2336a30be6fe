import type { AlertRule } from "@closewatch/protocol";

/*
 * The rules list: its order, and keeping it current after a write without
 * waiting for the refetch. What needs attention comes first: firing, then
 * pending, then the quiet ones; rules switched off go last, since nothing
 * they say is current.
 */

const STATE_RANK: Readonly<Record<string, number>> = { firing: 0, pending: 1, ok: 2 };

function rank(rule: Pick<AlertRule, "state" | "enabled">): number {
  if (!rule.enabled) return 3;
  return STATE_RANK[rule.state] ?? 2;
}

// Fixed locale: the order must not change with the viewer's language settings.
const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

type Sortable = Pick<AlertRule, "id" | "name" | "state" | "stateSince" | "enabled">;

/**
 * A sorted copy: by state, then the longest-firing (or longest-pending) first,
 * then by name; the id settles exact ties so the list never reshuffles on refetch.
 */
export function sortRules<T extends Sortable>(rules: readonly T[]): T[] {
  return [...rules].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) < 2 ? Date.parse(a.stateSince) - Date.parse(b.stateSince) : 0) ||
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The list with `saved` in it: replacing the rule with its id, or added at the end. */
export function upsertRule<T extends { id: string }>(rules: readonly T[], saved: T): T[] {
  return rules.some((r) => r.id === saved.id) ? rules.map((r) => (r.id === saved.id ? saved : r)) : [...rules, saved];
}

export function removeRule<T extends { id: string }>(rules: readonly T[], id: string): T[] {
  return rules.filter((r) => r.id !== id);
}
