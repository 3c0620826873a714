// The conformance scenarios in Prisma 7: PrismaTandem on Tandem, @prisma/adapter-better-sqlite3 on
// better-sqlite3, each with the client generated from prisma/schema.prisma. Schemas are created
// the same way on both: the migration SQL from Prisma's schema engine (diff), applied by the schema
// engine (WebAssembly, offline) through each engine's driver adapter, as `migrate deploy` does.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, PrismaTandem } from '@tandem/prisma';
import type { EngineName } from '../scenarios.js';
import type { OrmHarness, ScenarioContext } from '../harness.js';
import { attempt } from '../normalize.js';
import { badInput, CHINOOK_SQL, chinookCopy, concurrentIncrements, judgeConcurrency, yieldToOthers } from '../shared.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));
const CLIENT_PATH = fileURLToPath(new URL('../../.generated/prisma/client.ts', import.meta.url));
const FILTERS = { externalTables: [], externalEnums: [] };

// The generated client's type, without a static import (the client may not be generated).
type Client = InstanceType<typeof import('../../.generated/prisma/client.js').PrismaClient>;
type Db = Client;
type Ctx = ScenarioContext<Db>;

let clientModule: Promise<typeof import('../../.generated/prisma/client.js')> | undefined;
function loadClient() {
  clientModule ??= import('../../.generated/prisma/client.js');
  return clientModule;
}

function adapterFactory(engine: EngineName, path: string): SqlMigrationAwareDriverAdapterFactory {
  return engine === 'tandem' ? new PrismaTandem({ url: `file:${path}`, max: 8 }) : new PrismaBetterSqlite3({ url: `file:${path}` });
}

/**
 * A factory for the schema engine that remembers the adapters it opens, so closeFactory() can
 * dispose them: the engine never does, and Prisma's better-sqlite3 adapter would otherwise keep its
 * connection (in locking_mode=EXCLUSIVE after a migration) open.
 */
function schemaEngineFactory(engine: EngineName, path: string): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const inner = adapterFactory(engine, path);
  const opened: { dispose(): Promise<void> }[] = [];
  const track = async <T extends { dispose(): Promise<void> }>(adapter: Promise<T>) => {
    const value = await adapter;
    opened.push(value);
    return value;
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: () => track(inner.connect()),
    connectToShadowDb: () => track(inner.connectToShadowDb()),
    close: async () => {
      await Promise.all(opened.map((adapter) => adapter.dispose()));
      if (inner instanceof PrismaTandem) await inner.close();
    },
  };
}

async function closeFactory(factory: SqlMigrationAwareDriverAdapterFactory): Promise<void> {
  if ('close' in factory && typeof factory.close === 'function') await (factory.close as () => Promise<void>)();
}

/** Prisma's migration SQL from one datamodel to the next (schema engine diff; no database needed). */
async function diffSql(from: string | null, to: string): Promise<string> {
  const adapter = new PrismaTandem({ url: ':memory:', max: 1 });
  const engine = await openSchemaEngine({ adapter, datamodels: [[SCHEMA_PATH, to]] });
  try {
    const target = (content: string) => ({ tag: 'schemaDatamodel' as const, files: [{ path: SCHEMA_PATH, content }] });
    const result = await engine.diff({ from: from === null ? { tag: 'empty' } : target(from), to: target(to), script: true, exitCode: null, filters: FILTERS });
    return result.stdout ?? '';
  } finally {
    engine.free();
    await adapter.close();
  }
}

/** A Prisma migrations folder with one migration per step. */
async function writeMigrations(folder: string, datamodels: string[]): Promise<void> {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'migration_lock.toml'), 'provider = "sqlite"\n');
  let previous: string | null = null;
  for (const [i, datamodel] of datamodels.entries()) {
    const dir = join(folder, `2026010100000${i}_step${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), await diffSql(previous, datamodel));
    previous = datamodel;
  }
}

function migrationList(folder: string) {
  const names = readdirSync(folder).filter((name) => existsSync(join(folder, name, 'migration.sql'))).sort();
  return {
    baseDir: folder,
    lockfile: { path: 'migration_lock.toml', content: readFileSync(join(folder, 'migration_lock.toml'), 'utf8') },
    shadowDbInitScript: '',
    migrationDirectories: names.map((path) => ({ path, migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: readFileSync(join(folder, path, 'migration.sql'), 'utf8') } } })),
  };
}

/** `migrate deploy`: the schema engine applies the folder's pending migrations through the engine's adapter. */
async function deploy(engine: EngineName, path: string, datamodel: string, folder: string): Promise<string[]> {
  const factory = schemaEngineFactory(engine, path);
  const schemaEngine = await openSchemaEngine({ adapter: factory, datamodels: [[SCHEMA_PATH, datamodel]] });
  try {
    const { appliedMigrationNames } = await schemaEngine.applyMigrations({ migrationsList: migrationList(folder), filters: FILTERS });
    return appliedMigrationNames;
  } finally {
    schemaEngine.free();
    await closeFactory(factory);
  }
}

/** The schema engine's introspection of a database: the Prisma schema it would write. */
async function introspect(engine: EngineName, path: string): Promise<unknown> {
  const factory = schemaEngineFactory(engine, path);
  const datasource = 'datasource db {\n  provider = "sqlite"\n}\n';
  const schemaEngine = await openSchemaEngine({ adapter: factory, datamodels: [[SCHEMA_PATH, datasource]] });
  try {
    const result = await schemaEngine.introspect({ schema: { files: [{ path: SCHEMA_PATH, content: datasource }] }, baseDirectoryPath: '.', force: false, compositeTypeDepth: 0, namespaces: null });
    return { schema: result.schema.files.map((f) => f.content), warnings: result.warnings };
  } finally {
    schemaEngine.free();
    await closeFactory(factory);
  }
}

let initialMigrations: Promise<string> | undefined;
/** The conformance schema's migrations folder, written once per process. */
function conformanceMigrations(dir: string): Promise<string> {
  initialMigrations ??= (async () => {
    const folder = join(dir, 'migrations');
    await writeMigrations(folder, [readFileSync(SCHEMA_PATH, 'utf8')]);
    return folder;
  })();
  return initialMigrations;
}

async function open(engine: EngineName, path: string): Promise<Db> {
  const { PrismaClient } = await loadClient();
  return new PrismaClient({ adapter: adapterFactory(engine, path) });
}

const CREATED = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));

async function seed(db: Db, users = 3, postsPerUser = 2): Promise<void> {
  for (let u = 1; u <= users; u++) {
    await db.user.create({
      data: { email: `u${u}@example.com`, name: `User ${u}`, age: 20 + u, score: u * 1.5, posts: { create: Array.from({ length: postsPerUser }, (_, p) => ({ title: `Post ${u}.${p + 1}`, views: u * 10 + p + 1 })) } },
    });
  }
}

/** Prisma 7's interactive transactions wait at most 2 s to start and run 5 s by default: both raised for 50 at once. */
const LONG_TRANSACTION = { maxWait: 60_000, timeout: 60_000 };

const harness: OrmHarness<Db> = {
  orm: 'prisma',
  async unavailable() {
    if (process.env.TANDEM_CONFORMANCE_PRISMA_UNAVAILABLE) return process.env.TANDEM_CONFORMANCE_PRISMA_UNAVAILABLE;
    if (!existsSync(CLIENT_PATH)) return 'the Prisma client is not generated (run scripts/generate-prisma-client.mjs)';
    return null;
  },
  async createSchema(engine, path, dir) {
    const datamodel = readFileSync(SCHEMA_PATH, 'utf8');
    await deploy(engine, path, datamodel, await conformanceMigrations(dir));
  },
  async open(engine, path) {
    const db = await open(engine, path);
    return { db, close: () => db.$disconnect() };
  },
  scenarios: {
    async 'crud-types'({ db }: Ctx) {
      const created = await db.user.create({
        data: {
          email: 'ada@例え.jp',
          name: 'Ada 🚀 Lovelace — ñ',
          age: 36,
          score: 0.1 + 0.2,
          active: false,
          createdAt: CREATED,
          meta: { tags: ['a', 'b'], nested: { n: 1.5, ok: true, nil: null } },
          avatar: new Uint8Array([0, 1, 2, 254, 255]),
          big: 9007199254740993n,
          balance: '12.50',
        },
      });
      const read = await db.user.findUnique({ where: { id: created.id } });
      const types = await db.$queryRaw`SELECT typeof(score) AS score, typeof(active) AS active, typeof(createdAt) AS createdAt, typeof(meta) AS meta, typeof(avatar) AS avatar, typeof(big) AS big, typeof(balance) AS balance FROM User`;
      const byDate = await db.user.count({ where: { createdAt: { gt: new Date(0), lte: CREATED } } });
      const byJsonPath = await attempt(() => db.user.findMany({ where: { meta: { path: '$.nested.n', equals: 1.5 } }, select: { id: true } }));
      const byJsonContains = await attempt(() => db.user.count({ where: { meta: { string_contains: 'nested' } } }));
      const byJson = await db.user.findMany({ where: { meta: { equals: { tags: ['a', 'b'], nested: { n: 1.5, ok: true, nil: null } } } }, select: { id: true } });
      const updated = await db.user.update({ where: { id: created.id }, data: { score: -1e-300, name: null, avatar: new Uint8Array(), active: true, age: { increment: 2 }, meta: [] } });
      const many = await db.user.updateMany({ where: { email: { contains: '例' } }, data: { balance: 0.1 } });
      const reread = await db.user.findFirst({ select: { balance: true, meta: true, avatar: true, age: true } });
      const deleted = await db.user.delete({ where: { id: created.id } });
      const left = await db.user.count();
      return { created, read, types, byDate, byJson, byJsonPath, byJsonContains, updated, many, reread, deleted, left };
    },

    async 'big-integers'({ db }: Ctx) {
      const values = [2n ** 63n - 1n, -(2n ** 63n), 9007199254740993n, -9007199254740993n, 2n ** 53n];
      for (const [i, big] of values.entries()) await db.user.create({ data: { email: `big${i}@x`, big } });
      const read = await db.user.findMany({ select: { email: true, big: true }, orderBy: { id: 'asc' } });
      const filtered = await db.user.findMany({ where: { big: { gt: 9007199254740992n } }, select: { big: true }, orderBy: { id: 'asc' } });
      const incremented = await db.user.update({ where: { email: 'big2@x' }, data: { big: { increment: 1n } }, select: { big: true } });
      const raw = await db.$queryRaw`SELECT big, big - 1 AS less, typeof(big) AS t FROM User ORDER BY id`;
      const aggregate = await db.user.aggregate({ _max: { big: true }, _min: { big: true } });
      const overflow = await attempt(() => db.$queryRaw`SELECT sum(big) FROM User WHERE big > 0`);
      return { read, filtered, incremented, raw, aggregate, overflow };
    },

    async relations({ db }: Ctx) {
      await seed(db);
      const included = await db.user.findMany({ include: { posts: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } });
      const selected = await db.post.findMany({ select: { id: true, title: true, author: { select: { email: true, score: true } } }, where: { views: { gt: 15 } }, orderBy: { id: 'desc' } });
      const counted = await db.user.findMany({ select: { email: true, _count: { select: { posts: true } } }, orderBy: { email: 'asc' } });
      const some = await db.user.findMany({ where: { posts: { some: { views: { gt: 30 } } } }, select: { id: true } });
      const none = await db.user.findMany({ where: { posts: { none: { views: { lt: 20 } } } }, select: { id: true } });
      const nestedCreate = await db.user.create({ data: { email: 'nested@x', posts: { create: [{ title: 'n1' }, { title: 'n2', views: 5 }] } }, include: { posts: true } });
      const connected = await db.post.update({ where: { id: 1 }, data: { author: { connect: { email: 'nested@x' } } }, select: { id: true, authorId: true } });
      await db.user.delete({ where: { id: 2 } });
      const afterCascade = await db.post.findMany({ select: { id: true, authorId: true }, orderBy: { id: 'asc' } });
      return { included, selected, counted, some, none, nestedCreate, connected, afterCascade };
    },

    async upsert({ db }: Ctx) {
      await seed(db, 2, 0);
      const updated = await db.user.upsert({ where: { email: 'u1@example.com' }, update: { name: 'Renamed', age: { increment: 99 } }, create: { email: 'u1@example.com' } });
      const created = await db.user.upsert({ where: { email: 'u3@example.com' }, update: { name: 'Never' }, create: { email: 'u3@example.com', name: 'New' } });
      const createMany = await db.user.createMany({ data: [{ email: 'm1@x' }, { email: 'm2@x' }] });
      const duplicate = await attempt(() => db.user.createMany({ data: [{ email: 'm3@x' }, { email: 'm1@x' }] }));
      const rows = await db.user.findMany({ select: { id: true, email: true, name: true, age: true }, orderBy: { id: 'asc' } });
      return { updated, created, createMany, duplicate, rows };
    },

    async returning({ db }: Ctx) {
      const inserted = await db.user.createManyAndReturn({ data: [{ email: 'a@x', score: 1.25 }, { email: 'b@x', score: 2 }, { email: 'c@x' }], select: { id: true, email: true, score: true, active: true } });
      const updated = await db.user.updateManyAndReturn({ where: { score: { not: null } }, data: { score: { multiply: 2 } }, select: { id: true, score: true } });
      const deleted = await db.user.delete({ where: { email: 'c@x' } });
      const deletedMany = await db.user.deleteMany({ where: { email: { in: ['a@x', 'nobody'] } } });
      const rest = await db.user.findMany({ select: { email: true } });
      return { inserted, updated, deleted, deletedMany, rest };
    },

    async aggregates({ db }: Ctx) {
      const empty = await db.post.aggregate({ _count: { _all: true }, _sum: { views: true }, _avg: { views: true }, _max: { views: true } });
      await seed(db, 4, 3);
      const totals = await db.post.aggregate({ _count: { _all: true }, _sum: { views: true }, _avg: { views: true }, _min: { views: true }, _max: { views: true } });
      const grouped = await db.post.groupBy({ by: ['authorId'], _count: { id: true }, _sum: { views: true }, having: { views: { _sum: { gt: 70 } } }, orderBy: { _sum: { views: 'desc' } } });
      const distinct = await db.post.findMany({ distinct: ['authorId'], select: { authorId: true }, orderBy: { authorId: 'asc' } });
      const counted = await db.post.count({ where: { views: { gt: 30 } } });
      const avgScore = await db.user.aggregate({ _avg: { score: true }, _sum: { score: true, balance: true } });
      return { empty, totals, grouped, distinct, counted, avgScore };
    },

    async pagination({ db }: Ctx) {
      for (let i = 1; i <= 25; i++) await db.user.create({ data: { email: `p${String(i).padStart(2, '0')}@x`, age: i % 7 } });
      const pages = [];
      for (let page = 0; page < 4; page++) pages.push(await db.user.findMany({ select: { id: true, email: true, age: true }, orderBy: [{ age: 'desc' }, { id: 'asc' }], skip: page * 7, take: 7 }));
      const cursor = [];
      let after: number | undefined;
      for (;;) {
        const rows: { id: number }[] = await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 10, ...(after === undefined ? {} : { cursor: { id: after }, skip: 1 }) });
        if (rows.length === 0) break;
        cursor.push(rows.map((r) => r.id));
        after = rows[rows.length - 1]!.id;
      }
      const backwards = await db.user.findMany({ select: { id: true }, orderBy: { id: 'asc' }, cursor: { id: 10 }, take: -3 });
      const filtered = {
        startsWith: await db.user.findMany({ where: { email: { startsWith: 'p0' } }, select: { id: true }, orderBy: { id: 'asc' } }),
        endsWith: await db.user.count({ where: { email: { endsWith: '5@x' } } }),
        containsWildcard: await db.user.count({ where: { email: { contains: '%' } } }),
        inList: await db.user.findMany({ where: { age: { in: [0, 6] }, NOT: { id: { lt: 10 } } }, select: { id: true }, orderBy: { id: 'desc' } }),
        nullsLast: await db.user.findMany({ select: { id: true, name: true }, orderBy: [{ name: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }], take: 3 }),
      };
      const total = await db.user.count();
      return { pages, cursor, backwards, filtered, total };
    },

    async 'raw-sql'({ db }: Ctx) {
      await seed(db, 2, 1);
      const typed = await db.$queryRaw`SELECT ${1} AS i, ${1.5} AS r, ${'text ✓'} AS t, ${null} AS n, ${10n} AS big, ${true} AS flag, ${CREATED} AS d, typeof(${1}) AS ti`;
      const unsafe = await db.$queryRawUnsafe('SELECT id, email FROM User WHERE id > ? ORDER BY id', 0);
      const cte = await db.$queryRaw`WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < ${5}) SELECT x, x * x AS sq FROM seq`;
      const executed = await db.$executeRaw`UPDATE User SET age = age + ${1} WHERE id IN (1, 2)`;
      const functions = await db.$queryRaw`SELECT abs(-3) AS a, round(2.555, 2) AS r, substr('héllo', 2, 3) AS s, printf('%05.1f|%d', 3.14159, 42) AS p, date('2024-02-29', '+1 year') AS d, json_object('a', 1, 'b', json_array(1, 2)) AS j, hex(zeroblob(2)) AS h`;
      const columns = await db.$queryRaw`SELECT * FROM User ORDER BY id LIMIT 1`;
      return { typed, unsafe, cte, executed, functions, columns };
    },

    async transactions({ db }: Ctx) {
      const committed = await db.$transaction(async (tx) => {
        await tx.counter.create({ data: { id: 1, value: 1 } });
        return tx.counter.findMany();
      });
      const rolledBack = await attempt(() =>
        db.$transaction(async (tx) => {
          await tx.counter.create({ data: { id: 2, value: 2 } });
          throw new Error('rollback please');
        }),
      );
      const batch = await db.$transaction([db.counter.create({ data: { id: 3, value: 3 } }), db.counter.update({ where: { id: 3 }, data: { value: 30 } })]);
      const failedBatch = await attempt(() => db.$transaction([db.counter.create({ data: { id: 4, value: 4 } }), db.counter.create({ data: { id: 4, value: 5 } })]));
      const nested = await db.$transaction(async (tx) => {
        await tx.counter.create({ data: { id: 5, value: 5 } });
        const inner = tx as unknown as Client;
        const lost = await attempt(() =>
          inner.$transaction(async (sp) => {
            await sp.counter.create({ data: { id: 6, value: 6 } });
            throw new Error('inner rollback');
          }),
        );
        await inner.$transaction(async (sp) => {
          await sp.counter.create({ data: { id: 7, value: 7 } });
        });
        return { lost, rows: await tx.counter.findMany({ orderBy: { id: 'asc' } }) };
      });
      const serializable = await attempt(() => db.$transaction(async (tx) => tx.counter.count(), { isolationLevel: 'Serializable' }));
      // Prisma's SQLite typings allow only Serializable; the adapters must refuse the others at run time.
      const readCommitted = await attempt(() => db.$transaction(async (tx) => tx.counter.count(), { isolationLevel: 'ReadCommitted' as 'Serializable' }));
      const final = await db.counter.findMany({ orderBy: { id: 'asc' } });
      return { committed, rolledBack, batch, failedBatch, nested, serializable, readCommitted, final };
    },

    async migrations({ engine, dir }: Ctx) {
      const base = readFileSync(SCHEMA_PATH, 'utf8').replace(/generator client \{[^}]*\}/, '');
      const v1 = `${base}\nmodel Book {\n  id    Int     @id @default(autoincrement())\n  title String?\n  price Float?\n  @@index([title])\n}\n`;
      // title becomes required and price is dropped: the schema engine redefines (rebuilds) the table.
      const v2 = `${base}\nmodel Book {\n  id    Int     @id @default(autoincrement())\n  title String  @default("untitled")\n  year  Int     @default(1970)\n  @@index([title])\n  @@unique([title, year])\n}\n`;
      const folder = join(dir, 'migrations');
      await writeMigrations(folder, [v1, v2]);
      const path = join(dir, 'migrated.db');
      const onlyFirst = join(dir, 'first');
      mkdirSync(onlyFirst);
      writeFileSync(join(onlyFirst, 'migration_lock.toml'), 'provider = "sqlite"\n');
      const [firstName] = readdirSync(folder).filter((n) => n.includes('_step')).sort();
      mkdirSync(join(onlyFirst, firstName!));
      writeFileSync(join(onlyFirst, firstName!, 'migration.sql'), readFileSync(join(folder, firstName!, 'migration.sql')));
      const first = await deploy(engine, path, v1, onlyFirst);
      const raw = await open(engine, path);
      try {
        await raw.$executeRawUnsafe("INSERT INTO Book (title, price) VALUES ('The Dispossessed', 9.5), ('Ficciones', 7)");
      } finally {
        await raw.$disconnect();
      }
      const rest = await deploy(engine, path, v2, folder);
      const again = await deploy(engine, path, v2, folder);
      const check = await open(engine, path);
      try {
        const schema = await check.$queryRaw`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`;
        const books = await check.$queryRaw`SELECT * FROM Book ORDER BY id`;
        const journal = await check.$queryRaw`SELECT migration_name, applied_steps_count, logs, rolled_back_at IS NULL AS live, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name`;
        return { sql: readdirSync(folder).filter((n) => n.includes('_step')).sort().map((n) => readFileSync(join(folder, n, 'migration.sql'), 'utf8')), first, rest, again, schema, books, journal, introspected: await introspect(engine, path) };
      } finally {
        await check.$disconnect();
      }
    },

    async introspection({ engine, db, path }: Ctx) {
      // The schema engine reads the conformance database through the adapter and writes its Prisma schema.
      await db.$disconnect();
      return introspect(engine, path);
    },

    async 'constraint-errors'({ db }: Ctx) {
      await seed(db, 1, 1);
      return {
        unique: await attempt(() => db.user.create({ data: { email: 'u1@example.com' } })),
        foreignKey: await attempt(() => db.post.create({ data: { authorId: 42, title: 'orphan' } })),
        notNullRaw: await attempt(() => db.$executeRaw`INSERT INTO Post (authorId, title) VALUES (1, NULL)`),
        primaryKey: await attempt(() => db.counter.createMany({ data: [{ id: 1, value: 1 }, { id: 1, value: 2 }] })),
        notFound: await attempt(() => db.user.update({ where: { id: 999 }, data: { name: 'x' } })),
        inTransaction: await attempt(() =>
          db.$transaction(async (tx) => {
            await tx.counter.create({ data: { id: 1, value: 1 } });
            await tx.counter.create({ data: { id: 1, value: 2 } });
          }),
        ),
        after: await db.counter.findMany(),
        noSuchTable: await attempt(() => db.$queryRaw`SELECT * FROM nope`),
        syntax: await attempt(() => db.$queryRawUnsafe('SELEC 1')),
      };
    },

    async chinook(ctx: Ctx) {
      // The generated client knows only the conformance models: Chinook is queried with Prisma's raw API.
      const db = await ctx.open(chinookCopy(ctx as ScenarioContext<unknown>));
      const topArtists = await db.$queryRaw`SELECT ar.Name, count(t.TrackId) AS tracks, sum(t.Milliseconds) AS ms FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY ar.ArtistId ORDER BY tracks DESC, ar.Name LIMIT 5`;
      const salesByCountry = await db.$queryRaw`SELECT BillingCountry, count(InvoiceId) AS invoices, round(sum(Total), 2) AS total FROM Invoice GROUP BY BillingCountry HAVING count(InvoiceId) >= ${20} ORDER BY total DESC`;
      const invoices = await db.$queryRaw`SELECT InvoiceId, CustomerId, InvoiceDate, Total FROM Invoice WHERE CustomerId IN (SELECT CustomerId FROM Customer WHERE Country = ${'Brazil'}) ORDER BY CustomerId, InvoiceDate LIMIT 10`;
      const changed = await db.$transaction(async (tx) => tx.$executeRaw`UPDATE Track SET UnitPrice = UnitPrice + 1 WHERE GenreId = ${1}`);
      const prices = await db.$queryRaw`SELECT GenreId, sum(UnitPrice) AS sum FROM Track GROUP BY GenreId ORDER BY GenreId LIMIT 3`;
      ctx.note('Chinook has no generated client here: queried through $queryRaw/$executeRaw');
      const battery = [];
      for (const query of CHINOOK_SQL) battery.push(await attempt(() => db.$queryRawUnsafe(query)));
      return { topArtists, salesByCountry, invoices, changed, prices, battery };
    },

    async concurrency({ db, engine, note }: Ctx) {
      await db.counter.create({ data: { id: 1, value: 0 } });
      note('interactive transactions with maxWait/timeout 60 s (Prisma defaults 2 s/5 s)');
      const outcome = await concurrentIncrements(
        () =>
          db.$transaction(async (tx) => {
            const row = await tx.counter.findUniqueOrThrow({ where: { id: 1 } });
            await yieldToOthers();
            await tx.counter.update({ where: { id: 1 }, data: { value: row.value + 1 } });
          }, LONG_TRANSACTION),
        async () => (await db.counter.findUniqueOrThrow({ where: { id: 1 } })).value,
      );
      return judgeConcurrency(engine, outcome);
    },

    async 'bad-input'(ctx: Ctx) {
      ctx.note('Prisma reconnects on the next query after $disconnect(), so "query after close" succeeds by design');
      return badInput<Db>(ctx, {
        onFile: async (path) => {
          const db = await open(ctx.engine, path);
          return { db, close: () => db.$disconnect() };
        },
        reconnectsAfterClose: true,
        transaction: (db, fn) => db.$transaction(async () => fn()),
        writeInTransaction: async (db) => {
          await db.$executeRaw`CREATE TABLE IF NOT EXISTS Counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)`;
          await db.$transaction(async (tx) => tx.$executeRaw`INSERT INTO Counter (value) VALUES (1)`);
          return db.counter.count();
        },
        query: (db) => db.counter.findMany(),
        destroy: (db) => db.$disconnect(),
      });
    },
  },
};

export default harness;
