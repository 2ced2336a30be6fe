import type { ServiceRow } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { CHAT_ROW, FEED_ROW, QUIET_ROW } from "./fixtures.js";
import { serviceStats } from "./serviceStats.js";
import { DEFAULT_SORT, nextSort, parseSort, sortParams, sortRows, type Sort } from "./sorting.js";

const rows = [CHAT_ROW, FEED_ROW, QUIET_ROW].map(serviceStats);
const order = (sort: Sort, input = rows) => sortRows(input, sort).map((s) => `${s.row.service}${s.row.route ?? ""}`);

describe("sortRows", () => {
  it("sorts by total, most closes first, by default", () => {
    expect(order(DEFAULT_SORT)).toEqual(["feed-api/feed", "chat-api/chat", "batch-api"]);
  });

  it("sorts by each code's count in both directions", () => {
    expect(order({ key: "1008", direction: "desc" })).toEqual(["feed-api/feed", "chat-api/chat", "batch-api"]);
    expect(order({ key: "1009", direction: "desc" })).toEqual(["chat-api/chat", "feed-api/feed", "batch-api"]);
    expect(order({ key: "1009", direction: "asc" })).toEqual(["batch-api", "feed-api/feed", "chat-api/chat"]);
    expect(order({ key: "other", direction: "desc" })).toEqual(["feed-api/feed", "batch-api", "chat-api/chat"]);
  });

  it("sorts by share of 1008+1009 and by rate", () => {
    expect(order({ key: "share", direction: "desc" })).toEqual(["chat-api/chat", "feed-api/feed", "batch-api"]);
    expect(order({ key: "rate", direction: "asc" })).toEqual(["batch-api", "chat-api/chat", "feed-api/feed"]);
  });

  it("sorts names alphabetically, ignoring case, with numbers in numeric order", () => {
    const named = ["svc-10", "Svc-9", "svc-2"].map((service) => serviceStats({ ...CHAT_ROW, service }));
    expect(order({ key: "service", direction: "asc" }, named)).toEqual(["svc-2/chat", "Svc-9/chat", "svc-10/chat"]);
    expect(order({ key: "service", direction: "desc" }, named)).toEqual(["svc-10/chat", "Svc-9/chat", "svc-2/chat"]);
  });

  it("puts a missing route or cause last in either direction", () => {
    for (const direction of ["asc", "desc"] as const) {
      expect(order({ key: "route", direction }).at(-1)).toBe("batch-api");
      expect(order({ key: "cause", direction }).at(-1)).toBe("batch-api");
    }
    expect(order({ key: "cause", direction: "asc" })).toEqual(["feed-api/feed", "chat-api/chat", "batch-api"]);
  });

  it("breaks ties by total, then service, then route, whatever the direction", () => {
    const tied: ServiceRow[] = [
      { ...QUIET_ROW, service: "b", route: "/y", total: 5 },
      { ...QUIET_ROW, service: "b", route: null, total: 5 },
      { ...QUIET_ROW, service: "a", route: "/z", total: 5 },
      { ...QUIET_ROW, service: "c", route: "/x", total: 9 },
      { ...QUIET_ROW, service: "b", route: "/x", total: 5 },
    ];
    const stats = tied.map(serviceStats); // every row: 1008 count 0, so the sort column ties everywhere
    const expected = ["c/x", "a/z", "b/x", "b/y", "b"];
    expect(order({ key: "1008", direction: "desc" }, stats)).toEqual(expected);
    expect(order({ key: "1008", direction: "asc" }, stats)).toEqual(expected);
  });

  it("does not change the array it was given", () => {
    const input = [...rows];
    sortRows(input, { key: "service", direction: "asc" });
    expect(input).toEqual(rows);
  });
});

describe("parseSort", () => {
  const parse = (search: string) => parseSort(new URLSearchParams(search));

  it("reads the column and direction", () => {
    expect(parse("?sort=1009&dir=desc")).toEqual({ key: "1009", direction: "desc" });
    expect(parse("sort=service&dir=desc&range=6h")).toEqual({ key: "service", direction: "desc" });
  });

  it("falls back to total, descending, without a known column", () => {
    expect(parse("")).toEqual(DEFAULT_SORT);
    expect(parse("?sort=bogus&dir=asc")).toEqual(DEFAULT_SORT);
    expect(parse("?dir=asc")).toEqual(DEFAULT_SORT);
    expect(parse("?sort=")).toEqual(DEFAULT_SORT);
  });

  it("gives a column its first direction when the direction is missing or unknown", () => {
    expect(parse("?sort=service")).toEqual({ key: "service", direction: "asc" });
    expect(parse("?sort=1008&dir=up")).toEqual({ key: "1008", direction: "desc" });
  });
});

describe("sortParams", () => {
  it("leaves the default out of the URL and round-trips the rest", () => {
    expect(sortParams(DEFAULT_SORT)).toEqual({ sort: undefined, dir: undefined });
    const sort: Sort = { key: "total", direction: "asc" };
    const { sort: key, dir } = sortParams(sort);
    expect(parseSort(new URLSearchParams({ sort: key!, dir: dir! }))).toEqual(sort);
  });
});

describe("nextSort", () => {
  it("flips the direction of the column already sorted by", () => {
    expect(nextSort({ key: "1008", direction: "desc" }, "1008")).toEqual({ key: "1008", direction: "asc" });
    expect(nextSort({ key: "1008", direction: "asc" }, "1008")).toEqual({ key: "1008", direction: "desc" });
  });

  it("starts a new column with numbers biggest first and names A to Z", () => {
    expect(nextSort(DEFAULT_SORT, "1009")).toEqual({ key: "1009", direction: "desc" });
    expect(nextSort(DEFAULT_SORT, "service")).toEqual({ key: "service", direction: "asc" });
    expect(nextSort({ key: "service", direction: "desc" }, "cause")).toEqual({ key: "cause", direction: "asc" });
  });
});
