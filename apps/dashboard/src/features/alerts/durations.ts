/*
 * Rules store every duration in seconds; people think of alert windows in
 * minutes and hours. These helpers translate both ways.
 */

const UNITS = [
  { seconds: 86_400, short: "d", one: "day", many: "days" },
  { seconds: 3600, short: "h", one: "hour", many: "hours" },
  { seconds: 60, short: "min", one: "minute", many: "minutes" },
  { seconds: 1, short: "s", one: "second", many: "seconds" },
] as const;

/** A duration as the rules list writes it: "45 s", "5 min", "1 h 30 min", "2 d". */
export function durationWords(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return "0 s";
  const parts: string[] = [];
  for (const unit of UNITS) {
    const n = Math.floor(rest / unit.seconds);
    if (n > 0) parts.push(`${n} ${unit.short}`);
    rest -= n * unit.seconds;
  }
  return parts.join(" ");
}

/**
 * "the last hour's", "the last 2 hours'", "the last 90 minutes'": a baseline
 * in the largest unit that divides it, so the threshold reads as a sentence.
 */
export function lastPeriodPossessive(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  const unit = UNITS.find((u) => whole % u.seconds === 0) ?? UNITS[UNITS.length - 1]!;
  const n = whole / unit.seconds;
  return n === 1 ? `the last ${unit.one}'s` : `the last ${n} ${unit.many}'`;
}

/** Seconds as the text of a minutes field: 300 → "5", 90 → "1.5", 20 → "0.33". */
export function minutesText(seconds: number): string {
  return String(Math.round((seconds / 60) * 100) / 100);
}

/** What a minutes field holds, in whole seconds; undefined when it holds no number. */
export function secondsFromMinutesText(text: string): number | undefined {
  const minutes = numberFromText(text);
  return minutes === undefined ? undefined : Math.round(minutes * 60);
}

/** A number typed into a field; undefined for an empty or non-numeric one. */
export function numberFromText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : undefined;
}
