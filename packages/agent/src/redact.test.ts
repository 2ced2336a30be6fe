import { describe, expect, it } from "vitest";
import { compileUserPatterns, createRedactor, MAX_REDACT_CHARS, REDACTED, redactKeyValues, redactText } from "./redact.js";

const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

describe("redactText: built-in rules", () => {
  it.each<[string, string]>([
    // Bearer / Basic credentials
    ["auth failed: Bearer abc123def456ghi", `auth failed: Bearer ${REDACTED}`],
    ["authorization: bearer 8f3c2a9b1d7e4f60", `authorization: bearer ${REDACTED}`],
    ["BEARER AbCdEfGhIjKlMnOp", `BEARER ${REDACTED}`],
    ["Basic dXNlcjpwYXNzd29yZA==", `Basic ${REDACTED}`],
    ["Basic dXNlcjpwYXNz rejected", `Basic ${REDACTED} rejected`],
    ["Bearer abcdefghijklmnopqrstuvwxyz", `Bearer ${REDACTED}`],
    // JWTs, alone, after Bearer, in a query, cut short by the 123-byte reason limit
    [`token ${JWT} expired`, `token ${REDACTED} expired`],
    [`Bearer ${JWT}`, `Bearer ${REDACTED}`],
    [`jwt:${JWT}`, `jwt:${REDACTED}`],
    ["expired eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwi", `expired ${REDACTED}`],
    ["eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", REDACTED],
    // key=value secrets
    ["GET /chat?access_token=abc123&room=1", `GET /chat?access_token=${REDACTED}&room=1`],
    ["token=xyz", `token=${REDACTED}`],
    ["/ws?token=s3cr3t#frag", `/ws?token=${REDACTED}#frag`],
    ["api_key=AK1234567890 denied", `api_key=${REDACTED} denied`],
    ["apiKey=abc;path=/", `apiKey=${REDACTED};path=/`],
    ["x-api-key=k-123", `x-api-key=${REDACTED}`],
    ["password=hunter2", `password=${REDACTED}`],
    ["db_password='p w d' wrong", `db_password=${REDACTED} wrong`],
    ['PASSWORD="hunter 2"', `PASSWORD=${REDACTED}`],
    ["passwd=x,pwd=y", `passwd=${REDACTED},pwd=${REDACTED}`],
    ["refresh_token=r1&id_token=i2", `refresh_token=${REDACTED}&id_token=${REDACTED}`],
    ["client_secret=cs_42", `client_secret=${REDACTED}`],
    ["X-Amz-Signature=0123abcd&X-Amz-Credential=AKID/2026", `X-Amz-Signature=${REDACTED}&X-Amz-Credential=${REDACTED}`],
    ["sig=abc", `sig=${REDACTED}`],
    ["JSESSIONID=ABCDEF0123; Path=/", `JSESSIONID=${REDACTED}; Path=/`],
    ["user[password]=x", `user[password]=${REDACTED}`],
    ["(token=abc)", `(token=${REDACTED})`],
    ["a=token=x", `a=token=${REDACTED}`],
    ["key=value", `key=${REDACTED}`],
    ["session_id=42 auth=yes", `session_id=${REDACTED} auth=${REDACTED}`],
    // e-mail addresses
    ["user alice.smith+tag@example.co.uk banned", `user ${REDACTED} banned`],
    ["bob@example.com", REDACTED],
    ["<carol_99@mail.example.org>", `<${REDACTED}>`],
    ["from a@b.io and c@d.io", `from ${REDACTED} and ${REDACTED}`],
    ["mail bob@example.com.", `mail ${REDACTED}.`],
    ["bob@example.com2", `${REDACTED}2`],
    ["x@a.bc.d1 y", `${REDACTED}.d1 y`],
    ["a@b@c.io", `a@${REDACTED}`],
    ["ops+alerts@sub-domain.example-corp.io;", `${REDACTED};`],
    // credentials in URLs
    ["upstream https://bob:pw@host.example/x failed", `upstream https://${REDACTED}@host.example/x failed`],
    ["redis://:secret@cache:6379", `redis://${REDACTED}@cache:6379`],
    // well-known API keys
    ["stripe key sk_live_4eC39HqLyjWDarjtT1zdp7dc", `stripe key ${REDACTED}`],
    ["ghp_abcdefghijklmnopqrstuvwxyz0123456789", REDACTED],
    ["xoxb-1234567890-abcdefghij", REDACTED],
    ["aws AKIAIOSFODNN7EXAMPLE", `aws ${REDACTED}`],
  ])("%s", (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    "",
    "rate limit exceeded",
    "Message too big",
    "message too big: 2048 > 1024 bytes",
    "Max payload size exceeded",
    "authentication expired",
    "authentication failed",
    "token expired",
    "invalid token",
    "JWT expired",
    "Bearer token expired",
    "Bearer token required",
    "bearer realm",
    "Basic authentication required",
    "basic plan limit reached",
    "password expired",
    "reset your password",
    "invalid api key",
    "signature mismatch",
    "key rotation in progress",
    "policy violation",
    "origin not allowed",
    "forbidden",
    "server restarting",
    "session replaced",
    "going away",
    "idle timeout",
    "ping timeout after 30000ms",
    "too many message fragments",
    "subscriptions limit exceeded",
    "limit=50 observed=73 windowMs=1000",
    "size=4096 max=1024",
    "monkey=banana",
    "retry after 30s",
    "see https://example.com/docs#1008",
    "wss://chat.example.com/rooms/8f3c",
    "admin@localhost",
    "10@1s",
    "a@.com",
    "@example.com",
    "x@y..com",
    "user@example.c",
    "v1.2.3",
    "heyJude.mp3 not found",
    "eyJ",
    "/chat",
    "/rooms/:id",
    "pod-7",
    "chat-api",
    "1009 évènement trop gros 😀",
  ])("leaves %j alone", (input) => {
    expect(redactText(input)).toBe(input);
  });

  it("is idempotent", () => {
    for (const input of [`Bearer ${JWT}`, "token=abc&x=1", "a@b.io", "https://u:p@h.example"]) {
      const once = redactText(input);
      expect(redactText(once)).toBe(once);
    }
  });

  it("reads at most MAX_REDACT_CHARS characters", () => {
    expect(redactText("x".repeat(MAX_REDACT_CHARS + 100))).toHaveLength(MAX_REDACT_CHARS);
    // Not half a surrogate pair at the cut.
    const cut = redactText(`${"x".repeat(MAX_REDACT_CHARS - 1)}😀`);
    expect(cut).toBe("x".repeat(MAX_REDACT_CHARS - 1));
  });

  it("stays fast on inputs built to make regular expressions backtrack", () => {
    const hostile = [
      "a".repeat(500),
      `${"a".repeat(64)}@`.repeat(7),
      `${"a.".repeat(250)}@`,
      `x@${"a.".repeat(250)}`,
      `x@${"a-".repeat(250)}.`,
      "eyJ".repeat(170),
      `eyJ${"a".repeat(400)}`,
      "=".repeat(500),
      `${"token".repeat(100)}=`,
      "a=".repeat(250),
      "Bearer ".repeat(70),
      `https://${"a".repeat(490)}`,
      `${"://".repeat(160)}@`,
      "sk_live_".repeat(60),
    ];
    const started = performance.now();
    for (let round = 0; round < 20; round++) for (const input of hostile) redactText(input);
    const perCallMs = (performance.now() - started) / (20 * hostile.length);
    // Linear rules take microseconds; a backtracking one takes seconds here.
    expect(perCallMs).toBeLessThan(2);
  });
});

describe("redactKeyValues", () => {
  it("leaves text without a secret key untouched (same string)", () => {
    const text = "limit=50&observed=73";
    expect(redactKeyValues(text)).toBe(text);
  });

  it("redacts to the end of an unterminated quote", () => {
    expect(redactKeyValues('password="abc def')).toBe(`password=${REDACTED}`);
  });

  it("keeps an empty value as it is", () => {
    expect(redactKeyValues("token=&x=1")).toBe("token=&x=1");
  });
});

describe("user patterns", () => {
  it("redacts every match of a user pattern, even one without the g flag", () => {
    const patterns = compileUserPatterns([/\bcust_[0-9]+\b/, /acct-\d{4}/y], []);
    expect(redactText("customer cust_12345 and cust_9 banned", patterns)).toBe(`customer ${REDACTED} and ${REDACTED} banned`);
    expect(redactText("acct-1234 acct-5678", patterns)).toBe(`${REDACTED} ${REDACTED}`);
  });

  it("keeps the pattern's other flags", () => {
    const patterns = compileUserPatterns([/secret-word/i], []);
    expect(redactText("the SECRET-WORD is out", patterns)).toBe(`the ${REDACTED} is out`);
  });

  it("does not insert markers for a pattern that matches the empty string", () => {
    const patterns = compileUserPatterns([/\d*/], []);
    expect(redactText("abc 123 def", patterns)).toBe(`abc ${REDACTED} def`);
  });

  it("refuses anything but an array of at most 32 regular expressions", () => {
    for (const bad of ["x", ["x"], [/a/, 1], Array.from({ length: 33 }, () => /a/)]) {
      const problems: string[] = [];
      expect(compileUserPatterns(bad, problems)).toEqual([]);
      expect(problems).toEqual(["redact must be an array of at most 32 regular expressions"]);
    }
  });
});

describe("createRedactor", () => {
  it("redacts labels the same way as text, remembering them", () => {
    const redactor = createRedactor(compileUserPatterns([/tenant-\d+/], []));
    expect(redactor.label("/t/tenant-42/chat")).toBe(`/t/${REDACTED}/chat`);
    expect(redactor.label("/t/tenant-42/chat")).toBe(`/t/${REDACTED}/chat`);
    expect(redactor.label("pod-7")).toBe("pod-7");
    // Many distinct labels (a route per URL) do not grow memory without bound.
    for (let i = 0; i < 1000; i++) redactor.label(`/rooms/${i}?token=t${i}`);
    expect(redactor.label("/rooms/5?token=t5")).toBe(`/rooms/5?token=${REDACTED}`);
    expect(redactor.text("mail bob@example.com")).toBe(`mail ${REDACTED}`);
  });
});
