import { createAddressHasher } from "./client-address.js";
import { CoarseClock } from "./clock.js";
import type { CloseContext } from "./close-event.js";
import { AgentError, describeError } from "./errors.js";
import { instrumentServer, trackSocket, type HookDeps, type Tracker } from "./instrument.js";
import { resolveOptions } from "./options.js";
import { checkPolicyEvidence } from "./policy-evidence.js";
import { defaultPolicyReason } from "./policy-reasons.js";
import { createRedactor } from "./redact.js";
import { redactEvent } from "./redact-event.js";
import { normalizeReport } from "./report-input.js";
import { CAUSE_PATTERN, cutText, labelText, MAX_SERVICE_CHARS, sanitizeEvidence, truncateUtf8 } from "./sanitize.js";
import { Shipper } from "./shipper.js";
import type {
  Agent,
  AgentOptions,
  AgentStats,
  IngestEvent,
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
// setTimeout silently turns larger delays into 1 ms.
const MAX_TIMER_MS = 2_147_483_647;

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
    retry: { baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs },
    report,
  });
  const redactor = createRedactor(config.redact);
  // Labels are redacted once here; every event is redacted again on its way
  // into the queue (cheap for labels: remembered), whatever produced it.
  const service = cutText(redactor.label(config.service), MAX_SERVICE_CHARS);
  const instance = config.instance === undefined ? undefined : labelText(redactor.label(config.instance));
  const accept = (event: IngestEvent): void => shipper.enqueue(redactEvent(event, redactor));
  const deps: HookDeps = {
    trackers: new WeakMap<object, Tracker>(),
    enqueue: accept,
    report,
    service,
    instance,
    clock: new CoarseClock(),
    hashAddress: config.clientAddress === "hashed" ? createAddressHasher(config.clientAddressKey) : undefined,
  };
  // For closePolicy on a socket of a server that was not instrumented.
  const untrackedContext: CloseContext = {
    service,
    instance,
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
      const normalized = normalizeReport(input, { service, instance, redact: redactor.text });
      if (!normalized.ok) {
        shipper.countDropped();
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", normalized.problem));
        return;
      }
      if (normalized.problems.length > 0) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", `report(): ${normalized.problems.join("; ")}`));
      }
      // normalizeReport redacted the reason already, before cutting it to 123 bytes.
      shipper.enqueue(redactEvent(normalized.event, redactor, true));
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
    let timer: NodeJS.Timeout | undefined;
    try {
      let timeout = config.shutdownTimeoutMs;
      if (typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs >= 0) timeout = Math.min(timeoutMs, MAX_TIMER_MS);
      else if (timeoutMs !== undefined) {
        report(new AgentError("AGENT_ERR_INVALID_ARGUMENT", `shutdown(): timeoutMs must be a non-negative number; using ${timeout}`));
      }
      const deadline = Date.now() + timeout;
      for (const undo of [...undos]) undo();
      deps.clock.stop();
      shipper.close(deadline);
      // The race bounds the wait whatever the collector does; the deadline
      // also stops the final flush from starting anything after it. This
      // timer (and the flush's waits, all before the deadline) hold the
      // process open until then: the host asked for this flush.
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeout);
      });
      await Promise.race([shipper.flush({ deadline, wait: true, persist: true }), expired]);
    } catch (err) {
      internalError("shutdown", err);
    } finally {
      clearTimeout(timer);
      // Nothing may outlive shutdown: cut a request still in flight.
      shipper.abort();
    }
    try {
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
