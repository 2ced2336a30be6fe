import { describe, expect, it } from "vitest";
import { RouteLabels } from "./route-labels.js";

describe("RouteLabels", () => {
  it("gives each service its own budget of routes and folds the rest into 'other'", () => {
    const labels = new RouteLabels(2);
    const seen = [
      ["a", "/1"], ["a", "/2"], ["a", "/3"], ["b", "/1"], ["a", "/1"], ["b", "/2"], ["b", "/9"],
    ].map(([service, route]) => labels.label(service!, route!));
    expect(seen).toEqual(["/1", "/2", "other", "/1", "/1", "/2", "other"]);
    expect(labels.pairs()).toEqual({ services: ["a", "a", "b", "b"], routes: ["/1", "/2", "/1", "/2"] });
  });

  it("never spends the budget on closes without a route", () => {
    const labels = new RouteLabels(1);
    expect([labels.label("a", null), labels.label("a", ""), labels.label("a", "/x"), labels.label("a", "/y")]).toEqual(["", "", "/x", "other"]);
  });

  it("starts from the pairs the rollups already have, within the cap, skipping '' and 'other'", () => {
    const labels = new RouteLabels(2);
    labels.seed([
      { service: "a", route: "other" },
      { service: "a", route: "/new" },
      { service: "a", route: "" },
      { service: "a", route: "/old" },
      { service: "a", route: "/older" },
    ]);
    expect([labels.label("a", "/old"), labels.label("a", "/older")]).toEqual(["/old", "other"]);
  });
});
