import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { createToken } from "./support/tokens.js";

/*
 * The dashboard once the collector wants tokens: the fixture's traffic is
 * stored while auth is open (no token on loopback), then tokens are created
 * while it runs, which turns auth on within the 5 s cache TTL.
 */
describe("dashboard sign-in (Chromium)", () => {
  let f: DashboardFixture;
  let page: Page;
  let consoleErrors: string[];
  let read: string;
  let admin: string;

  beforeAll(async () => {
    f = await startDashboardFixture();
    read = await createToken(f.collector.db, "viewer", "read");
    admin = await createToken(f.collector.db, "ops", "admin");
    const deadline = Date.now() + 15_000;
    while (((await (await fetch(`${f.baseUrl}/api/session`)).json()) as { auth: string }).auth !== "required") {
      if (Date.now() > deadline) throw new Error("auth did not turn on");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ({ page, consoleErrors } = await f.newPage());
  }, 120_000);
  afterAll(async () => {
    await f?.close();
  });

  const tokenField = () => page.getByLabel("API token");

  it("shows the sign-in panel instead of the data, and refuses a wrong token", async () => {
    await page.goto(`${f.baseUrl}/`);
    await tokenField().waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    // No socket before sign-in, and the header does not pretend to be connecting.
    expect(await page.getByRole("status").filter({ hasText: "Not live" }).count()).toBe(1);
    await f.screenshot(page, "sign-in");
    await tokenField().fill("cw_not-a-real-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "not valid" }).waitFor();
  });

  it("signs in with a read token: data and the live feed, an HttpOnly cookie, no token kept in the page", async () => {
    await tokenField().fill(read);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.locator(".live.live-open").waitFor({ timeout: 15_000 });
    await page.getByText("1009", { exact: false }).first().waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "closewatch_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(session!.value).not.toContain(read);
    expect(await page.evaluate(() => document.cookie)).not.toContain("closewatch_session");
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(read.slice(3));
    await f.screenshot(page, "signed-in");
  });

  it("says an alert rule change needs an admin token when signed in with a read token", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("region", { name: "Alert rules" }).getByRole("button", { name: "Create the suggested 1009 rule" }).click();
    await page.getByText("Needs an admin token").first().waitFor();
    await f.screenshot(page, "sign-in-needs-admin");
  });

  it("signs out back to the panel; an admin token can then change rules", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await tokenField().waitFor();
    // Regression: the header said "Live" over the sign-in panel after signing out.
    await expect.poll(() => page.locator(".live").textContent()).toBe("Not live");
    expect((await page.context().cookies()).some((c) => c.name === "closewatch_session")).toBe(false);
    await tokenField().fill(admin);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("region", { name: "Alert rules" }).getByRole("button", { name: "Create the suggested 1009 rule" }).click();
    await page.getByRole("region", { name: "Alert rules" }).getByRole("heading", { level: 3 }).first().waitFor();
    expect(await page.getByText("Needs an admin token").count()).toBe(0);
    // Only the refused attempts (401s before sign-in, the wrong token, the 403) may have logged errors.
    expect(consoleErrors.filter((e) => !/40[13]/.test(e))).toEqual([]);
  });
});
