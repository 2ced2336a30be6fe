import { Type, type Static } from "typebox";
import { StoredEvent } from "./query.js";

/** Messages the collector pushes on the `/api/live` WebSocket. */
export const LiveHello = Type.Object({ type: Type.Literal("hello"), serverTime: Type.String() });
export const LiveEvents = Type.Object({ type: Type.Literal("events"), events: Type.Array(StoredEvent) });
export const LiveMessage = Type.Union([LiveHello, LiveEvents]);
export type LiveMessage = Static<typeof LiveMessage>;
