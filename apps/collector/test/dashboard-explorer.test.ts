import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardFixture, TRAFFIC, type DashboardFixture } from "./support/dashboard-fixture.js";

// The events explorer (/events) of the built dashboard, in real Chromium,
// over the fixture's known traffic (TRAFFIC: 14 closes from chat-api /chat and
// feed-api /feed). Every number below comes from that table.
describe("events explorer in Chromium", () => {
  let fx: DashboardFixture;
  /** Console errors of every page opened, checked by the last test. */
  const consoleErrors: string[][] = [];

  beforeAll(async () => {
    fx = await startDashboardFixture();
  });

  afterAll(async () => {
    await fx?.close();
  });

  async function openPage(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const { page, consoleErrors: errors } = await fx.newPage(viewport);
    consoleErrors.push(errors);
    // A missing element fails the test with its name instead of hanging until the test timeout.
    page.setDefaultTimeout(10_000);
    await page.goto(`${fx.baseUrl}${path}`);
    return page;
  }

  const rows = (page: Page) => page.locator("table.table-events tbody tr");
  const rowIds = (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-event-id")));
  const rowTexts = (page: Page) => rows(page).allTextContents();
  const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
  const count = (page: Page) => page.locator(".explorer-count");
  const detail = (page: Page) => page.getByRole("region", { name: /^Detail:/ });
  const loadOlder = (page: Page) => page.getByRole("button", { name: "Load older closes" });

  /** The detail's "term → value" pairs, evidence excluded (dt and dd texts as shown). */
  const recordOf = (panel: Locator, list = "dl.explorer-record:not(.is-evidence)") =>
    panel.locator(list).evaluateAll((dls) =>
      Object.fromEntries(
        dls.flatMap((dl) =>
          [...dl.querySelectorAll(".explorer-record-row")].map((row) => [
            row.querySelector("dt")!.textContent!.trim(),
            row.querySelector("dd")!.textContent!.trim(),
          ]),
        ),
      ),
    ) as Promise<Record<string, string>>;

  /** Wait for the table to settle at `n` rows (a new search first shows the previous rows, dimmed). */
  async function expectRows(page: Page, n: number): Promise<void> {
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(n);
    await expect.poll(() => page.locator(".panel-body.is-stale").count()).toBe(0);
    expect(await rows(page).count()).toBe(n);
  }

  async function clearFilters(page: Page): Promise<void> {
    await page.getByRole("search", { name: "Filter closes" }).getByRole("button", { name: "Clear filters" }).click();
    await expectRows(page, 14);
  }

  it("plays the traffic the numbers below assume", () => {
    expect(TRAFFIC.reduce((n, t) => n + t.times, 0)).toBe(14);
  });

  it("lists every close of the range, newest first, and says all are loaded", async () => {
    const page = await openPage("/events");
    await expectRows(page, 14);
    expect(await count(page).textContent()).toBe("Showing all 14 closes that match.");
    expect(await loadOlder(page).count()).toBe(0);
    const times = await rows(page).locator("time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime")!));
    expect(times).toEqual([...times].sort().reverse());
    await fx.screenshot(page, "events");
    await page.close();
  });

  it("filters by code, cause, route, closed by and reason text, each in the URL", async () => {
    const page = await openPage("/events");
    await expectRows(page, 14);
    const form = page.getByRole("search", { name: "Filter closes" });

    await form.getByLabel("Code", { exact: true }).fill("1009");
    await expectRows(page, 4); // 3 oversized on chat-api + 1 on feed-api
    expect(param(page, "code")).toBe("1009");
    for (const text of await rowTexts(page)) expect(text).toContain("message_too_big");
    await clearFilters(page);
    expect(param(page, "code")).toBeNull();

    await form.getByLabel("Cause", { exact: true }).selectOption("auth_expired");
    await expectRows(page, 4); // feed-api expire × 4
    expect(param(page, "cause")).toBe("auth_expired");
    for (const text of await rowTexts(page)) expect(text).toContain("feed-api");
    await clearFilters(page);

    await form.getByLabel("Route", { exact: true }).fill("/chat");
    await expectRows(page, 6); // chat-api: 3 oversized, 2 flood, 1 bye
    expect(param(page, "route")).toBe("/chat");
    for (const text of await rowTexts(page)) expect(text).toContain("chat-api");
    await clearFilters(page);

    await form.getByRole("radio", { name: "Client" }).check();
    await expectRows(page, 3); // feed-api leave × 3, closed by the client with 1001
    expect(param(page, "initiator")).toBe("client");
    for (const text of await rowTexts(page)) expect(text).toContain("going_away");
    await clearFilters(page);

    await form.getByLabel("Reason contains").fill("done");
    await expectRows(page, 1); // chat-api bye: 1000 "done"
    expect(param(page, "q")).toBe("done");
    expect(await rows(page).first().textContent()).toContain("1000");
    await clearFilters(page);
    expect(new URL(page.url()).search).toBe("");
    await page.close();
  });

  it("opens a copied link with the same filters and the same rows", async () => {
    const page = await openPage("/events?range=6h");
    await expectRows(page, 14);
    const form = page.getByRole("search", { name: "Filter closes" });
    await form.getByLabel("Code", { exact: true }).fill("1009");
    await expectRows(page, 4);
    await form.getByRole("radio", { name: "Server" }).check();
    await form.getByLabel("Route", { exact: true }).fill("/chat");
    await expectRows(page, 3); // the three oversized messages on chat-api
    const link = page.url();
    expect(Object.fromEntries(new URL(link).searchParams)).toEqual({
      range: "6h",
      code: "1009",
      initiator: "server",
      route: "/chat",
    });
    const ids = await rowIds(page);

    const copy = await openPage(new URL(link).pathname + new URL(link).search);
    await expectRows(copy, 3);
    expect(await rowIds(copy)).toEqual(ids);
    const copiedForm = copy.getByRole("search", { name: "Filter closes" });
    expect(await copiedForm.getByLabel("Code", { exact: true }).inputValue()).toBe("1009");
    expect(await copiedForm.getByLabel("Route", { exact: true }).inputValue()).toBe("/chat");
    expect(await copiedForm.getByRole("radio", { name: "Server" }).isChecked()).toBe(true);
    expect(await copy.getByRole("radiogroup", { name: "Time range" }).getByRole("radio", { name: "6h" }).getAttribute("aria-checked")).toBe("true");
    await page.close();
    await copy.close();
  });

  it("opens an insight card's link (code, cause and range)", async () => {
    const page = await openPage("/events?code=1008&cause=rate_limit&range=6h");
    await expectRows(page, 2); // chat-api flood × 2
    expect(await page.getByRole("search", { name: "Filter closes" }).getByLabel("Cause", { exact: true }).inputValue()).toBe("rate_limit");
    await page.close();
  });

  it("shows everything recorded about a 1009 close, its explanation and the fix, and Esc goes back to the row", async () => {
    const page = await openPage("/events?code=1009");
    await expectRows(page, 4);
    const row = rows(page).nth(1);
    const id = await row.getAttribute("data-event-id");
    const service = (await row.textContent())!.includes("chat-api") ? "chat-api" : "feed-api";
    // chat-api: maxPayload 2048, a 4096-byte message; feed-api: 1024 and 2048.
    const [size, limit] = service === "chat-api" ? ["4,096", "2,048"] : ["2,048", "1,024"];

    await row.locator("td").nth(3).click(); // anywhere on the row, not only its link
    const panel = detail(page);
    await expect.poll(() => panel.count()).toBe(1);
    expect(param(page, "event")).toBe(id);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("explorer-detail"))).toBe(true);
    const record = await recordOf(panel);
    // One term for every StoredEvent field (evidence has its own list; the id is shown below).
    expect(Object.keys(record)).toEqual([
      "Occurred",
      "Reached the collector",
      "Service",
      "Instance",
      "Route",
      "Code",
      "Reason",
      "Closed by",
      "Cause",
      "Cause source",
      "ws error code",
      "Size",
      "Limit",
      "Against the limit",
      "Age at close",
      "Received by the server",
      "Sent by the server",
      "client (hashed)",
    ]);
    expect(record).toMatchObject({
      Service: service,
      Route: service === "chat-api" ? "/chat" : "/feed",
      Size: `${size === "4,096" ? "4 KiB" : "2 KiB"} (${size} bytes)`,
      Limit: `${limit === "2,048" ? "2 KiB" : "1 KiB"} (${limit} bytes)`,
      Cause: "message_too_big",
      "Closed by": "The server (it sent the first close frame)",
    });
    expect(record.Code).toMatch(/^1009\s*Message Too Big$/);
    expect(record["Against the limit"]).toMatch(/^2× the limit/);
    expect(record["Cause source"]).toMatch(/^agent/);
    expect(record["ws error code"]).toMatch(/^WS_ERR_/);
    expect(Date.parse(await panel.locator("time").first().getAttribute("datetime") ?? "")).not.toBeNaN();
    const text = (await panel.textContent())!;
    expect(text).toContain("Event id");
    expect(text).toContain(id!);
    expect(text).toContain("Message Too Big");
    const hints = panel.getByRole("list", { name: "Fix hints for message_too_big" });
    expect(await hints.textContent()).toContain("maxPayload");
    // Tall enough that the sticky detail shows whole in the screenshot.
    await page.setViewportSize({ width: 1280, height: 1700 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await fx.screenshot(page, "event-detail", false);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);
    expect(param(page, "event")).toBeNull();
    const focusedRow = await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-event-id"));
    expect(focusedRow).toBe(id);

    // Keyboard only: Tab lands on the next row's link, Enter opens it.
    await page.keyboard.press("Tab");
    const nextId = await rows(page).nth(2).getAttribute("data-event-id");
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-event-id"))).toBe(nextId);
    await page.keyboard.press("Enter");
    await expect.poll(() => param(page, "event")).toBe(nextId);
    expect(await detail(page).textContent()).toContain(nextId!);
    await page.close();
  });

  it("lists every evidence key the agent recorded", async () => {
    const page = await openPage("/events?cause=auth_expired");
    await expectRows(page, 4);
    await rows(page).first().locator(".row-link").click();
    const panel = detail(page);
    await expect.poll(() => panel.count()).toBe(1);
    // closePolicy(ws, "auth_expired", { tokenLifetimeMs: 900_000, tokenAgeMs: 900_400 }) in the fixture.
    expect(await recordOf(panel, "dl.is-evidence")).toEqual({
      tokenAgeMs: "900,400 (15 min)",
      tokenLifetimeMs: "900,000 (15 min)",
    });
    expect(await panel.getByRole("list", { name: "Fix hints for auth_expired" }).count()).toBe(1);

    // The same view in the dark theme (it follows the system while the toggle says Auto).
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await page.setViewportSize({ width: 1280, height: 1500 });
    await fx.screenshot(page, "event-detail-dark", false);
    await page.close();
  });

  it("fetches a shared event by id when it is not among the rows, and explains an unknown id", async () => {
    const first = await openPage("/events?code=1009");
    await expectRows(first, 4);
    const id = await rows(first).first().getAttribute("data-event-id");
    await first.close();

    // The filters exclude it (code 1000), so the detail must come from GET /api/events/:id.
    const page = await openPage(`/events?code=1000&event=${id}`);
    await expectRows(page, 1);
    const panel = detail(page);
    await expect.poll(() => panel.textContent()).toContain(id!);
    expect(await panel.getByRole("heading", { level: 2 }).textContent()).toContain("1009");

    const { page: missing, consoleErrors: expected404 } = await fx.newPage();
    await missing.goto(`${fx.baseUrl}/events?event=00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => detail(missing).getByRole("alert").textContent()).toContain("no event with id");
    // Chromium logs the 404 response itself; nothing else may appear.
    expect(expected404.every((e) => e.includes("404"))).toBe(true);
    await page.close();
    await missing.close();
  });

  it("reaches every close through small pages, without duplicates or gaps", async () => {
    const all = await openPage("/events");
    await expectRows(all, 14);
    const expected = await rowIds(all);
    await all.close();

    const page = await openPage("/events?limit=5");
    await expectRows(page, 5);
    expect(await count(page).textContent()).toBe("Showing 5 closes, newest first. Older ones match too.");

    // Keyboard: Enter on the button loads the next page and moves focus to its first row.
    await loadOlder(page).focus();
    await page.keyboard.press("Enter");
    await expectRows(page, 10);
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.getAttribute("data-event-id"))).toBe(
      (await rowIds(page))[5],
    );

    await loadOlder(page).click();
    await expectRows(page, 14);
    expect(await loadOlder(page).count()).toBe(0);
    expect(await count(page).textContent()).toBe("Showing all 14 closes that match.");
    const ids = await rowIds(page);
    expect(new Set(ids).size).toBe(14);
    expect(ids).toEqual(expected);
    await page.close();
  });

  it("says what was searched when nothing matches, and offers to widen it", async () => {
    const page = await openPage("/events?code=1011&service=chat-api");
    const empty = page.getByText("No closes match these filters");
    await expect.poll(() => empty.count()).toBe(1);
    expect(await rows(page).count()).toBe(0);
    const state = page.locator(".state-empty");
    expect(await state.textContent()).toContain("Searched last 1h for chat-api");
    expect(await state.getByRole("button", { name: "Last 6h" }).count()).toBe(1);
    await state.getByRole("button", { name: "Clear filters" }).click();
    await expectRows(page, 6); // still chat-api only
    expect(param(page, "service")).toBe("chat-api");
    await page.close();
  });

  it("fits a phone: the table scrolls sideways inside its panel and the detail opens", async () => {
    const page = await openPage("/events", { width: 360, height: 740 });
    await expectRows(page, 14);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const scroller = page.locator(".explorer-results .table-scroll");
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await fx.screenshot(page, "events-phone");

    await rows(page).first().locator(".row-link").click();
    await expect.poll(() => detail(page).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await expect.poll(() => detail(page).textContent()).toContain("Evidence");
    await fx.screenshot(page, "event-detail-phone-dark");
    await page.close();
  });

  it("announces new matching closes instead of moving the rows, and shows them on request", async () => {
    const page = await openPage("/events?code=1009");
    await expectRows(page, 4);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Live" }).count()).toBe(1);
    const before = await rowIds(page);

    await fx.feed.run("leave"); // a 1001: does not match, must not be announced
    await fx.chat.run("oversized");
    await Promise.all([fx.feed.flush(), fx.chat.flush()]);

    const notice = page.locator(".explorer-notice");
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain("1 new close matches these filters");
    expect(await rowIds(page)).toEqual(before);

    await notice.getByRole("button", { name: "Show it" }).click();
    await expectRows(page, 5);
    const after = await rowIds(page);
    expect(after.slice(1)).toEqual(before);
    expect(await notice.count()).toBe(0);

    // Refresh re-anchors at now: the server's answer has the same five.
    await page.getByRole("button", { name: "Refresh" }).click();
    await expectRows(page, 5);
    expect(await rowIds(page)).toEqual(after);
    await page.close();
  });

  it("logged no console errors", () => {
    expect(consoleErrors.flat()).toEqual([]);
  });
});
