import { describe, expect, it } from "vitest";
import { fromLocalInput, toLocalInput } from "./localTime.js";

describe("datetime-local values", () => {
  it("round-trips an instant at minute precision in the local zone", () => {
    const iso = new Date(2026, 10, 25, 9, 5).toISOString();
    expect(toLocalInput(iso)).toBe("2026-11-25T09:05");
    expect(fromLocalInput("2026-11-25T09:05")).toBe(iso);
  });

  it("accepts seconds and rejects anything else", () => {
    expect(fromLocalInput("2026-11-25T09:05:30")).toBe(new Date(2026, 10, 25, 9, 5, 30).toISOString());
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("yesterday")).toBeNull();
  });
});
