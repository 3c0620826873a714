// The conformance scenarios in Drizzle: @tandem/drizzle (async, pooled) on Tandem, drizzle-orm's
// better-sqlite3 driver (sync) on better-sqlite3. Schemas are created by drizzle-kit's generated
// migrations on both. Two differences are inherent to the drivers, not to the engines: the
// better-sqlite3 driver is synchronous, so its transactions take synchronous callbacks (the
// scenarios that use transactions have one code path per driver); and Drizzle's async drivers wrap
// driver errors in DrizzleQueryError, the sync one does not (errors are compared on the SQLite error
// inside, and the wrapper is noted).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { and, asc, avg, count, countDistinct, desc, DrizzleError, DrizzleQueryError, eq, gt, inArray, isNotNull, like, max, min, relations, sql, sum } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateBetterSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { blob, check, index, integer, numeric, real, sqliteTable, text, type BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle } from '@tandem/drizzle';
import { migrate } from '@tandem/drizzle/migrator';
import type { EngineName } from '../scenarios.js';
import type { OrmHarness, ScenarioContext } from '../harness.js';
import { describeError, normalize, type Typed } from '../normalize.js';
import { badInput, CHINOOK_SQL, chinookCopy, concurrentIncrements, judgeConcurrency, yieldToOthers } from '../shared.js';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name'),
  age: integer('age'),
  score: real('score'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  meta: text('meta', { mode: 'json' }).$type<unknown>(),
  avatar: blob('avatar', { mode: 'buffer' }),
  big: blob('big', { mode: 'bigint' }),
  balance: numeric('balance'),
  joined: integer('joined').default(sql`(unixepoch())`),
});

export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [index('posts_author_idx').on(t.authorId), check('views_non_negative', sql`${t.views} >= 0`)],
);

export const counters = sqliteTable('counters', { id: integer('id').primaryKey(), value: integer('value').notNull() });

export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));

const schema = { users, posts, counters, usersRelations, postsRelations };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = BaseSQLiteDatabase<any, any, typeof schema>;
type Ctx = ScenarioContext<Db>;

type KitApi = typeof import('drizzle-kit/api');
let kit: Promise<KitApi> | undefined;
/** drizzle-kit's programmatic API (a large CommonJS bundle): loaded once, when first needed. */
function drizzleKit(): Promise<KitApi> {
  kit ??= import('drizzle-kit/api');
  return kit;
}

/** A drizzle-kit migrations folder: the SQL `drizzle-kit generate` writes for each schema step. */
async function writeMigrations(folder: string, steps: Record<string, unknown>[]): Promise<void> {
  const { generateSQLiteDrizzleJson, generateSQLiteMigration } = await drizzleKit();
  mkdirSync(join(folder, 'meta'), { recursive: true });
  let previous = await generateSQLiteDrizzleJson({});
  const entries = [];
  for (const [idx, step] of steps.entries()) {
    const current = await generateSQLiteDrizzleJson(step, previous.id);
    const statements = await generateSQLiteMigration(previous, current);
    const tag = `${String(idx).padStart(4, '0')}_step`;
    writeFileSync(join(folder, `${tag}.sql`), statements.join('\n--> statement-breakpoint\n'));
    entries.push({ idx, version: '6', when: 1_700_000_000_000 + idx * 1000, tag, breakpoints: true });
    previous = current;
  }
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
}

const clients = new WeakMap<object, () => Promise<void>>();

function open<S extends Record<string, unknown>>(engine: EngineName, path: string, dbSchema: S): BaseSQLiteDatabase<'sync' | 'async', unknown, S> {
  if (engine === 'tandem') {
    const db = drizzle(path, { schema: dbSchema });
    clients.set(db, () => db.$client.close());
    return db as never;
  }
  const client = new Database(path);
  const db = drizzleBetterSqlite(client, { schema: dbSchema });
  clients.set(db, async () => void client.close());
  return db as never;
}

function close(db: object): Promise<void> {
  return clients.get(db)!();
}

async function applyMigrations(engine: EngineName, db: Db, migrationsFolder: string): Promise<void> {
  if (engine === 'tandem') await migrate(db as never, { migrationsFolder });
  else migrateBetterSqlite(db as never, { migrationsFolder });
}

/**
 * An interactive transaction on either driver: async callbacks on Tandem's driver, a synchronous
 * one on better-sqlite3's (`sync` gets the same steps run with .run()/.all()).
 */
async function transaction<T>(engine: EngineName, db: Db, body: { async: (tx: Db) => Promise<T>; sync: (tx: Db) => T }, behavior?: 'immediate'): Promise<T> {
  if (engine === 'tandem') return db.transaction((tx) => body.async(tx as never), behavior ? { behavior } : undefined) as Promise<T>;
  return db.transaction((tx) => body.sync(tx as never)) as T;
}

/** attempt() for Drizzle: Tandem's async driver wraps errors in DrizzleQueryError; compare what is inside. */
function attemptIn(ctx: Ctx) {
  return async (fn: () => unknown): Promise<Typed> => {
    try {
      return { ok: normalize(await fn()) };
    } catch (error) {
      if ((error instanceof DrizzleQueryError || error instanceof DrizzleError) && error.cause) {
        wrapperNote(ctx, error.constructor.name);
        return { failed: describeError(error.cause) };
      }
      return { failed: describeError(error) };
    }
  };
}

const noted = new WeakSet<object>();
function wrapperNote(ctx: Ctx, wrapper: string): void {
  if (noted.has(ctx)) return;
  noted.add(ctx);
  ctx.note(`errors arrive wrapped in ${wrapper} (${wrapper === 'DrizzleQueryError' ? "as on Drizzle's async drivers" : "Drizzle's wrapper for raw db.run/all/get"}); compared on the error inside`);
}

async function seed(db: Db, userCount = 3, postsPerUser = 2): Promise<void> {
  for (let u = 1; u <= userCount; u++) {
    await db.insert(users).values({ email: `u${u}@example.com`, name: `User ${u}`, age: 20 + u, score: u * 1.5, joined: 1_700_000_000 });
    for (let p = 1; p <= postsPerUser; p++) await db.insert(posts).values({ authorId: u, title: `Post ${u}.${p}`, views: u * 10 + p });
  }
}

const rowsOf = (rows: unknown[]) => rows.map((r) => normalize(r));

const harness: OrmHarness<Db> = {
  orm: 'drizzle',
  unavailable: async () => null,
  async createSchema(engine, path, dir) {
    const folder = join(dir, 'migrations');
    await writeMigrations(folder, [schema]);
    const db = open(engine, path, schema) as Db;
    try {
      await applyMigrations(engine, db, folder);
    } finally {
      await close(db);
    }
  },
  async open(engine, path) {
    const db = open(engine, path, schema) as Db;
    return { db, close: () => close(db) };
  },
  scenarios: {
    async 'crud-types'(ctx: Ctx) {
      const { db } = ctx;
      const attempt = attemptIn(ctx);
      const created = new Date(Date.UTC(2024, 1, 29, 12, 34, 56));
      const inserted = await db
        .insert(users)
        .values({
          email: 'ada@例え.jp',
          name: 'Ada 🚀 Lovelace — ñ',
          age: 36,
          score: 0.1 + 0.2,
          active: false,
          createdAt: created,
          updatedAt: new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789)),
          meta: { tags: ['a', 'b'], nested: { n: 1.5, ok: true, nil: null }, big: 12345678901234 },
          avatar: Buffer.from([0, 1, 2, 254, 255]),
          big: 2n ** 63n - 1n,
          balance: '12.50',
          joined: 1_700_000_000,
        })
        .returning({ id: users.id });
      const id = inserted[0]!.id;
      const read = await db.select().from(users).where(eq(users.id, id));
      const types = await db.all(sql`SELECT typeof(score) AS score, typeof(active) AS active, typeof(created_at) AS created, typeof(updated_at) AS updated, typeof(meta) AS meta, typeof(avatar) AS avatar, typeof(big) AS big, typeof(balance) AS balance FROM users WHERE id = ${id}`);
      const json = await db.get(sql`SELECT json_extract(meta, '$.nested.n') AS n, meta ->> '$.tags[1]' AS tag FROM users WHERE id = ${id}`);
      const updated = await db.update(users).set({ score: -1e-300, name: null, avatar: Buffer.alloc(0), active: true, meta: [] }).where(eq(users.id, id)).returning();
      const partial = await db.select({ id: users.id, active: users.active, createdAt: users.createdAt }).from(users).where(and(eq(users.active, true), gt(users.createdAt, new Date(0))));
      const defaults = await db.insert(users).values({ email: 'defaults@x' }).returning({ active: users.active, hasJoined: sql<number>`${users.joined} > 0` });
      const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
      const left = await db.$count(users);
      const unbindable = await attempt(() => db.run(sql`SELECT ${{ an: 'object' } as unknown as string}`));
      return { inserted, read: rowsOf(read), types, json, updated: rowsOf(updated), partial, defaults, deleted, left, unbindable };
    },

    async 'big-integers'(ctx: Ctx) {
      const { db } = ctx;
      const values = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, -9007199254740993n, 2n ** 53n];
      for (const [i, big] of values.entries()) await db.insert(users).values({ email: `big${i}@x`, big });
      const viaBlobMode = await db.select({ email: users.email, big: users.big }).from(users).orderBy(users.id);
      await db.run(sql`CREATE TABLE nums (id INTEGER PRIMARY KEY, v INTEGER)`);
      for (const v of values) await db.run(sql`INSERT INTO nums (v) VALUES (${v})`);
      // Drizzle's integer modes are numbers: values past 2^53 come back rounded, on both drivers.
      const asNumbers = await db.all(sql`SELECT v, typeof(v) AS t, v - 1 AS less FROM nums ORDER BY id`);
      const asText = await db.all(sql`SELECT CAST(v AS TEXT) AS v FROM nums ORDER BY id`);
      const overflow = await attemptIn(ctx)(() => db.all(sql`SELECT sum(v) FROM nums WHERE v > 0`));
      return { viaBlobMode, asNumbers, asText, overflow };
    },

    async relations({ db }: Ctx) {
      await seed(db);
      const joined = await db.select({ id: posts.id, title: posts.title, author: users.email }).from(posts).innerJoin(users, eq(users.id, posts.authorId)).orderBy(posts.id);
      const leftJoin = await db.select().from(users).leftJoin(posts, and(eq(posts.authorId, users.id), gt(posts.views, 25))).orderBy(users.id, posts.id);
      const nested = await db.query.users.findMany({
        columns: { id: true, email: true, score: true },
        with: { posts: { columns: { id: true, title: true, views: true }, orderBy: [asc(posts.id)], where: gt(posts.views, 11) } },
        orderBy: [desc(users.id)],
      });
      const withAuthor = await db.query.posts.findFirst({ where: eq(posts.id, 3), with: { author: { columns: { email: true, active: true, createdAt: true } } } });
      const sub = await db.select({ email: users.email }).from(users).where(inArray(users.id, db.select({ id: posts.authorId }).from(posts).where(gt(posts.views, 30)))).orderBy(users.id);
      await db.delete(users).where(eq(users.id, 2));
      const afterCascade = await db.select({ id: posts.id, authorId: posts.authorId }).from(posts).orderBy(posts.id);
      return { joined, leftJoin: rowsOf(leftJoin), nested, withAuthor, sub, afterCascade };
    },

    async upsert({ db }: Ctx) {
      await seed(db, 2, 0);
      const updated = await db
        .insert(users)
        .values({ email: 'u1@example.com', name: 'Renamed', age: 99 })
        .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name`, age: sql`${users.age} + excluded.age` } })
        .returning({ id: users.id, name: users.name, age: users.age });
      const ignored = await db.insert(users).values({ email: 'u2@example.com', name: 'Ignored' }).onConflictDoNothing().returning();
      const conditional = await db
        .insert(users)
        .values({ email: 'u2@example.com', name: 'Never' })
        .onConflictDoUpdate({ target: users.email, set: { name: 'Never' }, setWhere: gt(users.age, 1000) })
        .returning({ id: users.id });
      const multi = await db
        .insert(users)
        .values([{ email: 'u1@example.com', name: 'Multi' }, { email: 'u3@example.com', name: 'New' }])
        .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } })
        .returning({ email: users.email, name: users.name });
      const rows = await db.select({ id: users.id, email: users.email, name: users.name, age: users.age }).from(users).orderBy(users.id);
      return { updated, ignored, conditional, multi, rows };
    },

    async returning({ db }: Ctx) {
      // joined is set: its default, unixepoch(), is the clock, which differs between the two runs.
      const inserted = await db.insert(users).values([{ email: 'a@x', score: 1.25, joined: 1 }, { email: 'b@x', score: 2, joined: 2 }, { email: 'c@x', joined: 3 }]).returning({ id: users.id, email: users.email, score: users.score, active: users.active });
      const runResult = await db.insert(users).values({ email: 'd@x', joined: 4 }).run();
      const updated = await db.update(users).set({ score: sql`${users.score} * 2` }).where(isNotNull(users.score)).returning({ id: users.id, score: users.score, shout: sql<string>`upper(${users.email})` });
      const deleted = await db.delete(users).where(eq(users.email, 'c@x')).returning();
      const none = await db.delete(users).where(eq(users.email, 'nobody')).returning({ id: users.id });
      // UPDATE/DELETE … ORDER BY … LIMIT (SQLITE_ENABLE_UPDATE_DELETE_LIMIT in better-sqlite3's build).
      const limitedUpdate = await db.update(users).set({ name: 'first two' }).orderBy(users.id).limit(2).returning({ id: users.id });
      const limitedDelete = await db.delete(users).orderBy(desc(users.id)).limit(1).returning({ id: users.id });
      return { inserted, runResult, updated, deleted: rowsOf(deleted), none, limitedUpdate, limitedDelete };
    },

    async aggregates({ db }: Ctx) {
      const empty = await db.select({ n: count(), sum: sum(posts.views), avg: avg(posts.views), max: max(posts.views) }).from(posts);
      await seed(db, 4, 3);
      const totals = await db.select({ n: count(), sum: sum(posts.views), avg: avg(posts.views), min: min(posts.views), max: max(posts.views) }).from(posts);
      const grouped = await db
        .select({ email: users.email, posts: count(posts.id), views: sum(posts.views), titles: sql<string>`group_concat(${posts.title}, '|')` })
        .from(posts)
        .innerJoin(users, eq(users.id, posts.authorId))
        .groupBy(users.email)
        .having(({ views }) => gt(views, 70))
        .orderBy(desc(sql`views`));
      const distinct = await db.select({ authors: countDistinct(posts.authorId) }).from(posts);
      const counted = await db.$count(posts, gt(posts.views, 30));
      const avgScore = await db.select({ avg: avg(users.score), total: sql<number>`total(${users.score})` }).from(users);
      return { empty, totals, grouped, distinct, counted, avgScore };
    },

    async pagination({ db }: Ctx) {
      for (let i = 1; i <= 25; i++) await db.insert(users).values({ email: `p${String(i).padStart(2, '0')}@x`, age: i % 7 });
      const pages = [];
      for (let page = 0; page < 4; page++) pages.push(await db.select({ id: users.id, email: users.email, age: users.age }).from(users).orderBy(desc(users.age), users.id).limit(7).offset(page * 7));
      const keyset = [];
      let after = 0;
      for (;;) {
        const rows = await db.select({ id: users.id }).from(users).where(gt(users.id, after)).orderBy(users.id).limit(10);
        if (rows.length === 0) break;
        keyset.push(rows.map((r) => r.id));
        after = rows[rows.length - 1]!.id;
      }
      const relational = await db.query.users.findMany({ columns: { id: true }, limit: 5, offset: 20, orderBy: [asc(users.id)] });
      const total = await db.$count(users);
      return { pages, keyset, relational, total };
    },

    async 'raw-sql'({ db }: Ctx) {
      await seed(db, 2, 1);
      const typed = await db.all(sql`SELECT ${1} AS i, ${1.5} AS r, ${'text ✓'} AS t, ${Buffer.from('hi')} AS b, ${null} AS n, ${10n} AS big, typeof(${1}) AS ti, typeof(${10n}) AS tb`);
      const values = await db.values(sql`SELECT id, email, email FROM users ORDER BY id`);
      const get = await db.get(sql`SELECT count(*) AS n FROM ${users} WHERE ${users.age} > ${0}`);
      const cte = await db.all(sql`WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ${5}) SELECT x, x * x AS sq FROM seq`);
      const run = await db.run(sql`UPDATE users SET age = age + ${1} WHERE id IN ${[1, 2]}`);
      const functions = await db.all(sql`SELECT abs(-3) AS a, round(2.555, 2) AS r, substr('héllo', 2, 3) AS s, printf('%05.1f|%d', 3.14159, 42) AS p, date('2024-02-29', '+1 year') AS d, json_object('a', 1, 'b', json_array(1, 2)) AS j, hex(zeroblob(2)) AS h`);
      const placeholder = await db.select({ email: users.email }).from(users).where(eq(users.id, sql.placeholder('id'))).prepare().all({ id: 2 });
      return { typed, values, get, cte, run, functions, placeholder };
    },

    async transactions(ctx: Ctx) {
      const { db, engine } = ctx;
      const attempt = attemptIn(ctx);
      const committed = await transaction(engine, db, {
        async: async (tx) => {
          await tx.insert(counters).values({ id: 1, value: 1 });
          return tx.select().from(counters);
        },
        sync: (tx) => {
          tx.insert(counters).values({ id: 1, value: 1 }).run();
          return tx.select().from(counters).all();
        },
      });
      const rolledBack = await attempt(() =>
        transaction(engine, db, {
          async: async (tx) => {
            await tx.insert(counters).values({ id: 2, value: 2 });
            throw new Error('rollback please');
          },
          sync: (tx) => {
            tx.insert(counters).values({ id: 2, value: 2 }).run();
            throw new Error('rollback please');
          },
        }),
      );
      const explicitRollback = await attempt(() =>
        transaction(engine, db, {
          async: async (tx) => {
            await tx.insert(counters).values({ id: 7, value: 7 });
            (tx as unknown as { rollback(): never }).rollback();
          },
          sync: (tx) => {
            tx.insert(counters).values({ id: 7, value: 7 }).run();
            (tx as unknown as { rollback(): never }).rollback();
          },
        }),
      );
      const nested = await transaction(engine, db, {
        async: async (tx) => {
          await tx.insert(counters).values({ id: 3, value: 3 });
          const inner = await attempt(() =>
            tx.transaction(async (sp) => {
              await sp.insert(counters).values({ id: 4, value: 4 });
              throw new Error('inner rollback');
            }),
          );
          await tx.transaction(async (sp) => {
            await sp.update(counters).set({ value: 30 }).where(eq(counters.id, 3));
            await sp.transaction(async (sp2) => {
              await sp2.insert(counters).values({ id: 6, value: 6 });
            });
          });
          return { inner, rows: await tx.select().from(counters).orderBy(counters.id) };
        },
        sync: (tx) => {
          tx.insert(counters).values({ id: 3, value: 3 }).run();
          let inner: Typed;
          try {
            tx.transaction((sp) => {
              sp.insert(counters).values({ id: 4, value: 4 }).run();
              throw new Error('inner rollback');
            });
            inner = { ok: null };
          } catch (error) {
            inner = { failed: describeError(error) };
          }
          tx.transaction((sp) => {
            sp.update(counters).set({ value: 30 }).where(eq(counters.id, 3)).run();
            sp.transaction((sp2) => {
              sp2.insert(counters).values({ id: 6, value: 6 }).run();
            });
          });
          return { inner, rows: tx.select().from(counters).orderBy(counters.id).all() };
        },
      });
      const final = await db.select().from(counters).orderBy(counters.id);
      return { committed, rolledBack, explicitRollback, nested, final };
    },

    async migrations(ctx: Ctx) {
      const { engine, dir, open: openDb } = ctx;
      const author = sqliteTable('author', { id: integer('id').primaryKey({ autoIncrement: true }), name: text('name').notNull() });
      const v1 = {
        author,
        book: sqliteTable('book', { id: integer('id').primaryKey(), authorId: integer('author_id').references(() => author.id), title: text('title'), price: real('price') }, (t) => [index('book_title').on(t.title)]),
      };
      const v2 = {
        author,
        book: sqliteTable('book', { id: integer('id').primaryKey(), authorId: integer('author_id').references(() => author.id), title: text('title'), price: real('price'), year: integer('year').default(1970) }, (t) => [index('book_title').on(t.title)]),
      };
      // NOT NULL added, a column dropped, the foreign key changed: drizzle-kit rebuilds the table.
      const v3 = {
        author,
        book: sqliteTable(
          'book',
          { id: integer('id').primaryKey(), authorId: integer('author_id').notNull().references(() => author.id, { onDelete: 'cascade' }), title: text('title').notNull(), year: integer('year').notNull().default(1970) },
          (t) => [index('book_title').on(t.title), check('year_positive', sql`${t.year} > 0`)],
        ),
      };
      const folder = join(dir, 'migrations');
      await writeMigrations(folder, [v1, v2, v3]);
      const path = join(dir, 'migrated.db');
      const db = (await openDb(path)) as Db;
      const partial = join(dir, 'partial');
      await writeMigrations(partial, [v1]);
      await applyMigrations(engine, db, partial);
      await db.run(sql`INSERT INTO author (name) VALUES ('Le Guin'), ('Borges')`);
      await db.run(sql`INSERT INTO book (id, author_id, title, price) VALUES (1, 1, 'The Dispossessed', 9.5), (2, 2, 'Ficciones', 7)`);
      await applyMigrations(engine, db, folder);
      await applyMigrations(engine, db, folder);
      const journal = await db.all(sql`SELECT id, hash FROM __drizzle_migrations ORDER BY id`);
      const schemaRows = await db.all(sql`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name != '__drizzle_migrations' ORDER BY name`);
      const books = await db.all(sql`SELECT * FROM book ORDER BY id`);
      const fk = await attemptIn(ctx)(() => db.run(sql`INSERT INTO book (id, author_id, title) VALUES (3, 99, 'x')`));
      const { pushSQLiteSchema } = await drizzleKit();
      const push = await pushSQLiteSchema(v3, db as never);
      return { journal: journal.length, schema: schemaRows, books, fk, inSync: { statements: push.statementsToExecute, hasDataLoss: push.hasDataLoss, warnings: push.warnings } };
    },

    async introspection({ db }: Ctx) {
      const { pushSQLiteSchema } = await drizzleKit();
      const same = await pushSQLiteSchema(schema, db as never);
      const changed = await pushSQLiteSchema({ ...schema, users: sqliteTable('users', { id: integer('id').primaryKey(), email: text('email').notNull() }) }, db as never);
      const columns = await db.all(
        sql`SELECT m.name AS "tableName", p.name AS "columnName", p.type AS "columnType", p."notnull" AS "notNull", p.dflt_value AS "defaultValue", p.pk AS pk, p.hidden AS hidden FROM sqlite_master AS m JOIN pragma_table_xinfo(m.name) AS p WHERE m.type = 'table' AND m.tbl_name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid`,
      );
      const indexes = await db.all(
        sql`SELECT m.tbl_name AS tableName, il.name AS indexName, ii.name AS columnName, il.[unique] AS isUnique, il.seq AS seq FROM sqlite_master AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii WHERE m.type = 'table' ORDER BY m.tbl_name, il.name, ii.seqno`,
      );
      const foreignKeys = await db.all(sql`SELECT m.name AS "tableFrom", f."table" AS "tableTo", f."from", f."to", f.on_update AS "onUpdate", f.on_delete AS "onDelete" FROM sqlite_master m, pragma_foreign_key_list(m.name) AS f ORDER BY m.name, f.id`);
      return {
        same: { statements: same.statementsToExecute, hasDataLoss: same.hasDataLoss },
        changed: { statements: changed.statementsToExecute, hasDataLoss: changed.hasDataLoss, warnings: changed.warnings },
        columns,
        indexes,
        foreignKeys,
      };
    },

    async 'constraint-errors'(ctx: Ctx) {
      const { db, engine } = ctx;
      const attempt = attemptIn(ctx);
      await seed(db, 1, 1);
      return {
        unique: await attempt(() => db.insert(users).values({ email: 'u1@example.com' })),
        notNull: await attempt(() => db.insert(posts).values({ authorId: 1, title: null as unknown as string })),
        foreignKey: await attempt(() => db.insert(posts).values({ authorId: 42, title: 'orphan' })),
        check: await attempt(() => db.update(posts).set({ views: -1 })),
        primaryKey: await attempt(() => db.insert(posts).values({ id: 1, authorId: 1, title: 'dup' })),
        inTransaction: await attempt(() =>
          transaction(engine, db, {
            async: async (tx) => {
              await tx.insert(counters).values({ id: 1, value: 1 });
              await tx.insert(counters).values({ id: 1, value: 2 });
            },
            sync: (tx) => {
              tx.insert(counters).values({ id: 1, value: 1 }).run();
              tx.insert(counters).values({ id: 1, value: 2 }).run();
            },
          }),
        ),
        after: await db.select().from(counters),
        noSuchTable: await attempt(() => db.all(sql`SELECT * FROM nope`)),
        syntax: await attempt(() => db.all(sql`SELEC 1`)),
      };
    },

    async chinook(ctx: Ctx) {
      const artist = sqliteTable('Artist', { id: integer('ArtistId').primaryKey(), name: text('Name') });
      const album = sqliteTable('Album', { id: integer('AlbumId').primaryKey(), title: text('Title').notNull(), artistId: integer('ArtistId').notNull() });
      const track = sqliteTable('Track', { id: integer('TrackId').primaryKey(), name: text('Name').notNull(), albumId: integer('AlbumId'), genreId: integer('GenreId'), ms: integer('Milliseconds').notNull(), unitPrice: numeric('UnitPrice').notNull() });
      const invoice = sqliteTable('Invoice', { id: integer('InvoiceId').primaryKey(), customerId: integer('CustomerId').notNull(), date: text('InvoiceDate').notNull(), country: text('BillingCountry'), total: real('Total').notNull() });
      const artistRelations = relations(artist, ({ many }) => ({ albums: many(album) }));
      const albumRelations = relations(album, ({ one, many }) => ({ artist: one(artist, { fields: [album.artistId], references: [artist.id] }), tracks: many(track) }));
      const trackRelations = relations(track, ({ one }) => ({ album: one(album, { fields: [track.albumId], references: [album.id] }) }));
      const chinook = { artist, album, track, invoice, artistRelations, albumRelations, trackRelations };
      const db = open(ctx.engine, chinookCopy(ctx as ScenarioContext<unknown>), chinook);
      try {
        const topArtists = await db
          .select({ name: artist.name, tracks: count(track.id), ms: sum(track.ms) })
          .from(artist)
          .innerJoin(album, eq(album.artistId, artist.id))
          .innerJoin(track, eq(track.albumId, album.id))
          .groupBy(artist.id)
          .orderBy(desc(count(track.id)), artist.name)
          .limit(5);
        const salesByCountry = await db
          .select({ country: invoice.country, invoices: count(invoice.id), total: sql<number>`round(sum(${invoice.total}), 2)` })
          .from(invoice)
          .groupBy(invoice.country)
          .having(gt(count(invoice.id), 19))
          .orderBy(desc(sql`3`));
        const nested = await db.query.artist.findMany({
          where: like(artist.name, 'A%'),
          limit: 3,
          orderBy: [asc(artist.id)],
          with: { albums: { columns: { title: true }, orderBy: [asc(album.id)], with: { tracks: { columns: { name: true, ms: true }, limit: 2, orderBy: [asc(track.id)] } } } },
        });
        await db.update(track).set({ unitPrice: sql`${track.unitPrice} + 1` }).where(eq(track.genreId, 1));
        const prices = await db.select({ genreId: track.genreId, sum: sum(track.unitPrice) }).from(track).groupBy(track.genreId).orderBy(track.genreId).limit(3);
        const battery = [];
        for (const query of CHINOOK_SQL) battery.push(await attemptIn(ctx)(() => db.all(sql.raw(query))));
        return { topArtists, salesByCountry, nested, prices, battery };
      } finally {
        await close(db);
      }
    },

    async concurrency({ db, engine, note }: Ctx) {
      await db.insert(counters).values({ id: 1, value: 0 });
      if (engine === 'sqlite') {
        // The better-sqlite3 driver only takes synchronous callbacks, so its transactions cannot
        // interleave: they run one after another. What an async callback gets there:
        const refused = await attemptIn({ note: () => undefined } as unknown as Ctx)(() => db.transaction(async () => undefined));
        note(`async transaction callbacks are refused (${JSON.stringify(refused)}); synchronous ones run one at a time`);
        const outcome = await concurrentIncrements(
          async () =>
            db.transaction((tx) => {
              const row = tx.select().from(counters).where(eq(counters.id, 1)).get() as { value: number };
              tx.update(counters).set({ value: row.value + 1 }).where(eq(counters.id, 1)).run();
            }),
          async () => (await db.select().from(counters).where(eq(counters.id, 1)))[0]!.value,
        );
        return judgeConcurrency(engine, outcome);
      }
      note("transactions use behavior 'immediate', the README's advice for read-modify-write (deferred ones retry on SQLITE_BUSY_SNAPSHOT)");
      const outcome = await concurrentIncrements(
        () =>
          db.transaction(
            async (tx) => {
              const [row] = await tx.select().from(counters).where(eq(counters.id, 1));
              await yieldToOthers();
              await tx.update(counters).set({ value: row!.value + 1 }).where(eq(counters.id, 1));
            },
            { behavior: 'immediate' },
          ) as Promise<void>,
        async () => (await db.select().from(counters).where(eq(counters.id, 1)))[0]!.value,
      );
      judgeConcurrency(engine, outcome);
      // Reported, not judged: the same with Drizzle's default (deferred) transactions, which the
      // pool re-runs up to 3 times on SQLITE_BUSY_SNAPSHOT.
      await db.update(counters).set({ value: 0 });
      const deferred = await concurrentIncrements(
        () =>
          db.transaction(async (tx) => {
            const [row] = await tx.select().from(counters).where(eq(counters.id, 1));
            await yieldToOthers();
            await tx.update(counters).set({ value: row!.value + 1 }).where(eq(counters.id, 1));
          }) as Promise<void>,
        async () => (await db.select().from(counters).where(eq(counters.id, 1)))[0]!.value,
      );
      note(`with default (deferred) transactions: ${JSON.stringify(deferred)}`);
      return outcome;
    },

    async 'bad-input'(ctx: Ctx) {
      const { engine } = ctx;
      return badInput<Db>(ctx, {
        onPool: (pool) => {
          const db = drizzle(pool, { schema });
          clients.set(db, async () => undefined);
          return db as never;
        },
        onFile: async (path) => {
          const db = open(engine, path, schema) as Db;
          return { db, close: () => close(db) };
        },
        transaction: (db, fn) => transaction(engine, db, { async: async () => fn(), sync: () => fn() }),
        writeInTransaction: async (db) => {
          await db.run(sql`CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)`);
          await transaction(engine, db, {
            async: async (tx) => void (await tx.run(sql`INSERT INTO counters (value) VALUES (1)`)),
            sync: (tx) => void tx.run(sql`INSERT INTO counters (value) VALUES (1)`),
          });
          return (await db.select().from(counters)).length;
        },
        query: async (db) => db.select().from(counters),
        destroy: async () => undefined, // drizzle() on a given pool leaves the pool to its owner
      });
    },
  },
};

export default harness;
