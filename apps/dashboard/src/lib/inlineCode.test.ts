import { describe, expect, it } from "vitest";
import { parseInlineCode } from "./inlineCode.js";

describe("parseInlineCode", () => {
  it("turns backtick pairs into code segments", () => {
    expect(parseInlineCode("Raise `maxPayload` on the `WebSocketServer`.")).toEqual([
      { kind: "text", text: "Raise " },
      { kind: "code", text: "maxPayload" },
      { kind: "text", text: " on the " },
      { kind: "code", text: "WebSocketServer" },
      { kind: "text", text: "." },
    ]);
  });

  it("returns plain text as one segment, and nothing for an empty string", () => {
    expect(parseInlineCode("Reconnect with backoff.")).toEqual([{ kind: "text", text: "Reconnect with backoff." }]);
    expect(parseInlineCode("")).toEqual([]);
  });

  it("keeps an unpaired backtick as text", () => {
    expect(parseInlineCode("use `a` and `b")).toEqual([
      { kind: "text", text: "use " },
      { kind: "code", text: "a" },
      { kind: "text", text: " and `b" },
    ]);
  });

  it("keeps an empty pair as text instead of an empty code element", () => {
    expect(parseInlineCode("a `` b")).toEqual([{ kind: "text", text: "a `` b" }]);
  });

  it("leaves markup as literal text: segments are rendered as text nodes, never HTML", () => {
    expect(parseInlineCode("`<img src=x onerror=alert(1)>` & <b>bold</b>")).toEqual([
      { kind: "code", text: "<img src=x onerror=alert(1)>" },
      { kind: "text", text: " & <b>bold</b>" },
    ]);
  });

  it("handles code at both ends", () => {
    expect(parseInlineCode("`a`b`c`")).toEqual([
      { kind: "code", text: "a" },
      { kind: "text", text: "b" },
      { kind: "code", text: "c" },
    ]);
  });
});
