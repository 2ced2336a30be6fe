import { describe, expect, it } from "vitest";
import { lastCheckWords, stateBadge, targetWords, thresholdWords, timingWords } from "./ruleWords.js";

const en = { locale: "en-US" };

describe("thresholdWords", () => {
  it("writes a count threshold with its window", () => {
    expect(thresholdWords({ threshold: { kind: "count", value: 50 }, windowSeconds: 300, minEvents: 1 }, en)).toBe(
      "≥ 50 closes in 5 min",
    );
    expect(thresholdWords({ threshold: { kind: "count", value: 1 }, windowSeconds: 3600, minEvents: 1 }, en)).toBe(
      "≥ 1 close in 1 h",
    );
    expect(thresholdWords({ threshold: { kind: "count", value: 2500 }, windowSeconds: 90, minEvents: 1 }, en)).toBe(
      "≥ 2,500 closes in 1 min 30 s",
    );
  });

  it("mentions a count rule's minimum only when it is stricter than the count", () => {
    expect(thresholdWords({ threshold: { kind: "count", value: 5 }, windowSeconds: 300, minEvents: 20 }, en)).toBe(
      "≥ 5 closes in 5 min, at least 20 closes",
    );
    expect(thresholdWords({ threshold: { kind: "count", value: 50 }, windowSeconds: 300, minEvents: 50 }, en)).toBe(
      "≥ 50 closes in 5 min",
    );
  });

  it("writes a factor against its baseline, with the minimum", () => {
    const rule = { threshold: { kind: "factor", value: 3, baselineSeconds: 3600 }, windowSeconds: 300, minEvents: 20 } as const;
    expect(thresholdWords(rule, en)).toBe("≥ 3× the last hour's rate, at least 20 closes");
    expect(
      thresholdWords({ ...rule, threshold: { kind: "factor", value: 1.25, baselineSeconds: 6 * 3600 }, minEvents: 1 }, en),
    ).toBe("≥ 1.25× the last 6 hours' rate, at least 1 close");
  });
});

describe("timingWords", () => {
  it("writes the window, the wait and the cooldown", () => {
    expect(timingWords({ windowSeconds: 300, forSeconds: 120, cooldownSeconds: 900 })).toBe(
      "5 min window · after 2 min over · 15 min cooldown",
    );
    expect(timingWords({ windowSeconds: 60, forSeconds: 0, cooldownSeconds: 0 })).toBe(
      "1 min window · fires at once · no cooldown",
    );
  });
});

describe("lastCheckWords", () => {
  it("compares the last value with its threshold", () => {
    expect(lastCheckWords({ lastValue: 12, lastThreshold: 60 }, en)).toBe("12 closes (threshold 60)");
    expect(lastCheckWords({ lastValue: 1, lastThreshold: 4.56 }, en)).toBe("1 close (threshold 4.6)");
    expect(lastCheckWords({ lastValue: 3, lastThreshold: null }, en)).toBe("3 closes");
  });

  it("says when a rule was never evaluated", () => {
    expect(lastCheckWords({ lastValue: null, lastThreshold: null }, en)).toBe("Not checked yet");
  });
});

describe("targetWords", () => {
  it("names the format and the host, never the path", () => {
    expect(targetWords({ url: "https://hooks.slack.com/services/T000/B000/SECRET", format: "slack" })).toBe(
      "Slack webhook · hooks.slack.com",
    );
    expect(targetWords({ url: "http://alerts.internal:8080/hook", format: "json" })).toBe(
      "JSON webhook · alerts.internal:8080",
    );
  });

  it("says when there is no target", () => {
    expect(targetWords(undefined)).toBe("Nowhere: shown here only");
  });
});

describe("stateBadge", () => {
  it("names each state in words", () => {
    expect(stateBadge({ state: "firing", enabled: true })).toEqual({ label: "Firing", tone: "firing" });
    expect(stateBadge({ state: "pending", enabled: true })).toEqual({ label: "Pending", tone: "pending" });
    expect(stateBadge({ state: "ok", enabled: true })).toEqual({ label: "OK", tone: "ok" });
  });

  it("says Disabled for a switched-off rule, whatever its last state", () => {
    expect(stateBadge({ state: "firing", enabled: false })).toEqual({ label: "Disabled", tone: "off" });
  });
});
