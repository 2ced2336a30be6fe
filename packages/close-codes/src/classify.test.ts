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
});
