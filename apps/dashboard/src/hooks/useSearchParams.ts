import { useCallback, useMemo } from "react";
import { navigate, useLocation } from "./useLocation.js";

/** A change to the query string: a string sets a parameter, undefined removes it. */
export type ParamsPatch = Record<string, string | undefined>;

/** `search` with `patch` applied; parameters not in the patch are kept. */
export function applyPatch(search: string, patch: ParamsPatch): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === "") params.delete(key);
    else params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : "";
}

/**
 * The URL's query string as the page's state. Every filter lives there, so a
 * copied link opens the same view. Changes replace the history entry by
 * default: typing in a filter box should not make Back step through letters.
 */
export function useSearchParams(): [URLSearchParams, (patch: ParamsPatch, opts?: { push?: boolean }) => void] {
  const { search } = useLocation();
  const params = useMemo(() => new URLSearchParams(search), [search]);
  const update = useCallback((patch: ParamsPatch, { push = false }: { push?: boolean } = {}) => {
    const { pathname, search: current, hash } = window.location;
    navigate(`${pathname}${applyPatch(current, patch)}${hash}`, { replace: !push });
  }, []);
  return [params, update];
}
