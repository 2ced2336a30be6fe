import { describe, expect, it } from "vitest";
import { causesForCode } from "../causes.js";
import { describeCause, describeCode, listCodes } from "./registry.js";

const ids = (code: number) => describeCode(code).causes.map((c) => c.id);

describe("listCodes", () => {
  it("is sorted by from, narrower entries first", () => {
    const codes = listCodes();
    for (let i = 1; i < codes.length; i++) {
      const a = codes[i - 1]!;
      const b = codes[i]!;
      expect(a.from < b.from || (a.from === b.from && a.to - a.from <= b.to - b.from), `${a.name} before ${b.name}`).toBe(true);
    }
  });

  it("has a single-code entry for every code from 1000 to 1015", () => {
    for (let code = 1000; code <= 1015; code++) {
      expect(listCodes().some((e) => e.from === code && e.to === code), String(code)).toBe(true);
    }
  });

  it("covers 1016–2999, 3000–3999 and 4000–4999 with ranges", () => {
    const has = (from: number, to: number) => listCodes().some((e) => e.from === from && e.to === to);
    expect(has(1016, 2999)).toBe(true);
    expect(has(3000, 3999)).toBe(true);
    expect(has(4000, 4999)).toBe(true);
  });

  it("stays within the 1000–4999 bounds of the protocol's CodeInfo schema", () => {
    for (const entry of listCodes()) {
      expect(entry.from).toBeGreaterThanOrEqual(1000);
      expect(entry.to).toBeLessThanOrEqual(4999);
      expect(entry.from).toBeLessThanOrEqual(entry.to);
    }
  });

  it("lists for every entry exactly the causes causesForCode allows, each explained", () => {
    for (const entry of listCodes()) {
      expect(entry.causes.map((c) => c.id), entry.name).toEqual([...causesForCode(entry.from)]);
      for (const cause of entry.causes) {
        expect(cause.title.trim(), `${entry.name}/${cause.id}`).not.toBe("");
        expect(cause.description.trim(), `${entry.name}/${cause.id}`).not.toBe("");
        expect(cause.fixHints.length, `${entry.name}/${cause.id}`).toBeGreaterThan(0);
      }
      expect(entry.meaning.trim()).not.toBe("");
      expect(entry.fixHints.length, entry.name).toBeGreaterThan(0);
    }
  });

  it("cannot be mutated by a caller", () => {
    const entry = describeCode(1009);
    expect(() => entry.fixHints.push("x")).toThrow();
    expect(() => entry.causes[0]!.fixHints.push("x")).toThrow();
  });
});

describe("describeCode", () => {
  it("marks 1005, 1006 and 1015 as local-only and 1004 as reserved", () => {
    for (const code of [1005, 1006, 1015]) {
      expect(describeCode(code)).toMatchObject({ onWire: false, sentBy: "local" });
    }
    expect(describeCode(1004)).toMatchObject({ name: "Reserved", onWire: false });
    expect(describeCode(1008).onWire).toBe(true);
    expect(describeCode(1010).sentBy).toBe("client");
  });

  it("lists exactly the 1008 and 1009 causes, with fix hints for each", () => {
    expect(ids(1008)).toEqual([...causesForCode(1008)]);
    expect(ids(1009)).toEqual([...causesForCode(1009)]);
    for (const code of [1008, 1009]) {
      for (const cause of describeCode(code).causes) expect(cause.fixHints.length).toBeGreaterThan(0);
    }
  });

  it("names the setting to change in the size fix hints", () => {
    const hints = describeCode(1009).causes.flatMap((c) => c.fixHints).join("\n");
    for (const setting of ["maxPayload", "maxHttpBufferSize", "maxPayloadLength", "max_size", "MaximumReceiveMessageSize"]) {
      expect(hints).toContain(setting);
    }
    expect(describeCause(1009, "frame_too_big")!.fixHints.join(" ")).toContain("32 KB");
  });

  it("explains size causes behind a locally reported 1006", () => {
    expect(ids(1006)).toEqual(["abnormal", "message_too_big", "frame_too_big", "decompressed_too_big"]);
    expect(describeCause(1006, "message_too_big")).toBe(describeCause(1009, "message_too_big"));
    expect(describeCause(1006, "abnormal")!.fixHints.join(" ")).toContain("proxy_read_timeout");
  });

  it("resolves the most specific entry first", () => {
    expect(describeCode(1500)).toMatchObject({ from: 1016, to: 2999 });
    expect(describeCode(3003)).toMatchObject({ from: 3003, to: 3003, family: "iana" });
    // A family range beats the generic range; a single code beats the family range.
    expect(describeCode(3100)).toMatchObject({ from: 3000, to: 3499, family: "centrifugo" });
    expect(describeCode(3504)).toMatchObject({ from: 3504, family: "centrifugo" });
    expect(describeCode(4050)).toMatchObject({ from: 4000, to: 4099, family: "pusher" });
    expect(describeCode(4401)).toMatchObject({ from: 4401, family: "graphql-ws" });
    expect(describeCode(4600)).toMatchObject({ from: 4000, to: 4999, family: "private" });
  });

  it("breaks ties by family priority, unless a family is asked for", () => {
    expect(describeCode(3008).family).toBe("iana");
    expect(describeCode(3008, "centrifugo").name).toContain("Slow");
    expect(describeCode(4004).family).toBe("pusher");
    expect(describeCode(4004, "discord").name).toContain("Authentication failed");
    expect(describeCode(4004, "graphql-ws").name).toContain("Bad Response");
    // An unknown family falls back to the normal choice.
    expect(describeCode(4401, "nope").family).toBe("graphql-ws");
  });

  it("never throws, and gives codes outside 1000–4999 an invalid entry", () => {
    expect(describeCode(999)).toMatchObject({ family: "invalid", from: 0, to: 999 });
    expect(describeCode(5000)).toMatchObject({ family: "invalid", from: 5000 });
    expect(describeCode(70000).family).toBe("invalid");
    expect(describeCode(-1).family).toBe("invalid");
    expect(describeCode(Number.NaN).family).toBe("invalid");
    expect(describeCode(1000.5).family).toBe("invalid");
    expect(ids(999)).toEqual(["unspecified"]);
  });
});

describe("describeCause", () => {
  it("finds a cause valid for the code and nothing else", () => {
    expect(describeCause(1008, "rate_limit")?.title).toBeTruthy();
    expect(describeCause(1008, "message_too_big")).toBeUndefined();
    expect(describeCause(4001, "application")?.id).toBe("application");
    expect(describeCause(3500, "library")?.id).toBe("library");
  });
});
