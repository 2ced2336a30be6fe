import { describe, expect, it } from "vitest";
import { readBufferedParts, readDeflateNegotiated, readDeflateOffered, readInboundSize } from "./ws-internals.js";

// Branches the real-socket guards (test/ws-internals.test.ts) cannot reach:
// internals that are gone, or limits only the server options know.

const socketWith = (receiver: Record<string, unknown> | undefined): object => ({ _receiver: receiver });

describe("readInboundSize", () => {
  it("is undefined when the receiver or its fields are gone", () => {
    expect(readInboundSize({}, 1024)).toBeUndefined();
    expect(readInboundSize(socketWith({ _totalPayloadLength: 5000 }), 1024)).toBeUndefined();
    expect(readInboundSize(socketWith({ _totalPayloadLength: "5000", _fin: true, _compressed: false }), 1024)).toBeUndefined();
  });

  it("falls back to the server's maxPayload when the receiver's is unreadable", () => {
    const receiver = { _totalPayloadLength: 40, _payloadLength: 40, _fin: true, _compressed: true, _messageLength: 0 };
    expect(readInboundSize(socketWith(receiver), 1024)).toMatchObject({ messageSize: 1025, whileInflating: true });
    // Without any limit a compressed message cannot be placed.
    expect(readInboundSize(socketWith(receiver), undefined)).toBeUndefined();
    // An uncompressed one can: only the wire path exists.
    expect(readInboundSize(socketWith({ ...receiver, _compressed: false }), undefined)).toMatchObject({ messageSize: 40, whileInflating: false });
  });
});

describe("readBufferedParts", () => {
  it("is undefined when neither limit explains the error", () => {
    expect(readBufferedParts({})).toBeUndefined();
    expect(readBufferedParts(socketWith({ _numFragments: 3, _maxFragments: 4, _buffers: [], _maxBufferedChunks: 2 }))).toBeUndefined();
  });
});

describe("deflate", () => {
  it("reads the negotiated extensions, and the server option as a fallback", () => {
    expect(readDeflateNegotiated({ extensions: "permessage-deflate" }, undefined)).toBe(true);
    expect(readDeflateNegotiated({ extensions: "x-custom, permessage-deflate" }, undefined)).toBe(true);
    expect(readDeflateNegotiated({ extensions: "permessage-deflate-v2" }, undefined)).toBe(false);
    expect(readDeflateNegotiated({}, false)).toBe(false);
    expect(readDeflateNegotiated({}, true)).toBeUndefined();
    expect(readDeflateOffered({ options: { perMessageDeflate: false } })).toBe(false);
    expect(readDeflateOffered({ options: { perMessageDeflate: { threshold: 0 } } })).toBe(true);
    expect(readDeflateOffered({})).toBeUndefined();
  });
});
