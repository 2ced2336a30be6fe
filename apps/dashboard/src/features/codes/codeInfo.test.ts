import { describe, expect, it } from "vitest";
import { codeKey, codeRangeLabel, familiesOf, familyLabel, onWireText, reconnectText, sentByText } from "./codeInfo.js";
import { CODES } from "./fixtures.js";

describe("codeRangeLabel", () => {
  it("shows one code or a range", () => {
    expect(codeRangeLabel({ from: 1008, to: 1008 })).toBe("1008");
    expect(codeRangeLabel({ from: 4000, to: 4999 })).toBe("4000–4999");
  });
});

describe("codeKey", () => {
  it("tells apart families that assign the same number", () => {
    expect(codeKey({ from: 4000, to: 4000, family: "discord" })).not.toBe(
      codeKey({ from: 4000, to: 4000, family: "pusher" }),
    );
  });
});

describe("familiesOf", () => {
  it("lists standards first, then other families by name, with counts", () => {
    expect(familiesOf(CODES).map((f) => [f.family, f.count])).toEqual([
      ["rfc6455", 4],
      ["iana", 1],
      ["private", 1],
      ["discord", 1],
      ["graphql-ws", 1],
    ]);
  });

  it("labels known families and shows others as they are", () => {
    expect(familyLabel("rfc6455")).toBe("RFC 6455");
    expect(familyLabel("my-app")).toBe("my-app");
  });
});

describe("advice in words", () => {
  it("says what to do after the close", () => {
    expect(reconnectText("after_fix")).toBe("Reconnect only after fixing the cause");
    expect(reconnectText("backoff")).toContain("backoff");
    expect(reconnectText("someday")).toBe("someday");
  });

  it("says who sends it and whether it is on the wire", () => {
    expect(sentByText("local")).toContain("locally");
    expect(onWireText(false)).toMatch(/^No/);
  });
});
