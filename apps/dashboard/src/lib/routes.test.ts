import { describe, expect, it } from "vitest";
import { isPlainLeftClick, routeFor } from "./routes.js";

describe("routeFor", () => {
  it("maps paths to pages", () => {
    expect(routeFor("/")).toBe("overview");
    expect(routeFor("")).toBe("overview");
    expect(routeFor("/codes")).toBe("codes");
    expect(routeFor("/events")).toBe("events");
    expect(routeFor("/services")).toBe("services");
    expect(routeFor("/alerts")).toBe("alerts");
  });

  it("ignores a trailing slash and case", () => {
    expect(routeFor("/codes/")).toBe("codes");
    expect(routeFor("/Codes")).toBe("codes");
  });

  it("reports unknown paths", () => {
    expect(routeFor("/codes/1009")).toBe("not_found");
    expect(routeFor("/nope")).toBe("not_found");
  });
});

describe("isPlainLeftClick", () => {
  const click = { button: 0, metaKey: false, altKey: false, ctrlKey: false, shiftKey: false, defaultPrevented: false };

  it("takes plain left clicks", () => {
    expect(isPlainLeftClick(click)).toBe(true);
  });

  it("leaves new-tab, new-window and other-button clicks to the browser", () => {
    expect(isPlainLeftClick({ ...click, metaKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...click, ctrlKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...click, shiftKey: true })).toBe(false);
    expect(isPlainLeftClick({ ...click, button: 1 })).toBe(false);
    expect(isPlainLeftClick({ ...click, defaultPrevented: true })).toBe(false);
  });
});
