import type { CodeInfo } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { CODES } from "./fixtures.js";
import { causeMatches, parseCodesView, searchCodes, searchTerms, serializeCodesView } from "./search.js";

const label = (c: CodeInfo) => (c.from === c.to ? `${c.from}` : `${c.from}-${c.to}`);
/** Everything shown, in order: matches, then mentions. */
const labels = (q: string, family = "") => {
  const { matches, mentions } = searchCodes(CODES, { q, family });
  return [...matches, ...mentions].map(label);
};

describe("searchCodes", () => {
  it("lists everything in code order without a query, single codes before the range they start", () => {
    expect(labels("")).toEqual(["1000", "1006", "1008", "1009", "3000", "4000-4999", "4008", "4400"]);
  });

  it("puts the exact number first, then ranges that contain it", () => {
    expect(labels("4008")).toEqual(["4008", "4000-4999"]);
    expect(labels("4400")).toEqual(["4400", "4000-4999"]);
  });

  it("ranks the exact code above entries that only mention the number", () => {
    expect(labels("1009")).toEqual(["1009", "1006"]);
  });

  it("matches the start of a number", () => {
    expect(labels("100")).toEqual(["1000", "1006", "1008", "1009"]);
  });

  it("finds names, by word start, case-insensitively", () => {
    expect(labels("policy")).toEqual(["1008"]);
    expect(labels("TOO big")).toEqual(["1009"]);
  });

  it("finds a family by id or label", () => {
    expect(labels("graphql")).toEqual(["4400"]);
    expect(labels("discord")).toEqual(["4008"]);
  });

  it("finds cause ids", () => {
    expect(labels("rate_limit")).toEqual(["1008"]);
    expect(labels("auth_expired")).toEqual(["1008"]);
  });

  it("finds words in meanings, cause texts and fix hints, after better matches", () => {
    expect(labels("maxpayload")).toEqual(["1009"]);
    // "Rate limited" (name) before 1008 (cause id rate_limit).
    expect(labels("rate")).toEqual(["4008", "1008"]);
  });

  it("needs every word to match", () => {
    expect(labels("1008 rate")).toEqual(["1008"]);
    expect(labels("1008 nonsense")).toEqual([]);
  });

  it("filters by family, with and without a query", () => {
    expect(labels("", "rfc6455")).toEqual(["1000", "1006", "1008", "1009"]);
    expect(labels("4008", "private")).toEqual(["4000-4999"]);
  });

  it("keeps entries that only mention the words apart from real matches", () => {
    const { matches, mentions } = searchCodes(CODES, { q: "1009", family: "" });
    expect(matches.map(label)).toEqual(["1009"]);
    expect(mentions.map(label)).toEqual(["1006"]);
  });

  it("shows mentions as the matches when nothing matches by number, name, family or cause", () => {
    const { matches, mentions } = searchCodes(CODES, { q: "maxpayload", family: "" });
    expect(matches.map(label)).toEqual(["1009"]);
    expect(mentions).toEqual([]);
  });

  it("returns nothing for no match", () => {
    expect(labels("zzz")).toEqual([]);
  });
});

describe("searchTerms", () => {
  it("lower-cases and splits on whitespace", () => {
    expect(searchTerms("  Rate   LIMIT ")).toEqual(["rate", "limit"]);
    expect(searchTerms("   ")).toEqual([]);
  });
});

describe("causeMatches", () => {
  const cause = { id: "rate_limit", title: "Rate limit", description: "Too many messages.", fixHints: [] };
  it("points out causes a word matched, not numbers", () => {
    expect(causeMatches(cause, ["rate"])).toBe(true);
    expect(causeMatches(cause, ["1008"])).toBe(false);
    expect(causeMatches(cause, [])).toBe(false);
  });
});

describe("codes view in the URL", () => {
  it("reads a deep link", () => {
    expect(parseCodesView("?q=1009")).toEqual({ q: "1009", family: "" });
    expect(parseCodesView("?q=rate%20limit&family=discord")).toEqual({ q: "rate limit", family: "discord" });
  });

  it("round-trips, keeping a trailing space being typed", () => {
    const view = { q: "rate ", family: "rfc6455" };
    expect(parseCodesView(serializeCodesView(view))).toEqual(view);
  });

  it("leaves an empty view out of the URL", () => {
    expect(serializeCodesView({ q: "", family: "" })).toBe("");
  });
});
