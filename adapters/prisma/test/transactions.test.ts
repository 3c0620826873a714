// Transactions through the generated client on @tandem/prisma, against Prisma's better-sqlite3
// adapter: interactive commit and rollback, nested transactions as savepoints, batch transactions,
// and 50 concurrent interactive read-modify-write transactions on the pool: no P1008 (SQLITE_BUSY)
// reaching the app and no lost update.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from './.generated/client/client.js';
import { openPair, outcome, type Pair } from './support.js';

let pair: Pair;
const FIXED = new Date('2025-05-05T05:05:05.005Z');

beforeAll(async () => {
  pair = await openPair();
});
afterAll(async () => {
  await pair.close();
});

/**
 * Runs fn on both clients; the outcome (ok or the error code) and the users whose email ends with
 * `scope` must match. Each test uses its own emails, so one test's failure does not spill into the next.
 */
async function sameState(scope: string, fn: (db: PrismaClient) => Promise<unknown>): Promise<void> {
  const states = [];
  for (const db of [pair.tandem, pair.oracle]) {
    const result = await outcome(() => fn(db));
    states.push({
      error: result.ok ? null : ((result.error as { code?: string }).code ?? (result.error as Error).message),
      users: await db.user.findMany({ where: { email: { endsWith: scope } }, select: { email: true, name: true }, orderBy: { email: 'asc' } }),
    });
  }
  expect(states[0]).toEqual(states[1]);
}

describe('interactive transactions', () => {
  it('commit', async () => {
    await sameState('@commit', (db) =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'commit@commit', createdAt: FIXED } });
        await tx.user.update({ where: { email: 'commit@commit' }, data: { name: 'committed' } });
      }),
    );
  });

  it('rollback on a thrown error and on a constraint error', async () => {
    await sameState('@rollback', (db) =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'lost@rollback', createdAt: FIXED } });
        throw new Error('boom');
      }),
    );
    await sameState('@rollback', (db) =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'dup@rollback', createdAt: FIXED } });
        await tx.user.create({ data: { email: 'dup@rollback', createdAt: FIXED } });
      }),
    );
  });

  it('batch transactions commit together and roll back together', async () => {
    await sameState('@batch', (db) => db.$transaction([db.user.create({ data: { email: 'batch1@batch', createdAt: FIXED } }), db.user.create({ data: { email: 'batch2@batch', createdAt: FIXED } })]));
    await sameState('@batch', (db) => db.$transaction([db.user.create({ data: { email: 'batch3@batch', createdAt: FIXED } }), db.user.create({ data: { email: 'batch1@batch', createdAt: FIXED } })]));
  });

  it('nested transactions are savepoints: an inner failure keeps the outer work', async () => {
    await sameState('@nested', (db) =>
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'outer@nested', createdAt: FIXED } });
        const nested = tx as unknown as PrismaClient;
        await nested
          .$transaction(async (inner) => {
            await inner.user.create({ data: { email: 'inner-lost@nested', createdAt: FIXED } });
            throw new Error('inner');
          })
          .catch(() => undefined);
        await nested.$transaction(async (inner) => {
          await inner.user.create({ data: { email: 'inner-kept@nested', createdAt: FIXED } });
        });
      }),
    );
  });

  it('nested writes (one query, several statements) run in a transaction', async () => {
    await sameState('@writes', (db) =>
      db.user.create({ data: { email: 'nested@writes', createdAt: FIXED, posts: { create: [{ title: 'a' }, { title: 'b' }] }, profile: { create: { bio: 'x' } } } }),
    );
  });
});

describe('concurrency through the pool', () => {
  it('50 concurrent interactive read-modify-write transactions: no P1008, no lost update', async () => {
    for (const db of [pair.tandem, pair.oracle]) await db.counter.create({ data: { id: 1, value: 0 } });
    const results = [];
    for (const db of [pair.tandem, pair.oracle]) {
      const errors: unknown[] = [];
      await Promise.all(
        Array.from({ length: 50 }, () =>
          db
            .$transaction(
              async (tx) => {
                const counter = await tx.counter.findUniqueOrThrow({ where: { id: 1 } });
                await new Promise((resolve) => setImmediate(resolve));
                await tx.counter.update({ where: { id: 1 }, data: { value: counter.value + 1 } });
              },
              { maxWait: 30_000, timeout: 30_000 },
            )
            .catch((error: unknown) => errors.push(error)),
        ),
      );
      results.push({ errors: errors.map((e) => (e as { code?: string }).code ?? String(e)), counter: await db.counter.findUnique({ where: { id: 1 } }) });
    }
    expect(results[0]).toEqual({ errors: [], counter: { id: 1, value: 50 } });
    expect(results[0]).toEqual(results[1]);
  });

  it('reads keep going while transactions hold the write lock', async () => {
    const db = pair.tandem;
    const writes = Array.from({ length: 20 }, (_, i) =>
      db.$transaction(async (tx) => {
        await tx.post.create({ data: { title: `concurrent ${i}`, author: { connect: { email: 'commit@commit' } } } });
      }),
    );
    const reads = Array.from({ length: 20 }, () => db.user.count());
    await Promise.all([...writes, ...reads]);
    expect(await db.post.count({ where: { title: { startsWith: 'concurrent ' } } })).toBe(20);
  });
});
