import { expect, it } from "vitest";
import { causeLabel, codeLabel } from "./labels.js";

it("folds codes outside the registry into ranges", () => {
  expect([1008, 4001, 4999, 3008, 3500, 2000].map(codeLabel)).toEqual(["1008", "4xxx", "4xxx", "3008", "3xxx", "other"]);
});

it("never lets an unknown cause become a label", () => {
  expect(causeLabel("rate_limit")).toBe("rate_limit");
  expect(causeLabel("made_up")).toBe("unspecified");
});
