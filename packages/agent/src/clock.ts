/** Resolution of the coarse clock, in ms. */
export const TICK_MS = 250;

/**
 * A coarse clock for the send hot path. Reading a real clock
 * (`performance.now()`, `Date.now()`) returns a heap-allocated number on
 * every call; this one is a small integer field that an unref'd timer
 * refreshes every 250 ms (from `performance.now()`, so a blocked event loop
 * makes it lag, never drift). It starts with the first tracked socket and
 * stops at shutdown.
 */
export class CoarseClock {
  /** Whole TICK_MS periods since the clock was created; a small integer for years. */
  ticks = 0;
  readonly #origin = performance.now();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  start(): void {
    if (this.#timer !== undefined || this.#stopped) return;
    this.#timer = setInterval(() => this.refresh(), TICK_MS);
    this.#timer.unref();
  }

  /** Brings `ticks` up to date now (also used when a close is recorded). */
  refresh(): number {
    this.ticks = Math.floor((performance.now() - this.#origin) / TICK_MS);
    return this.ticks;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
