/**
 * Light or dark, by the user's choice or the system's. The choice is kept in
 * localStorage; the resolved theme goes on <html data-theme>, which the CSS
 * reads, so there is one set of dark colours whichever way dark was chosen.
 */

export type ThemePreference = "system" | "light" | "dark";
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "closewatch.theme";
const PREFERENCES: readonly ThemePreference[] = ["system", "light", "dark"];

export function readPreference(storage: Pick<Storage, "getItem"> | undefined): ThemePreference {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return PREFERENCES.includes(value as ThemePreference) ? (value as ThemePreference) : "system";
  } catch {
    return "system"; // storage disabled (privacy mode): fall back quietly
  }
}

export function resolveTheme(preference: ThemePreference, systemDark: boolean): Theme {
  if (preference === "system") return systemDark ? "dark" : "light";
  return preference;
}

/** The next preference for the toggle button: system → light → dark → system. */
export function nextPreference(preference: ThemePreference): ThemePreference {
  return PREFERENCES[(PREFERENCES.indexOf(preference) + 1) % PREFERENCES.length]!;
}
