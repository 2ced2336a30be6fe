export interface Throttled {
  /** Run now if the last run is at least `waitMs` ago, otherwise once when the wait ends. */
  (): void;
  /** Drop a pending trailing run (on unmount). */
  cancel(): void;
}

export interface ThrottleOptions {
  /**
   * Run the first call of a quiet period at once (default). With `false` it
   * waits `waitMs` too: for refreshes of data that was just fetched anyway.
   */
  leading?: boolean;
}

/**
 * Leading + trailing throttle without arguments: at most one call of `fn` per
 * `waitMs`, and a burst always ends with one call so the last change is seen.
 */
export function throttle(
  fn: () => void,
  waitMs: number,
  now: () => number = Date.now,
  { leading = true }: ThrottleOptions = {},
): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    last = now();
    fn();
  };

  const throttled = () => {
    if (timer !== undefined) return;
    const elapsed = now() - last;
    if (elapsed < waitMs) timer = setTimeout(run, waitMs - elapsed);
    else if (leading) run();
    else timer = setTimeout(run, waitMs);
  };
  throttled.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
