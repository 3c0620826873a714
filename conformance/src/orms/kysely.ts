// The conformance scenarios in Kysely: TandemDialect on Tandem, Kysely's own SqliteDialect on
// better-sqlite3.

import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Generated, type Insertable } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/sqlite';
import { Migrator, type Migration } from 'kysely/migration';
import { TandemDialect } from '@tandem/kysely';
import type { OrmHarness, ScenarioContext } from '../harness.js';
import { attempt } from '../normalize.js';
import { badInput, CHINOOK_SQL, chinookCopy, concurrentIncrements, judgeConcurrency, yieldToOthers } from '../shared.js';

interface Database {
  users: {
    id: Generated<number>;
    email: string;
    name: string | null;
    age: number | null;
    score: number | null;
    active: Generated<number>;
    created_at: string | null;
    meta: string | null;
    avatar: Buffer | null;
    big: number | bigint | null;
    balance: string | number | null;
  };
  posts: { id: Generated<number>; author_id: number; title: string; views: Generated<number> };
  counters: { id: number; value: number };
}

type Db = Kysely<Database>;
type Ctx = ScenarioContext<Db>;

function open(engine: 'tandem' | 'sqlite', path: string, safeIntegers = false): Db {
  if (engine === 'tandem') return new Kysely<Database>({ dialect: new TandemDialect({ path, safeIntegers }) });
  // A function: an unopenable file then fails at the first query, as on Tandem, not in this call.
  return new Kysely<Database>({
    dialect: new SqliteDialect({
      database: async () => {
        const database = new BetterSqlite3(path);
        if (safeIntegers) database.defaultSafeIntegers(true);
        return database;
      },
    }),
  });
}

async function createSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('age', 'integer')
    .addColumn('score', 'real')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text')
    .addColumn('meta', 'text')
    .addColumn('avatar', 'blob')
    .addColumn('big', 'integer')
    .addColumn('balance', 'numeric')
    .execute();
  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0).check(sql`views >= 0`))
    .execute();
  await db.schema.createIndex('posts_author_idx').on('posts').column('author_id').execute();
  await db.schema.createTable('counters').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('value', 'integer', (c) => c.notNull()).execute();
}

const sampleUser: Insertable<Database['users']> = {
  email: 'ada@例え.jp',
  name: 'Ada 🚀 Lovelace — ñ',
  age: 36,
  score: 0.1 + 0.2,
  active: 1,
  created_at: new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)).toISOString(),
  meta: JSON.stringify({ tags: ['a', 'b'], nested: { n: 1.5, ok: true, nil: null } }),
  avatar: Buffer.from([0, 1, 2, 254, 255]),
  big: 9007199254740991,
  balance: '12.50',
};

async function seed(db: Db, users = 3, postsPerUser = 2): Promise<void> {
  for (let u = 1; u <= users; u++) {
    await db.insertInto('users').values({ email: `u${u}@example.com`, name: `User ${u}`, age: 20 + u, score: u * 1.5 }).execute();
    for (let p = 1; p <= postsPerUser; p++) await db.insertInto('posts').values({ author_id: u, title: `Post ${u}.${p}`, views: u * 10 + p }).execute();
  }
}

const harness: OrmHarness<Db> = {
  orm: 'kysely',
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
      const inserted = await db.insertInto('users').values(sampleUser).executeTakeFirst();
      const id = Number(inserted.insertId);
      const read = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const types = await db
        .selectFrom('users')
        .select([sql<string>`typeof(score)`.as('score'), sql<string>`typeof(avatar)`.as('avatar'), sql<string>`typeof(balance)`.as('balance'), sql<string>`typeof(created_at)`.as('created_at')])
        .where('id', '=', id)
        .executeTakeFirst();
      const json = await db
        .selectFrom('users')
        .select([sql`json_extract(meta, '$.nested.n')`.as('n'), sql`meta ->> '$.tags[1]'`.as('tag'), sql`meta -> '$.nested'`.as('nested')])
        .where('id', '=', id)
        .executeTakeFirst();
      const updated = await db.updateTable('users').set({ score: -1e-300, name: null, avatar: Buffer.alloc(0), age: 2147483648, meta: '[]' }).where('id', '=', id).executeTakeFirst();
      const reread = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      const unbindable = {
        boolean: await attempt(() => db.insertInto('users').values({ email: 'b@x', active: true as unknown as number }).execute()),
        date: await attempt(() => db.insertInto('users').values({ email: 'd@x', created_at: new Date(0) as unknown as string }).execute()),
      };
      const deleted = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      const left = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      // Column affinity applied to bound text, and values spilling onto overflow pages.
      await db.insertInto('users').values({ email: 'affinity@x', age: '12' as never, score: '3.0' as never, balance: '1e3', name: ' 7 ' }).execute();
      const affinity = await sql`SELECT age, typeof(age) AS ta, score, typeof(score) AS ts, balance, typeof(balance) AS tb, name, typeof(name) AS tn FROM users WHERE email = 'affinity@x'`.execute(db);
      const bigBlob = Buffer.alloc(200_000, 0xab);
      bigBlob.write('tandem', 100_000);
      const bigText = 'ж'.repeat(150_000);
      await db.insertInto('users').values({ email: 'big-values@x', avatar: bigBlob, meta: bigText }).execute();
      const large = await sql`SELECT length(avatar) AS bl, hex(substr(avatar, 100001, 6)) AS mid, length(meta) AS tl, substr(meta, 149999) AS tail FROM users WHERE email = 'big-values@x'`.execute(db);
      const roundTrip = await db.selectFrom('users').select(['avatar', 'meta']).where('email', '=', 'big-values@x').executeTakeFirstOrThrow();
      const sameLarge = Buffer.compare(roundTrip.avatar!, bigBlob) === 0 && roundTrip.meta === bigText;
      const defaults = await db.insertInto('counters').defaultValues().execute().catch((e: Error) => e.message);
      return { inserted, read, types, json, updated, reread, unbindable, deleted, left, affinity: affinity.rows, large: large.rows, sameLarge, defaults };
    },

    async 'big-integers'({ db, open, dir }: Ctx) {
      const values = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, -9007199254740993n, 2n ** 53n];
      const big = await open(`${dir}/big.db`, { safeIntegers: true });
      await sql`CREATE TABLE nums (id INTEGER PRIMARY KEY, v INTEGER)`.execute(big);
      for (const v of values) await sql`INSERT INTO nums (v) VALUES (${v})`.execute(big);
      const exact = await sql`SELECT id, v, v - 1 AS less, typeof(v) AS t FROM nums ORDER BY id`.execute(big);
      const sums = await sql`SELECT sum(v) AS s FROM nums WHERE v BETWEEN -9007199254740993 AND 9007199254740993`.execute(big);
      const overflow = await attempt(() => sql`SELECT sum(v) FROM nums WHERE v > 0`.execute(big));
      const inserted = await big.insertInto('nums' as never).values({ v: 2n ** 62n } as never).executeTakeFirst();
      // Kysely's default mode: numbers, rounded as better-sqlite3 rounds them.
      await db.insertInto('users').values({ email: 'big@x', big: 2n ** 63n - 1n }).execute();
      const rounded = await db.selectFrom('users').select(['big']).where('email', '=', 'big@x').executeTakeFirst();
      return { exact: exact.rows, sums: sums.rows, overflow, inserted, rounded };
    },

    async relations({ db }: Ctx) {
      await seed(db);
      const joined = await db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select(['posts.id', 'posts.title', 'users.email as author'])
        .orderBy('posts.id')
        .execute();
      const nested = await db
        .selectFrom('users')
        .select((eb) => [
          'users.id',
          'users.email',
          jsonArrayFrom(eb.selectFrom('posts').select(['posts.id', 'posts.title', 'posts.views']).whereRef('posts.author_id', '=', 'users.id').orderBy('posts.id')).as('posts'),
        ])
        .orderBy('users.id')
        .execute();
      const withAuthor = await db
        .selectFrom('posts')
        .select((eb) => ['posts.id', jsonObjectFrom(eb.selectFrom('users').select(['users.email', 'users.score']).whereRef('users.id', '=', 'posts.author_id')).as('author')])
        .orderBy('posts.id')
        .execute();
      const leftJoin = await db.selectFrom('users').leftJoin('posts', (j) => j.onRef('posts.author_id', '=', 'users.id').on('posts.views', '>', 25)).select(['users.id', 'posts.title']).orderBy('users.id').orderBy('posts.id').execute();
      await db.insertInto('users').values({ email: 'lonely@x' }).execute();
      const rightJoin = await attempt(() => db.selectFrom('posts').rightJoin('users', 'users.id', 'posts.author_id').select(['users.email', 'posts.id']).where('posts.views', 'is', null).execute());
      const fullJoin = await attempt(() => db.selectFrom('posts').fullJoin('users', 'users.id', 'posts.author_id').select(['users.email', 'posts.id']).orderBy('users.email').orderBy('posts.id').execute());
      await db.deleteFrom('users').where('id', '=', 2).execute();
      const afterCascade = await db.selectFrom('posts').select(['id', 'author_id']).orderBy('id').execute();
      return { joined, nested, withAuthor, leftJoin, rightJoin, fullJoin, afterCascade };
    },

    async upsert({ db }: Ctx) {
      await seed(db, 2, 0);
      const updated = await db
        .insertInto('users')
        .values({ email: 'u1@example.com', name: 'Renamed', age: 99 })
        .onConflict((oc) => oc.column('email').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), age: sql`users.age + excluded.age` })))
        .returningAll()
        .execute();
      const ignored = await db.insertInto('users').values({ email: 'u2@example.com', name: 'Ignored' }).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst();
      const conditional = await db
        .insertInto('users')
        .values({ email: 'u2@example.com', name: 'Never' })
        .onConflict((oc) => oc.column('email').doUpdateSet({ name: 'Never' }).where('users.age', '>', 1000))
        .returning(['id', 'name'])
        .execute();
      const orIgnore = await db.insertInto('users').orIgnore().values({ email: 'u1@example.com' }).executeTakeFirst();
      const replaced = await db.replaceInto('users').values({ id: 2, email: 'u2-replaced@example.com' }).executeTakeFirst();
      const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'age']).orderBy('id').execute();
      // A partial unique index as the conflict target (ON CONFLICT (…) WHERE …).
      const partial = await attempt(async () => {
        await sql`CREATE UNIQUE INDEX active_names ON users (name) WHERE active = 1`.execute(db);
        await db.insertInto('users').values({ email: 'p1@x', name: 'Dup', active: 0 }).execute();
        await db.insertInto('users').values({ email: 'p2@x', name: 'Dup', active: 1 }).execute();
        return sql`INSERT INTO users (email, name, active) VALUES ('p3@x', 'Dup', 1) ON CONFLICT (name) WHERE active = 1 DO UPDATE SET age = coalesce(age, 0) + 1 RETURNING id, email, age`.execute(db);
      });
      const partialMissingWhere = await attempt(() => sql`INSERT INTO users (email, name, active) VALUES ('p4@x', 'Dup', 1) ON CONFLICT (name) DO NOTHING`.execute(db));
      return { updated, ignored, conditional, orIgnore, replaced, rows, partial, partialMissingWhere };
    },

    async returning({ db }: Ctx) {
      const inserted = await db.insertInto('users').values([{ email: 'a@x', score: 1.25 }, { email: 'b@x', score: 2 }, { email: 'c@x' }]).returning(['id', 'email', 'score', 'active']).execute();
      const updated = await db.updateTable('users').set((eb) => ({ score: eb('score', '*', 2) })).where('score', 'is not', null).returning(['id', 'score', sql<string>`upper(email)`.as('shout')]).execute();
      const deleted = await db.deleteFrom('users').where('email', '=', 'c@x').returningAll().execute();
      const none = await db.deleteFrom('users').where('email', '=', 'nobody').returning('id').execute();
      return { inserted, updated, deleted, none };
    },

    async aggregates({ db }: Ctx) {
      const empty = await db.selectFrom('posts').select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('views').as('sum'), eb.fn.avg('views').as('avg'), eb.fn.max('views').as('max')]).executeTakeFirst();
      await seed(db, 4, 3);
      const totals = await db.selectFrom('posts').select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('views').as('sum'), eb.fn.avg('views').as('avg'), eb.fn.min('views').as('min'), eb.fn.max('views').as('max')]).executeTakeFirst();
      const grouped = await db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select((eb) => ['users.email', eb.fn.count('posts.id').as('posts'), eb.fn.sum('posts.views').as('views'), sql<string>`group_concat(posts.title, '|')`.as('titles')])
        .groupBy('users.email')
        .having((eb) => eb.fn.sum('posts.views'), '>', 70)
        .orderBy('views', 'desc')
        .execute();
      const distinct = await db.selectFrom('posts').select((eb) => eb.fn.count('author_id').distinct().as('authors')).executeTakeFirst();
      const avgScore = await db.selectFrom('users').select((eb) => [eb.fn.avg('score').as('avg'), sql`total(score)`.as('total')]).executeTakeFirst();
      const windowed = await db
        .selectFrom('posts')
        .select((eb) => [
          'id',
          'author_id',
          eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('author_id').orderBy('views', 'desc')).as('rank'),
          eb.fn.sum<number>('views').over((ob) => ob.orderBy('id')).as('running'),
          sql<number>`lag(views, 1, -1) OVER (PARTITION BY author_id ORDER BY id)`.as('previous'),
          sql<number>`ntile(3) OVER (ORDER BY views)`.as('tile'),
        ])
        .orderBy('id')
        .execute();
      return { empty, totals, grouped, distinct, avgScore, windowed };
    },

    async pagination({ db }: Ctx) {
      for (let i = 1; i <= 25; i++) await db.insertInto('users').values({ email: `p${String(i).padStart(2, '0')}@x`, age: i % 7 }).execute();
      const pages = [];
      for (let page = 0; page < 4; page++) {
        pages.push(await db.selectFrom('users').select(['id', 'email', 'age']).orderBy('age', 'desc').orderBy('id').limit(7).offset(page * 7).execute());
      }
      const keyset = [];
      let after = 0;
      for (;;) {
        const rows = await db.selectFrom('users').select(['id']).where('id', '>', after).orderBy('id').limit(10).execute();
        if (rows.length === 0) break;
        keyset.push(rows.map((r) => r.id));
        after = rows[rows.length - 1]!.id;
      }
      await db.updateTable('users').set({ age: null }).where('id', 'in', [3, 9]).execute();
      const nullsLast = await attempt(() => db.selectFrom('users').select(['id', 'age']).orderBy('age', (ob) => ob.asc().nullsLast()).orderBy('id').limit(4).execute());
      const streamed = [];
      for await (const row of db.selectFrom('users').select(['id', 'email']).where('age', '=', 3).orderBy('id').stream(2)) streamed.push(row);
      const total = await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      return { pages, keyset, nullsLast, streamed, total };
    },

    async 'raw-sql'({ db }: Ctx) {
      await seed(db, 2, 1);
      const typed = await sql`SELECT ${1} AS i, ${1.5} AS r, ${'text ✓'} AS t, ${Buffer.from('hi')} AS b, ${null} AS n, ${10n} AS big, typeof(${1}) AS ti, typeof(${10n}) AS tb`.execute(db);
      const cte = await sql`WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ${5}) SELECT x, x * x AS sq FROM seq`.execute(db);
      const write = await sql`UPDATE users SET age = age + ${1} WHERE id IN (${sql.join([1, 2])})`.execute(db);
      const ident = await sql`SELECT ${sql.ref('users.email')} FROM ${sql.table('users')} ORDER BY id`.execute(db);
      const functions = await sql`SELECT abs(-3) AS a, round(2.555, 2) AS r, substr('héllo', 2, 3) AS s, printf('%05.1f|%d', 3.14159, 42) AS p, date('2024-02-29', '+1 year') AS d, json_object('a', 1, 'b', json_array(1, 2)) AS j, hex(zeroblob(2)) AS h`.execute(db);
      const jsonTables = await sql`SELECT j.key, j.value, j.type, t.fullkey FROM json_each(${'{"a":1,"b":[1,2],"c":{"d":null}}'}) AS j, json_tree('{"x":[true]}') AS t WHERE t.type != 'object' ORDER BY j.key, t.fullkey`.execute(db);
      const jsonAgg = await sql`SELECT json_group_object(email, age) AS o, json_group_array(id) AS a FROM users`.execute(db);
      const updateFrom = await db.updateTable('posts').from('users').set((eb) => ({ title: eb.fn('concat', [eb.ref('users.name'), sql.lit(': '), eb.ref('posts.title')]) })).whereRef('users.id', '=', 'posts.author_id').returning(['posts.id', 'posts.title']).execute();
      const generated = await attempt(async () => {
        await sql`CREATE TABLE gen (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL, c TEXT AS (printf('#%d', a)) STORED)`.execute(db);
        await sql`INSERT INTO gen (a) VALUES (1), (21)`.execute(db);
        return (await sql`SELECT a, b, c FROM gen ORDER BY a`.execute(db)).rows;
      });
      await sql`CREATE VIEW post_titles AS SELECT p.id, u.email, p.title FROM posts p JOIN users u ON u.id = p.author_id`.execute(db);
      const view = await sql`SELECT * FROM post_titles ORDER BY id`.execute(db);
      await sql`CREATE TRIGGER posts_audit AFTER UPDATE OF views ON posts BEGIN INSERT INTO counters (id, value) VALUES (NEW.id, NEW.views - OLD.views); END`.execute(db);
      await db.updateTable('posts').set((eb) => ({ views: eb('views', '+', 5) })).execute();
      const audit = await db.selectFrom('counters').selectAll().orderBy('id').execute();
      const more = await attempt(async () => (await sql`SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000.5, 'unixepoch') AS ts, julianday('2024-02-29 12:00') AS jd, datetime('2024-01-31', '+1 month') AS m, unixepoch('2024-02-29') AS ux, pow(2, 0.5) AS p, log(100) AS lg, 7 / 2 AS idiv, 7 % 0 AS modz, 1 / 0.0 AS divz, CAST(0.1 AS TEXT) AS rt, 1e100 AS huge, printf('%.17g', 0.1) AS pg, iif(1, 'y', 'n') AS i, concat_ws('-', 'a', NULL, 'b') AS cw, format('%q', 'it''s') AS f, unhex('C3A9') AS uh, octet_length('é') AS ol, 'ä' LIKE 'Ä' AS lk, 'B' < 'a' COLLATE NOCASE AS nc, typeof(9223372036854775807 + 0.0) AS tr`.execute(db)).rows);
      return { more, typed: typed.rows, cte: cte.rows, write: { changes: write.numAffectedRows }, ident: ident.rows, functions: functions.rows, jsonTables: jsonTables.rows, jsonAgg: jsonAgg.rows, updateFrom, generated, view: view.rows, audit };
    },

    async transactions({ db }: Ctx) {
      const committed = await db.transaction().execute(async (trx) => {
        await trx.insertInto('counters').values({ id: 1, value: 1 }).execute();
        return trx.selectFrom('counters').selectAll().execute();
      });
      const rolledBack = await attempt(() =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('counters').values({ id: 2, value: 2 }).execute();
          throw new Error('rollback please');
        }),
      );
      const trx = await db.startTransaction().execute();
      await trx.insertInto('counters').values({ id: 3, value: 3 }).execute();
      const sp1 = await trx.savepoint('sp1').execute();
      await sp1.insertInto('counters').values({ id: 4, value: 4 }).execute();
      const afterRollback = await sp1.rollbackToSavepoint('sp1').execute();
      const sp2 = await afterRollback.savepoint('sp2').execute();
      await sp2.updateTable('counters').set({ value: 30 }).where('id', '=', 3).execute();
      await sp2.releaseSavepoint('sp2').execute();
      const inside = await trx.selectFrom('counters').selectAll().orderBy('id').execute();
      await trx.commit().execute();
      const trx2 = await db.startTransaction().execute();
      await trx2.insertInto('counters').values({ id: 5, value: 5 }).execute();
      await trx2.rollback().execute();
      const final = await db.selectFrom('counters').selectAll().orderBy('id').execute();
      return { committed, rolledBack, inside, final };
    },

    async migrations({ open, dir }: Ctx) {
      const db = (await open(`${dir}/migrated.db`)) as unknown as Kysely<any>;
      const migrations: Record<string, Migration> = {
        '001_create': {
          up: async (k) => {
            await k.schema.createTable('author').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()).addColumn('name', 'text', (c) => c.notNull()).execute();
            await k.schema.createTable('book').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('author_id', 'integer', (c) => c.references('author.id')).addColumn('title', 'varchar(200)').addColumn('price', 'real').execute();
            await k.schema.createIndex('book_title').on('book').column('title').execute();
            await k.insertInto('author').values([{ name: 'Le Guin' }, { name: 'Borges' }]).execute();
            await k.insertInto('book').values([{ id: 1, author_id: 1, title: 'The Dispossessed', price: 9.5 }, { id: 2, author_id: 2, title: 'Ficciones', price: 7 }]).execute();
          },
        },
        '002_alter': {
          up: async (k) => {
            await k.schema.alterTable('book').addColumn('year', 'integer', (c) => c.defaultTo(1970)).execute();
            await k.schema.alterTable('book').renameColumn('title', 'name').execute();
            await k.schema.alterTable('book').dropColumn('price').execute();
          },
        },
        '003_rebuild': {
          // SQLite's table rebuild: new table, copy, drop, rename (Kysely has no helper for it).
          up: async (k) => {
            await k.schema
              .createTable('book_new')
              .addColumn('id', 'integer', (c) => c.primaryKey())
              .addColumn('author_id', 'integer', (c) => c.notNull().references('author.id').onDelete('cascade'))
              .addColumn('name', 'text', (c) => c.notNull())
              .addColumn('year', 'integer', (c) => c.notNull().check(sql`year > 0`))
              .execute();
            await sql`INSERT INTO book_new (id, author_id, name, year) SELECT id, author_id, name, year FROM book`.execute(k);
            await k.schema.dropTable('book').execute();
            await k.schema.alterTable('book_new').renameTo('book').execute();
            await k.schema.createIndex('book_name').on('book').column('name').execute();
            await k.schema.createView('book_authors').as(k.selectFrom('book').innerJoin('author', 'author.id', 'book.author_id').select(['book.name as book', 'author.name as author'])).execute();
          },
        },
      };
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const first = await migrator.migrateTo('002_alter');
      const rest = await migrator.migrateToLatest();
      const again = await migrator.migrateToLatest();
      const tables = await db.introspection.getTables();
      const schema = await sql`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db);
      const books = await db.selectFrom('book').selectAll().orderBy('id').execute();
      const viewRows = await db.selectFrom('book_authors').selectAll().orderBy('book').execute();
      const fk = await attempt(() => db.insertInto('book').values({ id: 3, author_id: 99, name: 'x', year: 2000 }).execute());
      return { first, rest, again, tables, schema: schema.rows, books, viewRows, fk };
    },

    async introspection({ db }: Ctx) {
      const tables = await db.introspection.getTables();
      const withInternal = await db.introspection.getTables({ withInternalKyselyTables: true });
      const schemas = await db.introspection.getSchemas();
      return { tables, withInternal: withInternal.map((t) => t.name), schemas };
    },

    async 'constraint-errors'({ db }: Ctx) {
      await seed(db, 1, 1);
      return {
        unique: await attempt(() => db.insertInto('users').values({ email: 'u1@example.com' }).execute()),
        notNull: await attempt(() => db.insertInto('posts').values({ author_id: 1, title: null as unknown as string }).execute()),
        foreignKey: await attempt(() => db.insertInto('posts').values({ author_id: 42, title: 'orphan' }).execute()),
        check: await attempt(() => db.updateTable('posts').set({ views: -1 }).execute()),
        primaryKey: await attempt(() => db.insertInto('posts').values({ id: 1, author_id: 1, title: 'dup' }).execute()),
        inTransaction: await attempt(() =>
          db.transaction().execute(async (trx) => {
            await trx.insertInto('counters').values({ id: 1, value: 1 }).execute();
            await trx.insertInto('counters').values({ id: 1, value: 2 }).execute();
          }),
        ),
        after: await db.selectFrom('counters').selectAll().execute(),
        strict: await attempt(async () => {
          await sql`CREATE TABLE strict_t (x INTEGER NOT NULL, y TEXT) STRICT`.execute(db);
          await sql`INSERT INTO strict_t VALUES (1, 'ok'), ('2', 3)`.execute(db);
          return sql`INSERT INTO strict_t VALUES ('abc', 'x')`.execute(db);
        }),
        strictRows: await attempt(() => sql`SELECT x, typeof(x) AS tx, y, typeof(y) AS ty FROM strict_t`.execute(db)),
        noSuchTable: await attempt(() => sql`SELECT * FROM nope`.execute(db)),
        noSuchColumn: await attempt(() => sql`SELECT nope FROM users`.execute(db)),
        tooBig: await attempt(() => sql`SELECT 9223372036854775807 + 1`.execute(db)),
        mismatch: await attempt(() => sql`INSERT INTO users (email) SELECT 1, 2`.execute(db)),
        syntax: await attempt(() => sql`SELEC 1`.execute(db)),
      };
    },

    async chinook(ctx: Ctx) {
      const db = (await ctx.open(chinookCopy(ctx as ScenarioContext<unknown>))) as unknown as Kysely<any>;
      const topArtists = await db
        .selectFrom('Artist as ar')
        .innerJoin('Album as al', 'al.ArtistId', 'ar.ArtistId')
        .innerJoin('Track as t', 't.AlbumId', 'al.AlbumId')
        .select((eb) => ['ar.Name', eb.fn.count('t.TrackId').as('tracks'), eb.fn.sum('t.Milliseconds').as('ms')])
        .groupBy('ar.ArtistId')
        .orderBy('tracks', 'desc')
        .orderBy('ar.Name')
        .limit(5)
        .execute();
      const salesByCountry = await db
        .selectFrom('Invoice')
        .select((eb) => ['BillingCountry', eb.fn.count('InvoiceId').as('invoices'), sql<number>`round(sum(Total), 2)`.as('total')])
        .groupBy('BillingCountry')
        .having((eb) => eb.fn.count('InvoiceId'), '>=', 20)
        .orderBy('total', 'desc')
        .execute();
      const customer = await db
        .selectFrom('Customer')
        .select((eb) => ['CustomerId', 'FirstName', 'LastName', 'Email', jsonArrayFrom(eb.selectFrom('Invoice').select(['InvoiceId', 'InvoiceDate', 'Total']).whereRef('Invoice.CustomerId', '=', 'Customer.CustomerId').orderBy('InvoiceDate').limit(3)).as('invoices')])
        .where('Country', '=', 'Brazil')
        .orderBy('CustomerId')
        .execute();
      const genres = await db.selectFrom('Genre').selectAll().where('Name', 'like', '%o%').orderBy('GenreId').limit(5).offset(2).execute();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('Track').set((eb) => ({ UnitPrice: eb('UnitPrice', '+', 1) })).where('GenreId', '=', 1).execute();
      });
      const prices = await db.selectFrom('Track').select((eb) => ['GenreId', eb.fn.sum('UnitPrice').as('sum')]).groupBy('GenreId').orderBy('GenreId').limit(3).execute();
      const tables = (await db.introspection.getTables()).map((t) => ({ name: t.name, columns: t.columns.map((c) => `${c.name}:${c.dataType}:${c.isNullable}`) }));
      const battery = [];
      for (const query of CHINOOK_SQL) battery.push(await attempt(async () => (await sql.raw(query).execute(db)).rows));
      return { topArtists, salesByCountry, customer, genres, prices, tables, battery };
    },

    async concurrency({ db, engine }: Ctx) {
      await db.insertInto('counters').values({ id: 1, value: 0 }).execute();
      const outcome = await concurrentIncrements(
        () =>
          db.transaction().execute(async (trx) => {
            const row = await trx.selectFrom('counters').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
            await yieldToOthers();
            await trx.updateTable('counters').set({ value: row.value + 1 }).where('id', '=', 1).execute();
          }),
        async () => (await db.selectFrom('counters').select('value').executeTakeFirstOrThrow()).value,
      );
      return judgeConcurrency(engine, outcome);
    },

    async 'bad-input'(ctx: Ctx) {
      return badInput(ctx, {
        onPool: (pool) => new Kysely<Database>({ dialect: new TandemDialect({ pool }) }),
        onFile: async (path) => {
          const db = open(ctx.engine, path);
          return { db, close: () => db.destroy() };
        },
        transaction: (db, fn) => db.transaction().execute(async () => fn()),
        writeInTransaction: async (db) => {
          await sql`CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)`.execute(db);
          await db.transaction().execute((trx) => trx.insertInto('counters').values({ id: sql`NULL` as never, value: 1 }).execute());
          return (await db.selectFrom('counters').selectAll().execute()).length;
        },
        query: (db) => db.selectFrom('counters').selectAll().execute(),
        destroy: (db) => db.destroy(),
      });
    },
  },
};

export default harness;
