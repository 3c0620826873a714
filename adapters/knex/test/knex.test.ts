import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import knex, { type Knex } from 'knex';
import { SqliteError } from '@tandem/engine';
import { createPool, type Pool } from '@tandem/pool';
import { TandemClient } from '../src/index.js';
import { features, onBoth, openPair, type Pair } from './support.js';

let pair: Pair | null = null;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  const done = pair;
  pair = null;
  await done?.destroy();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function scratch(pool: Partial<Knex.PoolConfig> = {}): { db: Knex; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-knex-pool-'));
  const path = join(dir, 'db.db');
  const db = knex({ client: TandemClient, connection: { filename: path }, pool: { max: 8, ...pool }, useNullAsDefault: true });
  cleanups.push(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, path };
}

function sharedPool(): Pool {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-knex-shared-'));
  const pool = createPool(join(dir, 'db.db'), { max: 4 });
  cleanups.push(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return pool;
}

async function createItems(db: Knex): Promise<void> {
  await db.schema.createTable('item', (t) => {
    t.increments('id');
    t.string('name').notNullable().unique();
    t.bigInteger('big');
    t.float('price');
    t.check('price >= 0', [], 'price_not_negative');
    t.binary('data');
    t.boolean('active').defaultTo(false);
    t.datetime('created_at');
    t.json('meta');
  });
}

describe('CRUD, differential against Knex on better-sqlite3', () => {
  it('round-trips every column type, with integers beyond 2^53 as bigint', async () => {
    pair = openPair({ safeIntegers: true });
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      const first = await db('item').insert({ name: 'héllo wörld 🌍 日本語', big: 2n ** 62n + 1n, price: 3.14159, data: Buffer.from([0, 1, 255]), active: true, created_at: new Date(Date.UTC(2024, 1, 29, 12)), meta: JSON.stringify({ a: [1, 2] }) });
      const many = await db('item')
        .insert([
          { name: 'negative', big: -(2n ** 63n), price: 1e-300, data: Buffer.alloc(0), active: false },
          { name: 'nulls', big: null, price: null, data: null },
        ])
        .returning(['id', 'name', 'big']);
      const rows = await db('item').select('*').orderBy('id');
      const types = await db.raw('SELECT typeof(big) AS b, typeof(price) AS p, typeof(data) AS d, typeof(active) AS a, typeof(created_at) AS c FROM item ORDER BY id');
      const updated = await db('item').where('big', '>', 0n as never).update({ price: db.raw('price * 2') });
      const incremented = await db('item').where('name', 'negative').increment('price', 1);
      const json = await db('item').select(db.raw("json_extract(meta, '$.a[1]') AS second")).whereNotNull('meta');
      const upsert = await db('item').insert({ name: 'nulls', big: 7n }).onConflict('name').merge(['big']).returning('*');
      const ignored = await db('item').insert({ name: 'nulls' }).onConflict('name').ignore();
      const deleted = await db('item').whereNull('price').del();
      const aggregate = await db('item').count({ n: '*' }).sum({ total: 'price' }).max({ top: 'big' }).first();
      const pluck = await db('item').orderBy('id').pluck('name');
      return { first, many, rows, types, updated, incremented, json, upsert, ignored, deleted, aggregate, pluck };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.rows).toHaveLength(3);
  });

  it('returns numbers by default and converts Dates and booleans the same way', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      await db('item').insert({ name: 'a', big: 42, active: true, created_at: new Date(86_400_000) });
      return db('item').first('id', 'big', 'active', 'created_at');
    });
    expect(tandem).toEqual(oracle);
    expect(oracle).toEqual({ value: { id: 1, big: 42, active: 1, created_at: 86_400_000 } });
  });

  it('surfaces constraint violations as the same error', async () => {
    pair = openPair();
    await onBoth(pair, createItems);
    const unique = await onBoth(pair, async (db) => {
      await db('item').insert({ name: 'dup' });
      return db('item').insert({ name: 'dup' });
    });
    expect(unique.tandem).toEqual(unique.oracle);
    expect(unique.oracle).toMatchObject({ error: { code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    const notNull = await onBoth(pair, (db) => db('item').insert({ price: 1 }));
    expect(notNull.tandem).toEqual(notNull.oracle);
    expect(notNull.oracle).toMatchObject({ error: { code: 'SQLITE_CONSTRAINT_NOTNULL' } });
    const check = await onBoth(pair, (db) => db('item').insert({ name: 'c', price: -1 }));
    expect(check.tandem).toEqual(check.oracle);
    expect(check.oracle).toMatchObject({ error: { code: 'SQLITE_CONSTRAINT_CHECK' } });
    const missing = await onBoth(pair, (db) => db('nope').select());
    expect(missing.tandem).toEqual(missing.oracle);
  });

  it('introspects with hasTable, hasColumn and columnInfo like better-sqlite3', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await createItems(db);
      return {
        hasItem: await db.schema.hasTable('item'),
        hasNope: await db.schema.hasTable('nope'),
        hasName: await db.schema.hasColumn('item', 'name'),
        hasZip: await db.schema.hasColumn('item', 'zip'),
        info: await db('item').columnInfo(),
      };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.hasItem).toBe(true);
  });
});

describe('foreign keys', () => {
  it('are enforced and cascade as on better-sqlite3', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('author', (t) => {
        t.increments('id');
        t.string('name');
      });
      await db.schema.createTable('book', (t) => {
        t.increments('id');
        t.integer('author_id').notNullable().references('author.id').onDelete('CASCADE');
      });
      await db('author').insert({ id: 1, name: 'Le Guin' });
      await db('book').insert([{ id: 1, author_id: 1 }, { id: 2, author_id: 1 }]);
      const orphan = await db('book').insert({ id: 3, author_id: 99 }).catch((e: { code: string; message: string }) => [e.code, e.message]);
      await db('author').where('id', 1).del();
      return { orphan, books: await db('book').select() };
    });
    expect(tandem).toEqual(oracle);
    expect(oracle).toMatchObject({ value: { orphan: ['SQLITE_CONSTRAINT_FOREIGNKEY', expect.stringContaining('FOREIGN KEY constraint failed')], books: [] } });
  });
});

describe('transactions', () => {
  it('commits, rolls back a throwing callback, nests savepoints and rolls back explicitly', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('t', (t) => t.integer('x'));
      await db.transaction(async (trx) => {
        await trx('t').insert({ x: 1 });
        await trx.transaction(async (inner) => inner('t').insert({ x: 2 }));
        await trx
          .transaction(async (inner) => {
            await inner('t').insert({ x: 3 });
            throw new Error('undo 3');
          })
          .catch(() => undefined);
      });
      const thrown = await db
        .transaction(async (trx) => {
          await trx('t').insert({ x: 4 });
          throw new Error('callback failed');
        })
        .catch((e: Error) => e.message);
      const trx = await db.transaction();
      await trx('t').insert({ x: 5 });
      await trx.rollback();
      const committed = await db.transaction();
      await committed('t').insert({ x: 6 });
      await committed.commit();
      return { thrown, rows: await db('t').orderBy('x').pluck('x') };
    });
    expect(tandem).toEqual(oracle);
    expect(oracle).toEqual({ value: { thrown: 'callback failed', rows: [1, 2, 6] } });
  });

  it('runs 50 concurrent interactive transactions on several connections with no SQLITE_BUSY and no lost update', async () => {
    const { db } = scratch({ max: 8 });
    await db.schema.createTable('counter', (t) => {
      t.integer('id').primary();
      t.integer('n');
    });
    await db('counter').insert({ id: 1, n: 0 });
    const pool = (db.client as TandemClient).tandemPool!;
    let mostBorrowed = 0;
    const increment = () =>
      db.transaction(async (trx) => {
        mostBorrowed = Math.max(mostBorrowed, pool.stats.borrowed);
        const { n } = (await trx('counter').where('id', 1).first('n')) as { n: number };
        await new Promise((resolve) => setImmediate(resolve));
        await trx('counter').where('id', 1).update({ n: n + 1 });
      });
    const results = await Promise.allSettled(Array.from({ length: 50 }, increment));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await db('counter').where('id', 1).first('n')).toEqual({ n: 50 });
    expect(mostBorrowed).toBeGreaterThan(1);
    expect(pool.stats.borrowed).toBe(0);
  });
});

describe('cancelling', () => {
  it('interrupts a query that exceeds .timeout(ms, { cancel: true }), and the connection stays usable', async () => {
    const { db } = scratch({ max: 1 });
    const long = db.raw('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000) SELECT count(*) AS n FROM c');
    await expect(long.timeout(20, { cancel: true })).rejects.toMatchObject({ name: 'KnexTimeoutError' });
    expect(await db.raw('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

describe('streaming', () => {
  it('streams rows like better-sqlite3 and gives the connection back when the consumer stops', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.schema.createTable('n', (t) => t.integer('i'));
      for (let i = 0; i < 100; i += 25) await db('n').insert(Array.from({ length: 25 }, (_, k) => ({ i: i + k })));
      const all: unknown[] = [];
      for await (const row of db('n').orderBy('i').stream()) all.push(row);
      return all;
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value).toHaveLength(100);

    const { db } = scratch();
    await db.schema.createTable('n', (t) => t.integer('i'));
    await db('n').insert([{ i: 1 }, { i: 2 }, { i: 3 }]);
    const pool = (db.client as TandemClient).tandemPool!;
    for await (const row of db('n').stream()) {
      expect(pool.stats.borrowed).toBe(1);
      void row;
      break;
    }
    await vi.waitFor(() => expect(pool.stats.borrowed).toBe(0));
  });
});

describe('migrations', () => {
  const source = (migrations: Record<string, Knex.Migration>): Knex.MigratorConfig => ({
    migrationSource: {
      getMigrations: async () => Object.keys(migrations),
      getMigrationName: (name: string) => name,
      getMigration: async (name: string) => migrations[name]!,
    },
  });

  it('runs, records and rolls back migrations like better-sqlite3', async () => {
    pair = openPair();
    const config = source({
      '001_people': {
        up: (db) => db.schema.createTable('person', (t) => {
          t.increments('id');
          t.string('name').notNullable();
          t.index(['name'], 'person_name');
        }),
        down: (db) => db.schema.dropTable('person'),
      },
      '002_seed': { up: async (db) => void (await db('person').insert([{ name: 'Ada' }, { name: 'Alan' }])), down: (db) => db('person').del() },
    });
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      const [batch, applied] = await db.migrate.latest(config);
      const again = await db.migrate.latest(config);
      const people = await db('person').orderBy('id');
      const recorded = await db('knex_migrations').orderBy('id').select('name', 'batch');
      const [, undone] = await db.migrate.rollback(config);
      return { batch, applied, again, people, recorded, undone, stillThere: await db.schema.hasTable('person') };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.applied).toEqual(['001_people', '002_seed']);
  });

  it.skipIf(!features.alterTable)('alters tables, including drop column by table rebuild (needs ALTER TABLE)', async () => {
    pair = openPair();
    const config = source({
      '001': {
        up: (db) => db.schema.createTable('person', (t) => {
          t.increments('id');
          t.string('first');
          t.integer('age');
          t.index(['first'], 'person_first');
        }),
        down: async () => undefined,
      },
      '002': { up: async (db) => void (await db('person').insert([{ first: 'Ada', age: 36 }, { first: 'Alan', age: 41 }])), down: async () => undefined },
      '003': { up: (db) => db.schema.alterTable('person', (t) => t.string('email').defaultTo('none')), down: async () => undefined },
      '004': { up: (db) => db.schema.alterTable('person', (t) => t.renameColumn('first', 'first_name')), down: async () => undefined },
      '005': { up: (db) => db.schema.alterTable('person', (t) => t.dropColumn('age')), down: async () => undefined },
      '006': { up: (db) => db.schema.alterTable('person', (t) => t.string('email').notNullable().alter()), down: async () => undefined },
      '007': { up: (db) => db.schema.renameTable('person', 'people'), down: async () => undefined },
    });
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.migrate.latest(config);
      return {
        rows: await db('people').orderBy('id'),
        info: await db('people').columnInfo(),
        schema: await db('sqlite_master').whereNot('name', 'like', 'sqlite_%').orderBy('name').select('type', 'name', 'tbl_name', 'sql'),
      };
    });
    expect(tandem).toEqual(oracle);
    expect('value' in oracle && oracle.value.rows).toHaveLength(2);
  });
});

describe('a shared @tandem/pool', () => {
  it('uses a Pool given as connectionPool and leaves it open on destroy()', async () => {
    const pool = sharedPool();
    const db = knex({ client: TandemClient, connectionPool: pool as never, useNullAsDefault: true });
    await db.schema.createTable('t', (t) => t.integer('x'));
    await db('t').insert({ x: 1 });
    await db.destroy();
    expect(await pool.withConnection((c) => c.prepare('SELECT x FROM t').pluck().all())).toEqual([1]);
  });
});

describe('bad input', () => {
  it('fails clearly on a query after destroy()', async () => {
    pair = openPair();
    const { tandem, oracle } = await onBoth(pair, async (db) => {
      await db.destroy();
      return db.raw('SELECT 1');
    });
    expect(tandem).toEqual(oracle);
    expect('error' in tandem).toBe(true);
  });

  it('fails with SQLITE_MISUSE when its shared pool is closed', async () => {
    const pool = sharedPool();
    const db = knex({ client: TandemClient, connectionPool: pool as never, useNullAsDefault: true });
    cleanups.push(() => db.destroy());
    await pool.close();
    await expect(db.raw('SELECT 1')).rejects.toMatchObject({ name: 'SqliteError', code: 'SQLITE_MISUSE' });
  });

  it('catches a connection used after it went back to the pool', async () => {
    const { db } = scratch();
    const connection = await db.client.acquireConnection();
    await db.raw('SELECT 1').connection(connection);
    await db.client.releaseConnection(connection);
    await expect(db.raw('SELECT 1').connection(connection)).rejects.toMatchObject({ code: 'SQLITE_MISUSE', message: expect.stringMatching(/connection was released to the pool/) });
    expect((db.client as TandemClient).tandemPool!.stats.borrowed).toBe(0);
  });

  it('rejects queries with the engine error when the file cannot be opened', async () => {
    const db = knex({ client: TandemClient, connection: { filename: join(tmpdir(), 'tandem-no-such-dir', 'x', 'db.db') }, useNullAsDefault: true });
    cleanups.push(() => db.destroy());
    await expect(db.raw('SELECT 1')).rejects.toBeInstanceOf(SqliteError);
  });

  it('rejects a bad config', () => {
    expect(() => knex({ client: TandemClient, connection: {} as never, useNullAsDefault: true })).toThrow(/connection.filename/);
    expect(() => knex({ client: TandemClient, connectionPool: {} as never, useNullAsDefault: true })).toThrow(/@tandem\/pool/);
  });
});
