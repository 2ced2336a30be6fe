import { describe, expect, it } from "vitest";
import { nextPreference, readPreference, resolveTheme, THEME_STORAGE_KEY } from "./theme.js";

describe("theme", () => {
  it("reads a stored preference and falls back to system for anything else", () => {
    const storage = (value: string | null) => ({ getItem: (k: string) => (k === THEME_STORAGE_KEY ? value : null) });
    expect(readPreference(storage("dark"))).toBe("dark");
    expect(readPreference(storage("blue"))).toBe("system");
    expect(readPreference(storage(null))).toBe("system");
    expect(readPreference(undefined)).toBe("system");
    expect(
      readPreference({
        getItem: () => {
          throw new Error("SecurityError");
        },
      }),
    ).toBe("system");
  });

  it("follows the system only when asked to", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });

  it("cycles through the three choices", () => {
    expect(nextPreference("system")).toBe("light");
    expect(nextPreference("light")).toBe("dark");
    expect(nextPreference("dark")).toBe("system");
  });
});
