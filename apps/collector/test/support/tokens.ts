import type { Database } from "@closewatch/db";
import type { Scope } from "../../src/auth/scopes.js";
import { generateSecret } from "../../src/auth/secrets.js";
import { TokenStore } from "../../src/auth/token-store.js";

/** Creates a token the way `token create` does and returns its secret. */
export async function createToken(db: Database, name: string, scope: Scope): Promise<string> {
  const secret = generateSecret();
  await new TokenStore(db).create({ name, scope, secret });
  return secret;
}

export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
