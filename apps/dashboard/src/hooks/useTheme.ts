import { useCallback, useEffect, useState } from "react";
import { readPreference, resolveTheme, THEME_STORAGE_KEY, type Theme, type ThemePreference } from "../lib/theme.js";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function systemDark(): boolean {
  return window.matchMedia?.(DARK_QUERY).matches ?? false;
}

/** Put the resolved theme on <html>; also called once before the first render so the page never flashes. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}

export function initialTheme(): Theme {
  return resolveTheme(readPreference(window.localStorage), systemDark());
}

/** The user's theme preference, persisted, following the system while it is "system". */
export function useTheme(): { preference: ThemePreference; theme: Theme; setPreference: (p: ThemePreference) => void } {
  const [preference, setPreferenceState] = useState<ThemePreference>(() => readPreference(window.localStorage));
  const [dark, setDark] = useState(systemDark);

  useEffect(() => {
    const media = window.matchMedia?.(DARK_QUERY);
    if (!media) return;
    const onChange = () => setDark(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  const theme = resolveTheme(preference, dark);
  useEffect(() => applyTheme(theme), [theme]);

  const setPreference = useCallback((next: ThemePreference) => {
    setPreferenceState(next);
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // not persisted in privacy mode; the choice still holds for this page
    }
  }, []);

  return { preference, theme, setPreference };
}
