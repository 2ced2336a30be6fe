import { describe, expect, it } from "vitest";
import { firingDurationWords, notificationWords } from "./firingWords.js";
import { firing } from "./fixtures.js";

const en = { locale: "en-US" };

describe("firingDurationWords", () => {
  it("measures a resolved firing from start to resolution", () => {
    expect(firingDurationWords(firing(), Date.now(), en)).toBe("12 min");
  });

  it("measures an open firing up to now", () => {
    const now = Date.parse("2026-11-25T10:30:00.000Z");
    expect(firingDurationWords(firing({ resolvedAt: null }), now, en)).toBe("30 min so far");
  });
});

describe("notificationWords", () => {
  it("says a delivery and how many attempts it took", () => {
    expect(notificationWords({ status: "delivered", attempts: 1, lastError: null })).toEqual({
      status: "Delivered",
      detail: "after 1 attempt",
      problem: false,
    });
  });

  it("says a failure with the last error", () => {
    expect(notificationWords({ status: "failed", attempts: 3, lastError: "HTTP 500" })).toEqual({
      status: "Failed",
      detail: "after 3 attempts: HTTP 500",
      problem: true,
    });
  });

  it("says a delivery still being retried, and one not tried yet", () => {
    expect(notificationWords({ status: "pending", attempts: 2, lastError: "timeout" })).toEqual({
      status: "Sending",
      detail: "2 attempts so far, last: timeout",
      problem: true,
    });
    expect(notificationWords({ status: "pending", attempts: 0, lastError: null })).toMatchObject({
      detail: "not tried yet",
      problem: false,
    });
  });

  it("says when a rule has no target, and passes an unknown status through", () => {
    expect(notificationWords({ status: "none", attempts: 0, lastError: null }).status).toBe("No target");
    expect(notificationWords({ status: "queued" as never, attempts: 0, lastError: null }).status).toBe("queued");
  });
});
