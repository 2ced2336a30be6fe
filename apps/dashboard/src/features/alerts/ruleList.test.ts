import { describe, expect, it } from "vitest";
import { rule } from "./fixtures.js";
import { removeRule, sortRules, upsertRule } from "./ruleList.js";

const names = (rules: readonly { name: string }[]) => rules.map((r) => r.name);

describe("sortRules", () => {
  it("puts firing rules first, then pending, then ok, then disabled ones", () => {
    const rules = [
      rule({ id: "a", name: "quiet", state: "ok" }),
      rule({ id: "b", name: "off", state: "firing", enabled: false }),
      rule({ id: "c", name: "waiting", state: "pending" }),
      rule({ id: "d", name: "burning", state: "firing" }),
    ];
    expect(names(sortRules(rules))).toEqual(["burning", "waiting", "quiet", "off"]);
  });

  it("lists the longest-firing rule first, quiet rules by name", () => {
    const rules = [
      rule({ id: "a", name: "newer", state: "firing", stateSince: "2026-11-25T10:05:00.000Z" }),
      rule({ id: "b", name: "older", state: "firing", stateSince: "2026-11-25T09:00:00.000Z" }),
      rule({ id: "c", name: "Rule 10", stateSince: "2026-11-25T08:00:00.000Z" }),
      rule({ id: "d", name: "rule 9", stateSince: "2026-11-25T11:00:00.000Z" }),
    ];
    expect(names(sortRules(rules))).toEqual(["older", "newer", "rule 9", "Rule 10"]);
  });

  it("treats a state it does not know as quiet, and settles exact ties by id", () => {
    // "muted": a state only a newer collector would send.
    const rules = [rule({ id: "b", name: "same", state: "muted" as never }), rule({ id: "a", name: "same" })];
    expect(sortRules(rules).map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("does not change the array it was given", () => {
    const rules = [rule({ id: "a", name: "b" }), rule({ id: "b", name: "a" })];
    sortRules(rules);
    expect(names(rules)).toEqual(["b", "a"]);
  });
});

describe("upsertRule and removeRule", () => {
  const a = rule({ id: "a", name: "a" });
  const b = rule({ id: "b", name: "b" });

  it("replaces a saved rule in place, or adds a new one", () => {
    expect(names(upsertRule([a, b], { ...a, name: "a2" }))).toEqual(["a2", "b"]);
    expect(names(upsertRule([a], b))).toEqual(["a", "b"]);
  });

  it("removes a deleted rule", () => {
    expect(names(removeRule([a, b], "a"))).toEqual(["b"]);
    expect(names(removeRule([a, b], "zzz"))).toEqual(["a", "b"]);
  });
});
