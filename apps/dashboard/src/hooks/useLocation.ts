import { useSyncExternalStore } from "react";

/*
 * A tiny router: the path and query live in the URL, navigation is
 * history.pushState plus an event so every subscriber re-renders, and the
 * back/forward buttons arrive as popstate.
 */

const NAVIGATE_EVENT = "closewatch:navigate";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** `pathname + search`, a string so that unchanged locations do not re-render. */
function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface AppLocation {
  pathname: string;
  search: string;
}

/** The current location; re-renders on navigate() and on back/forward. */
export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, "http://local");
  return { pathname: url.pathname, search: url.search };
}

/** Go to a same-origin `href` ("/codes?q=1009") without reloading the page. */
export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (href === snapshot() + window.location.hash && !replace) return;
  if (replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
