import { describe, expect, it } from "vitest";
import { code, CODES } from "../codes/fixtures.js";
import { causeEntryFor, causeFitsCode, causeOptions, codeEntryFor } from "./knowledge.js";

describe("codeEntryFor", () => {
  it("finds a single code's entry, and the range a private code falls in", () => {
    expect(codeEntryFor(CODES, 1009)?.name).toBe("Message Too Big");
    expect(codeEntryFor(CODES, 4123)?.name).toBe("Private use");
    expect(codeEntryFor(CODES, 2000)).toBeUndefined();
  });

  it("prefers the narrowest entry, then the standard over an application family", () => {
    // 4400 is both in the private range and graphql-ws' own code.
    expect(codeEntryFor(CODES, 4400)?.family).toBe("graphql-ws");
    const both = [code({ from: 3008, name: "Centrifugo", family: "centrifugo" }), code({ from: 3008, name: "Timeout", family: "iana" })];
    expect(codeEntryFor(both, 3008)?.name).toBe("Timeout");
  });
});

describe("causeEntryFor", () => {
  it("gives the cause's explanation and fix hints", () => {
    const cause = causeEntryFor(codeEntryFor(CODES, 1009), "message_too_big");
    expect(cause?.fixHints[0]).toContain("maxPayload");
    expect(causeEntryFor(codeEntryFor(CODES, 1009), "rate_limit")).toBeUndefined();
    expect(causeEntryFor(undefined, "rate_limit")).toBeUndefined();
  });
});

describe("causeOptions", () => {
  it("lists the chosen code's causes", () => {
    expect(causeOptions(CODES, 1008, "").map((o) => o.id)).toEqual(["rate_limit", "auth_expired"]);
    expect(causeOptions(CODES, 1008, "")[0]?.label).toBe("rate_limit — Rate limit");
  });

  it("without a code lists the standard codes' causes, 1008 and 1009 first", () => {
    expect(causeOptions(CODES, undefined, "").map((o) => o.id)).toEqual(["rate_limit", "auth_expired", "message_too_big"]);
  });

  it("keeps a cause from the URL the knowledge base does not list", () => {
    expect(causeOptions(CODES, 1008, "brand_new").map((o) => o.id)).toContain("brand_new");
  });
});

describe("causeFitsCode", () => {
  it("says when a cause cannot go with a newly chosen code", () => {
    expect(causeFitsCode(CODES, 1008, "message_too_big")).toBe(false);
    expect(causeFitsCode(CODES, 1009, "message_too_big")).toBe(true);
    expect(causeFitsCode(undefined, 1008, "message_too_big")).toBe(true); // not loaded yet: keep
    expect(causeFitsCode(CODES, undefined, "message_too_big")).toBe(true);
  });
});
