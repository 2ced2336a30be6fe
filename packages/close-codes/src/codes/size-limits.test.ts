import { expect, it } from "vitest";
import { SIZE_LIMIT_SETTINGS } from "./size-limits.js";

it("lists each platform's setting once, with a usable default and note", () => {
  const keys = SIZE_LIMIT_SETTINGS.map((row) => `${row.platform}/${row.setting}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const row of SIZE_LIMIT_SETTINGS) {
    expect(row.defaultBytes === null || (Number.isInteger(row.defaultBytes) && row.defaultBytes > 0), row.platform).toBe(true);
    expect(row.note.trim()).not.toBe("");
  }
});

it("carries the defaults the fix hints quote", () => {
  const find = (setting: string) => SIZE_LIMIT_SETTINGS.find((row) => row.setting === setting)?.defaultBytes;
  expect(find("maxPayload")).toBe(100 * 1024 * 1024);
  expect(find("maxHttpBufferSize")).toBe(1e6);
  expect(find("maxPayloadLength")).toBe(16 * 1024);
});
