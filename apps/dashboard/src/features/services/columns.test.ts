import { describe, expect, it } from "vitest";
import { COLUMNS, describeSort } from "./columns.js";
import { SORT_KEYS } from "./sorting.js";

describe("COLUMNS", () => {
  it("has one column per sort key, so every header can sort", () => {
    expect(COLUMNS.map((c) => c.key).sort()).toEqual([...SORT_KEYS].sort());
  });
});

describe("describeSort", () => {
  it("says numbers highest or lowest first, names A to Z or Z to A", () => {
    expect(describeSort("1009", "desc")).toBe("sorted by 1009, highest first");
    expect(describeSort("rate", "asc")).toBe("sorted by Closes/min, lowest first");
    expect(describeSort("service", "asc")).toBe("sorted by Service, A to Z");
    expect(describeSort("cause", "desc")).toBe("sorted by Top cause, Z to A");
  });
});
