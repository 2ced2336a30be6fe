import { Prisma } from "@closewatch/db";

// Evidence is free-form JSON from agents: read a key only when it has the
// expected JSON type, so one odd value can never fail the whole query.
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

function key(name: string): Prisma.Sql {
  if (!KEY.test(name)) throw new Error(`not an evidence key: ${name}`);
  return Prisma.raw(`'${name}'`);
}

export const evidenceNumber = (name: string): Prisma.Sql =>
  Prisma.sql`CASE WHEN jsonb_typeof(evidence -> ${key(name)}) = 'number' THEN (evidence ->> ${key(name)})::float8 END`;

export const evidenceBoolean = (name: string): Prisma.Sql =>
  Prisma.sql`CASE WHEN jsonb_typeof(evidence -> ${key(name)}) = 'boolean' THEN (evidence ->> ${key(name)})::boolean END`;

export const evidenceText = (name: string): Prisma.Sql =>
  Prisma.sql`CASE WHEN jsonb_typeof(evidence -> ${key(name)}) = 'string' THEN evidence ->> ${key(name)} END`;
