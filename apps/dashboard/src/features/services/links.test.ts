import { describe, expect, it } from "vitest";
import { CHAT_ROW, FEED_ROW, QUIET_ROW } from "./fixtures.js";
import { causeEventsHref, overviewHref } from "./links.js";

const hour = { range: "1h", service: "" } as const;
const custom = { range: { from: "2025-01-01T10:00:00.000Z", to: "2025-01-01T12:00:00.000Z" }, service: "" };

describe("overviewHref", () => {
  it("keeps the range and sets the service", () => {
    expect(overviewHref(hour, "chat-api")).toBe("/?service=chat-api");
    expect(overviewHref({ range: "6h", service: "other" }, "feed api")).toBe("/?range=6h&service=feed+api");
  });
});

describe("causeEventsHref", () => {
  it("links the top cause with its code, service, route and range", () => {
    const href = causeEventsHref({ range: "6h", service: "" }, FEED_ROW)!;
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/events");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      code: "1008",
      cause: "auth_expired",
      service: "feed-api",
      route: "/feed",
      range: "6h",
    });
  });

  it("carries a custom window and replaces the header's service with the row's", () => {
    const url = new URL(causeEventsHref({ ...custom, service: "feed" }, CHAT_ROW)!, "http://x");
    expect(url.searchParams.get("service")).toBe("chat-api");
    expect(url.searchParams.getAll("service")).toHaveLength(1);
    expect(url.searchParams.get("from")).toBe(custom.range.from);
    expect(url.searchParams.get("to")).toBe(custom.range.to);
    expect(url.searchParams.has("range")).toBe(false);
  });

  it("leaves the route out when the agent reported none, and gives no link without a cause", () => {
    expect(causeEventsHref(hour, { ...QUIET_ROW, topCause: { code: 1006, cause: "abnormal", count: 1 } })).toBe(
      "/events?code=1006&cause=abnormal&service=batch-api",
    );
    expect(causeEventsHref(hour, QUIET_ROW)).toBeNull();
  });
});
