/**
 * What each `ws` receiver error means for the close it causes (ws 8, lib/receiver.js).
 * The enforcing side closes with `code` but its own 'close' event says 1006.
 */
export const WS_ERROR_CLOSES: Readonly<Record<string, { code: number; cause: string }>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: { code: 1009, cause: "message_too_big" },
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: { code: 1009, cause: "frame_too_big" },
  WS_ERR_TOO_MANY_BUFFERED_PARTS: { code: 1008, cause: "fragment_flood" },
  WS_ERR_INVALID_UTF8: { code: 1007, cause: "invalid_payload" },
  WS_ERR_INVALID_OPCODE: { code: 1002, cause: "protocol_error" },
  WS_ERR_EXPECTED_MASK: { code: 1002, cause: "protocol_error" },
  WS_ERR_UNEXPECTED_MASK: { code: 1002, cause: "protocol_error" },
  WS_ERR_UNEXPECTED_RSV_1: { code: 1002, cause: "protocol_error" },
  WS_ERR_UNEXPECTED_RSV_2_3: { code: 1002, cause: "protocol_error" },
  WS_ERR_EXPECTED_FIN: { code: 1002, cause: "protocol_error" },
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: { code: 1002, cause: "protocol_error" },
  WS_ERR_INVALID_CLOSE_CODE: { code: 1002, cause: "protocol_error" },
};
