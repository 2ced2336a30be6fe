import { afterEach, expect, it } from "vitest";
import { createAgent } from "../src/index.js";
import { connect, startCollector, startWsServer } from "./helpers.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("redacts what it ships from real closes, and only that: the wire is untouched", async () => {
  const collector = await startCollector();
  cleanups.push(() => collector.close());
  const agent = createAgent({
    endpoint: collector.endpoint,
    service: "chat-api",
    instance: "pod-7 owner=ops@example.com",
    flushIntervalMs: 60_000,
    redact: [/\bcust_\d+\b/],
    onError: () => {},
  });
  cleanups.push(() => agent.shutdown({ timeoutMs: 200 }));
  const server = await startWsServer({}, (ws) => {
    ws.on("message", (data) => {
      const text = String(data);
      if (text === "server") ws.close(4001, "bye alice@example.com");
      if (text === "policy") {
        agent.closePolicy(ws, "auth_invalid", { scheme: "bearer", detail: "Bearer abcdef123456", customer: "cust_42" }, "auth failed: token=abc123");
      }
    });
  });
  cleanups.push(() => server.close());
  agent.instrument(server.wss, { route: "/t/cust_42/chat?access_token=s3cret" });

  const seen: string[] = [];
  for (const [i, act] of ["server", "policy", "client"].entries()) {
    const { client, closed } = await connect(server.url);
    if (act === "client") client.close(4002, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig from cust_9");
    else client.send(act);
    seen.push((await closed).reason);
    await server.serverClosed(i);
  }
  await agent.flush();

  // The peers got the reasons as the host (or client) wrote them.
  expect(seen.slice(0, 2)).toEqual(["bye alice@example.com", "auth failed: token=abc123"]);
  const events = collector.delivered();
  expect(events.map((e) => e.reason)).toEqual(["bye [redacted]", "auth failed: token=[redacted]", "[redacted] from [redacted]"]);
  for (const event of events) {
    expect(event.route).toBe("/t/[redacted]/chat?access_token=[redacted]");
    expect(event.instance).toBe("pod-7 owner=[redacted]");
    expect(event.service).toBe("chat-api");
  }
  expect(events[1]?.evidence).toEqual({ scheme: "bearer", detail: "Bearer [redacted]", customer: "[redacted]" });
  expect(events[1]?.cause).toBe("auth_invalid");
  expect(collector.requests.every((r) => r.valid)).toBe(true);
  expect(collector.requests.map((r) => r.body).join("")).not.toMatch(/alice|abc123|abcdef|s3cret|cust_|ops@|eyJhbGci/);
});
