import type { AlertState } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { type AlertEffect, evaluateRule, initialState, type RuleSettings, thresholdFor, type WindowCounts } from "./evaluate.js";

const STEP_S = 15;
const t0 = Date.parse("2026-11-25T12:00:00.000Z");
const at = (step: number) => new Date(t0 + step * STEP_S * 1000);

const countRule: RuleSettings = {
  enabled: true,
  windowSeconds: 300,
  threshold: { kind: "count", value: 10 },
  minEvents: 1,
  forSeconds: 30,
  cooldownSeconds: 0,
};

interface Step {
  state: AlertState;
  effects: AlertEffect["type"][];
}

/** Evaluates a series of counts, one every 15 s, from a fresh rule; returns each step's state and effects. */
function run(rule: RuleSettings, series: readonly (number | WindowCounts)[]): Step[] {
  let state = initialState(at(-1));
  return series.map((point, i) => {
    const counts = typeof point === "number" ? { window: point } : point;
    const evaluation = evaluateRule(rule, state, counts, at(i));
    state = evaluation.state;
    return { state: state.state, effects: evaluation.effects.map((e) => e.type) };
  });
}

const states = (steps: Step[]) => steps.map((s) => s.state).join(" ");
const countOf = (steps: Step[], type: AlertEffect["type"]) => steps.flatMap((s) => s.effects).filter((e) => e === type).length;

describe("evaluateRule on synthetic series", () => {
  it("fires exactly once on a spike, stays firing while it lasts, resolves when it falls", () => {
    const steps = run(countRule, [0, 2, 12, 15, 30, 40, 25, 12, 3, 2, 1, 0]);
    expect(states(steps)).toBe("ok ok pending pending firing firing firing firing firing ok ok ok");
    // Fires once held for forSeconds (30 s = two steps after pending began), on step 4.
    expect(steps[4]!.effects).toEqual(["fire"]);
    expect(countOf(steps, "fire")).toBe(1);
    expect(countOf(steps, "resolve")).toBe(1);
    // Resolves on the second evaluation in a row under 90% of the threshold (3, then 2).
    expect(steps[9]!.effects).toEqual(["resolve"]);
    // New highs while firing are peaks; 25 after 40 is not.
    expect(steps[5]!.effects).toEqual(["peak"]);
    expect(steps[6]!.effects).toEqual([]);
  });

  it("reports the peak and the threshold of the firing when it resolves", () => {
    let state = initialState(at(0));
    const effects: AlertEffect[] = [];
    [12, 12, 12, 50, 20, 1, 1].forEach((window, i) => {
      const evaluation = evaluateRule(countRule, state, { window }, at(i));
      state = evaluation.state;
      effects.push(...evaluation.effects);
    });
    const resolved = effects.find((e) => e.type === "resolve");
    expect(resolved).toEqual({
      type: "resolve",
      firing: { startedAt: at(2), peakValue: 50, threshold: 10 },
      resolvedAt: at(6),
      value: 1,
    });
  });

  it("does not fire on a blip shorter than forSeconds", () => {
    const steps = run({ ...countRule, forSeconds: 60 }, [0, 50, 50, 50, 0, 0, 50, 50, 0]);
    expect(states(steps)).toBe("ok pending pending pending ok ok pending pending ok");
    expect(countOf(steps, "fire")).toBe(0);
  });

  it("fires on the first evaluation over the threshold when forSeconds is 0", () => {
    const steps = run({ ...countRule, forSeconds: 0 }, [0, 10]);
    expect(steps.map((s) => s.effects)).toEqual([[], ["fire"]]);
    expect(steps[1]!.state).toBe("firing");
  });

  it("holds the cooldown after a resolve, then fires again", () => {
    // 120 s cooldown = 8 steps. Resolves on step 2 (second low count); steps 3–9 are inside the cooldown.
    const rule = { ...countRule, forSeconds: 0, cooldownSeconds: 120 };
    const series = [20, 0, 0, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];
    const steps = run(rule, series);
    expect(steps[2]!.effects).toEqual(["resolve"]);
    expect(states(steps.slice(3, 10))).toBe("ok ok ok ok ok ok ok");
    // Step 10 is exactly 120 s after the resolve.
    expect(steps[10]!.effects).toEqual(["fire"]);
    expect(countOf(steps, "fire")).toBe(2);
  });

  it("never fires on a flat series, however busy", () => {
    const flat = Array.from({ length: 200 }, () => ({ window: 500, baseline: 500 * 12 }));
    const steps = run({ ...countRule, threshold: { kind: "factor", value: 3, baselineSeconds: 3600 } }, flat);
    expect(new Set(steps.map((s) => s.state))).toEqual(new Set(["ok"]));
  });

  it("keeps a quiet service quiet with minEvents, whatever the factor says", () => {
    const rule = { ...countRule, forSeconds: 0, threshold: { kind: "factor" as const, value: 2, baselineSeconds: 3600 }, minEvents: 20 };
    // 0 → 5 closes is "infinitely" more than the baseline, but under minEvents.
    expect(countOf(run(rule, [{ window: 5, baseline: 0 }, { window: 19, baseline: 0 }]), "fire")).toBe(0);
    expect(countOf(run(rule, [{ window: 20, baseline: 0 }]), "fire")).toBe(1);
  });

  it("does not let a zero or tiny baseline turn one close into a spike", () => {
    const rule = { ...countRule, windowSeconds: 300, threshold: { kind: "factor" as const, value: 3, baselineSeconds: 3600 } };
    // A baseline under one close per window counts as one: the threshold is 3, not 0.
    expect(thresholdFor(rule, { window: 1, baseline: 0 })).toBe(3);
    expect(thresholdFor(rule, { window: 1, baseline: 6 })).toBe(3); // 0.5 per window → 1
    // 120 closes over 12 windows = 10 per window; × 3.
    expect(thresholdFor(rule, { window: 1, baseline: 120 })).toBe(30);
    const steps = run({ ...rule, forSeconds: 0 }, [{ window: 1, baseline: 0 }, { window: 2, baseline: 0 }, { window: 3, baseline: 0 }]);
    expect(states(steps)).toBe("ok ok firing");
  });

  it("fires on a factor spike over a steady baseline and resolves once it subsides", () => {
    const rule = { ...countRule, forSeconds: 15, threshold: { kind: "factor" as const, value: 3, baselineSeconds: 3600 } };
    // Baseline: 10 per 5-minute window (120 per hour). Threshold 30.
    const steps = run(rule, [10, 12, 31, 45, 60, 20, 10].map((window) => ({ window, baseline: 120 })));
    expect(states(steps)).toBe("ok ok pending firing firing firing ok");
  });

  it("does not flap when the count hovers at the threshold", () => {
    const hovering = [10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9];
    const steps = run({ ...countRule, forSeconds: 0 }, hovering);
    expect(countOf(steps, "fire")).toBe(1);
    expect(countOf(steps, "resolve")).toBe(0);
    // A single dip under the clear level (8 < 9) followed by a recovery does not resolve either.
    const dip = run({ ...countRule, forSeconds: 0 }, [12, 8, 12, 8, 12, 8]);
    expect(countOf(dip, "resolve")).toBe(0);
    expect(dip.every((s, i) => i === 0 || s.state === "firing")).toBe(true);
  });

  it("resolves a firing when its rule is disabled, and then stays ok", () => {
    let state = initialState(at(0));
    state = evaluateRule({ ...countRule, forSeconds: 0 }, state, { window: 50 }, at(1)).state;
    expect(state.state).toBe("firing");
    const disabled = evaluateRule({ ...countRule, enabled: false }, state, null, at(2));
    expect(disabled.effects).toEqual([{ type: "resolve", firing: { startedAt: at(1), peakValue: 50, threshold: 10 }, resolvedAt: at(2), value: null }]);
    expect(disabled.state.state).toBe("ok");
    expect(disabled.value).toBeNull();
    const again = evaluateRule({ ...countRule, enabled: false }, disabled.state, null, at(3));
    expect(again.effects).toEqual([]);
    expect(again.state).toBe(disabled.state);
  });

  it("measures minEvents into the clear level, so a low threshold still resolves", () => {
    // Fires at 50 (minEvents), threshold 2: resolves under 45, not under 1.8.
    const rule = { ...countRule, forSeconds: 0, threshold: { kind: "count" as const, value: 2 }, minEvents: 50 };
    const steps = run(rule, [50, 46, 46, 44, 44]);
    expect(states(steps)).toBe("firing firing firing firing ok");
  });
});
