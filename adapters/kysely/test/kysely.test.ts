import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kysely, sql, type ExpressionBuilder, type Transaction } from 'kysely';
import { SqliteError } from '@tandem/engine';
import { createPool, type Pool } from '@tandem/pool';
import { TandemAdapter, TandemDialect } from '../src/index.js';
import { features, onBoth, openPair, type Pair } from './support.js';

let pair: Pair<any> | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  const done = pair;
  pair = null;
  await done?.destroy();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function scratchPool(options?: Parameters<typeof createPool>[1]): { pool: Pool; db: Kysely<any> } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kysely-pool-'));
  const pool = createPool(join(dir, 'db.db'), options);
  const db = new Kysely<any>({ dialect: new TandemDialect({ pool }) });
  cleanups.push(async () => {
    await db.destroy();
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { pool, db };
}

async function createItems(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('big', 'integer')
    .addColumn('price', 'real', (c) => c.check(sql`price >= 0`))
    .addColumn('data', 'blob')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text')
    .addColumn('ms', 'integer')
    .execute();
}

describe('CRUD, differential against Kysely on better-sqlite3', () => {
  it('round-trips every column type, with integers beyond 2^53 as bigint', async () => {
    pair = openPair({ safeIntegers: true });
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      const inserted = await db
        .insertInto('item')
        .values([
          { name: 'héllo wörld 🌍 日本語', big: 2n ** 62n + 1n, price: 3.14159, data: Buffer.from([0, 1, 2, 255]), active: 1, created_at: new Date(Date.UTC(2024, 1, 29, 12)).toISOString(), ms: BigInt(Date.UTC(2024, 0, 1)) },
          { name: 'negative', big: -(2n ** 63n), price: 1e-300, data: Buffer.alloc(0), active: 0, created_at: null, ms: -1n },
          { name: 'nulls', big: null, price: null, data: null, active: 0, created_at: '1970-01-01 00:00:00', ms: null },
        ])
        .executeTakeFirst();
      const single = await db.insertInto('item').values({ name: 'single', big: 9007199254740993n, price: 0.1 + 0.2 }).executeTakeFirstOrThrow();
      const rows = await db.selectFrom('item').selectAll().orderBy('id').execute();
      const types = await sql`SELECT typeof(big) AS b, typeof(price) AS p, typeof(data) AS d, typeof(active) AS a FROM item ORDER BY id`.execute(db);
      const updated = await db.updateTable('item').set({ price: sql`price * 2`, active: 1 }).where('big', '>', 0n).executeTakeFirst();
      const returned = await db.updateTable('item').set({ name: sql`upper(name)` }).where('name', 'like', 'n%').returning(['id', 'name']).execute();
      const deleted = await db.deleteFrom('item').where('big', 'is', null).executeTakeFirst();
      const upsert = await db
        .insertInto('item')
        .values({ name: 'single', big: 1n })
        .onConflict((oc) => oc.column('name').doUpdateSet({ big: (eb: ExpressionBuilder<any, any>) => eb.ref('excluded.big') }))
        .returningAll()
        .execute();
      const aggregate = await db.selectFrom('item').select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('price').as('total'), eb.fn.max('big').as('max')]).executeTakeFirst();
      return { inserted, single, rows, types: types.rows, updated, returned, deleted, upsert, aggregate };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.rows).toHaveLength(4);
  });

  it('returns numbers by default, as better-sqlite3 does', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      const inserted = await db.insertInto('item').values({ name: 'a', big: 42, price: 2.5 }).executeTakeFirst();
      return { inserted, rows: await db.selectFrom('item').select(['id', 'big', 'price', 'active']).execute() };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in tandem && tandem.value.rows[0].big).toBe(42);
  });

  it('rejects booleans and Dates as bind values with better-sqlite3\'s error', async () => {
    pair = openPair();
    for (const value of [true, new Date(0)]) {
      const { tandem, oracle } = await onBoth(pair, (db) => sql`SELECT ${value} AS v`.execute(db));
      expect(tandem).toEqual(oracle);
      expect('error' in oracle).toBe(true);
    }
  });

  it('surfaces constraint violations as the same SqliteError', async () => {
    pair = openPair();
    const { tandem: t1, oracle: o1 } = await onBoth(pair, async (db) => {
      await createItems(db);
      await db.insertInto('item').values({ name: 'dup' }).execute();
      return db.insertInto('item').values({ name: 'dup' }).execute();
    });
    expect(t1).toEqual(o1);
    expect(o1).toMatchObject({ error: { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    const notNull = await onBoth(pair, (db) => db.insertInto('item').values({ name: null }).execute());
    expect(notNull.tandem).toEqual(notNull.oracle);
    expect(notNull.oracle).toMatchObject({ error: { code: 'SQLITE_CONSTRAINT_NOTNULL' } });
    const check = await onBoth(pair, (db) => db.insertInto('item').values({ name: 'c', price: -1 }).execute());
    expect(check.tandem).toEqual(check.oracle);
    expect(check.oracle).toMatchObject({ error: { code: 'SQLITE_CONSTRAINT_CHECK' } });
    const missing = await onBoth(pair, (db) => db.selectFrom('nope').selectAll().execute());
    expect(missing.tandem).toEqual(missing.oracle);
  });
});

describe('foreign keys', () => {
  it('are enforced and cascade as on better-sqlite3', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('author').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('name', 'text').execute();
      await db.schema
        .createTable('book')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('author_id', 'integer', (c) => c.notNull().references('author.id').onDelete('cascade'))
        .execute();
      await db.insertInto('author').values({ id: 1, name: 'Le Guin' }).execute();
      await db.insertInto('book').values([{ id: 1, author_id: 1 }, { id: 2, author_id: 1 }]).execute();
      const orphan = await db.insertInto('book').values({ id: 3, author_id: 99 }).execute().catch((e: { code: string; message: string }) => [e.code, e.message]);
      await db.deleteFrom('author').where('id', '=', 1).execute();
      return { orphan, books: await db.selectFrom('book').selectAll().execute() };
    });
    expect(tandem).toEqual(oracle);
    expect(oracle).toEqual({ value: { orphan: ['SQLITE_CONSTRAINT_FOREIGNKEY', 'FOREIGN KEY constraint failed'], books: [] } });
  });
});

describe('transactions', () => {
  it('commits, rolls back when the callback throws, and rolls back to savepoints', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('t').addColumn('x', 'integer').execute();
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values([{ x: 1 }, { x: 2 }]).execute();
      });
      const thrown = await db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('t').values({ x: 3 }).execute();
          throw new Error('callback failed');
        })
        .catch((e: Error) => e.message);
      const trx = await db.startTransaction().execute();
      try {
        await trx.insertInto('t').values({ x: 10 }).execute();
        const a = await trx.savepoint('a').execute();
        await a.insertInto('t').values({ x: 11 }).execute();
        const back = await a.rollbackToSavepoint('a').execute();
        const b = await back.savepoint('b').execute();
        await b.insertInto('t').values({ x: 12 }).execute();
        const released = await b.releaseSavepoint('b').execute();
        await released.commit().execute();
      } catch (error) {
        if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
        throw error;
      }
      const rolledBack = await db.startTransaction().execute();
      await rolledBack.insertInto('t').values({ x: 99 }).execute();
      await rolledBack.rollback().execute();
      return { thrown, rows: await db.selectFrom('t').select('x').orderBy('x').execute() };
    });
    expect(tandem).toEqual(oracle);
    expect(oracle).toEqual({ value: { thrown: 'callback failed', rows: [{ x: 1 }, { x: 2 }, { x: 10 }, { x: 12 }] } });
  });

  it('runs 50 concurrent interactive transactions on several connections with no SQLITE_BUSY and no lost update', async () => {
    const { pool, db } = scratchPool({ max: 8 });
    await db.schema.createTable('counter').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
    await db.insertInto('counter').values({ id: 1, n: 0 }).execute();
    let concurrentConnections = 0;
    const increment = (trx: Transaction<any>) =>
      (async () => {
        concurrentConnections = Math.max(concurrentConnections, pool.stats.borrowed);
        const { n } = await trx.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
        await new Promise((resolve) => setImmediate(resolve));
        await trx.updateTable('counter').set({ n: n + 1 }).where('id', '=', 1).execute();
      })();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => db.transaction().execute(increment)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(50);
    expect(concurrentConnections).toBeGreaterThan(1);
    expect(pool.stats.borrowed).toBe(0);
  });

  it('runs read-only transactions deferred, beside a writer', async () => {
    const { db } = scratchPool({ max: 4 });
    await db.schema.createTable('t').addColumn('x', 'integer').execute();
    await db.insertInto('t').values({ x: 1 }).execute();
    const writer = await db.startTransaction().execute();
    await writer.insertInto('t').values({ x: 2 }).execute();
    // The reader is not queued behind the writer's lock: it sees the last committed state.
    const seen = await db.transaction().setAccessMode('read only').execute((trx) => trx.selectFrom('t').select('x').execute());
    expect(seen).toEqual([{ x: 1 }]);
    await writer.commit().execute();
  });
});

describe('cancelling', () => {
  it("interrupts a running query with inflightQueryAbortStrategy 'cancel query', and the connection stays usable", async () => {
    const { pool, db } = scratchPool({ max: 1 });
    const controller = new AbortController();
    const long = sql`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) AS n FROM c`;
    const running = long.execute(db, { signal: controller.signal, inflightQueryAbortStrategy: 'cancel query' } as never);
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(running).rejects.toThrow('stop');
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(db)).rows).toEqual([{ one: 1 }]);
    await vi.waitFor(() => expect(pool.stats.borrowed).toBe(0));
  });
});

describe('streaming', () => {
  it('streams SELECT rows lazily and gives the connection back when the consumer stops', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('n').addColumn('i', 'integer').execute();
      await db.insertInto('n').values(Array.from({ length: 100 }, (_, i) => ({ i }))).execute();
      const all: unknown[] = [];
      for await (const row of db.selectFrom('n').selectAll().orderBy('i').stream(7)) all.push(row);
      const firstFive: unknown[] = [];
      for await (const row of db.selectFrom('n').selectAll().orderBy('i').stream(3)) {
        firstFive.push(row);
        if (firstFive.length === 5) break;
      }
      return { all, firstFive };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.all).toHaveLength(100);

    const nonSelect = await onBoth(pair, async (db) => {
      for await (const row of db.deleteFrom('n').returningAll().stream()) void row;
    });
    expect(nonSelect.tandem).toEqual(nonSelect.oracle);
    expect('error' in nonSelect.oracle).toBe(true);
  });

  it('releases the pooled connection after a stream', async () => {
    const { pool, db } = scratchPool();
    await db.schema.createTable('n').addColumn('i', 'integer').execute();
    await db.insertInto('n').values([{ i: 1 }, { i: 2 }, { i: 3 }]).execute();
    for await (const row of db.selectFrom('n').selectAll().stream(1)) {
      expect(pool.stats.borrowed).toBe(1);
      void row;
      break;
    }
    // Kysely gives the connection back just after the loop ends (its release is not awaited).
    await vi.waitFor(() => expect(pool.stats.borrowed).toBe(0));
  });
});

describe('migrations', () => {
  it('serializes migration locks across connections', async () => {
    const { pool, db } = scratchPool({ max: 4 });
    await db.schema.createTable('kysely_migration_lock').addColumn('id', 'varchar(255)', (c) => c.primaryKey()).addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.insertInto('kysely_migration_lock').values({ id: 'migration_lock', is_locked: 0 }).execute();
    const adapter = new TandemAdapter(5_000);
    const options = { lockTable: 'kysely_migration_lock', lockRowId: 'migration_lock' };
    const order: string[] = [];
    const migrate = (name: string) =>
      db.connection().execute(async (conn) => {
        await adapter.acquireMigrationLock(conn, options);
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push(`${name} end`);
        await adapter.releaseMigrationLock(conn, options);
      });
    await Promise.all([migrate('a'), migrate('b'), migrate('c')]);
    // Never two between a start and its end.
    for (let i = 0; i < order.length; i += 2) expect(order[i + 1]).toBe(order[i]!.replace('start', 'end'));
    expect(pool.stats.borrowed).toBe(0);
    // A lock left set (a crashed migrator) makes the next one fail clearly instead of waiting forever.
    await db.updateTable('kysely_migration_lock').set({ is_locked: 1 }).execute();
    const impatient = new TandemAdapter(50);
    await expect(db.connection().execute((conn) => impatient.acquireMigrationLock(conn, options))).rejects.toThrow(/waiting for the migration lock/);
  });

  it.skipIf(!features.tableValuedPragmas || !features.alterTable || !features.dropColumn)(
    'runs migrations with add/rename/drop column and a table rebuild, like better-sqlite3 (needs pragma_table_info() and ALTER TABLE)',
    async () => {
      const { Migrator } = await import('kysely/migration');
      pair = openPair();
      const migrations = {
        '001_person': { up: (db: Kysely<any>) => db.schema.createTable('person').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('first', 'text').addColumn('age', 'integer').execute() },
        '002_seed': { up: async (db: Kysely<any>) => void (await db.insertInto('person').values([{ id: 1, first: 'Ada', age: 36 }, { id: 2, first: 'Alan', age: 41 }]).execute()) },
        '003_email': { up: (db: Kysely<any>) => db.schema.alterTable('person').addColumn('email', 'text').execute() },
        '004_rename': { up: (db: Kysely<any>) => db.schema.alterTable('person').renameColumn('first', 'first_name').execute() },
        '005_drop': { up: (db: Kysely<any>) => db.schema.alterTable('person').dropColumn('age').execute() },
        '006_rebuild': {
          up: async (db: Kysely<any>) => {
            await db.schema.createTable('person_new').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('first_name', 'text', (c) => c.notNull()).addColumn('email', 'text', (c) => c.notNull().defaultTo('')).execute();
            await sql`INSERT INTO person_new (id, first_name, email) SELECT id, first_name, coalesce(email, '') FROM person`.execute(db);
            await db.schema.dropTable('person').execute();
            await db.schema.alterTable('person_new').renameTo('person').execute();
          },
        },
      };
      const { tandem, oracle } = await onBoth(pair, async (db) => {
        const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
        const { error, results } = await migrator.migrateToLatest();
        if (error) throw error;
        const again = await migrator.migrateToLatest();
        const tables = await db.introspection.getTables();
        return { results, again: again.results, tables, rows: await db.selectFrom('person').selectAll().orderBy('id').execute() };
      });
      expect(tandem).toEqual(oracle);
      expect('value' in oracle && oracle.value.results).toHaveLength(6);
    },
  );

  it.skipIf(!features.tableValuedPragmas)('applies each migration once when several migrators race (needs pragma_table_info())', async () => {
    const { Migrator } = await import('kysely/migration');
    const { db } = scratchPool({ max: 6 });
    const migrations = {
      '001': { up: (d: Kysely<any>) => d.schema.createTable('a').addColumn('x', 'integer').execute() },
      '002': { up: async (d: Kysely<any>) => void (await d.insertInto('a').values({ x: 1 }).execute()) },
    };
    const runs = await Promise.all(Array.from({ length: 4 }, () => new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest()));
    expect(runs.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(runs.flatMap((r) => r.results ?? []).filter((r) => r.status === 'Success')).toHaveLength(2);
    expect(await db.selectFrom('a').selectAll().execute()).toEqual([{ x: 1 }]);
  });

  it.skipIf(!features.tableValuedPragmas)('introspects tables like better-sqlite3 (needs pragma_table_info())', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      await sql`CREATE VIEW cheap AS SELECT id, name FROM item WHERE price < 1`.execute(db);
      return db.introspection.getTables();
    });
    expect(tandem).toEqual(oracle);
  });
});

describe('bad input', () => {
  it('fails clearly on a query after destroy()', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.destroy();
      return db.selectFrom('x').selectAll().execute();
    });
    expect(tandem).toEqual(oracle);
    expect('error' in tandem).toBe(true);
  });

  it('fails with SQLITE_MISUSE when its pool is closed', async () => {
    const { pool, db } = scratchPool();
    await pool.close();
    await expect(sql`SELECT 1`.execute(db)).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_MISUSE' });
  });

  it('catches a connection used after Kysely gave it back', async () => {
    const { pool, db } = scratchPool();
    let leaked: Kysely<any> | null = null;
    await db.connection().execute(async (conn) => {
      leaked = conn;
      await sql`SELECT 1`.execute(conn);
    });
    await expect(sql`SELECT 1`.execute(leaked!)).rejects.toThrow(/connection was released to the pool/);
    expect(pool.stats.borrowed).toBe(0);
  });

  it('rejects queries with the engine error when the file cannot be opened', async () => {
    const db = new Kysely<any>({ dialect: new TandemDialect({ path: join(tmpdir(), 'tandem-no-such-dir', 'x', 'db.db') }) });
    cleanups.push(() => db.destroy());
    await expect(sql`SELECT 1`.execute(db)).rejects.toBeInstanceOf(SqliteError);
  });

  it('rejects a bad config', () => {
    expect(() => new TandemDialect(null as never)).toThrow(TypeError);
    expect(() => new TandemDialect({ path: 42 } as never)).toThrow(TypeError);
    expect(() => new TandemDialect({ pool: {} } as never)).toThrow(TypeError);
  });
});
