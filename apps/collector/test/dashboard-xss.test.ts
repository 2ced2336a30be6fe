import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DashboardFixture, startDashboardFixture } from "./support/dashboard-fixture.js";
import { makeEvent } from "./support/engines.js";

// Close reasons, service and route names and evidence come from clients and
// agents: text, never markup. One event carries markup in each, through the
// real ingest path; every view that shows it must show the characters and
// run none of them.
const REASON = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const SERVICE = `<b onmouseover="window.__xss=3">markup-svc</b>`;
const ROUTE = `/<svg onload="window.__xss=4">`;
const ORIGIN = `<iframe src="javascript:window.__xss=5"></iframe>`;

describe("markup in a close event in Chromium", () => {
  let fx: DashboardFixture;
  const event = makeEvent({ code: 1008, initiator: "server", reason: REASON, service: SERVICE, route: ROUTE, evidence: { origin: ORIGIN } });
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    fx = await startDashboardFixture();
    const res = await fx.collector.app.inject({ method: "POST", url: "/v1/events", payload: { events: [event] } });
    expect(res.statusCode).toBe(202);
  });

  afterAll(async () => {
    await fx?.close();
  });

  async function open(path: string): Promise<Page> {
    const { page, consoleErrors } = await fx.newPage();
    pageErrors.push(consoleErrors);
    page.setDefaultTimeout(10_000);
    await page.goto(`${fx.baseUrl}${path}`);
    return page;
  }

  /** Nothing ran and no element came from the event's text. */
  async function expectInert(page: Page): Promise<void> {
    // An onerror or onload handler would fire within moments of the element being created.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator("[onerror], [onload], [onmouseover], iframe").count()).toBe(0);
    expect(await page.locator("script").evaluateAll((scripts) => scripts.filter((s) => s.textContent?.includes("__xss")).length)).toBe(0);
  }

  const row = (page: Page) => page.locator(`tr[data-event-id="${event.id}"]`);

  it("shows the text literally in the overview's latest closes", async () => {
    const page = await open("/");
    await row(page).waitFor();
    const text = await row(page).textContent();
    expect(text).toContain(REASON);
    expect(text).toContain(SERVICE);
    await expectInert(page);
  });

  it("shows the text literally in the events explorer", async () => {
    const page = await open("/events");
    await row(page).waitFor();
    const text = await row(page).textContent();
    expect(text).toContain(REASON);
    expect(text).toContain(SERVICE);
    expect(text).toContain(ROUTE);
    await expectInert(page);
  });

  it("shows the text literally in the event's detail, evidence included", async () => {
    const page = await open(`/events?event=${event.id}`);
    const detail = page.getByRole("region", { name: /^Detail:/ });
    await detail.waitFor();
    await expect.poll(() => detail.locator("q.explorer-reason").textContent()).toBe(REASON);
    const text = await detail.textContent();
    expect(text).toContain(SERVICE);
    expect(text).toContain(ROUTE);
    expect(text).toContain(ORIGIN);
    await expectInert(page);
  });

  it("shows the service and route literally on the services page", async () => {
    const page = await open("/services");
    await page.getByText(SERVICE, { exact: false }).first().waitFor();
    expect(await page.locator("body").textContent()).toContain(ROUTE);
    await expectInert(page);
  });

  it("logged no page errors", () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
