import type { Page, WebSocketRoute } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";

/*
 * The overview's live feed when its socket drops, in real Chromium against a
 * real collector. Playwright sits on the page's /api/live socket only to cut
 * it and to hold the reconnect back (as a restarting collector or a flaky
 * proxy would); messages pass through to and from the real collector
 * untouched.
 */
describe("live feed reconnecting in Chromium", () => {
  let fx: DashboardFixture;
  let page: Page;
  let consoleErrors: string[];
  const attempts: number[] = [];
  let connected: WebSocketRoute | undefined;
  let release: () => void = () => {};
  let held: Promise<void> = Promise.resolve();

  beforeAll(async () => {
    fx = await startDashboardFixture();
    ({ page, consoleErrors } = await fx.newPage());
    page.setDefaultTimeout(10_000);
    await page.routeWebSocket(/\/api\/live$/, async (route) => {
      attempts.push(Date.now());
      await held;
      connected = route;
      route.connectToServer();
    });
  });

  afterAll(async () => {
    release();
    await fx?.close();
  });

  const status = () => page.locator(".live").textContent();
  const feedRows = () => page.locator("table.table-events tbody tr");
  const stat1009 = () => page.getByRole("region", { name: /^1009\b/ }).locator(".stat-value").first();

  it("shows Reconnecting… while the socket is down, then Live again, with the closes it missed and the ones after", async () => {
    await page.goto(fx.baseUrl);
    await expect.poll(status).toBe("Live");
    await expect.poll(() => feedRows().count()).toBe(14);
    expect(attempts).toHaveLength(1);

    // The collector goes away (1012: service restart) and the next attempt waits.
    held = new Promise((resolve) => (release = resolve));
    const closedAt = Date.now();
    await connected!.close({ code: 1012, reason: "service restart" });
    await expect.poll(status).toBe("Reconnecting…");
    await expect.poll(() => attempts.length).toBe(2);
    // It waited before trying again (the first backoff is 250–500 ms), rather than hammering the collector.
    expect(attempts[1]! - closedAt).toBeGreaterThanOrEqual(200);

    // A close while the dashboard cannot hear about it.
    await fx.chat.run("oversized");
    await fx.chat.flush();
    expect(await feedRows().count()).toBe(14);
    expect(await status()).toBe("Reconnecting…");
    await fx.screenshot(page, "overview-reconnecting", false);

    release();
    await expect.poll(status).toBe("Live");
    // Reconnected, it asks again: the missed close is in the feed and the counts.
    await expect.poll(() => feedRows().count()).toBe(15);
    await expect.poll(() => stat1009().textContent()).toBe("5");

    // And it is live again: the next close arrives without a reload, within 2 s.
    const started = Date.now();
    await fx.feed.run("leave");
    await expect.poll(() => feedRows().count(), { timeout: 2000, interval: 50 }).toBe(16);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(attempts.length).toBe(2);
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
