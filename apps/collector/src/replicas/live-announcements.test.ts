import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { IDS_PER_NOTIFICATION, MAX_SENDER_LENGTH, parseAnnouncement } from "./live-announcements.js";
import { newReplicaId } from "./replica-id.js";

describe("live announcements between replicas", () => {
  it("reads the sender and the ids", () => {
    const ids = [randomUUID(), randomUUID()];
    expect(parseAnnouncement(`abc123XY ${ids.join(",")}`)).toEqual({ sender: "abc123XY", ids });
  });

  it("ignores what is not an announcement, and ids that are not UUIDs", () => {
    const id = randomUUID();
    expect(parseAnnouncement("")).toBeUndefined();
    expect(parseAnnouncement("no-ids-at-all")).toBeUndefined();
    expect(parseAnnouncement(" leading-space")).toBeUndefined();
    expect(parseAnnouncement(`sender x,${id},'; DROP TABLE close_events;--`)).toEqual({ sender: "sender", ids: [id] });
  });

  it("keeps a full notification under PostgreSQL's 8000-byte payload limit", () => {
    const payload = `${"x".repeat(MAX_SENDER_LENGTH)} ${Array.from({ length: IDS_PER_NOTIFICATION }, () => randomUUID()).join(",")}`;
    expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(newReplicaId()).toMatch(new RegExp(`^[A-Za-z0-9_-]{1,${MAX_SENDER_LENGTH}}$`));
  });
});
