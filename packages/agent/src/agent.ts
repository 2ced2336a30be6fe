import { CoarseClock } from "./clock.js";
import type { CloseContext } from "./close-event.js";
import { AgentError, describeError } from "./errors.js";
import { instrumentServer, trackSocket, type HookDeps, type Tracker } from "./instrument.js";
import { DEFAULTS, resolveOptions } from "./options.js";
import { checkPolicyEvidence } from "./policy-evidence.js";
import { defaultPolicyReason } from "./policy-reasons.js";
import { normalizeReport } from "./report-input.js";
import { CAUSE_PATTERN, sanitizeEvidence, truncateUtf8 } from "./sanitize.js";
import { Shipper } from "./shipper.js";
import type {
  Agent,
  AgentOptions,
  AgentStats,
  InstrumentOptions,
  PolicyCause,
  PolicyEvidence,
  ReportInput,
  ShutdownOptions,
  WsServerLike,
  WsSocketLike,
} from "./types.js";
import { isWsSocket, READY_STATE_OPEN } from "./ws-internals.js";

const noop = (): void => {};

/**
 * Creates an agent. Throws (AGENT_ERR_INVALID_OPTIONS) only here, at the
 * host's setup time; every method of the returned agent reports problems to
 * `onError` instead of throwing into the host.
 */
export function createAgent(options: AgentOptions): Agent {
  const config = resolveOptions(options);
  // Node loads its fetch implementation (undici) on first use: a few ms of
  // synchronous work. Touching it here moves that stall to the host's setup
  // instead of the first flush in the middle of its traffic (seen in a CPU
  // profile of an instrumented echo server: 3.6 ms in one go).
  // (`fetch` itself loads lazily on its first call; the Headers global loads it on access.)
  void globalThis.Headers;
  const report = config.onError;
  const shipper = new Shipper({
    url: config.ingestUrl,
    token: config.token,
    flushIntervalMs: config.flushIntervalMs,
    maxBatchSize: config.maxBatchSize,
    maxQueueSize: config.maxQueueSize,
    requestTimeoutMs: config.requestTimeoutMs,
    report,
  });
  const deps: HookDeps = {
    trackers: new WeakMap<object, Tracker>(),
    enqueue: (event) => shipper.enqueue(event),
    report,
    service: config.service,
    instance: config.instance,
    clock: new CoarseClock(),
  };
  // For closePolicy on a socket of a server that was not instrumented.
  const untrackedContext: CloseContext = {
    service: config.service,
    instance: config.instance,
    route: undefined,
    maxPayload: undefined,
    deflateOffered: undefined,
  };
  const undos = new Set<() => void>();
  let shutdownPromise: Promise<void> | undefined;

  const internalError = (where: string, err: unknown): void =>
    report(new AgentError("AGENT_ERR_INTERNAL", `${where} failed: ${describeError(err)}`, { cause: err }));

  function instrument(wss: WsServerLike, instrumentOptions?: InstrumentOptions): () => void {
    try {
      if (shutdownPromise) {
        report(new AgentError("AGENT_ERR_SHUT_DOWN", "instrument() after shutdown() is ignored"));
        return noop;
      }
      if (!isServerLike(wss)) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", "instrument() needs a ws WebSocketServer"));
        return noop;
      }
      const undoServer = instrumentServer(wss, instrumentOptions, deps);
      const undo = (): void => {
        undos.delete(undo);
        try {
          undoServer();
        } catch (err) {
          internalError("undo", err);
        }
      };
      undos.add(undo);
      return undo;
    } catch (err) {
      internalError("instrument", err);
      return noop;
    }
  }

  function closePolicy<C extends PolicyCause>(ws: WsSocketLike, cause: C, evidence?: PolicyEvidence<C>, reason?: string): void {
    try {
      if (!isWsSocket(ws)) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", "closePolicy() needs a ws WebSocket"));
        return;
      }
      // Already closing or closed: the first close frame stands, and ws would send nothing.
      if (ws.readyState !== READY_STATE_OPEN) return;

      const causeText: unknown = cause;
      const validCause = typeof causeText === "string" && CAUSE_PATTERN.test(causeText) ? causeText : undefined;
      if (validCause === undefined) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", `closePolicy(): cause ${JSON.stringify(causeText)} is not a cause id`));
      }
      const sanitized = sanitizeEvidence(evidence);
      const problems = [...checkPolicyEvidence(validCause ?? "", evidence), ...sanitized.problems];
      if (problems.length > 0) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", `closePolicy(): ${problems.join("; ")}`));
      }
      const text = truncateUtf8(typeof reason === "string" ? reason : defaultPolicyReason(validCause ?? "unspecified", evidence));

      let tracker: Tracker | undefined;
      if (!shutdownPromise) {
        // A socket from a server that was not instrumented is tracked from
        // here on, so the policy close is still recorded (counters start now).
        tracker = deps.trackers.get(ws) ?? trackSocket(ws, untrackedContext, deps, noop);
        // Read by the close() wrapper's bookkeeping when the event is built.
        tracker.state.policy = { cause: validCause, evidence: sanitized.evidence };
      }
      try {
        ws.close(1008, text);
      } catch (err) {
        if (tracker) tracker.state.policy = undefined;
        internalError("closePolicy close()", err);
      }
    } catch (err) {
      internalError("closePolicy", err);
    }
  }

  function reportEvent(input: ReportInput): void {
    try {
      const normalized = normalizeReport(input, { service: config.service, instance: config.instance });
      if (!normalized.ok) {
        shipper.countDropped();
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", normalized.problem));
        return;
      }
      if (normalized.problems.length > 0) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", `report(): ${normalized.problems.join("; ")}`));
      }
      shipper.enqueue(normalized.event);
    } catch (err) {
      internalError("report", err);
    }
  }

  function flush(): Promise<void> {
    try {
      return shipper.flush();
    } catch (err) {
      internalError("flush", err);
      return Promise.resolve();
    }
  }

  function shutdown(shutdownOptions?: ShutdownOptions): Promise<void> {
    shutdownPromise ??= runShutdown(shutdownOptions?.timeoutMs);
    return shutdownPromise;
  }

  async function runShutdown(timeoutMs: unknown): Promise<void> {
    try {
      for (const undo of [...undos]) undo();
      deps.clock.stop();
      shipper.close();
      let timeout: number = DEFAULTS.shutdownTimeoutMs;
      if (typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs >= 0) timeout = timeoutMs;
      else if (timeoutMs !== undefined) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", "shutdown(): timeoutMs must be a non-negative number; using 5000"));
      }
      // The race bounds the wait even if an earlier flush is still inside a
      // long request; the deadline stops the final flush from starting more.
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeout);
        timer.unref();
      });
      await Promise.race([shipper.flush(Date.now() + timeout), expired]);
      clearTimeout(timer);
      const left = shipper.stats().queued;
      if (left > 0) report(new AgentError("AGENT_ERR_SHUT_DOWN", `${left} events were not delivered before shutdown`));
    } catch (err) {
      internalError("shutdown", err);
    }
  }

  function stats(): AgentStats {
    return shipper.stats();
  }

  shipper.start();
  return Object.freeze({ instrument, closePolicy, report: reportEvent, flush, shutdown, stats });
}

function isServerLike(value: unknown): value is WsServerLike {
  return (
    typeof value === "object" &&
    value !== null &&
    "prependListener" in value &&
    typeof value.prependListener === "function" &&
    "removeListener" in value &&
    typeof value.removeListener === "function"
  );
}
