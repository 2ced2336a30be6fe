import type { AlertState, AlertThreshold } from "@closewatch/protocol";

/*
 * The alert state machine, as one pure function: a rule's settings, its
 * previous state, the counts read for this evaluation and the time in; its
 * new state and what should happen (a firing starts, resolves, reaches a new
 * peak) out. No database, no clock, no network, so every rule below is tested
 * on synthetic series (evaluate.test.ts).
 *
 *   ok ──over──▶ pending ──over for forSeconds──▶ firing ──clear twice──▶ ok
 *    ▲              │                                                   │
 *    └───not over───┘                  (no new pending until cooldownSeconds after a resolve)
 *
 * "Over" means count ≥ threshold and count ≥ minEvents. "Clear" is stricter
 * than "not over": see CLEAR_RATIO and CLEAR_EVALUATIONS.
 */

/**
 * A firing resolves only once the count is under this share of the level it
 * fires at. Without a band, a count that hovers at the threshold (100, 99,
 * 100, 99…) would resolve and fire again on every other evaluation.
 */
export const CLEAR_RATIO = 0.9;

/**
 * …and only after that many evaluations in a row under it. Agents ship
 * closes in batches, so the newest seconds of a window are often not stored
 * yet when it is counted: one low count can be a batch in flight, two in a
 * row (one interval apart) are a real fall.
 */
export const CLEAR_EVALUATIONS = 2;

/**
 * A factor threshold multiplies the baseline's average per window, counted as
 * at least this many closes: a service that had no closes at all would
 * otherwise "spike" on its first one. (minEvents guards as well.)
 */
export const MIN_BASELINE_PER_WINDOW = 1;

/** What the state machine needs of a rule. */
export interface RuleSettings {
  enabled: boolean;
  windowSeconds: number;
  threshold: AlertThreshold;
  minEvents: number;
  forSeconds: number;
  cooldownSeconds: number;
}

/** The firing in progress. */
export interface OpenFiring {
  startedAt: Date;
  /** Highest count seen while firing. */
  peakValue: number;
  /** The threshold when it started. */
  threshold: number;
}

export interface RuleState {
  state: AlertState;
  /** When `state` began. */
  stateSince: Date;
  /** Evaluations in a row under the clear level while firing. */
  clearStreak: number;
  /** When the last firing resolved; the cooldown counts from here. */
  lastResolvedAt: Date | null;
  /** Set exactly when `state` is `firing`. */
  firing: OpenFiring | null;
}

/** The counts one evaluation reads. */
export interface WindowCounts {
  /** Closes in [now − window, now). */
  window: number;
  /** Closes in [now − window − baselineSeconds, now − window); factor thresholds only. */
  baseline?: number;
}

export type AlertEffect =
  | { type: "fire"; firing: OpenFiring; value: number }
  | { type: "peak"; peakValue: number }
  /** `value` is null when the rule was disabled while firing (nothing was counted). */
  | { type: "resolve"; firing: OpenFiring; resolvedAt: Date; value: number | null };

export interface Evaluation {
  state: RuleState;
  /** The count compared, and the threshold it was compared with; null for a disabled rule. */
  value: number | null;
  threshold: number | null;
  effects: AlertEffect[];
}

/** A new rule, and a rule that just resolved, start here. */
export function initialState(now: Date): RuleState {
  return { state: "ok", stateSince: now, clearStreak: 0, lastResolvedAt: null, firing: null };
}

/** The threshold the window's count is compared with. */
export function thresholdFor(rule: Pick<RuleSettings, "threshold" | "windowSeconds">, counts: WindowCounts): number {
  const t = rule.threshold;
  if (t.kind === "count") return t.value;
  const perWindow = ((counts.baseline ?? 0) * rule.windowSeconds) / t.baselineSeconds;
  return t.value * Math.max(perWindow, MIN_BASELINE_PER_WINDOW);
}

/**
 * One evaluation. `counts` is null when nothing was counted (a disabled
 * rule): a disabled rule goes back to `ok`, resolving a firing in progress so
 * that its receiver hears the end of it.
 */
export function evaluateRule(rule: RuleSettings, prev: RuleState, counts: WindowCounts | null, now: Date): Evaluation {
  if (!rule.enabled || counts === null) {
    if (prev.state === "firing" && prev.firing) return resolve(prev.firing, prev, now, null, null);
    const state = prev.state === "ok" ? prev : { ...initialState(now), lastResolvedAt: prev.lastResolvedAt };
    return { state, value: null, threshold: null, effects: [] };
  }

  const value = counts.window;
  const threshold = thresholdFor(rule, counts);
  // The level the rule fires at: a count threshold under minEvents is really minEvents.
  const level = Math.max(threshold, rule.minEvents);
  const over = value >= level;
  const result = (state: RuleState, effects: AlertEffect[] = []): Evaluation => ({ state, value, threshold, effects });

  switch (prev.state) {
    case "ok": {
      if (!over || inCooldown(rule, prev, now)) return result(prev.clearStreak === 0 ? prev : { ...prev, clearStreak: 0 });
      const pending: RuleState = { ...prev, state: "pending", stateSince: now, clearStreak: 0, firing: null };
      return rule.forSeconds === 0 ? fire(pending, now, value, threshold) : result(pending);
    }
    case "pending": {
      if (!over) return result({ ...prev, state: "ok", stateSince: now });
      const heldMs = now.getTime() - prev.stateSince.getTime();
      return heldMs >= rule.forSeconds * 1000 ? fire(prev, now, value, threshold) : result(prev);
    }
    case "firing": {
      // A firing row lost to a crash between writes: carry on from what the state says.
      const firing = prev.firing ?? { startedAt: prev.stateSince, peakValue: value, threshold };
      if (value < level * CLEAR_RATIO) {
        const clearStreak = prev.clearStreak + 1;
        if (clearStreak >= CLEAR_EVALUATIONS) return resolve(firing, prev, now, value, threshold);
        return result({ ...prev, firing, clearStreak });
      }
      if (value > firing.peakValue) {
        return result({ ...prev, firing: { ...firing, peakValue: value }, clearStreak: 0 }, [{ type: "peak", peakValue: value }]);
      }
      return result({ ...prev, firing, clearStreak: 0 });
    }
  }
}

function inCooldown(rule: RuleSettings, prev: RuleState, now: Date): boolean {
  return prev.lastResolvedAt !== null && now.getTime() < prev.lastResolvedAt.getTime() + rule.cooldownSeconds * 1000;
}

function fire(prev: RuleState, now: Date, value: number, threshold: number): Evaluation {
  const firing: OpenFiring = { startedAt: now, peakValue: value, threshold };
  return {
    state: { ...prev, state: "firing", stateSince: now, clearStreak: 0, firing },
    value,
    threshold,
    effects: [{ type: "fire", firing, value }],
  };
}

function resolve(firing: OpenFiring, prev: RuleState, now: Date, value: number | null, threshold: number | null): Evaluation {
  return {
    state: { ...prev, state: "ok", stateSince: now, clearStreak: 0, lastResolvedAt: now, firing: null },
    value,
    threshold,
    effects: [{ type: "resolve", firing, resolvedAt: now, value }],
  };
}
