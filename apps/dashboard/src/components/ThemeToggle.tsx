import { useTheme } from "../hooks/useTheme.js";
import { nextPreference, type ThemePreference } from "../lib/theme.js";

const LABELS: Readonly<Record<ThemePreference, string>> = {
  system: "Auto",
  light: "Light",
  dark: "Dark",
};

/** One button cycling auto → light → dark; its name says what it shows now and what a press does. */
export function ThemeToggle() {
  const { preference, theme, setPreference } = useTheme();
  const next = nextPreference(preference);
  return (
    <button
      type="button"
      className="button theme-toggle"
      onClick={() => setPreference(next)}
      aria-label={`Theme: ${LABELS[preference]}${preference === "system" ? ` (${theme})` : ""}. Switch to ${LABELS[next]}`}
      title={`Switch to ${LABELS[next].toLowerCase()} theme`}
    >
      <span aria-hidden="true">{theme === "dark" ? "☾" : "☀"}</span> {LABELS[preference]}
    </button>
  );
}
