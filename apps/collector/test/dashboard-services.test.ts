import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardFixture, type DashboardFixture } from "./support/dashboard-fixture.js";

/*
 * The services page, built and served by a real collector, in real Chromium,
 * over the fixture's known traffic (TRAFFIC):
 *   chat-api /chat: 3 × 1009 message_too_big, 2 × 1008 rate_limit, 1 × 1000 → 6
 *   feed-api /feed: 4 × 1008 auth_expired, 1 × 1009 message_too_big, 3 × 1001 → 8
 */
describe("services page in Chromium", () => {
  let fixture: DashboardFixture;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    fixture = await startDashboardFixture();
    ({ page, consoleErrors } = await fixture.newPage());
    // A missing element fails the test with its locator instead of running into the test timeout.
    page.setDefaultTimeout(5000);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const table = (p: Page = page) => p.getByRole("table", { name: /^Closes per service and route/ });
  /** Services in the order the table shows them. */
  const order = (p: Page = page) => table(p).getByRole("rowheader").allInnerTexts();
  const sortButton = (name: string) => table().getByRole("button", { name, exact: true });
  const header = (name: string) =>
    table()
      .getByRole("columnheader")
      .filter({ has: page.getByRole("button", { name, exact: true }) });
  const search = () => Object.fromEntries(new URL(page.url()).searchParams);

  /** The lines of one cell (main value first), found by its column header. */
  async function cell(service: string, column: string): Promise<string[]> {
    const texts = await table().getByRole("columnheader").allInnerTexts();
    const headers = texts.map((h) => h.replace(/[▲▼↕]/g, "").trim()); // the sort arrows are decoration
    const index = headers.indexOf(column);
    expect(index, `column "${column}" in ${headers.join(" | ")}`).toBeGreaterThanOrEqual(0);
    const row = table()
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: service, exact: true }) });
    const text = await row.locator("th, td").nth(index).innerText();
    return text.split("\n").map((line) => line.trim()).filter(Boolean);
  }
  const main = async (service: string, column: string) => (await cell(service, column))[0];

  it("shows each service and route with the counts of the known traffic, most closes first", async () => {
    await page.goto(`${fixture.baseUrl}/services`);
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
    expect(await header("Closes").getAttribute("aria-sort")).toBe("descending");

    expect(await main("feed-api", "Route")).toBe("/feed");
    expect(await main("feed-api", "Closes")).toBe("8");
    expect(await main("feed-api", "1008")).toBe("4");
    expect(await main("feed-api", "1009")).toBe("1");
    expect(await cell("feed-api", "Other codes")).toEqual(["3", "1001 ×3"]);
    expect(await main("feed-api", "1008+1009 share")).toMatch(/^62\.5\s?%$/);
    expect(await cell("feed-api", "Top cause")).toEqual(["1008", "auth_expired", "4 of 8 closes"]);

    expect(await main("chat-api", "Route")).toBe("/chat");
    expect(await main("chat-api", "Closes")).toBe("6");
    expect(await main("chat-api", "1008")).toBe("2");
    expect(await main("chat-api", "1009")).toBe("3");
    expect(await cell("chat-api", "Other codes")).toEqual(["1", "1000 ×1"]);
    expect(await main("chat-api", "1008+1009 share")).toMatch(/^83\.3\s?%$/);
    expect(await cell("chat-api", "Top cause")).toEqual(["1009", "message_too_big", "3 of 6 closes"]);

    // Rates: a number per minute, and one under each non-zero code count.
    expect(await main("chat-api", "Closes/min")).toMatch(/^<?\d+(\.\d)?\/min$/);
    expect((await cell("chat-api", "1009"))[1]).toMatch(/\/min$/);

    // The top cause opens its events, with code, cause, service, route (default range: nothing more).
    const causeLink = table().getByRole("link", { name: /auth_expired/ });
    expect(await causeLink.getAttribute("href")).toBe(
      "/events?code=1008&cause=auth_expired&service=feed-api&route=%2Ffeed",
    );
    expect(await table().getByRole("link", { name: "chat-api", exact: true }).getAttribute("href")).toBe(
      "/?service=chat-api",
    );
    await fixture.screenshot(page, "services");
  });

  it("sorts by a column header, toggles the direction, and keeps the sort in the URL", async () => {
    await sortButton("1008").click();
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
    expect(search()).toMatchObject({ sort: "1008", dir: "desc" });
    expect(await header("1008").getAttribute("aria-sort")).toBe("descending");
    expect(await header("Closes").getAttribute("aria-sort")).toBeNull();

    await sortButton("1009").click();
    await expect.poll(() => order()).toEqual(["chat-api", "feed-api"]);
    expect(search()).toMatchObject({ sort: "1009", dir: "desc" });

    await sortButton("1009").click();
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
    expect(search()).toMatchObject({ sort: "1009", dir: "asc" });
    expect(await header("1009").getAttribute("aria-sort")).toBe("ascending");

    await sortButton("1009").click();
    await expect.poll(() => order()).toEqual(["chat-api", "feed-api"]);

    // A link keeps the order: a fresh page on the same URL sorts the same way (not the default, total first).
    const { page: other, consoleErrors: otherErrors } = await fixture.newPage();
    await other.goto(page.url());
    await expect.poll(() => order(other)).toEqual(["chat-api", "feed-api"]);
    expect(
      await table(other)
        .getByRole("columnheader")
        .filter({ has: other.getByRole("button", { name: "1009", exact: true }) })
        .getAttribute("aria-sort"),
    ).toBe("descending");
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  it("sorts from the keyboard, and the default order leaves the URL plain", async () => {
    await sortButton("Closes").focus();
    await page.keyboard.press("Enter"); // another column: starts biggest first, which is the default
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
    expect(search()).toEqual({});
    await page.keyboard.press("Space"); // same column: flips
    await expect.poll(() => order()).toEqual(["chat-api", "feed-api"]);
    expect(search()).toEqual({ sort: "total", dir: "asc" });
    await sortButton("Service").focus();
    await page.keyboard.press("Enter"); // names start A to Z
    await expect.poll(() => order()).toEqual(["chat-api", "feed-api"]);
    expect(search()).toEqual({ sort: "service", dir: "asc" });
    await page.keyboard.press("Enter");
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
  });

  it("narrows to one row with the service filter in the header, and links the row to its overview", async () => {
    await page.getByRole("searchbox", { name: "Service" }).fill("chat-api");
    await expect.poll(() => order()).toEqual(["chat-api"]);
    expect(search()).toMatchObject({ service: "chat-api", sort: "service", dir: "desc" });

    await table().getByRole("link", { name: "chat-api", exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(search()).toEqual({ service: "chat-api" });
    await page.goBack();
    await expect.poll(() => order()).toEqual(["chat-api"]);
  });

  it("counts a new close live, without a reload", async () => {
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Live" }).count()).toBe(1);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    expect(await main("chat-api", "1009")).toBe("3");

    await fixture.chat.run("oversized");
    await fixture.chat.flush();
    await expect.poll(() => main("chat-api", "1009"), { timeout: 5000, interval: 100 }).toBe("4");
    expect(await main("chat-api", "Closes")).toBe("7");
    expect(await page.evaluate(() => "notReloaded" in window)).toBe(true);
  });

  it("says so when nothing matches, with what to try", async () => {
    await page.goto(`${fixture.baseUrl}/services?service=nobody-api`);
    const empty = page.getByText("No closes for nobody-api in the last 1h");
    await expect.poll(() => empty.count()).toBe(1);
    expect(await table().count()).toBe(0);
    await page.getByRole("link", { name: "show every service" }).click();
    await expect.poll(() => order()).toEqual(["feed-api", "chat-api"]);
    expect(search()).toEqual({});
  });

  it("explains an API failure in words", async () => {
    const { page: failing } = await fixture.newPage();
    await failing.route("**/api/services?**", (route) =>
      route.fulfill({
        status: 400,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Invalid query",
          status: 400,
          code: "COLLECTOR_ERR_VALIDATION",
          detail: "The query string does not match the schema.",
          errors: [{ path: "/from", message: "must be a date-time" }],
        }),
      }),
    );
    await failing.goto(`${fixture.baseUrl}/services`);
    const alert = failing.getByRole("region", { name: "Services" }).getByRole("alert");
    await expect.poll(() => alert.count()).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain("Invalid query");
    expect(text).toContain("The query string does not match the schema.");
    expect(text).toContain("/from: must be a date-time");
    expect(text).toContain("COLLECTOR_ERR_VALIDATION");
    await failing.close();
  });

  it("fits a phone: the table scrolls sideways inside its panel, not the page", async () => {
    const { page: phone, consoleErrors: phoneErrors } = await fixture.newPage({ width: 390, height: 844 });
    await phone.goto(`${fixture.baseUrl}/services`);
    await expect.poll(() => order(phone)).toEqual(["feed-api", "chat-api"]);
    const scroller = phone.locator(".table-scroll");
    const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
    }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await fixture.screenshot(phone, "services-phone");
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
