import { useEffect, useMemo, useState } from "react";
import { normaliseService, parseView, serializeView, type RangeKey, type ViewFilters } from "../lib/view.js";
import { useDebouncedValue } from "./useDebouncedValue.js";

export interface ViewState {
  /** What the queries use: range, and the service once typing has paused. */
  filters: ViewFilters;
  /** The service box as typed. */
  serviceInput: string;
  setServiceInput: (value: string) => void;
  setRange: (range: RangeKey) => void;
}

/**
 * Filters from and to the URL, with the service text box debounced. The state
 * outlives a visit to another page; `syncUrl` is true only on the page the
 * filters belong to, so they never overwrite another page's query string.
 */
export function useViewFilters(syncUrl = true): ViewState {
  const [initial] = useState(() => parseView(window.location.search));
  const [range, setRange] = useState<RangeKey>(initial.range);
  const [serviceInput, setServiceInput] = useState(initial.service);
  const service = useDebouncedValue(normaliseService(serviceInput), 300);

  const filters = useMemo<ViewFilters>(() => ({ range, service }), [range, service]);

  useEffect(() => {
    if (!syncUrl) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${serializeView(filters)}${hash}`);
  }, [filters, syncUrl]);

  return { filters, serviceInput, setServiceInput, setRange };
}
