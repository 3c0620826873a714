// The conformance scenarios in Knex: TandemClient on Tandem, Knex's own 'better-sqlite3' client on
// better-sqlite3.

import knex, { type Knex } from 'knex';
import { TandemClient } from '@tandem/knex';
import type { OrmHarness, ScenarioContext } from '../harness.js';
import { attempt } from '../normalize.js';
import { badInput, CHINOOK_SQL, chinookCopy, concurrentIncrements, judgeConcurrency, yieldToOthers } from '../shared.js';

type Db = Knex;
type Ctx = ScenarioContext<Db>;

function open(engine: 'tandem' | 'sqlite', filename: string, safeIntegers = false): Db {
  const connection = { filename, ...(safeIntegers ? { options: { safeIntegers: true } } : {}) };
  return knex({ client: engine === 'tandem' ? TandemClient : 'better-sqlite3', connection, useNullAsDefault: true });
}

async function createSchema(db: Db): Promise<void> {
  await db.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email').notNullable().unique();
    t.string('name');
    t.integer('age');
    t.float('score');
    t.boolean('active').notNullable().defaultTo(true);
    t.datetime('created_at');
    t.json('meta');
    t.binary('avatar');
    t.bigInteger('big');
    t.decimal('balance', 10, 2);
  });
  await db.schema.createTable('posts', (t) => {
    t.increments('id');
    t.integer('author_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('title').notNullable();
    t.integer('views').notNullable().defaultTo(0).checkPositive();
    t.index(['author_id'], 'posts_author_idx');
  });
  await db.schema.createTable('counters', (t) => {
    t.integer('id').primary();
    t.integer('value').notNullable();
  });
}

const sampleUser = {
  email: 'ada@例え.jp',
  name: 'Ada 🚀 Lovelace — ñ',
  age: 36,
  score: 0.1 + 0.2,
  active: true,
  created_at: new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)),
  meta: JSON.stringify({ tags: ['a', 'b'], nested: { n: 1.5, ok: true, nil: null } }),
  avatar: Buffer.from([0, 1, 2, 254, 255]),
  big: 9007199254740991,
  balance: 12.5,
};

async function seed(db: Db, users = 3, postsPerUser = 2): Promise<void> {
  for (let u = 1; u <= users; u++) {
    await db('users').insert({ email: `u${u}@example.com`, name: `User ${u}`, age: 20 + u, score: u * 1.5 });
    for (let p = 1; p <= postsPerUser; p++) await db('posts').insert({ author_id: u, title: `Post ${u}.${p}`, views: u * 10 + p });
  }
}

const harness: OrmHarness<Db> = {
  orm: 'knex',
  unavailable: async () => null,
  async createSchema(engine, path) {
    const db = open(engine, path);
    try {
      await createSchema(db);
    } finally {
      await db.destroy();
    }
  },
  async open(engine, path, options) {
    const db = open(engine, path, options?.safeIntegers);
    return { db, close: () => db.destroy() };
  },
  scenarios: {
    async 'crud-types'({ db }: Ctx) {
      const inserted = await db('users').insert(sampleUser);
      const id = inserted[0]!;
      const read = await db('users').where({ id }).first();
      const types = await db('users').select(db.raw('typeof(score) as score, typeof(active) as active, typeof(created_at) as created_at, typeof(avatar) as avatar, typeof(balance) as balance')).where({ id }).first();
      const json = await db('users').select(db.jsonExtract('meta', '$.nested.n', 'n'), db.jsonExtract('meta', '$.tags', 'tags')).where({ id }).first();
      const jsonSet = await db('users').update({ meta: db.jsonSet('meta', '$.nested.ok', false) }).where({ id });
      const byJson = await db('users').whereJsonPath('meta', '$.nested.n', '=', 1.5).select('id');
      const updated = await db('users').update({ score: -1e-300, name: null, avatar: Buffer.alloc(0), active: false, created_at: new Date(0) }).where({ id });
      const reread = await db('users').where({ id }).first();
      const increment = await db('users').where({ id }).increment('age', 2).returning(['age']);
      const deleted = await db('users').where({ id }).del();
      const left = await db('users').count({ n: '*' });
      return { inserted, read, types, json, jsonSet, byJson, updated, reread, increment, deleted, left };
    },

    async 'big-integers'({ db, open, dir }: Ctx) {
      const values = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, -9007199254740993n, 2n ** 53n];
      const big = await open(`${dir}/big.db`, { safeIntegers: true });
      await big.schema.createTable('nums', (t) => {
        t.increments('id');
        t.bigInteger('v');
      });
      for (const v of values) await big('nums').insert({ v });
      const exact = await big('nums').select('id', 'v', big.raw('v - 1 as less'), big.raw('typeof(v) as t')).orderBy('id');
      const sums = await big('nums').sum({ s: 'v' }).whereBetween('v', [-9007199254740993n, 9007199254740993n] as never);
      const overflow = await attempt(() => big('nums').sum({ s: 'v' }).where('v', '>', 0));
      const returned = await big('nums').insert({ v: 2n ** 62n }).returning(['id', 'v']);
      await db('users').insert({ email: 'big@x', big: 2n ** 63n - 1n } as never);
      const rounded = await db('users').select('big').where({ email: 'big@x' }).first();
      return { exact, sums, overflow, returned, rounded };
    },

    async relations({ db }: Ctx) {
      await seed(db);
      const joined = await db('posts').join('users', 'users.id', 'posts.author_id').select('posts.id', 'posts.title', 'users.email as author').orderBy('posts.id');
      const leftJoin = await db('users')
        .leftJoin('posts', function () {
          this.on('posts.author_id', '=', 'users.id').andOn('posts.views', '>', db.raw('?', [25]));
        })
        .select('users.id', 'posts.title')
        .orderBy(['users.id', 'posts.id']);
      const nested = await db('users')
        .select('users.id', 'users.email', db.raw("(select json_group_array(json_object('id', p.id, 'title', p.title)) from (select * from posts where posts.author_id = users.id order by posts.id) as p) as posts"))
        .orderBy('users.id');
      const sub = await db('users').whereIn('id', db('posts').select('author_id').where('views', '>', 30)).select('email').orderBy('id');
      const exists = await db('users').whereExists(db('posts').whereRaw('posts.author_id = users.id').where('views', '<', 20)).select('id');
      await db('users').where({ id: 2 }).del();
      const afterCascade = await db('posts').select('id', 'author_id').orderBy('id');
      return { joined, leftJoin, nested, sub, exists, afterCascade };
    },

    async upsert({ db }: Ctx) {
      await seed(db, 2, 0);
      const merged = await db('users').insert({ email: 'u1@example.com', name: 'Renamed', age: 99 }).onConflict('email').merge(['name']).returning('*');
      const mergeExpr = await db('users').insert({ email: 'u2@example.com', age: 5 }).onConflict('email').merge({ age: db.raw('users.age + excluded.age') }).returning(['id', 'age']);
      const ignored = await db('users').insert({ email: 'u2@example.com', name: 'Ignored' }).onConflict('email').ignore();
      const multi = await db('users').insert([{ email: 'u1@example.com', name: 'Multi' }, { email: 'u3@example.com', name: 'New' }]).onConflict('email').merge().returning(['email', 'name']);
      const upsertApi = await attempt(() => db('users').upsert({ email: 'x@x' }));
      const rows = await db('users').select('id', 'email', 'name', 'age').orderBy('id');
      return { merged, mergeExpr, ignored, multi, upsertApi, rows };
    },

    async returning({ db }: Ctx) {
      const inserted = await db('users').insert([{ email: 'a@x', score: 1.25 }, { email: 'b@x', score: 2 }, { email: 'c@x' }]).returning(['id', 'email', 'score', 'active']);
      const single = await db('users').insert({ email: 'd@x' });
      const updated = await db('users').whereNotNull('score').update({ score: db.raw('score * 2') }).returning(['id', 'score']);
      const updatedCount = await db('users').where({ email: 'd@x' }).update({ name: 'D' });
      const deleted = await db('users').where({ email: 'c@x' }).del().returning('*');
      const none = await db('users').where({ email: 'nobody' }).del().returning('id');
      const batch = await db.batchInsert('users', Array.from({ length: 1000 }, (_, i) => ({ email: `batch${i}@x`, age: i % 100, score: i / 7 })), 150).returning(['id'] as never);
      const batchTotals = await db('users').where('email', 'like', 'batch%').count({ n: '*' }).sum({ s: 'age' }).select(db.raw('round(sum(score), 6) AS sc')).first();
      return { inserted, single, updated, updatedCount, deleted, none, batch: batch.length, batchTotals };
    },

    async aggregates({ db }: Ctx) {
      const empty = await db('posts').count({ n: '*' }).sum({ sum: 'views' }).avg({ avg: 'views' }).max({ max: 'views' }).first();
      await seed(db, 4, 3);
      const totals = await db('posts').count({ n: '*' }).sum({ sum: 'views' }).avg({ avg: 'views' }).min({ min: 'views' }).max({ max: 'views' }).first();
      const grouped = await db('posts')
        .join('users', 'users.id', 'posts.author_id')
        .select('users.email')
        .count({ posts: 'posts.id' })
        .sum({ views: 'posts.views' })
        .select(db.raw("group_concat(posts.title, '|') as titles"))
        .groupBy('users.email')
        .having(db.raw('sum(posts.views)'), '>', 70)
        .orderBy('views', 'desc');
      const distinct = await db('posts').countDistinct({ authors: 'author_id' }).first();
      const avgScore = await db('users').avg({ avg: 'score' }).select(db.raw('total(score) as total')).first();
      return { empty, totals, grouped, distinct, avgScore };
    },

    async pagination({ db }: Ctx) {
      for (let i = 1; i <= 25; i++) await db('users').insert({ email: `p${String(i).padStart(2, '0')}@x`, age: i % 7 });
      const pages = [];
      for (let page = 0; page < 4; page++) pages.push(await db('users').select('id', 'email', 'age').orderBy([{ column: 'age', order: 'desc' }, 'id']).limit(7).offset(page * 7));
      const keyset = [];
      let after = 0;
      for (;;) {
        const rows = await db('users').select('id').where('id', '>', after).orderBy('id').limit(10);
        if (rows.length === 0) break;
        keyset.push(rows.map((r: { id: number }) => r.id));
        after = rows[rows.length - 1].id;
      }
      const offsetOnly = await db('users').select('id').orderBy('id').offset(23);
      const streamed: unknown[] = [];
      for await (const row of db('users').select('id', 'email').where({ age: 3 }).orderBy('id').stream()) streamed.push(row);
      const total = await db('users').count({ n: '*' }).first();
      return { pages, keyset, offsetOnly, streamed, total };
    },

    async 'raw-sql'({ db }: Ctx) {
      await seed(db, 2, 1);
      const typed = await db.raw('SELECT ? AS i, ? AS r, ? AS t, ? AS b, ? AS n, ? AS big, typeof(?) AS ti, ? AS flag, ? AS d', [1, 1.5, 'text ✓', Buffer.from('hi'), null, 10n, 1, true, new Date(86_400_000)] as never);
      const named = await db.raw('SELECT :a AS a, :b AS b', { a: 'x', b: 2 });
      const ids = await db.raw('SELECT ?? FROM ?? WHERE id IN (?, ?) ORDER BY id', ['email', 'users', 1, 2]);
      const cte = await db.withRecursive('seq', ['x'], db.raw('SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ?', [5])).select('x', db.raw('x * x as sq')).from('seq');
      const write = await db.raw('UPDATE users SET age = age + ? WHERE id IN (?, ?)', [1, 1, 2]);
      const functions = await db.raw("SELECT abs(-3) AS a, round(2.555, 2) AS r, substr('héllo', 2, 3) AS s, printf('%05.1f|%d', 3.14159, 42) AS p, date('2024-02-29', '+1 year') AS d, hex(zeroblob(2)) AS h");
      const windowed = await db('posts')
        .select('id', db.raw('rank() OVER (PARTITION BY author_id ORDER BY views DESC) AS r'), db.raw('avg(views) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving'))
        .orderBy('id');
      const strings = await db.raw("SELECT upper('straße') AS u, lower('ÀB') AS l, length('日本語') AS n, instr('hello', 'l') AS i, replace('a-b-c', '-', '+') AS r, trim('  x  ') AS t, 'a' || NULL AS c, quote('it''s') AS q, unicode('é') AS cp, char(233, 0x1F600) AS ch");
      return { typed, named, ids, cte, write, functions, windowed, strings };
    },

    async transactions({ db }: Ctx) {
      const committed = await db.transaction(async (trx) => {
        await trx('counters').insert({ id: 1, value: 1 });
        return trx('counters').select();
      });
      const rolledBack = await attempt(() =>
        db.transaction(async (trx) => {
          await trx('counters').insert({ id: 2, value: 2 });
          throw new Error('rollback please');
        }),
      );
      const nested = await db.transaction(async (trx) => {
        await trx('counters').insert({ id: 3, value: 3 });
        const inner = await attempt(() =>
          trx.transaction(async (sp) => {
            await sp('counters').insert({ id: 4, value: 4 });
            throw new Error('inner rollback');
          }),
        );
        await trx.transaction(async (sp) => {
          await sp('counters').where({ id: 3 }).update({ value: 30 });
          await sp.transaction(async (sp2) => sp2('counters').insert({ id: 6, value: 6 }));
        });
        return { inner, rows: await trx('counters').select().orderBy('id') };
      });
      const trx = await db.transaction();
      await trx('counters').insert({ id: 5, value: 5 });
      await trx.rollback();
      const explicit = await attempt(() => trx.executionPromise);
      const final = await db('counters').select().orderBy('id');
      return { committed, rolledBack, nested, explicit, final };
    },

    async migrations({ open, dir }: Ctx) {
      const db = await open(`${dir}/migrated.db`);
      const steps: Record<string, Knex.Migration> = {
        '001_create': {
          up: async (k) => {
            await k.schema.createTable('author', (t) => {
              t.increments('id');
              t.string('name').notNullable();
            });
            await k.schema.createTable('book', (t) => {
              t.integer('id').primary();
              t.integer('author_id').references('id').inTable('author');
              t.string('title', 200);
              t.float('price');
              t.index(['title'], 'book_title');
            });
            await k('author').insert([{ name: 'Le Guin' }, { name: 'Borges' }]);
            await k('book').insert([{ id: 1, author_id: 1, title: 'The Dispossessed', price: 9.5 }, { id: 2, author_id: 2, title: 'Ficciones', price: 7 }]);
          },
          down: async (k) => {
            await k.schema.dropTable('book');
            await k.schema.dropTable('author');
          },
        },
        '002_alter': {
          up: async (k) => {
            await k.schema.alterTable('book', (t) => {
              t.integer('year').defaultTo(1970);
            });
            await k.schema.alterTable('book', (t) => t.renameColumn('title', 'name'));
          },
          down: async () => undefined,
        },
        '003_rebuild': {
          // Knex rebuilds the table for these (create new, copy, drop, rename).
          up: async (k) => {
            await k.schema.alterTable('book', (t) => {
              t.dropColumn('price');
            });
            await k.schema.alterTable('book', (t) => {
              t.string('name').notNullable().alter();
              t.dropForeign(['author_id']);
            });
            await k.schema.alterTable('book', (t) => {
              t.foreign('author_id').references('id').inTable('author').onDelete('CASCADE');
            });
          },
          down: async () => undefined,
        },
      };
      const migrationSource: Knex.MigrationSource<string> = {
        getMigrations: async () => Object.keys(steps),
        getMigrationName: (name) => name,
        getMigration: async (name) => steps[name]!,
      };
      const config = { migrationSource };
      const first = await db.migrate.up(config);
      const rest = await db.migrate.latest(config);
      const again = await db.migrate.latest(config);
      const status = await db.migrate.status(config);
      const list = await db.migrate.list(config);
      const schema = await db.raw("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
      const columns = await db('book').columnInfo();
      const books = await db('book').select().orderBy('id');
      const fk = await attempt(() => db('book').insert({ id: 3, author_id: 99, name: 'x' }));
      const cascade = await db('author').where({ id: 1 }).del();
      const booksAfter = await db('book').select('id').orderBy('id');
      const migrationsTable = await db('knex_migrations').select('id', 'name', 'batch').orderBy('id');
      return { first, rest, again, status, list, schema, columns, books, fk, cascade, booksAfter, migrationsTable };
    },

    async introspection({ db }: Ctx) {
      const hasTable = { users: await db.schema.hasTable('users'), nope: await db.schema.hasTable('nope') };
      const hasColumn = { email: await db.schema.hasColumn('users', 'email'), nope: await db.schema.hasColumn('users', 'nope') };
      const columns = { users: await db('users').columnInfo(), posts: await db('posts').columnInfo() };
      const email = await db('users').columnInfo('email');
      const master = await db.raw("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name");
      return { hasTable, hasColumn, columns, email, master };
    },

    async 'constraint-errors'({ db }: Ctx) {
      await seed(db, 1, 1);
      return {
        unique: await attempt(() => db('users').insert({ email: 'u1@example.com' })),
        notNull: await attempt(() => db('posts').insert({ author_id: 1, title: null })),
        foreignKey: await attempt(() => db('posts').insert({ author_id: 42, title: 'orphan' })),
        check: await attempt(() => db('posts').update({ views: -1 })),
        primaryKey: await attempt(() => db('posts').insert({ id: 1, author_id: 1, title: 'dup' })),
        inTransaction: await attempt(() =>
          db.transaction(async (trx) => {
            await trx('counters').insert({ id: 1, value: 1 });
            await trx('counters').insert({ id: 1, value: 2 });
          }),
        ),
        after: await db('counters').select(),
        noSuchTable: await attempt(() => db('nope').select()),
        syntax: await attempt(() => db.raw('SELEC 1')),
      };
    },

    async chinook(ctx: Ctx) {
      const db = await ctx.open(chinookCopy(ctx as ScenarioContext<unknown>));
      const topArtists = await db('Artist as ar')
        .join('Album as al', 'al.ArtistId', 'ar.ArtistId')
        .join('Track as t', 't.AlbumId', 'al.AlbumId')
        .select('ar.Name')
        .count({ tracks: 't.TrackId' })
        .sum({ ms: 't.Milliseconds' })
        .groupBy('ar.ArtistId')
        .orderBy([{ column: 'tracks', order: 'desc' }, 'ar.Name'])
        .limit(5);
      const salesByCountry = await db('Invoice')
        .select('BillingCountry')
        .count({ invoices: 'InvoiceId' })
        .select(db.raw('round(sum(Total), 2) as total'))
        .groupBy('BillingCountry')
        .havingRaw('count(InvoiceId) >= ?', [20])
        .orderBy('total', 'desc');
      const customers = await db('Customer').where({ Country: 'Brazil' }).select('CustomerId', 'FirstName', 'LastName', 'Email').orderBy('CustomerId');
      const invoices = await db('Invoice').whereIn('CustomerId', customers.map((c: { CustomerId: number }) => c.CustomerId)).orderBy(['CustomerId', 'InvoiceDate']).limit(10);
      const genres = await db('Genre').where('Name', 'like', '%o%').orderBy('GenreId').limit(5).offset(2);
      await db.transaction(async (trx) => {
        await trx('Track').where({ GenreId: 1 }).increment('UnitPrice', 1);
      });
      const prices = await db('Track').select('GenreId').sum({ sum: 'UnitPrice' }).groupBy('GenreId').orderBy('GenreId').limit(3);
      const trackColumns = await db('Track').columnInfo();
      const battery = [];
      for (const query of CHINOOK_SQL) battery.push(await attempt(() => db.raw(query)));
      return { topArtists, salesByCountry, customers, invoices, genres, prices, trackColumns, battery };
    },

    async concurrency({ db, engine }: Ctx) {
      await db('counters').insert({ id: 1, value: 0 });
      const outcome = await concurrentIncrements(
        () =>
          db.transaction(async (trx) => {
            const row = await trx('counters').where({ id: 1 }).first();
            await yieldToOthers();
            await trx('counters').where({ id: 1 }).update({ value: row.value + 1 });
          }),
        async () => (await db('counters').where({ id: 1 }).first()).value,
      );
      return judgeConcurrency(engine, outcome);
    },

    async 'bad-input'(ctx: Ctx) {
      return badInput(ctx, {
        onPool: (pool) => knex({ client: TandemClient, connectionPool: pool, useNullAsDefault: true } as unknown as Knex.Config),
        onFile: async (path) => {
          const db = open(ctx.engine, path);
          return { db, close: () => db.destroy() };
        },
        transaction: (db, fn) => db.transaction(async () => fn()),
        writeInTransaction: async (db) => {
          await db.raw('CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
          await db.transaction((trx) => trx('counters').insert({ value: 1 }));
          return (await db('counters').select()).length;
        },
        query: (db) => db('counters').select(),
        destroy: (db) => db.destroy(),
      });
    },
  },
};

export default harness;
