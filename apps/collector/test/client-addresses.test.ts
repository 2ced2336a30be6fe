import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createAgent } from "@closewatch/agent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const KEY = "test-hmac-key-0123456789";

describe.each(ENGINES.flatMap((engine) => (["hashed", "none"] as const).map((setting) => [engine, setting] as const)))(
  "client addresses on %s with CLOSEWATCH_CLIENT_ADDRESSES=%s",
  (engine, setting) => {
    let c: TestCollector;
    let base: string;

    beforeAll(async () => {
      c = await createTestCollector(engine, { CLOSEWATCH_CLIENT_ADDRESSES: setting });
      base = await c.app.listen({ port: 0, host: "127.0.0.1" });
    });
    afterAll(async () => {
      await c?.close();
    });

    it("a real ws server's agent sends only the keyed hash; the collector stores it or discards it", async () => {
      const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
      await new Promise((resolve) => wss.once("listening", resolve));
      const agent = createAgent({ endpoint: base, service: `addr-${setting}`, clientAddress: "hashed", clientAddressKey: KEY, onError: () => {} });
      agent.instrument(wss);
      const serverClosed = new Promise<void>((resolve) => wss.on("connection", (ws) => ws.on("close", () => resolve())));
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
      await new Promise((resolve) => client.once("open", resolve));
      client.close(1000, "bye");
      await serverClosed;
      await agent.shutdown();
      await new Promise((resolve) => wss.close(resolve));
      expect(agent.stats()).toMatchObject({ sent: 1, failed: 0 });

      // Computed here independently: HMAC-SHA256 of the address under the key, 16 hex characters.
      const expected = createHmac("sha256", KEY).update("127.0.0.1").digest("hex").slice(0, 16);
      const page = (await c.app.inject(`/api/events?service=addr-${setting}`)).json();
      expect(page.events).toHaveLength(1);
      const [row] = await c.db.query<Record<string, unknown>>(`SELECT * FROM close_events WHERE service = $1`, [`addr-${setting}`]);
      // Never the address itself, in any column.
      expect(JSON.stringify(row)).not.toContain("127.0.0.1");
      if (setting === "hashed") {
        expect(page.events[0].clientAddressHash).toBe(expected);
        expect(row!.client_address_hash).toBe(expected);
      } else {
        expect(page.events[0]).not.toHaveProperty("clientAddressHash");
        expect(row!.client_address_hash).toBeNull();
      }
    });

    it("refuses anything but 16 hex characters, so a raw address cannot be stored by mistake", async () => {
      for (const value of ["203.0.113.7", "2001:db8::1", "0123456789ABCDEF", "0123456789abcdef0", "abc"]) {
        const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: [makeEvent({ clientAddressHash: value })] } });
        expect(res.statusCode, value).toBe(400);
        expect(res.json().errors[0].path).toBe("body/events/0/clientAddressHash");
      }
    });
  },
);
