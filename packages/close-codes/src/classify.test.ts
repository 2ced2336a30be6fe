import { describe, expect, it } from "vitest";
import { classifyClose } from "./classify.js";

describe("classifyClose", () => {
  it("trusts a structured cause that is valid for the code", () => {
    expect(classifyClose({ code: 1008, reason: "bye", cause: "rate_limit" })).toEqual({
      cause: "rate_limit",
      confidence: 1,
      source: "agent",
    });
  });

  it("ignores a structured cause that does not belong to the code", () => {
    expect(classifyClose({ code: 1008, reason: "", cause: "message_too_big" }).cause).toBe("unspecified");
  });

  it("maps ws error codes", () => {
    expect(classifyClose({ code: 1009, wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" })).toMatchObject({
      cause: "message_too_big",
      source: "ws_error",
    });
    expect(classifyClose({ code: 1008, wsErrorCode: "WS_ERR_TOO_MANY_BUFFERED_PARTS" }).cause).toBe("fragment_flood");
  });

  it.each([
    [1009, "Max payload size exceeded", "message_too_big"],
    [1009, "frame with 2097152 bytes exceeds limit of 1048576 bytes", "frame_too_big"],
    [1008, "JWT expired", "auth_expired"],
    [1008, "Too many requests, slow down", "rate_limit"],
    [1008, "origin not allowed", "origin_rejected"],
    [1008, "Forbidden origin", "origin_rejected"],
  ])("reads %i %j as %s", (code, reason, cause) => {
    expect(classifyClose({ code, reason })).toMatchObject({ cause, source: "reason" });
  });

  it("says unspecified when the text says nothing about a cause", () => {
    expect(classifyClose({ code: 1008, reason: "policy violation" })).toMatchObject({
      cause: "unspecified",
      confidence: 0,
    });
  });

  it("gives other codes their generic cause", () => {
    expect(classifyClose({ code: 1000, reason: "bye" }).cause).toBe("normal");
    expect(classifyClose({ code: 4001, reason: "" }).cause).toBe("application");
  });

  it("reads a size error behind a locally reported 1006", () => {
    expect(classifyClose({ code: 1006, reason: "Received too big message" })).toMatchObject({
      cause: "message_too_big",
      source: "reason",
    });
    expect(classifyClose({ code: 1006, wsErrorCode: "WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH" })).toMatchObject({
      cause: "frame_too_big",
      source: "ws_error",
    });
    // Without size evidence 1006 stays abnormal, but not with full certainty: finer causes exist.
    expect(classifyClose({ code: 1006, reason: "read ECONNRESET" })).toEqual({ cause: "abnormal", confidence: 0.8, source: "code" });
    // A protocol error that mentions a length is not a size limit.
    expect(classifyClose({ code: 1006, reason: "Invalid WebSocket frame: invalid payload length 126" }).cause).toBe("abnormal");
  });

  it("normalises case, underscores and camelCase before matching", () => {
    expect(classifyClose({ code: 1008, reason: "RATE_LIMITED" }).cause).toBe("rate_limit");
    expect(classifyClose({ code: 1008, reason: "rateLimitExceeded" }).cause).toBe("rate_limit");
    expect(classifyClose({ code: 1008, reason: "TokenExpiredError: jwt expired" }).cause).toBe("auth_expired");
  });

  it("grades confidence by how specific the wording is", () => {
    expect(classifyClose({ code: 1008, reason: "jwt expired" }).confidence).toBe(0.9);
    expect(classifyClose({ code: 1008, reason: "wrong password, bye" }).confidence).toBe(0.9);
    expect(classifyClose({ code: 1008, reason: "Not gived correct password" }).confidence).toBe(0.7);
    expect(classifyClose({ code: 1009, reason: "Message Too Big" }).confidence).toBe(0.6);
  });

  it("prefers the ws error code over the reason text", () => {
    expect(classifyClose({ code: 1009, reason: "frame too large", wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" }).cause).toBe(
      "message_too_big",
    );
  });

  it("falls back to the reason when the structured cause does not belong to the code", () => {
    expect(classifyClose({ code: 1008, reason: "jwt expired", cause: "frame_too_big" })).toMatchObject({
      cause: "auth_expired",
      source: "reason",
    });
  });

  it("does not read policy words into other codes", () => {
    expect(classifyClose({ code: 4008, reason: "Rate limited." }).cause).toBe("application");
    expect(classifyClose({ code: 1001, reason: "token expired" }).cause).toBe("going_away");
  });

  it("keeps a 1009 that names no size limit unspecified", () => {
    expect(classifyClose({ code: 1009, reason: "too many fragments" })).toMatchObject({ cause: "unspecified", confidence: 0 });
  });
});
