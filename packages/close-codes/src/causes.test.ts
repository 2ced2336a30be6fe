import { expect, it } from "vitest";
import { ALL_CAUSES, causesForCode, isCauseValidForCode } from "./causes.js";

it("isCauseValidForCode agrees with causesForCode for every code and cause", () => {
  const codes = [0, 999, 1000, 1004, 1005, 1006, 1008, 1009, 1015, 1016, 2999, 3000, 3008, 3500, 4000, 4401, 4999, 5000];
  for (const code of codes) {
    for (const cause of [...ALL_CAUSES, "made_up"]) {
      expect(isCauseValidForCode(code, cause), `${code}/${cause}`).toBe(causesForCode(code).includes(cause));
    }
  }
});
