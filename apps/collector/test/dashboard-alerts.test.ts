import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AlertRule } from "@closewatch/protocol";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboardFixture, type DashboardFixture } from "./support/dashboard-fixture.js";

/*
 * The alerts page, built and served by a real collector, in real Chromium.
 * Rules are created, edited and deleted through the page only; the API is
 * read to check what the page sent. The fixture's traffic (TRAFFIC) has
 * 3 × 1009 message_too_big on chat-api, which a "≥ 2 closes" rule fires on
 * when the test asks the collector to evaluate (evaluation is off the clock
 * in tests). Its webhook is a local receiver, so delivery is real too.
 */

/** What Chromium logs for any 4xx answer; the invalid-rule step expects exactly these. */
const BAD_REQUEST_LOG = "Failed to load resource: the server responded with a status of 400 (Bad Request)";

describe("alerts page in Chromium", () => {
  let fixture: DashboardFixture;
  let page: Page;
  let consoleErrors: string[];
  let receiver: Server;
  let receiverUrl: string;
  const received: unknown[] = [];

  beforeAll(async () => {
    fixture = await startDashboardFixture();
    receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/closewatch`;
    ({ page, consoleErrors } = await fixture.newPage());
    // A missing element fails the test with its locator instead of running into the test timeout.
    page.setDefaultTimeout(5000);
  });

  afterAll(async () => {
    await fixture?.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const rulesPanel = (p: Page = page) => p.getByRole("region", { name: "Alert rules" });
  const card = (name: string, p: Page = page): Locator =>
    rulesPanel(p)
      .getByRole("listitem")
      .filter({ has: p.getByRole("heading", { name, exact: true }) });
  /** Rule names in the order the list shows them. */
  const order = (p: Page = page) => rulesPanel(p).getByRole("heading", { level: 3 }).allInnerTexts();
  const form = () => page.getByRole("form");
  const field = (label: string) => form().getByLabel(label, { exact: true });
  const history = (p: Page = page) => p.getByRole("region", { name: "Firing history" });
  /** The history table's body rows (the header row has no row header). */
  const historyRows = (p: Page = page) =>
    history(p).getByRole("table").getByRole("row").filter({ has: p.getByRole("rowheader") });
  const search = () => Object.fromEntries(new URL(page.url()).searchParams);

  async function apiRules(): Promise<AlertRule[]> {
    const res = await fixture.collector.app.inject("/api/alerts/rules");
    return (res.json() as { rules: AlertRule[] }).rules;
  }
  async function apiRule(name: string): Promise<AlertRule> {
    const found = (await apiRules()).find((r) => r.name === name);
    expect(found, `rule "${name}" in the API`).toBeDefined();
    return found!;
  }
  const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

  it("offers the suggested 1009 rule when there are none, and creates it in one click", async () => {
    await page.goto(`${fixture.baseUrl}/alerts`);
    const empty = rulesPanel().getByText("No alert rules yet");
    await expect.poll(() => empty.count()).toBe(1);
    expect(await page.title()).toBe("Alerts · closewatch");
    const navLink = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Alerts" });
    expect(await navLink.getAttribute("aria-current")).toBe("page");
    expect(await history().getByText("No firings yet").count()).toBe(1);

    await rulesPanel().getByRole("button", { name: "Create the suggested 1009 rule" }).click();
    await expect.poll(() => order()).toEqual(["1009 spike"]);
    const text = await card("1009 spike").innerText();
    expect(text).toContain("OK");
    expect(text).toContain("1009");
    expect(text).toContain("all services");
    expect(text).toContain("≥ 3× the last hour's rate, at least 20 closes");
    expect(text).toContain("5 min window · after 2 min over · 15 min cooldown");
    expect(text).toContain("Not checked yet");

    expect(await apiRule("1009 spike")).toMatchObject({
      codes: [1009],
      windowSeconds: 300,
      threshold: { kind: "factor", value: 3, baselineSeconds: 3600 },
      minEvents: 20,
      forSeconds: 120,
      cooldownSeconds: 900,
      enabled: true,
    });
  });

  it("creates a rule through the form: minutes on screen, seconds on the wire, empty fields left out", async () => {
    await rulesPanel().getByRole("button", { name: "New rule" }).click();
    await expect.poll(() => form().getAttribute("aria-label")).toBe("New alert rule");
    await expect.poll(() => hasFocus(field("Name"))).toBe(true);
    // The suggested 1009 spike, as defaults.
    expect(await field("Close codes").inputValue()).toBe("1009");
    expect(await field("Window (minutes)").inputValue()).toBe("5");
    expect(await form().getByRole("radio", { name: "Relative to usual" }).isChecked()).toBe(true);
    expect(await field("Times the usual rate").inputValue()).toBe("3");
    expect(await field("Usual rate over the last (minutes)").inputValue()).toBe("60");
    expect(await field("Minimum closes").inputValue()).toBe("20");
    expect(await field("Over the threshold for (minutes)").inputValue()).toBe("2");
    expect(await field("Cooldown (minutes)").inputValue()).toBe("15");

    await field("Name").fill("Chat uploads too big");
    await field("Cause").selectOption("message_too_big"); // offered from /api/codes for 1009
    await field("Service").fill("chat-api");
    await form().getByRole("radio", { name: "Fixed count" }).check();
    await field("Closes in the window, at least").fill("50");
    await field("Minimum closes").fill("1");
    await field("Over the threshold for (minutes)").fill("0");
    await field("Cooldown (minutes)").fill("10");
    await field("Webhook URL").fill(receiverUrl);
    await field("Format").selectOption("json");
    expect(await form().locator(".alert-form-summary").innerText()).toBe(
      "Fires at ≥ 50 closes in 5 min · 5 min window · fires at once · 10 min cooldown",
    );
    await fixture.screenshot(page, "alerts-form");

    await form().getByRole("button", { name: "Create rule" }).click();
    await expect.poll(() => form().count()).toBe(0);
    await expect.poll(() => order()).toEqual(["1009 spike", "Chat uploads too big"]);
    await expect.poll(() => hasFocus(rulesPanel().getByRole("button", { name: "New rule" }))).toBe(true);
    const text = await card("Chat uploads too big").innerText();
    expect(text).toContain("message_too_big");
    expect(text).toContain("chat-api");
    expect(text).toContain("≥ 50 closes in 5 min");
    expect(text).toContain(`JSON webhook · ${new URL(receiverUrl).host}`);

    const stored = await apiRule("Chat uploads too big");
    expect(stored).toMatchObject({
      codes: [1009],
      cause: "message_too_big",
      service: "chat-api",
      windowSeconds: 300,
      threshold: { kind: "count", value: 50 },
      minEvents: 1,
      forSeconds: 0,
      cooldownSeconds: 600,
      target: { url: receiverUrl, format: "json" },
      enabled: true,
    });
    // The suggested rule went without a cause, service or target: left out, not sent blank.
    const suggested = await apiRule("1009 spike");
    expect(suggested).not.toHaveProperty("cause");
    expect(suggested).not.toHaveProperty("service");
    expect(suggested).not.toHaveProperty("target");
  });

  it("shows the collector's field errors next to their fields, in minutes, and saves nothing", async () => {
    const before = consoleErrors.length;
    await rulesPanel().getByRole("button", { name: "New rule" }).click();
    await field("Name").fill("Too short a window");
    await field("Window (minutes)").fill("0");
    await form().getByRole("button", { name: "Create rule" }).click();

    const windowError = form().getByText("Must be at least 1 min.");
    await expect.poll(() => windowError.count()).toBe(1);
    const windowField = field("Window (minutes)");
    expect(await windowField.getAttribute("aria-invalid")).toBe("true");
    expect(await windowField.getAttribute("aria-describedby")).toContain(await windowError.getAttribute("id"));
    await expect.poll(() => hasFocus(windowField)).toBe(true);
    expect(await form().getByRole("alert").innerText()).toContain("The rule was not saved: one field needs a change.");

    // The collector's own check (baseline ≥ 4 windows), quoted in minutes next to the baseline.
    await windowField.fill("30");
    expect(await windowField.getAttribute("aria-invalid")).toBeNull(); // a changed field loses its old error
    await form().getByRole("button", { name: "Create rule" }).click();
    const baselineError = form().getByText(/^Must cover at least 4 windows \(≥ 2 h for a 30 min window\)/);
    await expect.poll(() => baselineError.count()).toBe(1);
    expect(await field("Usual rate over the last (minutes)").getAttribute("aria-invalid")).toBe("true");
    await fixture.screenshot(page, "alerts-form-error");

    await form().getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => form().count()).toBe(0);
    await expect.poll(() => hasFocus(rulesPanel().getByRole("button", { name: "New rule" }))).toBe(true);
    expect((await apiRules()).map((r) => r.name)).toEqual(["1009 spike", "Chat uploads too big"]);

    // Chromium logs every 400 answer; those two submits are the only console errors expected.
    expect(consoleErrors.slice(before)).toEqual([BAD_REQUEST_LOG, BAD_REQUEST_LOG]);
    consoleErrors.splice(before, 2);
  });

  it("edits a rule: the form starts from the rule, and saving replaces it", async () => {
    await card("Chat uploads too big").getByRole("button", { name: "Edit Chat uploads too big" }).click();
    await expect.poll(() => form().getAttribute("aria-label")).toBe("Edit “Chat uploads too big”");
    expect(await field("Name").inputValue()).toBe("Chat uploads too big");
    expect(await field("Cause").inputValue()).toBe("message_too_big");
    expect(await field("Service").inputValue()).toBe("chat-api");
    expect(await form().getByRole("radio", { name: "Fixed count" }).isChecked()).toBe(true);
    expect(await field("Closes in the window, at least").inputValue()).toBe("50");
    expect(await field("Over the threshold for (minutes)").inputValue()).toBe("0");
    expect(await field("Cooldown (minutes)").inputValue()).toBe("10");
    expect(await field("Webhook URL").inputValue()).toBe(receiverUrl);

    await field("Name").fill("Chat uploads over the limit");
    await field("Closes in the window, at least").fill("2");
    await form().getByRole("button", { name: "Save rule" }).click();
    await expect.poll(() => form().count()).toBe(0);
    await expect.poll(() => order()).toEqual(["1009 spike", "Chat uploads over the limit"]);
    expect(await card("Chat uploads over the limit").innerText()).toContain("≥ 2 closes in 5 min");
    await expect.poll(() => hasFocus(card("Chat uploads over the limit").getByRole("button", { name: /^Edit/ }))).toBe(true);
    expect((await apiRule("Chat uploads over the limit")).threshold).toEqual({ kind: "count", value: 2 });
  });

  it("shows a rule firing on the fixture's traffic first, and its firing in the history", async () => {
    const report = await fixture.collector.app.alerts.evaluateOnce();
    const firingRule = await apiRule("Chat uploads over the limit");
    expect(report.fired).toEqual([firingRule.id]);
    await fixture.collector.app.alerts.notificationsSettled();
    expect(received).toHaveLength(1);

    // The page polls every 15 s; a reload shows the new state at once.
    await page.reload();
    await expect.poll(() => order()).toEqual(["Chat uploads over the limit", "1009 spike"]);
    const text = await card("Chat uploads over the limit").innerText();
    expect(text).toContain("Firing");
    expect(text).toContain("3 closes (threshold 2)");
    expect(await rulesPanel().getByText("2 rules · 1 firing").count()).toBe(1);
    expect(await card("1009 spike").innerText()).toMatch(/\d+ closes? \(threshold \d/); // evaluated too, not over

    await expect.poll(() => historyRows().count()).toBe(1);
    const cells = (await historyRows().first().locator("th, td").allInnerTexts()).map((c) => c.split("\n").map((l) => l.trim()));
    expect(cells[0]).toEqual(["Chat uploads over the limit"]);
    expect(cells[2]).toEqual(["Firing now"]);
    expect(cells[3]![0]).toMatch(/so far$/);
    expect(cells[4]).toEqual(["3", "threshold 2"]);
    expect(cells[5]).toEqual(["Delivered", "after 1 attempt"]);
    await fixture.screenshot(page, "alerts");
  });

  it("filters the history by rule, and keeps the filter in the URL", async () => {
    const quiet = await apiRule("1009 spike");
    const firing = await apiRule("Chat uploads over the limit");
    await history().getByLabel("Rule").selectOption({ label: "1009 spike" });
    await expect.poll(() => search()).toEqual({ rule: quiet.id });
    await expect.poll(() => history().getByText("No firings of “1009 spike” yet").count()).toBe(1);

    await card("Chat uploads over the limit").getByRole("link", { name: "History of Chat uploads over the limit" }).click();
    await expect.poll(() => search()).toEqual({ rule: firing.id });
    await expect.poll(() => historyRows().count()).toBe(1);
    expect(await history().getByLabel("Rule").inputValue()).toBe(firing.id);

    // A link shows the same history.
    const { page: other, consoleErrors: otherErrors } = await fixture.newPage();
    await other.goto(page.url());
    await expect.poll(() => historyRows(other).count()).toBe(1);
    expect(await history(other).getByLabel("Rule").inputValue()).toBe(firing.id);
    expect(otherErrors).toEqual([]);
    await other.close();

    await history().getByLabel("Rule").selectOption({ label: "All rules" });
    await expect.poll(() => search()).toEqual({});
  });

  it("switches a rule off and on from the list", async () => {
    const toggle = rulesPanel().getByRole("switch", { name: "Enabled: 1009 spike" });
    // The switch shows the stored value: it moves once the page has asked the collector (click, not uncheck).
    await toggle.click();
    await expect.poll(() => card("1009 spike").getByText("Disabled", { exact: true }).count()).toBe(1);
    expect(await toggle.isChecked()).toBe(false);
    await expect.poll(async () => (await apiRule("1009 spike")).enabled).toBe(false);
    // Switched off, it goes below the rules still watching.
    expect(await order()).toEqual(["Chat uploads over the limit", "1009 spike"]);
    await toggle.click();
    await expect.poll(() => card("1009 spike").getByText("OK", { exact: true }).count()).toBe(1);
    expect(await toggle.isChecked()).toBe(true);
    await expect.poll(async () => (await apiRule("1009 spike")).enabled).toBe(true);
  });

  it("deletes a rule only after confirming, in place", async () => {
    const deleteButton = card("1009 spike").getByRole("button", { name: "Delete 1009 spike" });
    await deleteButton.click();
    const question = card("1009 spike").getByRole("group", { name: "Delete 1009 spike?" });
    await expect.poll(() => question.count()).toBe(1);
    await expect.poll(() => hasFocus(question.getByRole("button", { name: "Cancel" }))).toBe(true);
    await question.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => question.count()).toBe(0);
    await expect.poll(() => hasFocus(deleteButton)).toBe(true);

    await deleteButton.click();
    await question.getByRole("button", { name: "Delete rule" }).click();
    await expect.poll(() => order()).toEqual(["Chat uploads over the limit"]);
    expect((await apiRules()).map((r) => r.name)).toEqual(["Chat uploads over the limit"]);
    expect(await history().getByLabel("Rule").locator("option").allInnerTexts()).toEqual([
      "All rules",
      "Chat uploads over the limit",
    ]);
  });

  it("says so when a history link points at a deleted rule", async () => {
    const { page: stale, consoleErrors: staleErrors } = await fixture.newPage();
    await stale.goto(`${fixture.baseUrl}/alerts?rule=00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => history(stale).getByText("This rule no longer exists").count()).toBe(1);
    await history(stale).getByRole("button", { name: "Show the firings of every rule" }).click();
    await expect.poll(() => historyRows(stale).count()).toBe(1);
    expect(new URL(stale.url()).search).toBe("");
    // The collector answers 404 for the unknown rule, and Chromium logs that answer.
    expect(staleErrors).toEqual(["Failed to load resource: the server responded with a status of 404 (Not Found)"]);
    await stale.close();
  });

  it("works from the keyboard: Enter opens the form and submits it, and deleting asks first", async () => {
    const newRule = rulesPanel().getByRole("button", { name: "New rule" });
    await newRule.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => hasFocus(field("Name"))).toBe(true);
    await page.keyboard.type("Keyboard rule");
    await page.keyboard.press("Enter"); // implicit submission, as in any form
    await expect.poll(() => order()).toEqual(["Chat uploads over the limit", "Keyboard rule"]);
    await expect.poll(() => hasFocus(newRule)).toBe(true);

    await card("Keyboard rule").getByRole("button", { name: "Delete Keyboard rule" }).focus();
    await page.keyboard.press("Enter");
    const question = card("Keyboard rule").getByRole("group", { name: "Delete Keyboard rule?" });
    await expect.poll(() => hasFocus(question.getByRole("button", { name: "Cancel" }))).toBe(true);
    await page.keyboard.press("Shift+Tab");
    expect(await hasFocus(question.getByRole("button", { name: "Delete rule" }))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => order()).toEqual(["Chat uploads over the limit"]);
    // The card that had focus is gone: focus goes to "New rule", not to the page's start.
    await expect.poll(() => hasFocus(newRule)).toBe(true);
  });

  it("fits a phone: nothing wider than the screen but the history table, which scrolls in its panel", async () => {
    const { page: phone, consoleErrors: phoneErrors } = await fixture.newPage({ width: 390, height: 844 });
    await phone.goto(`${fixture.baseUrl}/alerts`);
    await expect.poll(() => order(phone)).toEqual(["Chat uploads over the limit"]);
    await expect.poll(() => historyRows(phone).count()).toBe(1);
    await phone.getByRole("button", { name: "New rule" }).click();
    await phone.getByRole("form").waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await fixture.screenshot(phone, "alerts-phone");
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });

  it("explains an API failure in words", async () => {
    const { page: failing } = await fixture.newPage();
    await failing.route("**/api/alerts/rules", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: "about:blank",
          title: "Storage is unavailable",
          status: 503,
          code: "COLLECTOR_ERR_UNAVAILABLE",
          detail: "the database cannot be reached; retry later",
        }),
      }),
    );
    await failing.goto(`${fixture.baseUrl}/alerts`);
    const alert = rulesPanel(failing).getByRole("alert");
    // 5xx answers are retried twice (about 3 s) before the page gives up.
    await expect.poll(() => alert.count(), { timeout: 10_000 }).toBe(1);
    const text = await alert.innerText();
    expect(text).toContain("Storage is unavailable");
    expect(text).toContain("the database cannot be reached; retry later");
    expect(text).toContain("COLLECTOR_ERR_UNAVAILABLE");
    await failing.close();
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
