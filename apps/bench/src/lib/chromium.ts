import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium, as in the browser tests; Playwright's own downloads are unreachable here. */
export const CHROMIUM_PATH = process.env.CLOSEWATCH_CHROMIUM ?? "/usr/bin/chromium";

/** Headless Chromium with the flags this closed network needs (no background calls to Google's hosts). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
