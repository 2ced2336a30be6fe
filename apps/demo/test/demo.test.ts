import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAgent } from "@closewatch/agent";
import { loadConfig, type RunningCollector, startCollector } from "@closewatch/collector";
import type { Summary } from "@closewatch/protocol";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startChatServer } from "../src/chat-server.js";
import {
  anonymousClient,
  droppedConnection,
  flooder,
  largeMessage,
  navigatingClient,
  oversizedUpload,
  politeClient,
  replacedSession,
  staleSession,
} from "../src/scenarios.js";

const MAX_PAYLOAD = 4096;

let collector: RunningCollector;
beforeAll(async () => {
  // The demo's own path: startCollector on an embedded database in a fresh data dir.
  const dataDir = await mkdtemp(join(tmpdir(), "closewatch-demo-"));
  collector = await startCollector(loadConfig({ PORT: "0", CLOSEWATCH_DATA_DIR: dataDir }), { logger: false });
});
afterAll(() => collector?.close());

it("every demo scenario produces the close it is meant to", async () => {
  const agent = createAgent({ endpoint: collector.url, service: "demo-test", flushIntervalMs: 60_000, onError: () => {} });
  const server = await startChatServer({ port: 0, host: "127.0.0.1", agent, maxPayload: MAX_PAYLOAD, messagesPerSecond: 20 });
  const scenarios = [politeClient, navigatingClient, flooder(40, 60), staleSession, oversizedUpload(MAX_PAYLOAD), droppedConnection, replacedSession, anonymousClient, largeMessage(MAX_PAYLOAD)];
  // (flooder bursts of 40–60 against a limit of 20 per second: always over it.)
  await Promise.all(scenarios.map((run) => run(server.url)));
  // droppedConnection returns before the server notices; give the server's close a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await server.close();
  await agent.shutdown();
  expect(agent.stats()).toMatchObject({ sent: 9, dropped: 0, failed: 0 });

  const summary = (await (await fetch(`${collector.url}/api/summary?service=demo-test`)).json()) as Summary;
  expect(summary.byCause).toEqual(
    expect.arrayContaining([
      { code: 1000, cause: "normal", count: 2 },
      { code: 1001, cause: "going_away", count: 1 },
      { code: 1008, cause: "rate_limit", count: 1 },
      { code: 1008, cause: "auth_expired", count: 1 },
      { code: 1008, cause: "auth_invalid", count: 1 },
      { code: 1009, cause: "message_too_big", count: 1 },
      { code: 1006, cause: "abnormal", count: 1 },
      { code: 4001, cause: "application", count: 1 },
    ]),
  );
  expect(summary.total).toBe(9);
});
