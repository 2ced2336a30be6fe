import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createAgent } from "@closewatch/agent";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { defaultDashboardDir } from "../src/plugins/dashboard.js";
import { launchChromium } from "./support/chromium.js";
import { createTestCollector, type TestCollector } from "./support/engines.js";

const SCREENSHOTS = join(import.meta.dirname, "../../../test-results/screenshots");
const MAX_PAYLOAD = 2048;

/** A client that sends one message and waits for the server to close it. */
function clientSending(url: string, payload: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on("error", () => {});
    ws.once("open", () => ws.send(payload));
    ws.once("close", () => resolve());
  });
}

// The built dashboard, served by a real collector, in real Chromium, with data
// from real agent traffic. (`npm test` builds the dashboard first.)
describe("dashboard in Chromium", () => {
  let collector: TestCollector;
  let baseUrl: string;
  let wss: WebSocketServer;
  let wsUrl: string;
  let agent: ReturnType<typeof createAgent>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let serverCloses = 0;

  async function closesSettled(expected: number): Promise<void> {
    await vi.waitFor(() => expect(serverCloses).toBe(expected), { timeout: 5000 });
  }

  beforeAll(async () => {
    collector = await createTestCollector("PGlite", { CLOSEWATCH_DASHBOARD_DIR: defaultDashboardDir() });
    baseUrl = await collector.app.listen({ port: 0, host: "127.0.0.1" });
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1", maxPayload: MAX_PAYLOAD });
    await new Promise((resolve) => wss.once("listening", resolve));
    wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    agent = createAgent({ endpoint: baseUrl, service: "browser-test", flushIntervalMs: 100, onError: () => {} });
    agent.instrument(wss, { route: "/chat" });
    wss.on("connection", (ws) => {
      ws.on("error", () => {});
      ws.on("close", () => serverCloses++);
      ws.on("message", (data) => {
        if (String(data) === "flood") agent.closePolicy(ws, "rate_limit", { limit: 10, observed: 25 });
        if (String(data) === "bye") ws.close(1000, "done");
      });
    });

    // Known traffic: three oversized messages, two rate-limit closes, one normal close.
    await Promise.all([
      ...[1, 2, 3].map(() => clientSending(wsUrl, Buffer.alloc(MAX_PAYLOAD * 2))),
      clientSending(wsUrl, "flood"),
      clientSending(wsUrl, "flood"),
      clientSending(wsUrl, "bye"),
    ]);
    await closesSettled(6);
    await agent.flush();

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.shutdown();
    await new Promise((resolve) => wss?.close(resolve));
    await collector?.close();
  });

  const card = (code: number) => page.getByRole("region", { name: new RegExp(`^${code}\\b`) });

  it("shows 1008 and 1009 side by side with their counts and top causes", async () => {
    await page.goto(baseUrl);
    await expect.poll(() => card(1009).locator(".stat-value").first().textContent()).toBe("3");
    expect(await card(1008).locator(".stat-value").first().textContent()).toBe("2");
    // 3 of 6 closes, 2 of 6 closes.
    expect(await card(1009).locator(".stat-value").nth(1).textContent()).toMatch(/^50(\.0)?\s?%$/);
    expect(await card(1008).locator(".stat-value").nth(1).textContent()).toMatch(/^33(\.3)?\s?%$/);
    expect(await card(1009).getByRole("list", { name: "Top causes of 1009" }).textContent()).toContain("message_too_big");
    expect(await card(1008).getByRole("list", { name: "Top causes of 1008" }).textContent()).toContain("rate_limit");
    await page.screenshot({ path: join(SCREENSHOTS, "overview.png"), fullPage: true });
  });

  it("adds a close on the instrumented server to the live feed within 2 s, without a reload", async () => {
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Live" }).count()).toBe(1);
    const feedRows = page.locator("table.table-events tbody tr");
    const before = await feedRows.count();
    const started = Date.now();
    await clientSending(wsUrl, Buffer.alloc(MAX_PAYLOAD * 3));
    await expect.poll(() => feedRows.count(), { timeout: 2000, interval: 50 }).toBe(before + 1);
    const elapsed = Date.now() - started;
    expect(await feedRows.first().textContent()).toContain("message_too_big");
    await expect.poll(() => card(1009).locator(".stat-value").first().textContent(), { timeout: 5000 }).toBe("4");
    expect(elapsed).toBeLessThan(2000);
    await page.screenshot({ path: join(SCREENSHOTS, "overview-live.png"), fullPage: true });
  });

  it("shows the 1009 finding with the limit and the setting to change", async () => {
    const finding = page.getByRole("article", { name: "Messages over the 2 KiB size limit" });
    await expect.poll(() => finding.count(), { timeout: 15_000 }).toBe(1);
    const text = await finding.textContent();
    expect(text).toContain("against a 2 KiB limit");
    expect(text).toContain("maxPayload");
    expect(await finding.getByRole("figure").count()).toBe(1); // the size histogram
    await finding.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, "findings.png"), fullPage: true });
  });

  it("explains codes on the code reference page, found by search", async () => {
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Code reference" }).click();
    await page.getByRole("searchbox", { name: "Search" }).fill("1009");
    const first = page.locator("article.code-entry").first();
    await expect.poll(() => first.locator("h2").textContent()).toMatch(/^1009\s*Message Too Big/);
    expect(await first.textContent()).toContain("message_too_big");
    expect(new URL(page.url()).pathname).toBe("/codes");
    await page.screenshot({ path: join(SCREENSHOTS, "code-reference.png"), fullPage: false });
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
