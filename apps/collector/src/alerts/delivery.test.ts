import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deliver } from "./delivery.js";

// The garbage collector, without starting the test process with --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

let server: Server;
let url: string;
beforeAll(async () => {
  // A receiver that reads the request and never answers.
  server = createServer((req) => req.resume());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// Regression: with AbortSignal.any([signal, AbortSignal.timeout(ms)]) a collection
// during the attempt lost the timeout (nodejs/node#57736); the notification hung
// until shutdown. It showed up as a 20 s test timeout on a busy CI machine.
it("times out an attempt to a receiver that never answers, even when memory is collected meanwhile", async () => {
  const collecting = setInterval(gc, 10);
  try {
    const started = Date.now();
    const result = await deliver(url, "{}", { attemptTimeoutMs: 200, retryDelaysMs: [] }, new AbortController().signal);
    expect(result).toEqual({ delivered: false, attempts: 1, lastError: "timed out after 200 ms" });
    expect(Date.now() - started).toBeLessThan(5000);
  } finally {
    clearInterval(collecting);
  }
}, 10_000);

it("stops at once when the collector closes, and says so", async () => {
  const closing = new AbortController();
  const pending = deliver(url, "{}", { attemptTimeoutMs: 60_000, retryDelaysMs: [60_000] }, closing.signal);
  setTimeout(() => closing.abort(), 50);
  expect(await pending).toEqual({ delivered: false, attempts: 1, lastError: "aborted: the collector is shutting down" });
});
