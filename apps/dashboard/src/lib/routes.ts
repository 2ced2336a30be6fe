/**
 * The dashboard's pages, addressed by real paths (the collector answers
 * index.html for any non-API GET), so every view can be bookmarked and shared.
 */

export type Route = "overview" | "events" | "services" | "alerts" | "codes" | "not_found";

const PATHS: Readonly<Record<string, Route>> = {
  "/": "overview",
  "/alerts": "alerts",
  "/codes": "codes",
  "/events": "events",
  "/services": "services",
};

/** Which page a path shows; a trailing slash and letter case do not matter. */
export function routeFor(pathname: string): Route {
  const path = pathname.replace(/\/+$/, "").toLowerCase() || "/";
  return PATHS[path] ?? "not_found";
}

export const PAGE_TITLES: Readonly<Record<Route, string>> = {
  overview: "closewatch",
  codes: "Close code reference · closewatch",
  events: "Events · closewatch",
  services: "Services · closewatch",
  alerts: "Alerts · closewatch",
  not_found: "Not found · closewatch",
};

/**
 * Whether a click on a link should be handled by the app instead of the
 * browser: plain left clicks only, so new-tab, download and modified clicks
 * keep working.
 */
export function isPlainLeftClick(e: {
  button: number;
  metaKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
}): boolean {
  return e.button === 0 && !e.defaultPrevented && !e.metaKey && !e.altKey && !e.ctrlKey && !e.shiftKey;
}

/** Pages that show closes under the shared range and service filters. */
export const FILTERED_ROUTES: readonly Route[] = ["overview", "events", "services"];
