import { expect, it } from "vitest";
import { ServiceLabels } from "./service-labels.js";

it("gives the first names their own label and the rest 'other'", () => {
  const labels = new ServiceLabels(2);
  labels.seed(["known"]);
  expect(["a", "known", "b", "a"].map((s) => labels.label(s))).toEqual(["a", "known", "other", "a"]);
  expect(labels.names().sort()).toEqual(["a", "known"]);
});
