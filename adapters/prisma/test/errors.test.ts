// Engine errors reach Prisma as its own error codes, exactly as through Prisma's better-sqlite3
// adapter: compared on the client (PrismaClientKnownRequestError code and meta) and on the adapter
// (the DriverAdapterError payload) for the same SQL.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import { mapError, PrismaTandem } from '../src/index.js';
import { Prisma, type PrismaClient } from './.generated/client/client.js';
import { engineSupports, openPair, outcome, type Pair } from './support.js';

let pair: Pair;
let adapters: { tandem: SqlDriverAdapter; oracle: SqlDriverAdapter };
const supportsForeignKeys = await engineSupports('PRAGMA foreign_keys = ON');
const FIXED = new Date('2025-05-05T05:05:05.005Z');

beforeAll(async () => {
  pair = await openPair();
  for (const db of [pair.tandem, pair.oracle]) await db.user.create({ data: { email: 'taken@x', createdAt: FIXED } });
  adapters = { tandem: await new PrismaTandem({ url: pair.tandemUrl }).connect(), oracle: await new PrismaBetterSqlite3({ url: pair.oracleUrl }).connect() };
});
afterAll(async () => {
  await adapters.tandem.dispose();
  await adapters.oracle.dispose();
  await pair.close();
});

/** The client error both sides fail with: code and meta must match. */
async function sameClientError(fn: (db: PrismaClient) => Promise<unknown>, code: string): Promise<void> {
  const [tandem, oracle] = [await outcome(() => fn(pair.tandem)), await outcome(() => fn(pair.oracle))];
  expect(oracle.ok).toBe(false);
  expect(tandem.ok).toBe(false);
  if (tandem.ok || oracle.ok) return;
  expect(tandem.error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  const [t, o] = [tandem.error, oracle.error] as Prisma.PrismaClientKnownRequestError[];
  expect(t!.code).toBe(code);
  expect(t!.code).toBe(o!.code);
  expect(plainMeta(t!.meta)).toEqual(plainMeta(o!.meta));
}

/**
 * meta with its DriverAdapterError as a plain object: each adapter package bundles its own copy of
 * @prisma/driver-adapter-utils, so the two errors are equal in content but not in class.
 */
function plainMeta(meta: Record<string, unknown> | undefined): unknown {
  const adapterError = meta?.driverAdapterError as { name: string; message: string; cause: unknown } | undefined;
  if (!adapterError) return meta;
  return { ...meta, driverAdapterError: { name: adapterError.name, message: adapterError.message, cause: adapterError.cause } };
}

/** Both fail with the same Prisma code and adapter error kind. */
async function sameClientCode(fn: (db: PrismaClient) => Promise<unknown>, code: string, kind: string): Promise<void> {
  const [tandem, oracle] = [await outcome(() => fn(pair.tandem)), await outcome(() => fn(pair.oracle))];
  const summary = (result: typeof tandem) =>
    result.ok ? 'ok' : { code: (result.error as Prisma.PrismaClientKnownRequestError).code, kind: (result.error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta?.driverAdapterError?.cause?.kind };
  expect(summary(tandem)).toEqual(summary(oracle));
  expect(summary(tandem)).toEqual({ code, kind });
}

/** The adapter error both sides fail with for the same SQL. */
async function sameAdapterError(sql: string, kind: string): Promise<void> {
  const run = (adapter: SqlDriverAdapter) => outcome(() => adapter.executeRaw({ sql, args: [], argTypes: [] }));
  const [tandem, oracle] = [await run(adapters.tandem), await run(adapters.oracle)];
  expect(oracle.ok).toBe(false);
  expect(tandem.ok).toBe(false);
  if (tandem.ok || oracle.ok) return;
  const [t, o] = [tandem.error, oracle.error] as { name: string; cause: { kind: string } }[];
  expect(t!.name).toBe('DriverAdapterError');
  expect(t!.cause).toEqual(o!.cause);
  expect(t!.cause.kind).toBe(kind);
}

describe('client errors', () => {
  it('P2002 unique constraint', async () => {
    await sameClientError((db) => db.user.create({ data: { email: 'taken@x' } }), 'P2002');
  });

  it('P2021 table does not exist, P2022 column does not exist', async () => {
    for (const db of [pair.tandem, pair.oracle]) {
      await db.$executeRawUnsafe('DROP TABLE Counter');
      await db.$executeRawUnsafe('DROP TABLE Profile');
      await db.$executeRawUnsafe('CREATE TABLE Profile (id INTEGER PRIMARY KEY, userId INTEGER NOT NULL)');
    }
    await sameClientCode((db) => db.counter.findMany(), 'P2021', 'TableDoesNotExist');
    await sameClientCode((db) => db.profile.findMany(), 'P2022', 'ColumnNotFound');
  });

  // SQLite names the schema-qualified object (`no such table: main.Counter`, `no such column: main.Profile.bio`)
  // for Prisma's `main`.`T` references, and Prisma copies it into the error's meta.
  it('P2021/P2022 meta matches exactly (the engine names main.-qualified tables as SQLite does)', async () => {
    await sameClientError((db) => db.counter.findMany(), 'P2021');
  });

  it.skipIf(!supportsForeignKeys)('P2003 foreign key (needs foreign keys in the engine)', async () => {
    await sameClientError((db) => db.post.create({ data: { title: 'orphan', authorId: 999 } }), 'P2003');
  });
});

describe('adapter errors', () => {
  it('UniqueConstraintViolation, NullConstraintViolation, TableDoesNotExist, ColumnNotFound, raw sqlite', async () => {
    await sameAdapterError("INSERT INTO User (email, createdAt) VALUES ('taken@x', 0)", 'UniqueConstraintViolation');
    await sameAdapterError('INSERT INTO Post (title, authorId) VALUES (NULL, 1)', 'NullConstraintViolation');
    await sameAdapterError('SELECT * FROM Nope', 'TableDoesNotExist');
    await sameAdapterError('SELECT nope FROM User', 'ColumnNotFound');
    await sameAdapterError('INSERT INTO User (nope) VALUES (1)', 'ColumnNotFound');
    await sameAdapterError('SELEC 1', 'sqlite');
  });

  it('rejects isolation levels other than SERIALIZABLE', async () => {
    await expect(adapters.tandem.startTransaction('READ COMMITTED')).rejects.toMatchObject({ cause: { kind: 'InvalidIsolationLevel', level: 'READ COMMITTED' } });
  });

  it('maps every SQLITE_BUSY code to SocketTimeout (P1008)', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT', 'SQLITE_BUSY_RECOVERY']) {
      expect(mapError(code, 'database is locked')).toEqual({ kind: 'SocketTimeout' });
    }
  });

  it('a stale snapshot in a deferred transaction surfaces as P1008', async () => {
    const client = new (pair.tandem.constructor as new (options: unknown) => PrismaClient)({
      adapter: new PrismaTandem({ url: pair.tandemUrl, transactionMode: 'deferred' }),
    });
    try {
      const error = await client
        .$transaction(async (tx) => {
          await tx.user.findMany();
          await client.user.create({ data: { email: 'meanwhile@x' } });
          await tx.user.create({ data: { email: 'stale@x' } });
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P1008');
    } finally {
      await client.$disconnect();
    }
  });
});
