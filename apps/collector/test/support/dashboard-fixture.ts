import { mkdir } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createAgent } from "@closewatch/agent";
import type { Browser, Page } from "playwright-core";
import WebSocket, { WebSocketServer } from "ws";
import { defaultDashboardDir } from "../../src/plugins/dashboard.js";
import { launchChromium } from "./chromium.js";
import { createTestCollector, type TestCollector } from "./engines.js";

/*
 * The browser tests' world: the built dashboard served by a real collector
 * (PGlite), two real `ws` services instrumented by the real agent, and real
 * clients that break them in known ways. Tests compare what each view shows
 * with TRAFFIC below.
 */

export const SCREENSHOTS = join(import.meta.dirname, "../../../../test-results/screenshots");

/** What a client does after connecting; each ends with exactly one close the agent records. */
export type ClientAction =
  | "oversized" // sends twice the server's maxPayload → 1009 message_too_big (server)
  | "flood" // server closes with closePolicy rate_limit → 1008 rate_limit
  | "expire" // server closes with closePolicy auth_expired → 1008 auth_expired
  | "bye" // server closes 1000 "done" → 1000 normal
  | "leave"; // client closes 1001 → 1001 going_away (client)

export interface ServiceSpec {
  service: string;
  route: string;
  maxPayload: number;
}

export const CHAT: ServiceSpec = { service: "chat-api", route: "/chat", maxPayload: 2048 };
export const FEED: ServiceSpec = { service: "feed-api", route: "/feed", maxPayload: 1024 };

/** The known traffic every browser test starts from: 14 closes. */
export const TRAFFIC: readonly { spec: ServiceSpec; action: ClientAction; times: number }[] = [
  { spec: CHAT, action: "oversized", times: 3 },
  { spec: CHAT, action: "flood", times: 2 },
  { spec: CHAT, action: "bye", times: 1 },
  { spec: FEED, action: "oversized", times: 1 },
  { spec: FEED, action: "expire", times: 4 },
  { spec: FEED, action: "leave", times: 3 },
];

export class InstrumentedServer {
  private closes = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    readonly spec: ServiceSpec,
    readonly url: string,
    private readonly wss: WebSocketServer,
    private readonly agent: ReturnType<typeof createAgent>,
  ) {}

  static async start(spec: ServiceSpec, collectorUrl: string): Promise<InstrumentedServer> {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", maxPayload: spec.maxPayload });
    await new Promise((resolve) => wss.once("listening", resolve));
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const agent = createAgent({ endpoint: collectorUrl, service: spec.service, flushIntervalMs: 100, onError: () => {} });
    agent.instrument(wss, { route: spec.route });
    const server = new InstrumentedServer(spec, url, wss, agent);
    wss.on("connection", (ws) => {
      ws.on("error", () => {});
      ws.on("close", () => server.closed());
      ws.on("message", (data) => {
        const text = String(data);
        if (text === "flood") agent.closePolicy(ws, "rate_limit", { limit: 10, observed: 25, windowMs: 1000 });
        if (text === "expire") agent.closePolicy(ws, "auth_expired", { tokenLifetimeMs: 900_000, tokenAgeMs: 900_400 });
        if (text === "bye") ws.close(1000, "done");
      });
    });
    return server;
  }

  private closed(): void {
    this.closes++;
    this.waiters = this.waiters.filter((w) => {
      if (this.closes < w.count) return true;
      w.resolve();
      return false;
    });
  }

  /** Connect one client, make it do `action`, and wait until the server has seen the close. */
  async run(action: ClientAction): Promise<void> {
    const target = this.closes + 1;
    const serverSaw = new Promise<void>((resolve) => this.waiters.push({ count: target, resolve }));
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(this.url);
      ws.on("error", () => {});
      ws.once("open", () => {
        if (action === "oversized") ws.send(Buffer.alloc(this.spec.maxPayload * 2));
        else if (action === "leave") ws.close(1001, "tab closed");
        else ws.send(action);
      });
      ws.once("close", () => resolve());
    });
    await serverSaw;
  }

  /** Ship what the agent holds now. */
  flush(): Promise<void> {
    return this.agent.flush();
  }

  async close(): Promise<void> {
    await this.agent.shutdown();
    await new Promise((resolve) => this.wss.close(resolve));
  }
}

export interface DashboardFixture {
  collector: TestCollector;
  baseUrl: string;
  chat: InstrumentedServer;
  feed: InstrumentedServer;
  browser: Browser;
  /** A fresh page (1280×900 unless given) whose console errors and page errors are collected. */
  newPage(viewport?: { width: number; height: number }): Promise<{ page: Page; consoleErrors: string[] }>;
  /** Save a full-page screenshot as test-results/screenshots/<name>.png. */
  screenshot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Start everything and play TRAFFIC; every close is stored when this resolves. */
export async function startDashboardFixture(): Promise<DashboardFixture> {
  const collector = await createTestCollector("PGlite", { CLOSEWATCH_DASHBOARD_DIR: defaultDashboardDir() });
  const baseUrl = await collector.app.listen({ port: 0, host: "127.0.0.1" });
  const chat = await InstrumentedServer.start(CHAT, baseUrl);
  const feed = await InstrumentedServer.start(FEED, baseUrl);
  const servers = new Map([
    [CHAT, chat],
    [FEED, feed],
  ]);
  await Promise.all(
    TRAFFIC.flatMap(({ spec, action, times }) => Array.from({ length: times }, () => servers.get(spec)!.run(action))),
  );
  await Promise.all([chat.flush(), feed.flush()]);
  const browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });

  return {
    collector,
    baseUrl,
    chat,
    feed,
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const page = await browser.newPage({ viewport });
      const consoleErrors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") consoleErrors.push(message.text());
      });
      page.on("pageerror", (error) => consoleErrors.push(error.message));
      return { page, consoleErrors };
    },
    async screenshot(page, name, fullPage = true) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
    },
    async close() {
      await browser.close();
      await chat.close();
      await feed.close();
      await collector.close();
    },
  };
}
