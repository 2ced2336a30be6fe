import { useCallback, useMemo } from "react";
import { parseView, serializeView, viewParams, type TimeRange, type ViewFilters } from "../lib/view.js";
import { useSearchParams } from "./useSearchParams.js";

export interface ViewState {
  filters: ViewFilters;
  setRange: (range: TimeRange) => void;
  setService: (service: string) => void;
}

/**
 * Range and service, read from and written to the URL. Memoised on the
 * serialized form, so an unrelated parameter (a page's own filter) changing
 * does not hand the queries a new filters object.
 */
export function useViewFilters(): ViewState {
  const [params, update] = useSearchParams();
  const key = serializeView(parseView(params));
  const filters = useMemo(() => parseView(key), [key]);
  const setRange = useCallback(
    (range: TimeRange) => {
      const { from, to, range: preset } = viewParams({ range, service: "" });
      update({ range: preset, from, to }, { push: true });
    },
    [update],
  );
  const setService = useCallback((service: string) => update({ service: service || undefined }), [update]);
  return { filters, setRange, setService };
}
