/**
 * How a count moved against the period of the same length right before.
 * More closes is the bad direction here, so the words say "up"/"down" and the
 * colour is chosen by the caller from `direction`, never by the sign alone.
 */
export type Change =
  | { direction: "up" | "down"; ratio: number }
  | { direction: "same" }
  | { direction: "new" } // none before, some now
  | { direction: "none" }; // none before and none now

export function changeAgainst(current: number, previous: number): Change {
  if (previous === 0) return current === 0 ? { direction: "none" } : { direction: "new" };
  if (current === previous) return { direction: "same" };
  const ratio = Math.abs(current - previous) / previous;
  return { direction: current > previous ? "up" : "down", ratio };
}

/** "▲ 40% vs previous 1h", "new vs previous 1h", "no change vs previous 1h". */
export function changeText(change: Change, formatPercent: (share: number) => string): string {
  switch (change.direction) {
    case "up":
      return `▲ ${formatPercent(change.ratio)}`;
    case "down":
      return `▼ ${formatPercent(change.ratio)}`;
    case "same":
      return "no change";
    case "new":
      return "new";
    case "none":
      return "none before either";
  }
}
