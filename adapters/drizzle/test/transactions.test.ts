// Transactions through @tandem/drizzle: commit, rollback, nested savepoints, BEGIN modes, batch,
// each top-level transaction on its own pooled connection, and 50 concurrent read-modify-write
// transactions with no SQLITE_BUSY reaching the caller and no lost update.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, sql, TransactionRollbackError } from 'drizzle-orm';
import { drizzle } from '../src/index.js';
import { counters, posts, schema, users } from './schema.js';
import { engineSupports, openPair, sqliteCause, type AnyDb, type Pair } from './support.js';

let pair: Pair;
const supportsConcurrent = await engineSupports('BEGIN CONCURRENT; ROLLBACK');

beforeAll(async () => {
  pair = await openPair(8);
});
afterAll(async () => {
  await pair.close();
});

type TandemDb = Pair['tandem'];
type OracleDb = Pair['oracle'];

/**
 * One transaction scenario written twice, in the same steps: async on Tandem, synchronous on
 * better-sqlite3 (whose transactions cannot await). The error kinds and the users whose email ends
 * with `scope` (each test its own, so one failure does not spill into the next) must match.
 */
async function sameState(scope: string, tandem: (db: TandemDb) => Promise<unknown>, oracle: (db: OracleDb) => unknown): Promise<void> {
  const outcomes = [];
  for (const [db, run] of [
    [pair.tandem, () => tandem(pair.tandem)],
    [pair.oracle, () => oracle(pair.oracle)],
  ] as const) {
    let error: unknown = null;
    try {
      await run();
    } catch (e) {
      error = e instanceof TransactionRollbackError ? 'rollback' : e instanceof Error && e.message === 'boom' ? 'boom' : sqliteCause(e).code;
    }
    const rows = await (db as AnyDb).select({ email: users.email, name: users.name }).from(users).where(like(users.email, `%${scope}`)).orderBy(users.email);
    outcomes.push({ error, users: rows });
  }
  expect(outcomes[0]).toEqual(outcomes[1]);
}

describe('transactions (differential against drizzle-orm/better-sqlite3)', () => {
  it('commits', async () => {
    await sameState(
      '@commit',
      (db) =>
        db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'commit@commit' });
          await tx.update(users).set({ name: 'committed' }).where(eq(users.email, 'commit@commit'));
        }),
      (db) =>
        db.transaction((tx) => {
          tx.insert(users).values({ email: 'commit@commit' }).run();
          tx.update(users).set({ name: 'committed' }).where(eq(users.email, 'commit@commit')).run();
        }),
    );
  });

  it('rolls back when the function throws, and on tx.rollback()', async () => {
    await sameState(
      '@rollback',
      (db) =>
        db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'lost@rollback' });
          throw new Error('boom');
        }),
      (db) =>
        db.transaction((tx) => {
          tx.insert(users).values({ email: 'lost@rollback' }).run();
          throw new Error('boom');
        }),
    );
    await sameState(
      '@rollback',
      (db) =>
        db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'lost2@rollback' });
          tx.rollback();
        }),
      (db) =>
        db.transaction((tx) => {
          tx.insert(users).values({ email: 'lost2@rollback' }).run();
          tx.rollback();
        }),
    );
  });

  it('rolls back on a constraint error inside the transaction', async () => {
    await sameState(
      '@constraint',
      (db) =>
        db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'dup@constraint' });
          await tx.insert(users).values({ email: 'dup@constraint' });
        }),
      (db) =>
        db.transaction((tx) => {
          tx.insert(users).values({ email: 'dup@constraint' }).run();
          tx.insert(users).values({ email: 'dup@constraint' }).run();
        }),
    );
  });

  it('nests savepoints: an inner rollback keeps the outer work', async () => {
    await sameState(
      '@nested',
      (db) =>
        db.transaction(async (tx) => {
          await tx.insert(users).values({ email: 'outer@nested' });
          await tx
            .transaction(async (inner) => {
              await inner.insert(users).values({ email: 'inner-lost@nested' });
              inner.rollback();
            })
            .catch(() => undefined);
          await tx.transaction(async (inner) => {
            await inner.insert(users).values({ email: 'inner-kept@nested' });
            await inner.transaction(async (deepest) => {
              await deepest.update(users).set({ name: 'deep' }).where(eq(users.email, 'inner-kept@nested'));
            });
          });
        }),
      (db) =>
        db.transaction((tx) => {
          tx.insert(users).values({ email: 'outer@nested' }).run();
          try {
            tx.transaction((inner) => {
              inner.insert(users).values({ email: 'inner-lost@nested' }).run();
              inner.rollback();
            });
          } catch {
            // the inner rollback, as on Tandem
          }
          tx.transaction((inner) => {
            inner.insert(users).values({ email: 'inner-kept@nested' }).run();
            inner.transaction((deepest) => {
              deepest.update(users).set({ name: 'deep' }).where(eq(users.email, 'inner-kept@nested')).run();
            });
          });
        }),
    );
  });

  it('accepts every behavior', async () => {
    for (const behavior of ['deferred', 'immediate', 'exclusive'] as const) {
      await sameState(
        '@behavior',
        (db) => db.transaction(async (tx) => tx.insert(users).values({ email: `${behavior}@behavior` }), { behavior }),
        (db) => db.transaction((tx) => tx.insert(users).values({ email: `${behavior}@behavior` }).run(), { behavior }),
      );
    }
  });

});

describe('transactions on the pool', () => {
  it("passes behavior 'concurrent' through to the engine's BEGIN CONCURRENT", async () => {
    const run = pair.tandem.transaction(async (tx) => tx.insert(users).values({ email: 'concurrent@x' }), { behavior: 'concurrent' });
    if (supportsConcurrent) await expect(run).resolves.toBeDefined();
    else await expect(run).rejects.toThrow('not supported by Tandem yet: BEGIN CONCURRENT');
  });

  it('runs each top-level transaction on its own pooled connection', async () => {
    const pool = pair.tandem.$client;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = pair.tandem.transaction(async (tx) => {
      await tx.select().from(users).limit(1);
      await gate;
    });
    const second = pair.tandem.transaction(async (tx) => {
      await tx.select().from(users).limit(1);
      expect(pool.stats.borrowed).toBe(2);
      release();
    });
    await Promise.all([first, second]);
    expect(pool.stats.borrowed).toBe(0);
  });
});

describe('drizzle(pool)', () => {
  it('runs on a pool it was given, shared with other users of the pool', async () => {
    const pool = pair.tandem.$client;
    const second = drizzle(pool, { schema });
    expect(second.$client).toBe(pool);
    await second.insert(users).values({ email: 'shared@x' });
    expect(await pair.tandem.select({ email: users.email }).from(users).where(eq(users.email, 'shared@x'))).toEqual([{ email: 'shared@x' }]);
    await pool.withConnection(async (conn) => {
      expect(await conn.prepare("SELECT count(*) FROM users WHERE email = 'shared@x'").pluck().get()).toBe(1);
    });
  });
});

describe('batch', () => {
  it('returns each result and commits them together', async () => {
    const run = (db: typeof pair.tandem) =>
      db.batch([
        db.insert(users).values({ email: 'batch@x' }).returning({ email: users.email }),
        db.update(users).set({ name: 'batched' }).where(eq(users.email, 'batch@x')),
        db.select({ email: users.email, name: users.name }).from(users).where(eq(users.email, 'batch@x')),
        db.query.users.findFirst({ columns: { email: true }, where: eq(users.email, 'batch@x') }),
        db.all(sql`select count(*) as n from users where email = 'batch@x'`),
        db.values(sql`select 1, 1`),
        db.get(sql`select 2 as two`),
      ]);
    const results = await run(pair.tandem);
    expect(results[0]).toEqual([{ email: 'batch@x' }]);
    expect(results[1]).toMatchObject({ changes: 1 });
    expect(results[2]).toEqual([{ email: 'batch@x', name: 'batched' }]);
    expect(results[3]).toEqual({ email: 'batch@x' });
    expect(results[4]).toEqual([{ n: 1 }]);
    expect(results[5]).toEqual([[1, 1]]);
    expect(results[6]).toEqual({ two: 2 });
  });

  it('rolls back entirely when one item fails', async () => {
    const db = pair.tandem;
    await expect(db.batch([db.insert(users).values({ email: 'batch-lost@x' }), db.insert(users).values({ email: 'batch@x' })])).rejects.toThrow();
    expect(await db.select().from(users).where(eq(users.email, 'batch-lost@x'))).toEqual([]);
  });
});

describe('concurrency through the pool', () => {
  it.each([
    ['immediate', 1, undefined],
    // Deferred transactions read first, so a writer that committed meanwhile makes the snapshot
    // stale (SQLITE_BUSY_SNAPSHOT); each round at least one commits, so 50 retries always suffice.
    ['deferred', 2, 50],
  ] as const)('50 concurrent read-modify-write transactions (%s): no SQLITE_BUSY, no lost update', async (behavior, id, retries) => {
    const db = pair.tandem;
    await db.insert(counters).values({ id, value: 0 });
    const errors: unknown[] = [];
    await Promise.all(
      Array.from({ length: 50 }, () =>
        db
          .transaction(async (tx) => {
            const [row] = await tx.select().from(counters).where(eq(counters.id, id));
            await new Promise((resolve) => setImmediate(resolve));
            await tx.update(counters).set({ value: row!.value + 1 }).where(eq(counters.id, id));
          }, retries === undefined ? { behavior } : { behavior, retries })
          .catch((error: unknown) => errors.push(error)),
      ),
    );
    expect(errors.map((e) => sqliteCause(e))).toEqual([]);
    expect(await db.select({ value: counters.value }).from(counters).where(eq(counters.id, id))).toEqual([{ value: 50 }]);
  });

  it('50 concurrent immediate transactions interleaved with pooled reads', async () => {
    const db = pair.tandem;
    const writes = Array.from({ length: 50 }, (_, i) =>
      db.transaction(async (tx) => tx.insert(posts).values({ authorId: 1, title: `concurrent ${i}` }), { behavior: 'immediate' }),
    );
    const reads = Array.from({ length: 20 }, () => db.select({ id: posts.id }).from(posts));
    await Promise.all([...writes, ...reads]);
    const [{ n }] = (await db.all(sql`select count(*) as n from posts where title like 'concurrent %'`)) as [{ n: number }];
    expect(n).toBe(50);
  });
});
