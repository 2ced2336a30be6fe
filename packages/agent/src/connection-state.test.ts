import { describe, expect, it } from "vitest";
import { createConnectionState, largestRecentSend, recordError, recordSend, TICKS_PER_SEND_BUCKET } from "./connection-state.js";

/** Times are coarse-clock ticks; W is one bucket. */
const W = TICKS_PER_SEND_BUCKET;

describe("recent sends (for a client's 1009)", () => {
  it("finds nothing before the first send", () => {
    expect(largestRecentSend(createConnectionState(0), 100)).toBeUndefined();
  });

  it("keeps the largest message of the current and the previous bucket", () => {
    const state = createConnectionState(0);
    recordSend(state, 9000, true, W * 10 + 1); // bucket 10
    recordSend(state, 10, true, W * 11 + 2); // bucket 11
    recordSend(state, 700, true, W * 11 + 3);
    expect(largestRecentSend(state, W * 11 + 4)).toEqual({ size: 9000, agoTicks: W + 3, partial: false });
    // One bucket later, bucket 10 has left the window; bucket 11 is still in it.
    expect(largestRecentSend(state, W * 12 + 4)).toEqual({ size: 700, agoTicks: W + 1, partial: false });
    // Two buckets later, nothing is recent.
    expect(largestRecentSend(state, W * 13)).toBeUndefined();
  });

  it("forgets a bucket that was skipped over", () => {
    const state = createConnectionState(0);
    recordSend(state, 9000, true, W * 10);
    recordSend(state, 10, true, W * 12);
    expect(largestRecentSend(state, W * 12 + 1)).toEqual({ size: 10, agoTicks: 1, partial: false });
  });

  it("adds up a fragmented message and marks it partial until its last fragment", () => {
    const state = createConnectionState(0);
    recordSend(state, 100, false, 1);
    recordSend(state, 100, false, 2);
    expect(largestRecentSend(state, 3)).toEqual({ size: 200, agoTicks: 1, partial: true });
    recordSend(state, 0, true, 3);
    expect(largestRecentSend(state, 3)).toEqual({ size: 200, agoTicks: 0, partial: false });
    recordSend(state, 50, true, 3); // a new message starts from zero
    expect(largestRecentSend(state, 3)?.size).toBe(200);
    expect(state.sendPending).toBe(0);
  });
});

describe("recordError", () => {
  it("keeps the first code and returns each error's own", () => {
    const state = createConnectionState(0);
    expect(recordError(state, { code: "WS_ERR_A" })).toBe("WS_ERR_A");
    expect(recordError(state, { code: "WS_ERR_B" })).toBe("WS_ERR_B");
    expect(recordError(state, new Error("no code"))).toBeUndefined();
    expect(state.wsErrorCode).toBe("WS_ERR_A");
  });
});
