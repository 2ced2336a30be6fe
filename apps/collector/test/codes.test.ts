import { afterAll, beforeAll, expect, it } from "vitest";
import type { CodesResponse } from "@closewatch/protocol";
import { createTestCollector, type TestCollector } from "./support/engines.js";

let c: TestCollector;
beforeAll(async () => {
  c = await createTestCollector("PGlite");
});
afterAll(() => c?.close());

it("serves the knowledge base: every RFC code, the families, and the causes of 1008 and 1009", async () => {
  const res = await c.app.inject("/api/codes");
  expect(res.statusCode).toBe(200);
  expect(res.headers["cache-control"]).toBe("public, max-age=3600");
  const { codes } = res.json() as CodesResponse;
  for (let code = 1000; code <= 1015; code++) expect(codes.some((e) => e.from <= code && code <= e.to)).toBe(true);
  expect(new Set(codes.map((e) => e.family))).toEqual(new Set(["rfc6455", "iana", "private", "graphql-ws", "centrifugo", "discord", "pusher"]));
  const byCode = (code: number) => codes.find((e) => e.from === code && e.to === code && e.family === "rfc6455")!;
  expect(byCode(1006).onWire).toBe(false);
  expect(byCode(1008).causes.map((c) => c.id)).toContain("rate_limit");
  expect(byCode(1009).causes.map((c) => c.id)).toEqual(["message_too_big", "frame_too_big", "decompressed_too_big", "unspecified"]);
});
