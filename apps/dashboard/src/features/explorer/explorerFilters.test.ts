import { describe, expect, it } from "vitest";
import { applyPatch } from "../../hooks/useSearchParams.js";
import {
  DEFAULT_PAGE_SIZE,
  explorerParams,
  hasExplorerFilters,
  NO_FILTERS,
  parseCode,
  parseExplorerFilters,
  parsePageSize,
  parseSelectedEvent,
  serializeExplorerFilters,
  type ExplorerFilters,
} from "./explorerFilters.js";

const ALL: ExplorerFilters = { code: 1009, cause: "message_too_big", route: "/chat", initiator: "server", q: "too big" };

describe("explorer filters in the URL", () => {
  it("reads the link an insight card or a colleague shares", () => {
    expect(
      parseExplorerFilters("?code=1009&cause=message_too_big&route=/chat&initiator=server&q=too+big&range=6h&service=chat-api"),
    ).toEqual(ALL);
  });

  it("has no filters on a plain /events", () => {
    expect(parseExplorerFilters("")).toEqual(NO_FILTERS);
    expect(hasExplorerFilters(NO_FILTERS)).toBe(false);
    expect(serializeExplorerFilters(NO_FILTERS)).toBe("");
  });

  it("round-trips every filter, including reason text that needs escaping", () => {
    for (const filters of [
      ALL,
      { ...NO_FILTERS, q: "50% of a & b=c" },
      { ...NO_FILTERS, route: "/ws?room=1#x" },
      { ...NO_FILTERS, code: 4000, initiator: "none" },
    ] satisfies ExplorerFilters[]) {
      expect(parseExplorerFilters(serializeExplorerFilters(filters))).toEqual(filters);
    }
  });

  it("drops what the API would reject instead of answering every link with a 400", () => {
    expect(parseExplorerFilters("?code=999&cause=Rate-Limit&initiator=proxy")).toEqual(NO_FILTERS);
    expect(parseExplorerFilters("?code=5000").code).toBeUndefined();
    expect(parseExplorerFilters("?code=10.5").code).toBeUndefined();
    expect(parseExplorerFilters(`?q=${"x".repeat(200)}`).q).toHaveLength(123);
    expect(parseExplorerFilters(`?route=${"r".repeat(300)}`).route).toHaveLength(200);
  });

  it("trims text so a stray space does not empty the table", () => {
    expect(parseExplorerFilters("?q=%20done%20&route=%20/chat").q).toBe("done");
    expect(parseExplorerFilters("?q=%20%20").q).toBe("");
    expect(parseExplorerFilters("?route=%20/chat%20").route).toBe("/chat");
  });

  it("makes a patch that also removes filters no longer set, leaving range and service alone", () => {
    const search = "?range=6h&service=chat-api&code=1009&cause=message_too_big&q=big";
    const patched = applyPatch(search, explorerParams({ ...NO_FILTERS, code: 1008 }));
    expect(patched).toBe("?range=6h&service=chat-api&code=1008");
  });
});

describe("parseCode", () => {
  it("takes four digits in 1000–4999", () => {
    expect(parseCode("1009")).toBe(1009);
    expect(parseCode(" 4999 ")).toBe(4999);
    expect(parseCode("100")).toBeUndefined();
    expect(parseCode("0100")).toBeUndefined();
    expect(parseCode("1e3")).toBeUndefined();
    expect(parseCode(null)).toBeUndefined();
  });
});

describe("page size and selected event", () => {
  it("takes a page size within the API's bounds", () => {
    expect(parsePageSize("?limit=5")).toBe(5);
    expect(parsePageSize("?limit=500")).toBe(500);
    expect(parsePageSize("")).toBe(DEFAULT_PAGE_SIZE);
    for (const bad of ["0", "501", "-1", "5.5", "abc", "1000"]) expect(parsePageSize(`?limit=${bad}`)).toBe(DEFAULT_PAGE_SIZE);
  });

  it("reads the open event's id", () => {
    const id = "0b6f9c55-4a3e-4ab0-9b1c-2a8e2b0c8f11";
    expect(parseSelectedEvent(`?code=1009&event=${id}`)).toBe(id);
    expect(parseSelectedEvent("?event=")).toBeUndefined();
    expect(parseSelectedEvent(`?event=${"x".repeat(65)}`)).toBeUndefined();
  });
});
