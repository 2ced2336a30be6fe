import { afterEach, describe, expect, it } from "vitest";
import { CoarseClock, TICK_MS } from "./clock.js";

const clocks: CoarseClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.stop();
});

describe("CoarseClock", () => {
  it("counts TICK_MS periods, refreshed by its timer and on demand", async () => {
    const clock = new CoarseClock();
    clocks.push(clock);
    clock.start();
    expect(clock.ticks).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 2 + 50));
    expect(clock.ticks).toBeGreaterThanOrEqual(1); // the timer refreshed it (2 under no load)
    expect(clock.refresh()).toBe(clock.ticks);
  });

  it("does not restart after stop", () => {
    const clock = new CoarseClock();
    clock.stop();
    clock.start();
    clocks.push(clock);
    expect(clock.refresh()).toBe(0);
  });
});
