import WebSocket from "ws";
import { demoToken } from "./chat-server.js";

/** One misbehaving (or well-behaved) client; resolves when its connection has closed. */
export type Scenario = (url: string) => Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** How long the demo's short-lived tokens live: like a 15-minute JWT, only faster. */
export const DEMO_TOKEN_LIFETIME_MS = 1200;

function connect(url: string, tokenLifetimeMs = 60_000, tokenIssuedAt = Date.now()): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization: demoToken(tokenLifetimeMs, tokenIssuedAt) } });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function closed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve();
    else ws.once("close", () => resolve());
  });
}

/** Chats a little and leaves politely (1000). */
export const politeClient: Scenario = async (url) => {
  const ws = await connect(url);
  for (let i = 0; i < randomBetween(1, 5); i++) ws.send(`hello ${i}`);
  await sleep(randomBetween(50, 300));
  ws.close(1000, "bye");
  await closed(ws);
};

/** A tab that navigates away (1001). */
export const navigatingClient: Scenario = async (url) => {
  const ws = await connect(url);
  await sleep(randomBetween(50, 200));
  ws.close(1001, "page unloaded");
  await closed(ws);
};

/**
 * Sends a burst of `min`–`max` messages at once. Over the server's limit it is
 * closed with 1008 rate_limit; under it, it leaves by itself after a while.
 */
export function flooder(min: number, max: number): Scenario {
  return async (url) => {
    const ws = await connect(url);
    ws.on("error", () => {});
    const burst = randomBetween(min, max);
    for (let i = 0; i < burst && ws.readyState === WebSocket.OPEN; i++) ws.send(`spam ${i}`);
    const done = closed(ws);
    const patience = sleep(2500).then(() => {
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "done");
    });
    await Promise.race([done, patience]);
    await done;
  };
}

/** Holds on past its token's lifetime → 1008 auth_expired. */
export const staleSession: Scenario = async (url) => {
  // The token was issued a little before the connection opened, as real ones are.
  const ws = await connect(url, DEMO_TOKEN_LIFETIME_MS, Date.now() - randomBetween(0, 400));
  ws.on("error", () => {});
  await closed(ws);
};

/** Uploads a message over the server's limit → 1009 message_too_big. */
export function oversizedUpload(maxPayload: number): Scenario {
  return async (url) => {
    const ws = await connect(url);
    ws.on("error", () => {});
    // Most uploads overshoot the limit by 10–40%, as a payload that slowly grew would.
    ws.send(Buffer.alloc(Math.round(maxPayload * (1.1 + Math.random() * 0.3))));
    await closed(ws);
  };
}

/** Sends a large message that fits the limit it was written for (0.5–0.9× of it), then leaves. */
export function largeMessage(designedForLimit: number): Scenario {
  return async (url) => {
    const ws = await connect(url);
    ws.on("error", () => {});
    ws.send(Buffer.alloc(Math.round(designedForLimit * (0.5 + Math.random() * 0.4))));
    await sleep(randomBetween(50, 150));
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, "uploaded");
    await closed(ws);
  };
}

/** Vanishes without a close frame (1006), like a phone losing signal. */
export const droppedConnection: Scenario = async (url) => {
  const ws = await connect(url);
  await sleep(randomBetween(20, 100));
  ws.terminate();
};

/** Uses an application close code (4000–4999). */
export const replacedSession: Scenario = async (url) => {
  const ws = await connect(url);
  ws.close(4001, "session replaced");
  await closed(ws);
};

/** Forgets its token → 1008 auth_invalid. */
export const anonymousClient: Scenario = async (url) => {
  const ws = new WebSocket(url);
  ws.on("error", () => {});
  await closed(ws);
};
