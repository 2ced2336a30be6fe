import { describe, expect, it } from "vitest";
import { storableText } from "./storable-text.js";

describe("storableText", () => {
  it("keeps ordinary text, astral characters included, as the same string", () => {
    for (const text of ["", "rate limit exceeded", "é😀 <b>", "\ud83d\ude00"]) expect(storableText(text)).toBe(text);
  });

  it("replaces U+0000 and lone surrogates with U+FFFD and keeps the rest", () => {
    expect(storableText("a\u0000b")).toBe("a\ufffdb");
    expect(storableText("\ud800x\udc00")).toBe("\ufffdx\ufffd");
    expect(storableText("\ud83d\ude00\ud83d")).toBe("\ud83d\ude00\ufffd");
  });
});
