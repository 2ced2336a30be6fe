import { describe, expect, it } from "vitest";
import { code, CODES } from "../codes/fixtures.js";
import { causeOptionsForCodes } from "./causes.js";

const ids = (options: readonly { id: string }[]) => options.map((o) => o.id);

describe("causeOptionsForCodes", () => {
  it("offers the causes of the chosen code, labelled with their titles", () => {
    expect(causeOptionsForCodes(CODES, [1009], "")).toEqual([
      { id: "message_too_big", label: "message_too_big — Message over the limit" },
    ]);
    expect(ids(causeOptionsForCodes(CODES, [1008], ""))).toEqual(["rate_limit", "auth_expired"]);
  });

  it("offers only the causes every chosen code has: the collector refuses any other", () => {
    expect(causeOptionsForCodes(CODES, [1008, 1009], "")).toEqual([]);
    const sharing = [
      ...CODES,
      code({
        from: 4001,
        name: "Custom",
        family: "private",
        causes: [{ id: "rate_limit", title: "Rate limit", description: "", fixHints: [] }],
      }),
    ];
    expect(ids(causeOptionsForCodes(sharing, [1008, 4001], ""))).toEqual(["rate_limit"]);
  });

  it("offers nothing for codes without known causes, or without codes", () => {
    expect(causeOptionsForCodes(CODES, [1000], "")).toEqual([]);
    expect(causeOptionsForCodes(CODES, [], "")).toEqual([]);
  });

  it("keeps the rule's own cause listed when its codes do not explain it", () => {
    expect(ids(causeOptionsForCodes(CODES, [1009], "rate_limit"))).toEqual(["message_too_big", "rate_limit"]);
  });
});
