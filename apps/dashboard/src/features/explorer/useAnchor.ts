import { useCallback, useState } from "react";

export interface Anchor {
  /** The instant the current search's window ends at (for a preset range). */
  at: number;
  /** Start over from now: the Refresh control. */
  reanchor: () => void;
}

/**
 * The moment the current filters were applied. It moves when `key` (the
 * serialized filters) changes or on reanchor(), and at no other time, so
 * the loaded pages describe one fixed window however long the reader stays.
 */
export function useAnchor(key: string): Anchor {
  const [state, setState] = useState(() => ({ key, at: Date.now() }));
  let current = state;
  if (state.key !== key) {
    // New filters: adjust during render (React's pattern for state derived from props), not in an effect,
    // so no render ever pairs the new filters with the old anchor.
    current = { key, at: Date.now() };
    setState(current);
  }
  const reanchor = useCallback(() => setState((s) => ({ key: s.key, at: Date.now() })), []);
  return { at: current.at, reanchor };
}
