import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";

// The overview and the code reference, in real Chromium, against the known
// traffic of the fixture (14 closes: 1009 ×4, 1008 ×6, 1000 ×1, 1001 ×3).
describe("overview in Chromium", () => {
  let fx: DashboardFixture;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    fx = await startDashboardFixture();
    ({ page, consoleErrors } = await fx.newPage());
  });

  afterAll(async () => {
    await fx?.close();
  });

  const card = (code: number) => page.getByRole("region", { name: new RegExp(`^${code}\\b`) });
  const stat = (code: number, n: number) => card(code).locator(".stat-value").nth(n);
  const serviceBox = () => page.getByRole("searchbox", { name: "Service" });

  it("shows 1008 and 1009 side by side: counts, shares, change and causes", async () => {
    await page.goto(fx.baseUrl);
    await expect.poll(() => stat(1009, 0).textContent()).toBe("4");
    expect(await stat(1008, 0).textContent()).toBe("6");
    expect(await stat(1009, 1).textContent()).toMatch(/^28\.6\s?%$/); // 4 of 14
    expect(await stat(1008, 1).textContent()).toMatch(/^42\.9\s?%$/); // 6 of 14
    // Nothing in the hour before: every count is new.
    await expect.poll(() => stat(1009, 2).textContent()).toBe("new");
    expect(await card(1009).textContent()).toContain("vs previous 1h (0)");
    const causes1008 = card(1008).getByRole("list", { name: "Top causes of 1008" });
    expect((await causes1008.getByRole("listitem").allTextContents()).map((t) => t.split(/\d/)[0])).toEqual([
      "auth_expired",
      "rate_limit",
    ]);
    expect(await page.getByRole("region", { name: "All closes" }).locator(".stat-value").textContent()).toBe("14");
    await fx.screenshot(page, "overview");
  });

  it("draws rejected sizes per enforced limit with the limit marked", async () => {
    const sizes = page.getByRole("region", { name: "Rejected message sizes (1009)" });
    const limits = sizes.getByRole("radiogroup", { name: "Enforced limit" });
    await expect.poll(() => limits.getByRole("radio").allTextContents()).toEqual(["2 KiB limit (3)", "1 KiB limit (1)"]);
    expect(await sizes.getByRole("figure", { name: "Sizes of messages over the 2 KiB limit" }).count()).toBe(1);
    expect(await sizes.textContent()).toContain("4 KiB · 2× the limit"); // every oversized message was twice the limit
    await limits.getByRole("radio", { name: "1 KiB limit (1)" }).click();
    await expect.poll(() => sizes.getByRole("figure", { name: "Sizes of messages over the 1 KiB limit" }).count()).toBe(1);
    expect(await sizes.textContent()).toContain("2 KiB · 2× the limit");
    expect(await sizes.locator(".recharts-reference-line").count()).toBe(1);
  });

  it("narrows every number to one service, and keeps the filter in the URL", async () => {
    await serviceBox().fill("chat-api");
    await expect.poll(() => stat(1009, 0).textContent()).toBe("3");
    expect(await stat(1008, 0).textContent()).toBe("2");
    expect(await page.getByRole("region", { name: "All closes" }).locator(".stat-value").textContent()).toBe("6");
    expect(new URL(page.url()).searchParams.get("service")).toBe("chat-api");

    // The same link in a fresh page shows the same view.
    const other = await fx.newPage();
    await other.page.goto(page.url());
    await expect.poll(() => other.page.getByRole("region", { name: /^1009\b/ }).locator(".stat-value").first().textContent()).toBe("3");
    expect(await other.page.getByRole("searchbox", { name: "Service" }).inputValue()).toBe("chat-api");
    await other.page.close();
    expect(other.consoleErrors).toEqual([]);

    await serviceBox().fill("");
    await expect.poll(() => stat(1009, 0).textContent()).toBe("4");
    expect(new URL(page.url()).searchParams.has("service")).toBe(false);
  });

  it("changes the window with the range picker, including a custom one", async () => {
    const ranges = page.getByRole("radiogroup", { name: "Time range" });
    await ranges.getByRole("radio", { name: "7d" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("range")).toBe("7d");
    await expect.poll(() => card(1009).textContent()).toContain("vs previous 7d");
    expect(await stat(1009, 0).textContent()).toBe("4");

    // A custom day that ended before the traffic: nothing to show.
    await ranges.getByRole("radio", { name: "Custom" }).click();
    const form = page.getByRole("form", { name: "Custom time range" });
    await form.getByLabel("From").fill("2026-01-01T00:00");
    await form.getByLabel("To").fill("2026-01-02T00:00");
    await form.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => page.getByText(/^No closes recorded .*2026/).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("from")).toMatch(/^2026-01-0[12]T/);

    // Back to a preset from the keyboard.
    await ranges.getByRole("radio", { name: "1h" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => stat(1009, 0).textContent()).toBe("4");
    expect(new URL(page.url()).searchParams.has("from")).toBe(false);
  });

  it("adds a close on an instrumented server to the live feed within 2 s, and can pause", async () => {
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Live" }).count()).toBe(1);
    const feedRows = page.locator("table.table-events tbody tr");
    await expect.poll(() => feedRows.count()).toBe(14);
    const started = Date.now();
    await fx.chat.run("oversized");
    await expect.poll(() => feedRows.count(), { timeout: 2000, interval: 50 }).toBe(15);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await feedRows.first().textContent()).toContain("message_too_big");
    await expect.poll(() => stat(1009, 0).textContent(), { timeout: 5000 }).toBe("5");
    await fx.screenshot(page, "overview-live");

    // Paused, the rows stay put and the newcomers are counted.
    await page.getByRole("button", { name: "Pause" }).click();
    await fx.feed.run("leave");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Paused · 1 new" }).count(), { timeout: 3000 }).toBe(1);
    expect(await feedRows.count()).toBe(15);
    await page.getByRole("button", { name: "Resume" }).click();
    await expect.poll(() => feedRows.count()).toBe(16);
  });

  it("shows the 1009 finding with the limit and the setting to change", async () => {
    const finding = page.getByRole("article", { name: "Messages over the 2 KiB size limit" });
    await expect.poll(() => finding.count(), { timeout: 15_000 }).toBe(1);
    const text = await finding.textContent();
    expect(text).toContain("against a 2 KiB limit");
    expect(text).toContain("maxPayload");
    await finding.scrollIntoViewIfNeeded();
    await fx.screenshot(page, "findings");
  });

  it("switches to the dark theme and remembers it", async () => {
    await page.getByRole("button", { name: /^Theme: Auto/ }).click(); // auto → light
    await page.getByRole("button", { name: /^Theme: Light/ }).click(); // light → dark
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(13, 16, 22)");
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await expect.poll(() => stat(1009, 0).textContent()).toBe("5");
    await fx.screenshot(page, "overview-dark");
  });

  it("works from the keyboard: skip link, then the pages and filters in order", async () => {
    await page.goto(fx.baseUrl);
    await expect.poll(() => stat(1009, 0).textContent()).toBe("5");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    // From the top of a fresh load, Tab walks the header: skip link, five pages, theme, service, ranges.
    await page.reload();
    await expect.poll(() => stat(1009, 0).textContent()).toBe("5");
    const names: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press("Tab");
      names.push(await page.evaluate(() => (document.activeElement as HTMLElement).getAttribute("aria-label") ?? document.activeElement?.textContent ?? ""));
    }
    expect(names.slice(1, 6)).toEqual(["Overview", "Events", "Services", "Alerts", "Code reference"]);
    expect(names[6]).toMatch(/^Theme: /);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("radio");
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const phone = await fx.newPage({ width: 390, height: 844 });
    await phone.page.goto(fx.baseUrl);
    await expect.poll(() => phone.page.getByRole("region", { name: /^1009\b/ }).locator(".stat-value").first().textContent()).toBe("5");
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await fx.screenshot(phone.page, "overview-phone", false);
    await phone.page.close();
    expect(phone.consoleErrors).toEqual([]);
  });

  it("explains codes on the code reference page, found by search", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Code reference" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill("1009");
    const first = page.locator("article.code-entry").first();
    await expect.poll(() => first.locator("h2").textContent()).toMatch(/^1009\s*Message Too Big/);
    expect(await first.textContent()).toContain("message_too_big");
    expect(new URL(page.url()).pathname).toBe("/codes");
    await fx.screenshot(page, "code-reference", false);
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
