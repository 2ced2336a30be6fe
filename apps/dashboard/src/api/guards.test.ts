import type { Insight } from "@closewatch/protocol";
import { describe, expect, it } from "vitest";
import { CODES } from "../features/codes/fixtures.js";
import { isCodesResponse, isInsightsResponse, isServicesResponse } from "./guards.js";

const insight: Insight = {
  id: "size_limit:1009:message_too_big",
  kind: "size_limit",
  title: "Uploads hit the 64 KiB limit",
  severity: "critical",
  code: 1009,
  cause: "message_too_big",
  eventsAffected: 42,
  summary: "42 closes: messages of 70–200 KiB against a 64 KiB `maxPayload`.",
  facts: [{ key: "limit", label: "Limit", value: 65_536, unit: "bytes" }],
  fixSteps: ["Raise `maxPayload`."],
  places: [{ service: "chat-api", route: null, count: 42 }],
  histogram: { unit: "bytes", buckets: [{ from: 65_536, to: 131_072, count: 42 }], marker: { label: "limit", value: 65_536 } },
};
const body = (insights: unknown[]) => ({ range: { from: "a", to: "b" }, insights });

describe("isInsightsResponse", () => {
  it("accepts a full answer, and one without the optional parts", () => {
    expect(isInsightsResponse(body([insight]))).toBe(true);
    const { histogram: _, ...bare } = insight;
    expect(isInsightsResponse(body([{ ...bare, since: "2025-01-01T00:00:00.000Z" }]))).toBe(true);
    expect(isInsightsResponse(body([]))).toBe(true);
  });

  it("accepts kinds and severities this build does not know (the card falls back)", () => {
    expect(isInsightsResponse(body([{ ...insight, kind: "new_kind", severity: "notice" }]))).toBe(true);
  });

  it("rejects what the card could not render", () => {
    expect(isInsightsResponse(body([{ ...insight, facts: [{ key: "x", label: "X", value: "64" }] }]))).toBe(false);
    expect(isInsightsResponse(body([{ ...insight, fixSteps: [1] }]))).toBe(false);
    expect(isInsightsResponse(body([{ ...insight, places: [{ service: "a", count: 1 }] }]))).toBe(false);
    expect(isInsightsResponse(body([{ ...insight, histogram: { unit: "bytes", buckets: [{ from: 1 }] } }]))).toBe(false);
    expect(isInsightsResponse({ insights: [] })).toBe(false);
  });
});

describe("isCodesResponse", () => {
  it("accepts the knowledge base", () => {
    expect(isCodesResponse({ codes: CODES })).toBe(true);
  });

  it("rejects entries without their causes or advice", () => {
    expect(isCodesResponse({ codes: [{ ...CODES[0], causes: [{ id: "x" }] }] })).toBe(false);
    expect(isCodesResponse({ codes: [{ ...CODES[0], onWire: "yes" }] })).toBe(false);
    expect(isCodesResponse([])).toBe(false);
  });
});

describe("isServicesResponse", () => {
  const row = {
    service: "chat-api",
    route: "/chat",
    total: 6,
    perMinute: 0.1,
    byCode: [{ code: 1009, count: 3 }],
    topCause: { code: 1009, cause: "message_too_big", count: 3 },
  };
  const answer = (rows: unknown[]) => ({ range: { from: "a", to: "b" }, rows });

  it("accepts rows with and without a route and a top cause", () => {
    expect(isServicesResponse(answer([row, { ...row, route: null, topCause: null }]))).toBe(true);
    expect(isServicesResponse(answer([]))).toBe(true);
  });

  it("rejects what the table could not render", () => {
    expect(isServicesResponse(answer([{ ...row, route: undefined }]))).toBe(false);
    expect(isServicesResponse(answer([{ ...row, perMinute: "0.1" }]))).toBe(false);
    expect(isServicesResponse(answer([{ ...row, byCode: [{ code: 1009 }] }]))).toBe(false);
    expect(isServicesResponse(answer([{ ...row, topCause: { code: 1009, count: 3 } }]))).toBe(false);
    expect(isServicesResponse({ rows: [row] })).toBe(false);
  });
});
