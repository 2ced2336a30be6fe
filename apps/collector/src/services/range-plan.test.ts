import { describe, expect, it } from "vitest";
import { planRange } from "./range-plan.js";

const t = (s: string) => new Date(`2026-11-25T${s}Z`);
const iso = (plan: ReturnType<typeof planRange>) => ({
  hours: plan.hours.map(([a, b]) => `${a.toISOString().slice(11, 19)}-${b.toISOString().slice(11, 19)}`),
  minutes: plan.minutes.map(([a, b]) => `${a.toISOString().slice(11, 19)}-${b.toISOString().slice(11, 19)}`),
  raw: plan.raw.map(([a, b]) => `${a.toISOString().slice(11, 19)}-${b.toISOString().slice(11, 19)}`),
});

describe("planRange", () => {
  it("uses hours in the middle, minutes around them and raw rows only for partial minutes", () => {
    expect(iso(planRange(t("10:17:30"), t("14:05:10")))).toEqual({
      hours: ["11:00:00-14:00:00"],
      minutes: ["10:18:00-11:00:00", "14:00:00-14:05:00"],
      raw: ["10:17:30-10:18:00", "14:05:00-14:05:10"],
    });
  });

  it("needs no raw rows for aligned ranges", () => {
    expect(iso(planRange(t("10:00:00"), t("12:00:00")))).toEqual({ hours: ["10:00:00-12:00:00"], minutes: [], raw: [] });
  });

  it("reads a range inside one minute from raw rows", () => {
    expect(iso(planRange(t("10:00:10"), t("10:00:50")))).toEqual({ hours: [], minutes: [], raw: ["10:00:10-10:00:50"] });
  });

  it("keeps hours out when asked", () => {
    expect(iso(planRange(t("10:00:00"), t("12:00:00"), false))).toEqual({ hours: [], minutes: ["10:00:00-12:00:00"], raw: [] });
  });
});
