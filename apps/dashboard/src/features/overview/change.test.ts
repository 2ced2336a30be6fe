import { describe, expect, it } from "vitest";
import { changeAgainst, changeText } from "./change.js";

const pct = (share: number) => `${Math.round(share * 100)}%`;

describe("change against the previous period", () => {
  it("measures growth and decline relative to the previous count", () => {
    expect(changeAgainst(14, 10)).toEqual({ direction: "up", ratio: 0.4 });
    expect(changeAgainst(5, 10)).toEqual({ direction: "down", ratio: 0.5 });
    expect(changeText(changeAgainst(30, 10), pct)).toBe("▲ 200%");
    expect(changeText(changeAgainst(0, 10), pct)).toBe("▼ 100%");
  });

  it("names the cases a percentage cannot express", () => {
    expect(changeAgainst(3, 0)).toEqual({ direction: "new" });
    expect(changeAgainst(0, 0)).toEqual({ direction: "none" });
    expect(changeAgainst(7, 7)).toEqual({ direction: "same" });
    expect(changeText({ direction: "new" }, pct)).toBe("new");
  });
});
