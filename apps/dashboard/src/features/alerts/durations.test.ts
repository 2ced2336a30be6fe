import { describe, expect, it } from "vitest";
import { durationWords, lastPeriodPossessive, minutesText, numberFromText, secondsFromMinutesText } from "./durations.js";

describe("durationWords", () => {
  it("writes each non-zero unit, largest first", () => {
    expect(durationWords(0)).toBe("0 s");
    expect(durationWords(45)).toBe("45 s");
    expect(durationWords(300)).toBe("5 min");
    expect(durationWords(90)).toBe("1 min 30 s");
    expect(durationWords(3600)).toBe("1 h");
    expect(durationWords(5400)).toBe("1 h 30 min");
    expect(durationWords(7 * 86_400)).toBe("7 d");
  });
});

describe("lastPeriodPossessive", () => {
  it("uses the largest unit that divides the period", () => {
    expect(lastPeriodPossessive(3600)).toBe("the last hour's");
    expect(lastPeriodPossessive(7200)).toBe("the last 2 hours'");
    expect(lastPeriodPossessive(5400)).toBe("the last 90 minutes'");
    expect(lastPeriodPossessive(86_400)).toBe("the last day's");
    expect(lastPeriodPossessive(300)).toBe("the last 5 minutes'");
    expect(lastPeriodPossessive(301)).toBe("the last 301 seconds'");
  });
});

describe("minutes fields", () => {
  it("show seconds as minutes with at most two decimals", () => {
    expect(minutesText(300)).toBe("5");
    expect(minutesText(90)).toBe("1.5");
    expect(minutesText(20)).toBe("0.33");
    expect(minutesText(0)).toBe("0");
  });

  it("read minutes back as whole seconds", () => {
    expect(secondsFromMinutesText("5")).toBe(300);
    expect(secondsFromMinutesText(" 1.5 ")).toBe(90);
    expect(secondsFromMinutesText("0.33")).toBe(20);
    expect(secondsFromMinutesText("0")).toBe(0);
    expect(secondsFromMinutesText("")).toBeUndefined();
    expect(secondsFromMinutesText("five")).toBeUndefined();
  });

  it("round-trip every whole minute", () => {
    for (const seconds of [60, 120, 900, 3600, 86_400]) {
      expect(secondsFromMinutesText(minutesText(seconds))).toBe(seconds);
    }
  });

  it("read plain numbers, and nothing from blanks", () => {
    expect(numberFromText("20")).toBe(20);
    expect(numberFromText("2.5")).toBe(2.5);
    expect(numberFromText("  ")).toBeUndefined();
    expect(numberFromText("Infinity")).toBeUndefined();
  });
});
