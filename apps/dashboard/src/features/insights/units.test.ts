import { describe, expect, it } from "vitest";
import { formatFact, formatValue, formatValueRange } from "./units.js";

const en = { locale: "en-US", timeZone: "UTC" };
const fact = (value: number, unit?: "bytes" | "ms" | "percent" | "count" | "per_minute" | "ratio") => ({
  key: "k",
  label: "L",
  value,
  ...(unit ? { unit } : {}),
});

describe("formatFact", () => {
  it("shows bytes in binary units", () => {
    expect(formatFact(fact(65_536, "bytes"), en)).toBe("64 KiB");
    expect(formatFact(fact(1_572_864, "bytes"), en)).toBe("1.5 MiB");
  });

  it("shows milliseconds as a readable duration", () => {
    expect(formatFact(fact(900_000, "ms"), en)).toBe("15 min");
    expect(formatFact(fact(2300, "ms"), en)).toBe("2.3 s");
  });

  it("reads percent as 0–100", () => {
    expect(formatFact(fact(42.5, "percent"), en)).toBe("42.5%");
    expect(formatFact(fact(100, "percent"), en)).toBe("100%");
    expect(formatFact(fact(0.01, "percent"), en)).toBe("<0.1%");
  });

  it("groups counts and writes rates per minute", () => {
    expect(formatFact(fact(12_345, "count"), en)).toBe("12,345");
    expect(formatFact(fact(4.24, "per_minute"), en)).toBe("4.2/min");
  });

  it("writes ratios as multipliers", () => {
    expect(formatFact(fact(1.5, "ratio"), en)).toBe("1.5×");
  });

  it("prints a unitless or unknown-unit number plainly", () => {
    expect(formatFact(fact(3.14159), en)).toBe("3.14");
    expect(formatValue(7, "parsecs", en)).toBe("7");
  });
});

describe("formatValueRange", () => {
  it("writes a shared unit once", () => {
    expect(formatValueRange(16_384, 32_768, "bytes", en)).toBe("16–32 KiB");
    expect(formatValueRange(1, 1.5, "ratio", en)).toBe("1–1.5×");
    expect(formatValueRange(0, 8192, "bytes", en)).toBe("0–8 KiB");
    expect(formatValueRange(0, 60_000, "ms", en)).toBe("0–1 min");
  });

  it("keeps both units when they differ", () => {
    expect(formatValueRange(512, 2048, "bytes", en)).toBe("512 B–2 KiB");
    expect(formatValueRange(900, 1500, "ms", en)).toBe("900 ms–1.5 s");
  });
});
