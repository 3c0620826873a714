// The generated Prisma client on @tandem/prisma against the same client on Prisma's own
// better-sqlite3 adapter: every scalar type, relations, upserts, RETURNING-based writes, aggregates
// and raw queries must give equal results.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, type PrismaClient } from './.generated/client/client.js';
import { openPair, outcome, type Pair } from './support.js';

let pair: Pair;

/** Runs fn on both clients and expects equal results. */
async function same<T>(fn: (db: PrismaClient) => Promise<T>): Promise<T> {
  const oracle = await outcome(() => fn(pair.oracle));
  const tandem = await outcome(() => fn(pair.tandem));
  if (!oracle.ok) throw new Error(`oracle failed: ${String(oracle.error)}`);
  if (!tandem.ok) throw tandem.error;
  expect(tandem.value).toEqual(oracle.value);
  return tandem.value;
}

const BIG = 2n ** 62n + 12345n;
// now() defaults are filled in by the client, so rows created on both sides pin them.
const FIXED = new Date('2025-05-05T05:05:05.005Z');

beforeAll(async () => {
  pair = await openPair();
});
afterAll(async () => {
  await pair.close();
});

describe('scalars', () => {
  it('creates and reads back every scalar type', async () => {
    const created = await same((db) =>
      db.user.create({
        data: {
          email: 'ada@example.com',
          name: 'Ada ✓ 日本語 🎉',
          big: BIG,
          dec: new Prisma.Decimal('1234.5678'),
          score: 0.1 + 0.2,
          flag: true,
          data: Buffer.from([0, 1, 2, 255]),
          meta: { tags: ['x', 'y'], nested: { n: 1.5, yes: true, none: null } },
          createdAt: new Date('2024-02-29T12:34:56.789Z'),
          birthday: new Date('1815-12-10T00:00:00.000Z'),
        },
      }),
    );
    expect(created.big).toBe(BIG);
    expect(created.data).toBeInstanceOf(Uint8Array);
    await same((db) => db.user.create({ data: { email: 'grace@example.com', big: -(2n ** 63n), score: -1e300, createdAt: FIXED } }));
    await same((db) => db.user.create({ data: { email: 'linus@example.com', name: null, meta: [1, 'two', { three: 3 }], createdAt: FIXED } }));
    await same((db) => db.user.findMany({ orderBy: { id: 'asc' }, omit: { createdAt: true } }));
    await same((db) => db.user.findUnique({ where: { email: 'ada@example.com' } }));
  });

  it('filters on every type', async () => {
    await same((db) => db.user.findMany({ where: { big: { gt: 2n ** 53n } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { dec: { gte: new Prisma.Decimal(1000) } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { flag: true }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { createdAt: { lt: new Date('2025-01-01') } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { name: { contains: '日本' } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { email: { startsWith: 'g' }, NOT: { name: { not: null } } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { id: { in: [] } } }));
    // Beyond SQLite's old 999-parameter limit: this adapter reports 32766, so the client sends one query.
    await same((db) => db.user.findMany({ where: { id: { in: Array.from({ length: 5000 }, (_, i) => i) } }, select: { id: true } }));
    await same((db) => db.user.findMany({ where: { meta: { path: '$.nested.n', equals: 1.5 } }, select: { email: true } }));
  });
});

describe('relations', () => {
  it('nested creates, include, select with _count, relation filters', async () => {
    await same((db) =>
      db.user.update({
        where: { email: 'ada@example.com' },
        data: {
          profile: { create: { bio: 'Analyst' } },
          posts: { create: [{ title: 'Notes', views: 10, published: true }, { title: 'Engine', views: 3 }] },
        },
        include: { posts: { orderBy: { id: 'asc' } }, profile: true },
      }),
    );
    await same((db) => db.post.create({ data: { title: 'Grace', author: { connect: { email: 'grace@example.com' } } }, include: { author: { select: { email: true } } } }));
    await same((db) =>
      db.user.findMany({
        select: { email: true, _count: { select: { posts: true } }, posts: { where: { published: true }, select: { title: true } } },
        orderBy: [{ posts: { _count: 'desc' } }, { id: 'asc' }],
      }),
    );
    await same((db) => db.user.findMany({ where: { posts: { some: { views: { gt: 5 } } } }, select: { email: true } }));
    await same((db) => db.user.findMany({ where: { posts: { none: {} } }, select: { email: true } }));
    await same((db) => db.post.findMany({ where: { author: { is: { flag: true } } }, select: { title: true }, orderBy: { title: 'asc' } }));
  });
});

describe('writes', () => {
  it('updates with increments, upserts, updateMany, deleteMany', async () => {
    await same((db) => db.post.update({ where: { id: 1 }, data: { views: { increment: 5 } } }));
    await same((db) => db.user.update({ where: { email: 'grace@example.com' }, data: { big: { increment: 1 }, flag: { set: true } }, select: { big: true, flag: true } }));
    await same((db) => db.user.upsert({ where: { email: 'new@example.com' }, create: { email: 'new@example.com', name: 'new', createdAt: FIXED }, update: { name: 'updated' }, select: { email: true, name: true } }));
    await same((db) => db.user.upsert({ where: { email: 'new@example.com' }, create: { email: 'new@example.com', name: 'new', createdAt: FIXED }, update: { name: 'updated' }, select: { email: true, name: true } }));
    await same((db) => db.post.updateMany({ where: { published: false }, data: { published: true } }));
    await same((db) => db.counter.createMany({ data: [{ id: 1, value: 1 }, { id: 2, value: 2 }, { id: 3, value: 3 }] }));
    await same((db) => db.counter.createManyAndReturn({ data: [{ id: 4, value: 4 }, { id: 5, value: 5 }] }));
    await same((db) => db.counter.deleteMany({ where: { value: { gte: 4 } } }));
    await same((db) => db.counter.delete({ where: { id: 3 } }));
  });
});

describe('aggregates and raw SQL', () => {
  it('aggregate, groupBy, count', async () => {
    await same((db) => db.post.aggregate({ _sum: { views: true }, _avg: { views: true }, _min: { views: true }, _max: { title: true }, _count: { _all: true } }));
    await same((db) => db.user.aggregate({ _sum: { big: true, dec: true }, _avg: { score: true } }));
    await same((db) => db.post.groupBy({ by: ['authorId'], _count: { _all: true }, _sum: { views: true }, having: { views: { _sum: { gt: 0 } } }, orderBy: { authorId: 'asc' } }));
    await same((db) => db.user.count({ where: { flag: true } }));
  });

  it('$queryRaw and $executeRaw', async () => {
    await same((db) => db.$queryRaw`SELECT id, email, big, dec, data, createdAt, typeof(score) AS t, 1 + 1 AS two FROM User ORDER BY id`);
    await same((db) => db.$queryRaw`SELECT count(*) AS n, sum(views) AS total, avg(views) AS mean FROM Post WHERE views > ${1}`);
    await same((db) => db.$executeRaw`UPDATE Post SET views = views + ${1} WHERE id <= ${2}`);
    await same((db) => db.$queryRawUnsafe('SELECT ? AS a, ? AS b, ? AS c', 1, 'two', 2n ** 60n));
  });
});

describe("timestampFormat 'unixepoch-ms'", () => {
  it('stores DateTime as Unix milliseconds and reads them back', async () => {
    const msPair = await openPair({ timestampFormat: 'unixepoch-ms' }, { timestampFormat: 'unixepoch-ms' });
    try {
      const results = [];
      for (const db of [msPair.tandem, msPair.oracle]) {
        const user = await db.user.create({ data: { email: 'ms@x', createdAt: FIXED, birthday: new Date(-1e12) }, select: { createdAt: true, birthday: true } });
        const raw = await db.$queryRaw`SELECT createdAt, typeof(createdAt) AS t FROM User`;
        results.push({ user, raw, found: await db.user.count({ where: { createdAt: { gte: FIXED } } }) });
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[0]!.raw).toEqual([{ createdAt: FIXED, t: 'integer' }]);
    } finally {
      await msPair.close();
    }
  });
});
