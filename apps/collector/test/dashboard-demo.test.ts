import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CodesResponse, EventsPage, ServicesResponse, SizesResponse, Summary } from "@closewatch/protocol";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { defaultDashboardDir } from "../src/plugins/dashboard.js";
import { type RunningCollector, startCollector } from "../src/start.js";
import { launchChromium } from "./support/chromium.js";
import { SCREENSHOTS } from "./support/dashboard-fixture.js";

/*
 * The four views on the demo's own traffic, not the fixture's: `npm run
 * demo`'s built process (two instrumented ws services, misbehaving clients,
 * the simulated deploy that halves feed-api's limit) sends to a collector
 * started here the way `npm start` starts one. Once the demo has stopped
 * (SIGTERM: traffic stops, agents flush), every number each view shows is
 * compared with what the API answers for the same view.
 */

const DEMO_MAIN = join(import.meta.dirname, "../../demo/dist/main.js");
const TRAFFIC_MS = 14_000;

async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** Runs the built demo against `collectorUrl` for `ms`, then stops it with SIGTERM as Ctrl+C would. */
async function playDemo(collectorUrl: string, ms: number): Promise<string> {
  if (!existsSync(DEMO_MAIN)) throw new Error(`${DEMO_MAIN} is missing: build @closewatch/demo first (npm test does)`);
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_COLLECTOR_URL: collectorUrl, DEMO_DEPLOY_AFTER_S: "7" };
  delete env.DEMO_AGENT_TOKEN;
  const child: ChildProcess = spawn(process.execPath, [DEMO_MAIN], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill("SIGTERM");
  const code = await exited;
  expect(code, output).toBe(0);
  return output;
}

describe("the four views on the demo's traffic, in Chromium", () => {
  let dataDir: string;
  let collector: RunningCollector;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  let demoOutput = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "closewatch-demo-dashboard-"));
    const config = loadConfig({ PORT: "0", CLOSEWATCH_DATA_DIR: dataDir, CLOSEWATCH_DASHBOARD_DIR: defaultDashboardDir(), LOG_LEVEL: "warn" });
    collector = await startCollector(config, { logger: false });
    demoOutput = await playDemo(collector.url, TRAFFIC_MS);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(error.message));
    await mkdir(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await collector?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const card = (code: number) => page.getByRole("region", { name: new RegExp(`^${code}\\b`) });
  const count = (summary: Summary, code: number) => summary.byCode.find((c) => c.code === code)?.count ?? 0;
  /** What formatCount shows for the counts a 14 s demo produces. */
  const shown = (n: number) => n.toLocaleString("en-US");

  it("the demo deployed feed-api's smaller limit and produced 1008s and 1009s", async () => {
    expect(demoOutput).toContain("deploying feed-api v2: maxPayload 16384 → 8192 B");
    const summary = await api<Summary>(collector.url, "/api/summary");
    expect(count(summary, 1008)).toBeGreaterThan(0);
    expect(count(summary, 1009)).toBeGreaterThan(0);
  });

  it("overview: the code cards, the total, the chart, both of feed-api's limits and a finding match the API", async () => {
    const summary = await api<Summary>(collector.url, "/api/summary");
    await page.goto(collector.url);
    await expect.poll(() => card(1009).locator(".stat-value").first().textContent()).toBe(shown(count(summary, 1009)));
    expect(await card(1008).locator(".stat-value").first().textContent()).toBe(shown(count(summary, 1008)));
    expect(await page.getByRole("region", { name: "All closes" }).locator(".stat-value").textContent()).toBe(shown(summary.total));

    // Each card's top cause is the API's top cause of that code.
    for (const code of [1008, 1009]) {
      const top = summary.byCause.filter((c) => c.code === code).sort((a, b) => b.count - a.count)[0]!;
      const first = await card(code).getByRole("list", { name: `Top causes of ${code}` }).getByRole("listitem").first().textContent();
      expect(first).toContain(top.cause);
    }

    // The stacked chart draws bars for the closes (not its empty state).
    const chart = page.getByRole("region", { name: "Closes over time" });
    await expect.poll(() => chart.locator(".recharts-bar-rectangle").count()).toBeGreaterThan(0);

    // Sizes: one entry per limit enforced in the window, each with the API's count.
    const sizes = await api<SizesResponse>(collector.url, "/api/sizes");
    const limits = page.getByRole("region", { name: "Rejected message sizes (1009)" }).getByRole("radiogroup", { name: "Enforced limit" });
    const expected = sizes.limits
      .filter((d) => d.limit !== null)
      .sort((a, b) => b.count - a.count)
      .map((d) => `${d.limit! / 1024} KiB limit (${shown(d.count)})`);
    expect(expected.length).toBeGreaterThanOrEqual(2); // feed-api before and after its deploy, chat-api
    await expect.poll(async () => (await limits.getByRole("radio").allTextContents()).sort()).toEqual(expected.sort());

    // A 1009 finding names the setting to change.
    const findings = page.getByRole("article").filter({ hasText: "maxPayload" });
    await expect.poll(() => findings.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-overview.png"), fullPage: true });
  });

  it("events: the 1009s of feed-api, newest first, are the API's", async () => {
    const { events } = await api<EventsPage>(collector.url, "/api/events?code=1009&service=feed-api&limit=50");
    expect(events.length).toBeGreaterThan(0);
    await page.goto(`${collector.url}/events?code=1009&service=feed-api`);
    const rows = page.locator("table.table-events tbody tr");
    await expect.poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-event-id")))).toEqual(events.map((e) => e.id));
    await rows.first().click();
    const detail = page.getByRole("region", { name: /^Detail:/ });
    await expect.poll(() => detail.textContent()).toContain("message_too_big");
    expect(await detail.textContent()).toContain(events[0]!.service);
    await page.screenshot({ path: join(SCREENSHOTS, "demo-events.png"), fullPage: true });
  });

  it("services: both demo services with the API's counts by code and top cause", async () => {
    const { rows } = await api<ServicesResponse>(collector.url, "/api/services");
    expect(rows.map((r) => r.service).sort()).toEqual(["chat-api", "feed-api"]);
    await page.goto(`${collector.url}/services`);
    const table = page.getByRole("table", { name: /^Closes per service and route/ });
    await expect.poll(() => table.getByRole("rowheader").allInnerTexts()).toEqual(rows.map((r) => r.service));
    const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.replace(/[▲▼↕]/g, "").trim());
    for (const row of rows) {
      const cells = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: row.service, exact: true }) }).locator("th, td");
      const main = async (column: string) => (await cells.nth(headers.indexOf(column)).innerText()).split("\n")[0]!.trim();
      expect(await main("Closes")).toBe(shown(row.total));
      for (const code of [1008, 1009]) expect(await main(String(code))).toBe(shown(row.byCode.find((c) => c.code === code)?.count ?? 0));
      expect(await cells.nth(headers.indexOf("Top cause")).innerText()).toContain(row.topCause!.cause);
    }
    await page.screenshot({ path: join(SCREENSHOTS, "demo-services.png"), fullPage: true });
  });

  it("code reference: every code and cause of the knowledge base, and a search that finds 1009", async () => {
    const { codes } = await api<CodesResponse>(collector.url, "/api/codes");
    await page.goto(`${collector.url}/codes`);
    const status = page.locator(".code-search-status");
    await expect.poll(() => status.textContent()).toBe(`${shown(codes.length)} of ${shown(codes.length)} entries`);
    expect(await page.locator("article.code-entry").count()).toBe(codes.length);
    const causeIds = await page.locator("article.code-entry code.cause").allTextContents();
    expect(causeIds.sort()).toEqual(codes.flatMap((c) => c.causes.map((cause) => cause.id)).sort());
    await page.screenshot({ path: join(SCREENSHOTS, "demo-codes.png") });

    await page.getByRole("searchbox", { name: "Search" }).fill("1009");
    await expect.poll(() => page.locator("article.code-entry").first().locator("h2").textContent()).toMatch(/^1009\s*Message Too Big/);
  });

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
