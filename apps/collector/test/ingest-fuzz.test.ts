import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes } from "../src/errors.js";
import { createTestCollector, ENGINES, makeEvent, type TestCollector } from "./support/engines.js";
import { createToken } from "./support/tokens.js";

/*
 * Property-based tests of everything a client controls: the ingest body, its
 * headers and the query strings of the read API. Whatever arrives, the
 * collector answers below 500, every error is problem+json with a documented
 * code and no internals, valid events are stored, and it keeps running.
 * Runs per property are bounded so the file stays under 30 s on both engines.
 */

const README = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
/** The error table of the README: the codes a client may ever see. */
const DOCUMENTED = new Map([...README.matchAll(/^\| `(COLLECTOR_ERR_[A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1]!, Number(m[2])]));

/**
 * What must never reach a client: stack frames, source paths, SQL and driver
 * names. A marker counts only when the request did not contain it itself (a
 * JSON syntax error quotes the bad input back, which is fine).
 */
const INTERNALS = [
  /\n\s+at\s/,
  /node:internal/,
  /node_modules/,
  /file:\/\//,
  /\/work\//,
  /\.[cm]?[jt]s:\d+/,
  /close_events|close_rollups|_prisma_migrations/,
  /ON CONFLICT|unnest\(|syntax error at or near|::timestamptz|::uuid/i,
  /prisma|pglite|\bpg-protocol\b|PrismaClient/i,
];

/**
 * Runs per property. CLOSEWATCH_FUZZ_RUNS_FACTOR multiplies them for a longer
 * hunt than CI's (`CLOSEWATCH_FUZZ_RUNS_FACTOR=20 npx vitest run test/ingest-fuzz.test.ts`);
 * a failure prints its seed and path, which fc.assert replays.
 */
const RUNS_FACTOR = Math.max(1, Number(process.env.CLOSEWATCH_FUZZ_RUNS_FACTOR) || 1);
const RUNS: Record<string, number> = { PGlite: 250 * RUNS_FACTOR, PostgreSQL: 80 * RUNS_FACTOR };

/** What each kind of input did, written to test-results/ingest-fuzz.json for the record. */
const stats: Record<string, { runs: number; statuses: Record<number, number> }> = {};
let crashes = 0;
const onCrash = () => crashes++;

const pick = <T>(...values: T[]) => fc.constantFrom(...values);

// --- pieces of events -------------------------------------------------------

const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
const text = (max: number) => fc.oneof(fc.string({ maxLength: max }), fc.string({ maxLength: max, unit: "binary" }));
const count = fc.oneof(fc.nat(), fc.constant(0), fc.constant(Number.MAX_SAFE_INTEGER));

/** An event that must be stored. */
const validEvent = fc.record(
  {
    id: fc.uuid(),
    occurredAt: isoDate,
    service: fc.string({ minLength: 1, maxLength: 100, unit: "binary" }),
    instance: text(200),
    route: text(200),
    code: fc.integer({ min: 1000, max: 4999 }),
    // A close frame's reason: 123 UTF-8 bytes, not characters.
    reason: text(123).filter((r) => Buffer.byteLength(r, "utf8") <= 123),
    initiator: pick("server", "client", "none"),
    cause: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
    wsErrorCode: pick("WS_ERR_UNSUPPORTED_MESSAGE_LENGTH", "WS_ERR_INVALID_UTF8", "X"),
    messageSize: count,
    sizeLimit: count,
    connectionAgeMs: count,
    messagesIn: count,
    messagesOut: count,
    bytesIn: count,
    bytesOut: count,
    evidence: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), text(200)), {
      maxKeys: 16,
    }),
  },
  { requiredKeys: ["id", "occurredAt", "service", "code", "reason", "initiator", "connectionAgeMs", "messagesIn", "messagesOut", "bytesIn", "bytesOut"] },
);

/** Changes that make any event invalid, whatever else it holds. */
const breakage = fc.oneof(
  pick<[string, unknown]>(
    ["code", 999],
    ["code", 5000],
    ["code", 1000.5],
    ["initiator", "proxy"],
    ["reason", "x".repeat(124)],
    ["service", ""],
    ["id", "urn:uuid:0b7e0b8e-8f1e-4a55-9d8e-2f4f2a1d9c11"],
    ["id", "not-a-uuid"],
    ["occurredAt", "2016-12-31T23:59:60Z"],
    ["occurredAt", "2024-02-30T00:00:00Z"],
    ["occurredAt", "0000-01-01T00:00:00Z"],
    ["occurredAt", "0001-01-01T00:00:00+01:00"],
    ["occurredAt", "9999-12-31T23:59:59-23:59"],
    ["occurredAt", "yesterday"],
    ["bytesIn", -1],
    ["bytesIn", 2 ** 53],
    ["messagesIn", "many"],
    ["cause", "Rate Limit!"],
    ["colour", "red"],
    ["constructor", { prototype: { polluted: true } }],
    ["evidence", { "bad key": 1 }],
    ["evidence", { deep: { deeper: 1 } }],
  ),
);

/** Values of every type and shape, to put where a field should be. */
const weird: fc.Arbitrary<unknown> = fc.oneof(
  pick<unknown>(null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 64, "", " ", "NaN", "Infinity", "-Infinity", "1e400", "-0", "1e308", "0x10", "1008", "true", "null"),
  pick("2016-12-31T23:59:60Z", "2024-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00Z", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01t00:00:00z", "2024-01-01T00:00:00+0530"),
  pick("__proto__", "constructor", "prototype", "<script>alert(1)</script>", "'; DROP TABLE close_events; --", "\u0000", "\ud800", "\udc00x", "a\u0000b", "%00", "\\u0000"),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 50, unit: "binary" }),
  fc.string16bits({ maxLength: 50 }),
  fc.constant("x".repeat(70_000)),
  fc.constant("é".repeat(124)),
  fc.constant("😀".repeat(123)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.nat({ max: 200 }).map((depth) => nest(depth)),
);

function nest(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Prototype-pollution and other unusual keys, set as own properties (a computed key does not call the __proto__ setter). */
const extraFields = fc.dictionary(pick("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "extra", "évènement", ""), weird, {
  maxKeys: 3,
});

function withOwn(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(extra)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** Shaped almost like an event: each field valid or replaced, sometimes missing, sometimes with extra keys. */
const almostEvent = fc
  .tuple(
    validEvent,
    fc.dictionary(pick("id", "occurredAt", "service", "instance", "route", "code", "reason", "initiator", "cause", "wsErrorCode", "messageSize", "bytesIn", "connectionAgeMs", "evidence"), weird, { maxKeys: 4 }),
    fc.subarray(["id", "occurredAt", "service", "code", "reason", "initiator", "bytesOut"], { maxLength: 2 }),
    extraFields,
  )
  .map(([event, replaced, removed, extra]) => {
    const out: Record<string, unknown> = { ...event, ...replaced };
    for (const key of removed) delete out[key];
    return withOwn(out, extra);
  });

/** Shaped almost like a batch: the envelope itself may be wrong too. */
const almostBatch: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(almostEvent, validEvent, weird), { minLength: 1, maxLength: 12 }).map((events) => ({ events })) },
  { weight: 1, arbitrary: fc.tuple(fc.array(almostEvent, { minLength: 1, maxLength: 3 }), extraFields).map(([events, extra]) => withOwn({ events }, extra)) },
  { weight: 1, arbitrary: weird.map((events) => ({ events })) },
  { weight: 1, arbitrary: pick({ events: [] }, { events: Array.from({ length: 5001 }, () => ({})) }, { events: null }, {}, []) },
);

/** A rule the API accepts, for the alert rule properties to bend. */
const validRule = {
  name: "fuzz",
  codes: [1009],
  windowSeconds: 300,
  threshold: { kind: "count", value: 10 },
  minEvents: 1,
  forSeconds: 0,
  cooldownSeconds: 0,
  enabled: false,
};

/** An alert rule body: valid values of each field, or weird ones, sometimes missing, sometimes with extra keys. */
const almostRule = fc
  .tuple(
    fc.record(
      {
        name: fc.oneof(text(100), fc.string({ minLength: 1, maxLength: 100, unit: "binary" })),
        codes: fc.uniqueArray(fc.integer({ min: 1000, max: 4999 }), { minLength: 1, maxLength: 20 }),
        cause: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
        service: fc.string({ minLength: 1, maxLength: 100, unit: "binary" }),
        windowSeconds: fc.integer({ min: 60, max: 86_400 }),
        threshold: fc.oneof(
          fc.record({ kind: fc.constant("count"), value: fc.integer({ min: 1, max: 1_000_000 }) }),
          fc.record({ kind: fc.constant("factor"), value: fc.double({ min: 1, max: 100, noNaN: true }), baselineSeconds: fc.integer({ min: 60, max: 7 * 86_400 }) }),
        ),
        minEvents: fc.integer({ min: 1, max: 1000 }),
        forSeconds: fc.integer({ min: 0, max: 3600 }),
        cooldownSeconds: fc.integer({ min: 0, max: 7 * 86_400 }),
        target: fc.record({ url: fc.oneof(fc.webUrl(), fc.string({ maxLength: 60, unit: "binary" }).map((t) => `http://x/${t}`)), format: pick("json", "slack") }),
        enabled: fc.constant(false),
      },
      { requiredKeys: ["name", "codes", "windowSeconds", "threshold", "minEvents", "forSeconds", "cooldownSeconds", "enabled"] },
    ),
    fc.dictionary(pick("name", "codes", "cause", "service", "windowSeconds", "threshold", "minEvents", "target", "enabled"), weird, { maxKeys: 2 }),
    extraFields,
  )
  .map(([rule, replaced, extra]) => withOwn({ ...rule, ...replaced }, extra));

function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? "null";
}

// --- the properties ---------------------------------------------------------

describe.each(ENGINES)("ingest and queries under arbitrary input on %s", (engine) => {
  let c: TestCollector;
  const numRuns = RUNS[engine]!;

  beforeAll(async () => {
    process.on("unhandledRejection", onCrash);
    process.on("uncaughtException", onCrash);
    // No rate limits (rate-limit.test.ts tests them): a longer hunt sends more than a minute's budget.
    c = await createTestCollector(engine, { CLOSEWATCH_RATE_LIMIT_INGEST_PER_MIN: "0", CLOSEWATCH_RATE_LIMIT_READ_PER_MIN: "0" });
  });
  afterAll(async () => {
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
    await c?.close();
  });

  /** The answer's invariants, whatever the input. */
  function expectSafeAnswer(kind: string, res: LightMyRequestResponse, request: string): void {
    const entry = (stats[`${engine} ${kind}`] ??= { runs: 0, statuses: {} });
    entry.runs++;
    entry.statuses[res.statusCode] = (entry.statuses[res.statusCode] ?? 0) + 1;
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    if (res.statusCode < 300) return;
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(DOCUMENTED.get(body.code), `${body.code} is not in the README's error table`).toBe(res.statusCode);
    expect(body.status).toBe(res.statusCode);
    for (const marker of INTERNALS) {
      if (!marker.test(request)) expect(res.body, `internal detail ${marker} in ${res.body.slice(0, 300)}`).not.toMatch(marker);
    }
  }

  const post = (payload: string | Buffer, headers: Record<string, string> = {}) =>
    c.app.inject({ method: "POST", url: "/v1/events", headers: { "content-type": "application/json", ...headers }, payload });

  async function storedIds(ids: string[]): Promise<Set<string>> {
    const rows = await c.db.query<{ id: string }>("SELECT id::text AS id FROM close_events WHERE id = ANY($1::uuid[])", [ids]);
    return new Set(rows.map((r) => r.id));
  }

  it("answers arbitrary JSON values below 500, with problem+json", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const body = jsonText(value);
        expectSafeAnswer("arbitrary JSON", await post(body), body);
      }),
      { numRuns },
    );
  });

  it("answers batches shaped almost like valid ones below 500, and stores every event it does not reject", async () => {
    await fc.assert(
      fc.asyncProperty(almostBatch, async (batch) => {
        const body = jsonText(batch);
        const res = await post(body);
        expectSafeAnswer("almost-valid batch", res, body);
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (res.statusCode !== 202) return;
        const events = (batch as { events: Record<string, unknown>[] }).events;
        const answer = res.json() as { accepted: number; duplicates: number; rejected?: { index: number }[] };
        const rejected = new Set((answer.rejected ?? []).map((r) => r.index));
        expect(answer.accepted + answer.duplicates + rejected.size).toBe(events.length);
        const kept = events
          .filter((_e, i) => !rejected.has(i))
          .map((e) => e.id)
          .filter((id): id is string => typeof id === "string");
        const stored = await storedIds(kept);
        for (const id of kept) expect(stored.has(id.toLowerCase()), `accepted ${id} is not stored`).toBe(true);
      }),
      { numRuns },
    );
  });

  it("stores exactly the valid events of a mixed batch and lists the others by index", async () => {
    const entry = fc.oneof(
      validEvent.map((event) => ({ event: event as Record<string, unknown>, valid: true })),
      fc.tuple(validEvent, breakage).map(([event, [key, value]]) => ({ event: withOwn({ ...event }, { [key]: value }), valid: false })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 20 }), async (entries) => {
        // Fresh ids: fast-check shrinks uuids towards one value, which an earlier run may have stored.
        for (const e of entries) if (typeof e.event.id === "string" && !e.event.id.startsWith("urn:") && e.event.id !== "not-a-uuid") e.event.id = randomUUID();
        const body = jsonText({ events: entries.map((e) => e.event) });
        const res = await post(body);
        expectSafeAnswer("mixed batch", res, body);
        const ids = entries.map((e) => String(e.event.id));
        const stored = await storedIds(ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)));
        const invalidIndexes = entries.flatMap((e, i) => (e.valid ? [] : [i]));
        if (body.includes('"constructor":{"prototype"')) {
          // The JSON parser refuses prototype-poisoning bodies as a whole (secure-json-parse).
          expect(res.json().code).toBe("COLLECTOR_ERR_MALFORMED_BODY");
          expect(stored.size).toBe(0);
          return;
        }
        if (invalidIndexes.length === entries.length) {
          expect(res.statusCode).toBe(400);
          expect(res.json().code).toBe("COLLECTOR_ERR_VALIDATION");
        } else {
          expect(res.statusCode, res.body).toBe(202);
          const answer = res.json();
          expect(answer.accepted + answer.duplicates).toBe(entries.length - invalidIndexes.length);
          expect((answer.rejected ?? []).map((r: { index: number }) => r.index)).toEqual(invalidIndexes);
          for (const r of answer.rejected ?? []) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(e.path.startsWith(`body/events/${r.index}`)).toBe(true);
          }
        }
        entries.forEach((e, i) => expect(stored.has(ids[i]!.toLowerCase()), `event ${i} (valid: ${e.valid})`).toBe(e.valid));
      }),
      { numRuns },
    );
  });

  it("answers random bytes and arbitrary gzip streams below 500", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue({ maxDepth: 4 }).map((v) => gzipSync(jsonText(v))),
      almostBatch.map((v) => gzipSync(jsonText(v))),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat()).map(([bytes, cut]) => {
        const gz = gzipSync(JSON.stringify({ events: [makeEvent()] }));
        const at = cut % gz.length;
        return Buffer.concat([gz.subarray(0, at), Buffer.from(bytes)]);
      }),
    );
    await fc.assert(
      fc.asyncProperty(body, pick("gzip", "GZIP", "x-gzip", "deflate", "br", "identity", "gzip, gzip", ""), async (payload, encoding) => {
        const res = await post(payload, encoding ? { "content-encoding": encoding } : {});
        expectSafeAnswer("bytes with content-encoding", res, payload.toString("latin1"));
      }),
      { numRuns },
    );
  });

  it("answers wrong content types below 500", async () => {
    const type = fc.oneof(
      pick(
        "text/plain",
        "text/html",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/octet-stream",
        "application/json; charset=utf-16",
        "application/json; charset=latin1",
        "application/jsonx",
        "application/problem+json",
        "APPLICATION/JSON",
        "application/*",
        "*/*",
        "json",
        "",
      ),
      fc.string({ maxLength: 40, unit: "grapheme-ascii" }).map((s) => s.replace(/[\r\n]/g, "")),
    );
    const body = fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 3 }).map(jsonText), fc.string({ maxLength: 200, unit: "binary" }));
    await fc.assert(
      fc.asyncProperty(type, body, async (contentType, payload) => {
        const events = payload ?? JSON.stringify({ events: [makeEvent()] });
        const res = await c.app.inject({ method: "POST", url: "/v1/events", headers: contentType ? { "content-type": contentType } : {}, payload: events });
        expectSafeAnswer("content type", res, `${contentType} ${events}`);
      }),
      { numRuns },
    );
  });

  it("answers arbitrary query strings on the read API below 500", async () => {
    const key = fc.oneof(
      { weight: 5, arbitrary: pick("from", "to", "service", "route", "code", "cause", "initiator", "q", "limit", "cursor", "bucketSeconds") },
      { weight: 1, arbitrary: fc.oneof(pick("__proto__", "constructor", "from[]", "code[0]", ""), fc.string({ maxLength: 10 })) },
    );
    const value = fc.oneof(
      pick("2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-23:59", "1970-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
      pick("\u0000", "a\u0000b", "\ud800", "%", "_", "\\", "'", "1008", "1e308", "-0", "NaN", "10", "86400", "500", "501", "0", "Infinity", "-Infinity", "1e400", "server", "eyJ0IjoiMDAwMC0wMS0wMVQwMDowMDowMC4wMDBaIiwiaWQiOiIwYjdlMGI4ZS04ZjFlLTRhNTUtOWQ4ZS0yZjRmMmExZDljMTEifQ"),
      isoDate,
      fc.string({ maxLength: 40, unit: "binary" }),
      fc.string16bits({ maxLength: 20 }),
      fc.constant("q".repeat(5000)),
    );
    const raw = fc.oneof(pick("%", "%zz", "%E0%A4%A", "&&", "=", "a=b=c", "%00", "%C0%80", "+"), fc.string({ maxLength: 20, unit: "grapheme-ascii" }));
    const pair = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(key, value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, "?"))}`) },
      { weight: 1, arbitrary: raw.map((r) => r.replace(/[#\s]/g, "")) },
    );
    const path = fc.oneof(
      { weight: 4, arbitrary: pick("/api/events", "/api/summary") },
      { weight: 2, arbitrary: pick("/api/timeseries", "/api/services", "/api/sizes", "/api/insights") },
      { weight: 1, arbitrary: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })).map((id) => `/api/events/${encodeURIComponent(id)}`) },
    );
    await fc.assert(
      fc.asyncProperty(path, fc.array(pair, { maxLength: 6 }), async (path, pairs) => {
        const url = `${path}?${pairs.join("&")}`;
        const res = await c.app.inject({ method: "GET", url });
        expectSafeAnswer(`query ${path.startsWith("/api/events/") ? "/api/events/{id}" : path}`, res, decodeURIComponentSafe(url));
      }),
      {
        numRuns,
        // Each was a 500 (or, for the series, an out-of-memory crash) before it was fixed.
        examples: [
          ["/api/events", ["route=%00"]],
          ["/api/summary", ["service=a%00b"]],
          ["/api/events", ["q=%00"]],
          ["/api/events", ["from=2016-12-31T23%3A59%3A60Z"]],
          ["/api/summary", ["to=0001-01-01T00%3A30%3A00%2B01%3A00"]],
          ["/api/timeseries", ["from=2000-01-01T00%3A00%3A00Z", "to=2030-01-01T00%3A00%3A00Z", "bucketSeconds=10"]],
          ["/api/timeseries", ["from=0001-01-01T00%3A00%3A00Z", "to=9999-12-31T00%3A00%3A00Z"]],
          // Coerced to Infinity, past the schema's bounds (seed -893616790 found it in an event's messageSize).
          ["/api/timeseries", ["bucketSeconds=Infinity"]],
          ["/api/sizes", ["code=Infinity"]],
          // A cursor at year 0000 (CI, seed -479980437).
          ["/api/events", ["cursor=eyJ0IjoiMDAwMC0wMS0wMVQwMDowMDowMC4wMDBaIiwiaWQiOiIwYjdlMGI4ZS04ZjFlLTRhNTUtOWQ4ZS0yZjRmMmExZDljMTEifQ"]],
        ],
      },
    );
  });

  it("answers arbitrary alert rule bodies (create and replace) and sign-in bodies below 500", async () => {
    const existing = (
      await c.app.inject({
        method: "POST",
        url: "/api/alerts/rules",
        payload: { ...validRule, name: "fuzz target" },
      })
    ).json() as { id: string };
    const request = fc.oneof(
      { weight: 3, arbitrary: almostRule.map((body) => ({ method: "POST" as const, url: "/api/alerts/rules", body })) },
      { weight: 2, arbitrary: almostRule.map((body) => ({ method: "PUT" as const, url: `/api/alerts/rules/${existing.id}`, body })) },
      { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), almostRule).map(([id, body]) => ({ method: "PUT" as const, url: `/api/alerts/rules/${encodeURIComponent(id)}`, body })) },
      { weight: 1, arbitrary: fc.oneof(weird, fc.record({ token: weird })).map((body) => ({ method: "POST" as const, url: "/api/session", body })) },
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ method, url, body }) => {
        const payload = jsonText(body);
        const res = await c.app.inject({ method, url, headers: { "content-type": "application/json" }, payload });
        expectSafeAnswer(`${method} ${url.startsWith("/api/alerts/rules/") ? "/api/alerts/rules/{id}" : url}`, res, decodeURIComponentSafe(`${url} ${payload}`));
      }),
      {
        numRuns,
        // Each was a 500 before it was fixed: PostgreSQL text cannot hold U+0000.
        examples: [
          [{ method: "POST", url: "/api/alerts/rules", body: { ...validRule, name: "a\u0000b" } }],
          [{ method: "PUT", url: `/api/alerts/rules/${existing.id}`, body: { ...validRule, service: "\ud800" } }],
        ],
      },
    );
    expect((await c.app.inject(`/api/alerts/rules/${existing.id}`)).statusCode).toBe(200);
  });

  it("still works afterwards: a valid batch is stored and the database is ready", async () => {
    const event = makeEvent({ id: randomUUID() });
    const res = await post(JSON.stringify({ events: [event] }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await c.app.inject("/readyz")).statusCode).toBe(200);
    expect((await c.app.inject(`/api/events/${event.id}`)).json()).toMatchObject({ id: event.id });
    expect(crashes).toBe(0);
  });
});

describe("random credentials (PGlite, CLOSEWATCH_AUTH=required)", () => {
  let c: TestCollector;
  let token: string;
  beforeAll(async () => {
    process.on("unhandledRejection", onCrash);
    process.on("uncaughtException", onCrash);
    c = await createTestCollector("PGlite", { CLOSEWATCH_AUTH: "required" });
    token = await createToken(c.db, "fuzz", "read");
  });
  afterAll(async () => {
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
    await c?.close();
  });

  it("answers any Authorization header and Cookie below 500, with a documented problem, and never lets a wrong one in", async () => {
    const headerText = fc.string({ maxLength: 80, unit: "grapheme-ascii" }).map((s) => s.replace(/[\r\n]/g, ""));
    const secret = fc.oneof(
      headerText,
      fc.constant(""),
      fc.constant("x".repeat(600)),
      fc.stringMatching(/^cw_[A-Za-z0-9_-]{43}$/),
      fc.stringMatching(/^cws_[A-Za-z0-9_-]{43}$/),
      fc.constant("valid"),
    );
    const authorization = fc.oneof(
      fc.constant(undefined),
      secret.map((s) => `Bearer ${s}`),
      fc.tuple(pick("bearer", "BEARER", "Basic", "Token", "Bearer\t", ""), secret).map(([scheme, s]) => `${scheme} ${s}`),
      headerText,
    );
    const cookie = fc.oneof(
      fc.constant(undefined),
      secret.map((s) => `closewatch_session=${s}`),
      fc.tuple(headerText, secret).map(([name, s]) => `${name.replace(/[=;\s]/g, "") || "x"}=${s}; closewatch_session=${s}`),
      headerText,
    );
    const route = pick("/api/summary", "/api/events", "/metrics", "/api/session", "/v1/events", "/api/alerts/rules", "/api/nothing", "/healthz");
    await fc.assert(
      fc.asyncProperty(authorization, cookie, route, pick("GET", "POST", "DELETE"), async (auth, cookieHeader, url, method) => {
        const headers: Record<string, string> = {};
        const realAuth = auth?.replace(/ valid$/, ` ${token}`);
        if (realAuth !== undefined) headers.authorization = realAuth;
        if (cookieHeader !== undefined) headers.cookie = cookieHeader;
        const res = await c.app.inject({
          method,
          url,
          headers: method === "POST" ? { ...headers, "content-type": "application/json" } : headers,
          ...(method === "POST" ? { payload: url === "/api/session" ? { token: "cw_nope" } : { events: [makeEvent()] } } : {}),
        });
        expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
          expect(DOCUMENTED.get(res.json().code)).toBe(res.statusCode);
        }
        expect(res.body).not.toContain(token);
        // Only the real read token (exactly as a bearer header) or an open route can get a 2xx.
        const open = url === "/healthz" || url === "/api/session";
        if (res.statusCode < 300 && !open) {
          // The scheme is case-insensitive (RFC 9110); the token is not.
          expect(realAuth, `${method} ${url} answered ${res.statusCode}`).toMatch(new RegExp(`^bearer[ \\t]+${token}$`, "i"));
        }
      }),
      { numRuns: 300 * RUNS_FACTOR },
    );
    expect(crashes).toBe(0);
  });
});

describe("the documented error codes", () => {
  it("are exactly the ones the collector can answer with (README error table = errors.ts)", () => {
    const fromCode = Object.entries(ErrorCodes).map(([code, { status }]) => [`COLLECTOR_ERR_${code}`, status]);
    expect([...DOCUMENTED.entries()].sort()).toEqual(fromCode.sort());
  });

  afterAll(async () => {
    const dir = join(import.meta.dirname, "../../../test-results");
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "ingest-fuzz.json"), `${JSON.stringify({ crashes, stats }, null, 2)}\n`);
  });
});

function decodeURIComponentSafe(text: string): string {
  try {
    return `${text} ${decodeURIComponent(text)}`;
  } catch {
    return text;
  }
}
