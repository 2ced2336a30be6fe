import type { Browser } from "playwright-core";
import { percentile } from "./ingest-stats.js";

export interface RenderTiming {
  /** Navigation start → both 1008 and 1009 cards show their counts, ms. */
  firstRender: { p50: number; p95: number };
  /** Navigation start → cards, chart, sizes and findings all drawn, ms. */
  complete: { p50: number; p95: number };
  n: number;
  /** What the 1009 card said on the last load, for a sanity line in the notes. */
  count1009: string;
}

/**
 * Runs in the page before its own scripts: a MutationObserver stamps
 * `performance.now()` (ms since navigation start) the moment both code cards
 * show a number, and the moment nothing is loading any more. Stamped inside
 * the page, the figures do not include the harness's polling.
 */
const STAMP_RENDER = `(() => {
  const marks = {};
  let settle;
  window.__closewatchRendered = new Promise((resolve) => (settle = resolve));
  const counts = () => [...document.querySelectorAll(".code-card .stat:first-child .stat-value")].map((e) => (e.textContent || "").trim());
  const check = () => {
    const values = counts();
    const cards = values.length === 2 && values.every((v) => /^[\\d,.\\s]+[kKM]?$/.test(v));
    if (cards && marks.first === undefined) marks.first = performance.now();
    if (cards && marks.complete === undefined && !document.querySelector(".state-loading") && document.querySelector(".recharts-surface")) {
      marks.complete = performance.now();
      observer.disconnect();
      settle(marks);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface Marks {
  first?: number;
  complete?: number;
}

/**
 * Loads `url` `samples` times, each in a fresh browser context (empty cache,
 * new JS heap: a first visit), timed by the page's own clock from navigation
 * start, so the figure is what a user waits.
 */
export async function timeOverview(browser: Browser, url: string, samples: number, warmup = 1): Promise<RenderTiming> {
  const first: number[] = [];
  const done: number[] = [];
  let count1009 = "";
  for (let i = 0; i < warmup + samples; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await context.addInitScript({ content: STAMP_RENDER });
      const page = await context.newPage();
      await page.goto(url, { waitUntil: "commit" });
      // Awaited through page.evaluate with a function (CDP callFunctionOn): the
      // collector's content security policy forbids the string evaluation that
      // waitForFunction does inside the page.
      const marks = await withTimeout(
        page.evaluate(() => (globalThis as unknown as { __closewatchRendered: Promise<Marks> }).__closewatchRendered),
        30_000,
      ).catch(async (error: Error) => {
        const text = (await page.locator("main").textContent().catch(() => "")) ?? "";
        error.message += `\nthe page showed: ${text.slice(0, 600)}`;
        throw error;
      });
      count1009 = (await page.locator(".code-card .stat:first-child .stat-value").nth(1).textContent()) ?? "";
      if (i >= warmup) {
        first.push(marks.first!);
        done.push(marks.complete!);
      }
    } finally {
      await context.close();
    }
  }
  return {
    firstRender: { p50: percentile(first, 50), p95: percentile(first, 95) },
    complete: { p50: percentile(done, 50), p95: percentile(done, 95) },
    n: first.length,
    count1009,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the overview did not finish rendering within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
