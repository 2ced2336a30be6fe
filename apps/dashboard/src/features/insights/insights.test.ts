import { describe, expect, it } from "vitest";
import { closesText, eventsHref, placeLabel, severityBadge } from "./insights.js";

describe("severityBadge", () => {
  it("names each severity", () => {
    expect(severityBadge("critical")).toEqual({ text: "Critical", tone: "critical" });
    expect(severityBadge("warning")).toEqual({ text: "Warning", tone: "warning" });
    expect(severityBadge("info")).toEqual({ text: "Info", tone: "info" });
  });

  it("shows a severity it does not know by its own name, in the info tone", () => {
    expect(severityBadge("notice")).toEqual({ text: "Notice", tone: "info" });
    expect(severityBadge("toString")).toEqual({ text: "ToString", tone: "info" });
  });
});

describe("eventsHref", () => {
  const insight = { code: 1009, cause: "message_too_big" };

  it("carries code and cause", () => {
    expect(eventsHref(insight, { range: "1h", service: "" })).toBe("/events?code=1009&cause=message_too_big");
  });

  it("keeps the current range and service", () => {
    expect(eventsHref(insight, { range: "6h", service: "chat api" })).toBe(
      "/events?code=1009&cause=message_too_big&range=6h&service=chat+api",
    );
  });

  it("encodes what it is given", () => {
    expect(eventsHref({ code: 1008, cause: "a&b=c" }, { range: "1h", service: "" })).toBe(
      "/events?code=1008&cause=a%26b%3Dc",
    );
  });
});

describe("placeLabel", () => {
  it("joins service and route, or shows the service alone", () => {
    expect(placeLabel({ service: "chat-api", route: "/upload", count: 3 })).toBe("chat-api · /upload");
    expect(placeLabel({ service: "chat-api", route: null, count: 3 })).toBe("chat-api");
  });
});

describe("closesText", () => {
  it("agrees in number", () => {
    expect(closesText(1)).toBe("1 close");
    expect(closesText(0)).toBe("0 closes");
  });
});
