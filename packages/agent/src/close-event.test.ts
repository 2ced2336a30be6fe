import { describe, expect, it } from "vitest";
import { buildCloseEvent, type CloseContext } from "./close-event.js";
import { createConnectionState, recordCloseCall, recordError, type ConnectionState } from "./connection-state.js";

const context: CloseContext = { service: "svc", instance: undefined, route: "/chat", maxPayload: 1024 };
const ID = "0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11";
const AT = "2026-01-01T00:00:00.000Z";

function build(state: ConnectionState, code: number, reason = "") {
  return buildCloseEvent(state, code, Buffer.from(reason), context, 1500.4, ID, AT);
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
    state.messageSize = 4096;
    expect(build(state, 1006)).toMatchObject({
      code: 1009,
      initiator: "server",
      cause: "message_too_big",
      wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      sizeLimit: 1024,
      messageSize: 4096,
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

  it("treats a client frame ws could not echo as client-initiated", () => {
    expect(build(createConnectionState(0), 1000, "bye")).toMatchObject({ code: 1000, reason: "bye", initiator: "client" });
  });
});
