import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./event-cursor.js";

const ID = "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11";
const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("event cursor", () => {
  it("round-trips the time and id it was made from", () => {
    const cursor = { occurredAt: new Date("2026-12-07T10:11:12.345Z"), id: ID };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["not base64url", "a+b/c="],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["a non-canonical time", raw({ t: "2026-12-07T10:11:12Z", id: ID })],
    ["an id that is not a UUID", raw({ t: "2026-12-07T10:11:12.345Z", id: "x" })],
    // Regression: year 0 passed JavaScript's round-trip check and reached PostgreSQL, a 500 in the fuzz test.
    ["year 0000", raw({ t: "0000-01-01T00:00:00.000Z", id: ID })],
    ["a year past 9999", raw({ t: new Date(Date.parse("9999-12-31T23:59:59.999Z") + 1).toISOString(), id: ID })],
  ])("refuses %s as a 400 on querystring/cursor", (_what, text) => {
    expect(() => decodeCursor(text)).toThrow(
      expect.objectContaining({ statusCode: 400, validationContext: "querystring", message: expect.stringMatching(/^querystring\/cursor /) }),
    );
  });
});
