import { describe, expect, it } from "vitest";
import { buildCloseEvent, type CloseContext } from "./close-event.js";
import { createConnectionState, recordCloseCall, recordError, recordSend, type ConnectionState } from "./connection-state.js";

const context: CloseContext = { service: "svc", instance: undefined, route: "/chat", maxPayload: 1024, deflateOffered: false };
const ID = "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11";
const AT = "2026-01-01T00:00:00.000Z";

/** Closes at 1500.4 ms, coarse-clock tick 6 (250 ms ticks). */
function build(state: ConnectionState, code: number, reason = "") {
  return buildCloseEvent(state, code, Buffer.from(reason), context, 1500.4, 6, ID, AT);
}

describe("buildCloseEvent", () => {
  it("stamps identity, context and counters", () => {
    const state = createConnectionState(1000);
    state.messagesIn = 2;
    state.bytesIn = 10;
    expect(build(state, 1006)).toEqual({
      id: ID,
      occurredAt: AT,
      service: "svc",
      route: "/chat",
      code: 1006,
      reason: "",
      initiator: "none",
      connectionAgeMs: 500,
      messagesIn: 2,
      messagesOut: 0,
      bytesIn: 10,
      bytesOut: 0,
    });
  });

  it("prefers the server's first close frame over the code ws reports", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1009], false);
    recordError(state, Object.assign(new RangeError("Max payload size exceeded"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }));
    state.inbound = { messageSize: 4096, sizeIsLowerBound: false, frameSize: 4096, compressed: false, wireSize: undefined, whileInflating: false };
    state.deflate = false;
    expect(build(state, 1006)).toMatchObject({
      code: 1009,
      initiator: "server",
      cause: "message_too_big",
      wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      sizeLimit: 1024,
      messageSize: 4096,
      evidence: { direction: "inbound", deflate: false, compressed: false, frameSize: 4096 },
    });
  });

  it("takes code and reason from the client's frame when the server only echoed it", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [4001, Buffer.from("custom")], true);
    expect(build(state, 4001, "custom")).toMatchObject({ code: 4001, reason: "custom", initiator: "client" });
  });

  it("counts only the first close() of a connection", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1001, "going"], false);
    recordCloseCall(state, [1000, "later"], false);
    expect(build(state, 1001)).toMatchObject({ code: 1001, reason: "going", initiator: "server" });
  });

  it("records a close() without a code as 1005", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [], false);
    expect(build(state, 1005)).toMatchObject({ code: 1005, reason: "", initiator: "server" });
  });

  it("names no cause for a ws error that did not decide the code", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [4001], true);
    recordError(state, Object.assign(new Error("x"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }));
    const event = build(state, 4001);
    expect(event.cause).toBeUndefined();
    expect(event.sizeLimit).toBeUndefined();
  });

  it("ignores error codes the schema would reject", () => {
    const state = createConnectionState(0);
    recordError(state, Object.assign(new Error("x"), { code: "econnreset" }));
    expect(state.wsErrorCode).toBeUndefined();
  });

  it("adds terminatedBy to the policy's evidence", () => {
    const state = createConnectionState(0);
    state.policy = { cause: "rate_limit", evidence: { limit: 1 } };
    recordCloseCall(state, [1008, "rate limit exceeded"], false);
    state.terminatedByServer = true;
    expect(build(state, 1006)).toMatchObject({
      code: 1008,
      cause: "rate_limit",
      evidence: { limit: 1, terminatedBy: "server" },
    });
  });

  it("names decompressed_too_big when the limit was hit while inflating, with a lower bound", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1009], false);
    recordError(state, Object.assign(new RangeError("Max payload size exceeded"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }));
    state.inbound = { messageSize: 1025, sizeIsLowerBound: true, frameSize: 40, compressed: true, wireSize: 40, whileInflating: true };
    state.deflate = true;
    expect(build(state, 1006)).toMatchObject({
      code: 1009,
      cause: "decompressed_too_big",
      sizeLimit: 1024,
      messageSize: 1025,
      evidence: { direction: "inbound", deflate: true, compressed: true, sizeIsLowerBound: true, frameSize: 40, wireSize: 40 },
    });
  });

  it("keeps the limit but no size when the receiver could not be read", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1009], false);
    recordError(state, Object.assign(new RangeError("x"), { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }));
    const event = build(state, 1006);
    expect(event).toMatchObject({ code: 1009, cause: "message_too_big", sizeLimit: 1024, evidence: { direction: "inbound" } });
    expect(event.messageSize).toBeUndefined();
  });

  it("records a host's own 1009 as inbound without ws's limit", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1009, "too big"], false);
    const event = build(state, 1009);
    expect(event).toMatchObject({ code: 1009, reason: "too big", initiator: "server", evidence: { direction: "inbound" } });
    expect(event.sizeLimit).toBeUndefined();
    expect(event.cause).toBeUndefined();
  });

  it("names frame_too_big for a frame length ws cannot represent", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1009], false);
    recordError(state, Object.assign(new RangeError("x"), { code: "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH" }));
    const event = build(state, 1006);
    expect(event).toMatchObject({ code: 1009, cause: "frame_too_big", evidence: { direction: "inbound" } });
    expect(event.sizeLimit).toBeUndefined();
  });

  it("records a client's 1009 as outbound with the largest recent send as an estimate", () => {
    const state = createConnectionState(0);
    recordSend(state, 300, true, 3);
    recordSend(state, 5000, true, 4);
    recordSend(state, 20, true, 5);
    recordCloseCall(state, [1009, Buffer.alloc(0)], true);
    state.deflate = false;
    const event = build(state, 1009);
    expect(event).toMatchObject({
      code: 1009,
      initiator: "client",
      cause: "message_too_big",
      messageSize: 5000,
      evidence: { direction: "outbound", deflate: false, sizeIsEstimate: true, sentMsAgo: 500 },
    });
    expect(event.sizeLimit).toBeUndefined();
    expect(event.evidence?.sizeIsLowerBound).toBeUndefined();
  });

  it("flags an unfinished fragmented send as a lower bound, and leaves the cause to a client's reason", () => {
    const state = createConnectionState(0);
    recordSend(state, 4000, false, 5);
    recordSend(state, 4000, false, 5);
    recordCloseCall(state, [1009, Buffer.from("frame too large")], true);
    const event = build(state, 1009, "frame too large");
    expect(event).toMatchObject({ messageSize: 8000, evidence: { direction: "outbound", sizeIsEstimate: true, sizeIsLowerBound: true } });
    expect(event.cause).toBeUndefined();
  });

  it("has no outbound size when nothing was sent in the last seconds", () => {
    const state = createConnectionState(0);
    recordSend(state, 5000, true, 0);
    recordCloseCall(state, [1009], true);
    const event = buildCloseEvent(state, 1009, Buffer.alloc(0), context, 6000, 24, ID, AT); // 6 s later

    expect(event.messageSize).toBeUndefined();
    expect(event.evidence).toEqual({ direction: "outbound" });
  });

  it("maps ws's fragment flood to 1008 fragment_flood with the parts", () => {
    const state = createConnectionState(0);
    recordCloseCall(state, [1008], false);
    recordError(state, Object.assign(new RangeError("Too many message fragments"), { code: "WS_ERR_TOO_MANY_BUFFERED_PARTS" }));
    state.parts = { parts: 16385, kind: "fragments", limit: 16384 };
    expect(build(state, 1006)).toEqual({
      id: ID,
      occurredAt: AT,
      service: "svc",
      route: "/chat",
      code: 1008,
      reason: "",
      initiator: "server",
      cause: "fragment_flood",
      wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS",
      connectionAgeMs: 1500,
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
      evidence: { parts: 16385, partsKind: "fragments", partsLimit: 16384 },
    });
  });

  it("prefers the policy's evidence on a 1008 the host closed with", () => {
    const state = createConnectionState(0);
    state.policy = { cause: "fragment_flood", evidence: { parts: 9 } };
    recordCloseCall(state, [1008, "too many message fragments"], false);
    expect(build(state, 1006)).toMatchObject({ cause: "fragment_flood", evidence: { parts: 9 } });
  });

  it("treats a client frame ws could not echo as client-initiated", () => {
    expect(build(createConnectionState(0), 1000, "bye")).toMatchObject({ code: 1000, reason: "bye", initiator: "client" });
  });
});
