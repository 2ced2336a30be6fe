import type { IngestEvent } from "@closewatch/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quantile, sorted } from "../src/insights/stats.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";

const t = (hms: string) => `2026-11-25T${hms}.000Z`;
const FROM = t("10:00:00");
const TO = t("11:00:00");
const range = `from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`;

const tooBig = (overrides: Partial<IngestEvent>) =>
  makeEvent({ occurredAt: t("10:30:00"), code: 1009, initiator: "server", cause: "message_too_big", route: "/upload", ...overrides });

const KIB64 = 65_536;
const MIB = 1_048_576;
/** Sizes against the 64 KiB limit; 131072 sits exactly on a bucket edge (2^17). */
const SIZES_64K = [70_000, 72_000, 80_000, 90_000, 100_000, 131_072];

function traffic(): IngestEvent[] {
  return [
    ...SIZES_64K.map((messageSize) =>
      tooBig({
        sizeLimit: KIB64,
        messageSize,
        // Two sizes are lower bounds; `false` and a string "true" are not.
        evidence:
          messageSize === 80_000 || messageSize === 131_072
            ? { direction: "inbound", sizeIsLowerBound: true }
            : messageSize === 90_000
              ? { direction: "inbound", sizeIsLowerBound: false }
              : messageSize === 100_000
                ? { direction: "inbound", sizeIsLowerBound: "true" }
                : { direction: "inbound" },
      }),
    ),
    tooBig({ sizeLimit: KIB64 }), // no size recorded
    ...[1_100_000, 1_200_000, 1_500_000].map((messageSize) => tooBig({ service: "uploads", route: "/big", sizeLimit: MIB, messageSize })),
    // Rejected by clients: the server's own outbound messages, no limit reported.
    ...[5_000, 9_000].map((messageSize) =>
      tooBig({ initiator: "client", messageSize, evidence: { direction: "outbound", sizeIsEstimate: true, sizeIsLowerBound: true } }),
    ),
    tooBig({}), // neither size nor limit
    // Not counted: other codes, outside the range.
    makeEvent({ occurredAt: t("10:30:00"), code: 1008, cause: "rate_limit", messageSize: 10 }),
    makeEvent({ occurredAt: t("10:31:00"), code: 1008, cause: "rate_limit" }),
    tooBig({ occurredAt: t("11:00:00"), sizeLimit: KIB64, messageSize: 999_999 }),
    tooBig({ occurredAt: t("09:59:59"), sizeLimit: KIB64, messageSize: 999_999 }),
  ];
}

describe.each(ENGINES)("GET /api/sizes on %s", (engine) => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await createTestCollector(engine);
    const res = await c.app.inject({ method: "POST", url: "/v1/events", payload: { events: traffic() } });
    expect(res.statusCode).toBe(202);
  });
  afterAll(() => c?.close());

  const get = async (query: string) => {
    const res = await c.app.inject(`/api/sizes?${range}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("groups 1009 sizes by enforced limit with percentiles, lower bounds and log-scale buckets", async () => {
    expect(await get("")).toEqual({
      range: { from: FROM, to: TO },
      code: 1009,
      total: 13,
      withSize: 11,
      limits: [
        {
          limit: KIB64,
          count: 6,
          p50: 80_000,
          p95: 131_072,
          max: 131_072,
          lowerBoundShare: 2 / 6,
          buckets: [
            { from: 65_536, to: 77_936, count: 2 },
            { from: 77_936, to: 92_682, count: 2 },
            { from: 92_682, to: 110_218, count: 1 },
            { from: 110_218, to: 131_072, count: 0 },
            { from: 131_072, to: 155_872, count: 1 },
          ],
        },
        {
          limit: MIB,
          count: 3,
          p50: 1_200_000,
          p95: 1_500_000,
          max: 1_500_000,
          lowerBoundShare: 0,
          buckets: [
            { from: 1_048_576, to: 1_246_975, count: 2 },
            { from: 1_246_975, to: 1_482_911, count: 0 },
            { from: 1_482_911, to: 1_763_488, count: 1 },
          ],
        },
        {
          limit: null,
          count: 2,
          p50: 5_000,
          p95: 9_000,
          max: 9_000,
          lowerBoundShare: 1,
          buckets: [
            { from: 4_871, to: 5_793, count: 1 },
            { from: 5_793, to: 6_889, count: 0 },
            { from: 6_889, to: 8_192, count: 0 },
            { from: 8_192, to: 9_742, count: 1 },
          ],
        },
      ],
    });
  });

  it("computes percentiles the way the insights do (nearest rank)", async () => {
    const [first] = (await get("")).limits;
    expect([first.p50, first.p95]).toEqual([quantile(sorted(SIZES_64K), 0.5), quantile(sorted(SIZES_64K), 0.95)]);
  });

  it("applies service, route, cause and code filters", async () => {
    const uploads = await get("&service=uploads");
    expect([uploads.total, uploads.withSize, uploads.limits.map((l: { limit: number }) => l.limit)]).toEqual([3, 3, [MIB]]);
    const big = await get("&route=/big");
    expect(big.limits).toEqual(uploads.limits);
    const chat = await get("&service=chat-api&route=/upload");
    expect([chat.total, chat.withSize, chat.limits.map((l: { limit: number | null; count: number }) => [l.limit, l.count])]).toEqual([
      10,
      8,
      [
        [KIB64, 6],
        [null, 2],
      ],
    ]);
    expect((await get("&cause=rate_limit")).total).toBe(0);
    const policy = await get("&code=1008");
    expect(policy).toMatchObject({ code: 1008, total: 2, withSize: 1 });
    expect(policy.limits).toEqual([{ limit: null, count: 1, p50: 10, p95: 10, max: 10, lowerBoundShare: 0, buckets: [{ from: 10, to: 12, count: 1 }] }]);
    expect(await get("&service=nobody")).toMatchObject({ total: 0, withSize: 0, limits: [] });
  });

  it("rejects bad parameters with a validation problem", async () => {
    for (const query of ["code=1", "code=abc", "route=", "to=noon", `from=${encodeURIComponent(TO)}&to=${encodeURIComponent(FROM)}`]) {
      const res = await c.app.inject(`/api/sizes?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe("COLLECTOR_ERR_VALIDATION");
    }
  });
});
