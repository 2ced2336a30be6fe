import type { IngestEvent } from "@closewatch/protocol";
import type { CoarseClock } from "./clock.js";
import { buildCloseEvent, WS_ERR_BUFFERED_PARTS, WS_ERR_MESSAGE_LENGTH, type CloseContext } from "./close-event.js";
import { createConnectionState, recordCloseCall, recordError, recordSend, type ConnectionState } from "./connection-state.js";
import { AgentError, describeError, type ProblemSink } from "./errors.js";
import { remoteAddressOf } from "./client-address.js";
import { labelText } from "./sanitize.js";
import type { InstrumentOptions, WsServerLike } from "./types.js";
import {
  isWsSocket,
  readBufferedParts,
  readCloseFrameReceived,
  readDeflateNegotiated,
  readDeflateOffered,
  readInboundSize,
  readMaxPayload,
  receivedBytes,
  sentBytes,
  READY_STATE_CLOSED,
  READY_STATE_OPEN,
  WRAPPED_METHODS,
  type WrappedMethod,
  type WsSocket,
} from "./ws-internals.js";

/** One observed connection. */
export interface Tracker {
  readonly state: ConnectionState;
  /** Puts the socket's own methods back and stops observing it. Idempotent. */
  restore(): void;
}

export interface HookDeps {
  /** socket → tracker, per agent; weak so a forgotten socket is collected with its state. */
  readonly trackers: WeakMap<object, Tracker>;
  readonly enqueue: (event: IngestEvent) => void;
  readonly report: ProblemSink;
  readonly service: string;
  readonly instance: string | undefined;
  /** Time for the send hot path; see clock.ts. */
  readonly clock: CoarseClock;
  /** With `clientAddress: "hashed"`: the keyed hash of an address. */
  readonly hashAddress: ((address: string) => string) | undefined;
}

type Method = WsSocket[WrappedMethod];

function hookFailed(deps: HookDeps, where: string, err: unknown): void {
  deps.report(new AgentError("AGENT_ERR_INTERNAL", `${where} hook failed: ${describeError(err)}`, { cause: err }));
}

function internalsMissing(deps: HookDeps, internals: string, what: string): void {
  deps.report(new AgentError("AGENT_ERR_WS_INTERNALS", `this ws version changed ${internals}; ${what} is not recorded`));
}

function isFragment(options: unknown): boolean {
  return typeof options === "object" && options !== null && "fin" in options && options.fin === false;
}

/**
 * Observes one ws socket by wrapping its own `close`, `terminate`, `send` and
 * `emit`. Wrapping `emit` sees 'message', 'error' and 'close' without adding
 * listeners: an added 'error' listener would stop an unhandled socket error
 * from crashing the host, which is the host's decision, not ours. Each wrapper
 * calls the original with the caller's `this` and arguments and lets its
 * exceptions through untouched; only the agent's own bookkeeping is guarded.
 */
export function trackSocket(
  socket: WsSocket,
  context: CloseContext,
  deps: HookDeps,
  onDone: (tracker: Tracker) => void,
  clientAddressHash?: string,
): Tracker {
  const state = createConnectionState(performance.now());
  const clock = deps.clock;
  clock.start();
  let active = true;

  // The socket's methods as they are now (ws's prototype methods, or a wrapper
  // someone installed before us), and which of them were own properties.
  const originals: Readonly<Record<WrappedMethod, Method>> = {
    close: socket.close,
    terminate: socket.terminate,
    send: socket.send,
    emit: socket.emit,
  };
  const ownBefore = new Set(WRAPPED_METHODS.filter((name) => Object.hasOwn(socket, name)));
  const { close: origClose, terminate: origTerminate, send: origSend, emit: origEmit } = originals;

  const finish = (code: unknown, reason: unknown): void => {
    try {
      const now = performance.now();
      try {
        state.deflate = readDeflateNegotiated(socket, context.deflateOffered);
      } catch (err) {
        // Record the close without this fact rather than not at all.
        hookFailed(deps, "close", err);
      }
      const tick = deps.clock.refresh();
      const event = buildCloseEvent(state, code, reason, context, now, tick, crypto.randomUUID(), new Date().toISOString());
      if (clientAddressHash !== undefined) event.clientAddressHash = clientAddressHash;
      deps.enqueue(event);
    } finally {
      // 'close' is the last event of a ws socket: nothing more to observe.
      tracker.restore();
      onDone(tracker);
    }
  };

  // ws emits 'error' after its receiver gave up and before the socket closes;
  // the receiver still holds what it knew of the offending message.
  const onError = (error: unknown): void => {
    const code = recordError(state, error);
    if (code === WS_ERR_MESSAGE_LENGTH && state.inbound === undefined) {
      state.inbound = readInboundSize(socket, context.maxPayload);
      if (state.inbound === undefined) {
        internalsMissing(deps, "Receiver#_totalPayloadLength/_payloadLength/_fin/_compressed/_messageLength", "the attempted size");
      }
    } else if (code === WS_ERR_BUFFERED_PARTS && state.parts === undefined) {
      state.parts = readBufferedParts(socket);
      if (state.parts === undefined) {
        internalsMissing(deps, "Receiver#_numFragments/_maxFragments/_buffers/_maxBufferedChunks", "the number of parts");
      }
    }
  };

  const wrappers: Record<WrappedMethod, Method> = {
    close: function (this: unknown, ...args: unknown[]) {
      const wasOpen = active && socket.readyState === READY_STATE_OPEN;
      // Read before the call: the echo of a client's close goes through here
      // with _closeFrameReceived already true.
      const frameReceived = wasOpen ? readCloseFrameReceived(socket) : undefined;
      const result = Reflect.apply(origClose, this, args);
      if (wasOpen) {
        try {
          recordCloseCall(state, args, frameReceived);
        } catch (err) {
          hookFailed(deps, "close", err);
        }
      }
      return result;
    },
    terminate: function (this: unknown, ...args: unknown[]) {
      const live = active && socket.readyState !== READY_STATE_CLOSED;
      const result = Reflect.apply(origTerminate, this, args);
      if (live) state.terminatedByServer = true;
      return result;
    },
    // Hot path (every message sent): like emit, fixed parameters and
    // `arguments`, and O(1) bookkeeping on numbers only.
    send: function (this: unknown, data: unknown, options: unknown) {
      // ws only puts data on the wire while OPEN; later sends fail via the callback.
      const wasOpen = active && socket.readyState === READY_STATE_OPEN;
      const result = Reflect.apply(origSend, this, arguments);
      if (wasOpen) {
        try {
          const bytes = sentBytes(data);
          const fin = !isFragment(options);
          state.bytesOut += bytes;
          if (fin) state.messagesOut++;
          // The coarse clock: performance.now() would allocate on every send.
          recordSend(state, bytes, fin, clock.ticks);
        } catch (err) {
          hookFailed(deps, "send", err);
        }
      }
      return result;
    },
    // Hot path (every ws event): fixed parameters and `arguments` avoid an
    // allocation per call.
    emit: function (this: unknown, event: unknown, first: unknown, second: unknown) {
      if (active) {
        try {
          if (event === "message") {
            state.messagesIn++;
            state.bytesIn += receivedBytes(first);
          } else if (event === "error") {
            onError(first);
          } else if (event === "close") {
            finish(first, second);
          }
        } catch (err) {
          hookFailed(deps, "emit", err);
        }
      }
      // Host listeners run after the bookkeeping; an 'error' with no listener
      // still throws exactly as it would without the agent.
      return Reflect.apply(origEmit, this, arguments);
    },
  };

  const tracker: Tracker = {
    state,
    restore() {
      if (!active) return;
      active = false;
      deps.trackers.delete(socket);
      for (const name of WRAPPED_METHODS) {
        // If someone wrapped the method after us, leave their wrapper in place;
        // ours has become a pass-through (active is false).
        if (socket[name] !== wrappers[name]) continue;
        if (ownBefore.has(name)) socket[name] = originals[name];
        else Reflect.deleteProperty(socket, name);
      }
    },
  };

  for (const name of WRAPPED_METHODS) socket[name] = wrappers[name];
  deps.trackers.set(socket, tracker);

  if (readCloseFrameReceived(socket) === undefined) {
    deps.report(
      new AgentError(
        "AGENT_ERR_WS_INTERNALS",
        "this ws version has no WebSocket#_closeFrameReceived; client-initiated closes will be recorded as server-initiated",
      ),
    );
  }
  return tracker;
}

/** Hooks `wss` so each new connection is tracked before the host's own 'connection' handler runs. */
export function instrumentServer(wss: WsServerLike, options: InstrumentOptions | undefined, deps: HookDeps): () => void {
  const live = new Set<Tracker>();
  const route = options?.route;
  const context: CloseContext = {
    service: deps.service,
    instance: deps.instance,
    route: typeof route === "string" ? labelText(route) : undefined,
    maxPayload: readMaxPayload(wss),
    deflateOffered: readDeflateOffered(wss),
  };

  const onConnection = (socket: unknown, request?: unknown): void => {
    try {
      if (!isWsSocket(socket)) {
        deps.report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", "instrument: the server emitted a 'connection' that is not a ws WebSocket"));
        return;
      }
      // The same server instrumented twice, or by another agent sharing the map.
      if (deps.trackers.has(socket)) return;
      // Hashed here, at the connection: the address itself is never kept.
      const address = deps.hashAddress ? remoteAddressOf(request) : undefined;
      const clientAddressHash = address === undefined ? undefined : deps.hashAddress!(address);
      live.add(trackSocket(socket, context, deps, (tracker) => live.delete(tracker), clientAddressHash));
    } catch (err) {
      hookFailed(deps, "connection", err);
    }
  };

  // Prepend: the host's handler may close the socket synchronously (auth
  // checks), and that close must already be observed.
  wss.prependListener("connection", onConnection);

  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    try {
      wss.removeListener("connection", onConnection);
    } catch (err) {
      hookFailed(deps, "undo", err);
    }
    for (const tracker of live) tracker.restore();
    live.clear();
  };
}
