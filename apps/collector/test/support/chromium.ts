import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (installed by .ci/run); Playwright's own browser downloads are unreachable here. */
export const CHROMIUM_PATH = process.env.CLOSEWATCH_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Headless Chromium with the flags this closed network needs: without the
 * background-networking ones Chromium keeps trying to reach Google's hosts.
 * Playwright gives every launch a fresh, temporary profile of its own.
 */
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
