import { randomFillSync } from "node:crypto";
import type { Evidence, IngestEvent } from "@closewatch/protocol";
import { CLOSE_MIX, MIX_SLOTS, ROUTES, SERVICES, SERVICE_SLOTS, sizeLimitOf } from "./events-mix.js";

const ID_PLACEHOLDER = "00000000-0000-4000-8000-000000000000";
const TIME_PLACEHOLDER = "2000-01-01T00:00:00.000Z";

const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** One close event as the agent would send it (same fields, same evidence keys). */
export function generateEvent(id: string, occurredAt: string): IngestEvent {
  const kind = CLOSE_MIX[pick(MIX_SLOTS)]!;
  const s = pick(SERVICE_SLOTS);
  const service = SERVICES[s]!;
  const messagesIn = int(0, 400);
  const messagesOut = int(0, 400);
  const event: IngestEvent = {
    id,
    occurredAt,
    service,
    instance: `${service}-7d9f6c${s.toString(16)}-${int(0, 3)}`,
    route: ROUTES[s % ROUTES.length]!,
    code: kind.code,
    reason: kind.reason,
    initiator: kind.initiator,
    connectionAgeMs: int(50, 3_600_000),
    messagesIn,
    messagesOut,
    bytesIn: messagesIn * int(20, 400),
    bytesOut: messagesOut * int(20, 400),
  };
  if (kind.agentCause) event.cause = kind.agentCause;
  if (kind.wsErrorCode) event.wsErrorCode = kind.wsErrorCode;
  let evidence: Evidence | undefined;
  switch (kind.evidence) {
    case "rate":
      evidence = { limit: 20, observed: int(21, 60), windowMs: 1000 };
      break;
    case "token":
      evidence = { tokenLifetimeMs: 3_600_000, tokenAgeMs: 3_600_000 + int(0, 5000) };
      break;
    case "inbound": {
      const limit = sizeLimitOf(s);
      event.sizeLimit = limit;
      event.messageSize = Math.round(limit * (1.1 + Math.random() * 0.3));
      evidence = { direction: "inbound", deflate: false, compressed: false };
      break;
    }
    case "outbound":
      event.messageSize = int(70_000, 200_000);
      evidence = { direction: "outbound", sizeIsEstimate: true, sentMsAgo: 250 * int(1, 8) };
      break;
    case "none":
      break;
  }
  if (evidence) event.evidence = evidence;
  return event;
}

/**
 * A batch body serialised once, whose ids and timestamps are rewritten in
 * place for every send: each request carries new random v4 ids (as agents
 * send) without the load generator spending its CPU on JSON.
 */
export class BatchTemplate {
  readonly eventCount: number;
  private readonly body: Buffer;
  private readonly idOffsets: number[] = [];
  private readonly timeOffsets: number[] = [];
  private readonly random: Buffer;

  constructor(eventCount: number) {
    this.eventCount = eventCount;
    const events = Array.from({ length: eventCount }, () => generateEvent(ID_PLACEHOLDER, TIME_PLACEHOLDER));
    this.body = Buffer.from(JSON.stringify({ events }));
    for (const [placeholder, offsets] of [
      [ID_PLACEHOLDER, this.idOffsets],
      [TIME_PLACEHOLDER, this.timeOffsets],
    ] as const) {
      for (let at = this.body.indexOf(placeholder); at >= 0; at = this.body.indexOf(placeholder, at + placeholder.length)) {
        offsets.push(at);
      }
      if (offsets.length !== eventCount) throw new Error(`template: found ${offsets.length} of ${eventCount} placeholders`);
    }
    this.random = Buffer.alloc(eventCount * 16);
  }

  get bytes(): number {
    return this.body.length;
  }

  /** A fresh copy of the body with new ids, occurred up to `jitterMs` before `now`. */
  render(now = Date.now(), jitterMs = 2000): Buffer {
    const out = Buffer.from(this.body);
    randomFillSync(this.random);
    for (let i = 0; i < this.eventCount; i++) {
      out.write(uuidV4(this.random, i * 16), this.idOffsets[i]!, "latin1");
      out.write(new Date(now - Math.floor(Math.random() * jitterMs)).toISOString(), this.timeOffsets[i]!, "latin1");
    }
    return out;
  }
}

/** A v4 UUID from 16 random bytes at `at`. */
function uuidV4(bytes: Buffer, at: number): string {
  bytes[at + 6] = (bytes[at + 6]! & 0x0f) | 0x40;
  bytes[at + 8] = (bytes[at + 8]! & 0x3f) | 0x80;
  const h = bytes.toString("hex", at, at + 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
