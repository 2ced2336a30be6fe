import { describe, expect, it } from "vitest";
import { codeColor, codeName, seriesColor, seriesKeyFor, seriesLabel, SERIES_KEYS } from "./codes.js";

describe("seriesKeyFor", () => {
  it("keeps 1008 and 1009 as their own series and groups every other code", () => {
    expect(seriesKeyFor(1008)).toBe("1008");
    expect(seriesKeyFor(1009)).toBe("1009");
    expect(seriesKeyFor(1000)).toBe("other");
    expect(seriesKeyFor(1006)).toBe("other");
    expect(seriesKeyFor(4001)).toBe("other");
  });
});

describe("colours", () => {
  it("gives 1008, 1009 and other three different colours", () => {
    const colours = new Set(SERIES_KEYS.map(seriesColor));
    expect(colours.size).toBe(3);
  });

  it("uses the same colour for a code everywhere", () => {
    expect(codeColor(1008)).toBe(seriesColor("1008"));
    expect(codeColor(1009)).toBe(seriesColor("1009"));
    expect(codeColor(1011)).toBe(seriesColor("other"));
    expect(codeColor(1000)).toBe(codeColor(4999));
  });

  it("labels each colour with the code in words", () => {
    expect(seriesLabel("1008")).toContain("Policy Violation");
    expect(seriesLabel("1009")).toContain("Message Too Big");
  });
});

describe("codeName", () => {
  it("names registry codes and falls back to the code range", () => {
    expect(codeName(1008)).toBe("Policy Violation");
    expect(codeName(1009)).toBe("Message Too Big");
    expect(codeName(4321)).toBe("Application-defined");
    expect(codeName(3999)).toBe("Library/framework");
    expect(codeName(1004)).toBe("Unknown");
  });
});
