import { randomUUID } from "node:crypto";
import type { Database } from "@closewatch/db";
import type { Scope } from "./scopes.js";
import { displayPrefix, hashSecret } from "./secrets.js";

/** A token as listings show it: never its secret, nor its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  scope: Scope;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a live credential (a token, or a session of one) stands for. */
export interface TokenIdentity {
  tokenId: string;
  name: string;
  scope: Scope;
}

export class TokenError extends Error {
  override name = "TokenError";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INFO = { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** API tokens and dashboard sessions in the database (hashes only). Plain service: no Fastify here. */
export class TokenStore {
  constructor(private readonly db: Database) {}

  /** Stores a new token for `secret`; a live token of the same name is an error (names are how people revoke). */
  async create(input: { name: string; scope: Scope; secret: string }): Promise<TokenInfo> {
    const live = await this.db.prisma.apiToken.findFirst({ where: { name: input.name, revokedAt: null }, select: { id: true } });
    if (live) throw new TokenError(`a live token named "${input.name}" exists already; revoke it first or pick another name`);
    const secretHash = hashSecret(input.secret);
    const owner = await this.db.prisma.apiToken.findUnique({ where: { secretHash }, select: { name: true } });
    if (owner) throw new TokenError(`this secret is already the secret of token "${owner.name}" (perhaps revoked); use a new one`);
    return this.db.prisma.apiToken.create({
      data: { id: randomUUID(), name: input.name, scope: input.scope, secretHash, prefix: displayPrefix(input.secret) },
      select: INFO,
    });
  }

  /**
   * For init containers: makes sure a live token `name` with this secret and
   * scope exists. `unchanged` when it does already; an error when the name is
   * taken by another secret or scope.
   */
  async ensure(input: { name: string; scope: Scope; secret: string }): Promise<{ outcome: "created" | "unchanged"; token: TokenInfo }> {
    const secretHash = hashSecret(input.secret);
    const live = await this.db.prisma.apiToken.findFirst({
      where: { name: input.name, revokedAt: null },
      select: { ...INFO, secretHash: true },
    });
    if (live) {
      const { secretHash: liveHash, ...token } = live;
      if (liveHash !== secretHash) {
        throw new TokenError(
          `a live token named "${input.name}" exists with a different secret; revoke it first (token revoke ${input.name}) to replace it`,
        );
      }
      if (token.scope !== input.scope) {
        throw new TokenError(`the live token "${input.name}" has scope ${token.scope}, not ${input.scope}; revoke it first to change its scope`);
      }
      return { outcome: "unchanged", token };
    }
    return { outcome: "created", token: await this.create(input) };
  }

  async list(): Promise<TokenInfo[]> {
    return this.db.prisma.apiToken.findMany({ select: INFO, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** Revokes the token with this id, or the live token with this name; returns it (null: none). Its sessions end with it. */
  async revoke(nameOrId: string, at = new Date()): Promise<TokenInfo | null> {
    const where = UUID.test(nameOrId) ? { id: nameOrId.toLowerCase(), revokedAt: null } : { name: nameOrId, revokedAt: null };
    const token = await this.db.prisma.apiToken.findFirst({ where, select: { id: true } });
    if (!token) return null;
    await this.db.prisma.apiSession.deleteMany({ where: { tokenId: token.id } });
    return this.db.prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: at }, select: INFO });
  }

  async countLive(): Promise<number> {
    return this.db.prisma.apiToken.count({ where: { revokedAt: null } });
  }

  async findLive(secretHash: string): Promise<TokenIdentity | null> {
    const token = await this.db.prisma.apiToken.findUnique({ where: { secretHash }, select: { id: true, name: true, scope: true, revokedAt: true } });
    return token && token.revokedAt === null ? { tokenId: token.id, name: token.name, scope: token.scope } : null;
  }

  /** The live token behind an unexpired session. */
  async findSession(secretHash: string, now = new Date()): Promise<(TokenIdentity & { sessionId: string }) | null> {
    const session = await this.db.prisma.apiSession.findUnique({
      where: { secretHash },
      select: { id: true, expiresAt: true, token: { select: { id: true, name: true, scope: true, revokedAt: true } } },
    });
    if (!session || session.expiresAt <= now || session.token.revokedAt !== null) return null;
    return { sessionId: session.id, tokenId: session.token.id, name: session.token.name, scope: session.token.scope };
  }

  async createSession(tokenId: string, secretHash: string, expiresAt: Date, now = new Date()): Promise<void> {
    // Expired sessions go when new ones come: no timer, and the table stays small.
    await this.db.prisma.apiSession.deleteMany({ where: { expiresAt: { lte: now } } });
    await this.db.prisma.apiSession.create({ data: { id: randomUUID(), tokenId, secretHash, expiresAt } });
  }

  async deleteSession(secretHash: string): Promise<void> {
    await this.db.prisma.apiSession.deleteMany({ where: { secretHash } });
  }

  async touch(tokenId: string, at: Date): Promise<void> {
    await this.db.prisma.apiToken.update({ where: { id: tokenId }, data: { lastUsedAt: at } });
  }
}
