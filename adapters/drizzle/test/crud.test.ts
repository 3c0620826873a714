// CRUD through Drizzle, differential: the same builder and relational queries on @tandem/drizzle
// (pool) and on drizzle-orm/better-sqlite3 must give equal results, for every column kind and mode.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, avg, count, desc, eq, gt, inArray, like, max, min, sql, sum } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { both, openPair, type AnyDb, type Pair } from './support.js';
import { comments, posts, users } from './schema.js';

let pair: Pair;

const BIG = 2n ** 63n - 7n;
const seedUsers = [
  {
    email: 'ada@example.com',
    name: 'Ada',
    age: 36,
    score: 3.14159,
    active: true,
    createdAt: new Date('2024-01-02T03:04:05Z'),
    updatedAt: new Date('2024-01-02T03:04:05.678Z'),
    meta: { tags: ['a', 'b'], nested: { n: 1.5, ok: true, none: null } },
    avatar: Buffer.from([0, 1, 2, 255, 254]),
    big: BIG,
    balance: '12345678901234567890.125',
  },
  { email: 'grace@example.com', name: 'Grâce ✓ 日本語 🎉', age: 85, score: -0.5, active: false, big: -(2n ** 60n) },
  { email: 'linus@example.com', name: null, age: 2 ** 53 + 2, score: 1e300 },
];

/** Runs fn on both databases and expects equal results (or equal errors). */
async function same<T>(fn: (db: AnyDb) => Promise<T> | T): Promise<T> {
  const [tandem, oracle] = await both(pair, fn);
  if (!oracle.ok) throw new Error(`oracle failed: ${String(oracle.error)}`);
  if (!tandem.ok) throw tandem.error;
  expect(tandem.value).toEqual(oracle.value);
  return tandem.value;
}

beforeAll(async () => {
  pair = await openPair();
  await same((db) =>
    db
      .insert(users)
      .values(seedUsers)
      .returning({ id: users.id, email: users.email, big: users.big, avatar: users.avatar, active: users.active }),
  );
  await same((db) =>
    db
      .insert(posts)
      .values([
        { authorId: 1, title: 'First', views: 10 },
        { authorId: 1, title: 'Second', views: 5 },
        { authorId: 2, title: 'Compilers', views: 100 },
      ])
      .returning(),
  );
  await same(
    async (db) =>
      (
        await db
          .insert(comments)
          .values([
            { postId: 1, body: 'nice' },
            { postId: 1, body: 'very nice' },
            { postId: 3, body: 'classic' },
          ])
          .run()
      ).changes,
  );
});

afterAll(async () => {
  await pair.close();
});

describe('every column kind round-trips', () => {
  it('selects every column in every mode, with the SQL defaults applied', async () => {
    const rows = await same((db) => db.select().from(users).orderBy(users.id));
    expect(rows).toHaveLength(3);
    expect(rows[0]!.big).toBe(BIG);
    expect(rows[0]!.meta).toEqual(seedUsers[0]!.meta);
    expect(Buffer.isBuffer(rows[0]!.avatar)).toBe(true);
    expect(rows[0]!.createdAt).toEqual(seedUsers[0]!.createdAt);
    expect(rows[1]!.active).toBe(false);
  });

  it('reads raw typeof and values with sql``', async () => {
    await same((db) =>
      db.all(sql`select typeof(id), typeof(score), typeof(active), typeof(avatar), typeof(big), typeof(balance), typeof(joined), age from users order by id`),
    );
  });

  it('keeps integers beyond 2^53 as written (REAL-bound numbers, as better-sqlite3)', async () => {
    await same((db) => db.get(sql`select ${2 ** 53 + 2} as n, ${9007199254740993n} as b, typeof(${9007199254740993n}) as t`));
  });

  it('updates with expressions and returns the new rows', async () => {
    await same((db) =>
      db
        .update(posts)
        .set({ views: sql`${posts.views} + 1` })
        .where(eq(posts.authorId, 1))
        .returning({ id: posts.id, views: posts.views }),
    );
    await same((db) => db.update(users).set({ meta: { replaced: [1, 2, 3] }, updatedAt: new Date(0) }).where(eq(users.id, 2)).returning());
  });

  it('filters with like, in, and, gt; orders, limits and offsets', async () => {
    await same((db) =>
      db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(like(users.email, '%@example.com'), inArray(users.id, [1, 2, 3]), gt(users.age, 1)))
        .orderBy(desc(users.age))
        .limit(2)
        .offset(1),
    );
  });
});

describe('arrays mode and joins', () => {
  it('db.values keeps repeated column names by position', async () => {
    const rows = await same((db) => db.values(sql`select u.id, p.id, p.title from users u join posts p on p.author_id = u.id order by p.id`));
    expect(rows[0]).toHaveLength(3);
  });

  it('maps joined rows with same-named columns into nested objects', async () => {
    const author = alias(users, 'author');
    await same((db) =>
      db
        .select({ post: { id: posts.id, title: posts.title }, author: { id: author.id, name: author.name }, commentId: comments.id })
        .from(posts)
        .innerJoin(author, eq(author.id, posts.authorId))
        .leftJoin(comments, eq(comments.postId, posts.id))
        .orderBy(asc(posts.id), asc(comments.id)),
    );
  });

  it('leftJoin with select() keeps a null table as null', async () => {
    await same((db) => db.select().from(users).leftJoin(posts, eq(posts.authorId, users.id)).orderBy(users.id, posts.id));
  });
});

describe('relational queries', () => {
  it('findMany with nested with, columns, orderBy and limit', async () => {
    await same((db) =>
      db.query.users.findMany({
        columns: { id: true, name: true, big: true, meta: true },
        with: { posts: { orderBy: (p, { desc }) => [desc(p.id)], limit: 5, with: { comments: true } } },
        orderBy: (u, { asc }) => [asc(u.id)],
      }),
    );
  });

  it('findFirst with a one-relation and extras', async () => {
    await same((db) =>
      db.query.posts.findFirst({
        where: (p, { eq }) => eq(p.id, 3),
        with: { author: { columns: { email: true, createdAt: true } } },
        extras: { lower: sql<string>`lower(${posts.title})`.as('lower') },
      }),
    );
  });

  it('a blob inside a relation fails as in SQLite', async () => {
    const [tandem, oracle] = await both(pair, (db) => db.query.posts.findMany({ with: { author: true } }));
    expect(tandem.ok).toBe(oracle.ok);
  });
});

describe('upserts, deletes, aggregates', () => {
  it('onConflictDoUpdate and onConflictDoNothing', async () => {
    await same((db) =>
      db
        .insert(users)
        .values({ email: 'ada@example.com', name: 'Ada L.' })
        .onConflictDoUpdate({ target: users.email, set: { name: sql`excluded.name` } })
        .returning({ id: users.id, name: users.name }),
    );
    await same((db) => db.insert(users).values({ email: 'ada@example.com' }).onConflictDoNothing().returning({ id: users.id }));
  });

  it('counts, sums, averages, groups with having', async () => {
    await same((db) =>
      db
        .select({ authorId: posts.authorId, n: count(), total: sum(posts.views), mean: avg(posts.views), top: max(posts.views), low: min(posts.views) })
        .from(posts)
        .groupBy(posts.authorId)
        .having(gt(count(), 0))
        .orderBy(posts.authorId),
    );
    await same((db) => db.$count(posts, gt(posts.views, 6)));
    await same((db) =>
      db
        .select({ id: users.id, postCount: db.$count(posts, eq(posts.authorId, users.id)) })
        .from(users)
        .orderBy(users.id),
    );
  });

  it('deletes with returning, and cascades are declared', async () => {
    await same((db) => db.delete(comments).where(eq(comments.body, 'classic')).returning());
    await same((db) => db.select({ n: count() }).from(comments));
  });

  it('prepared statements with placeholders run repeatedly', async () => {
    const [a, b] = [pair.tandem, pair.oracle].map((db: AnyDb) =>
      db
        .select({ id: posts.id })
        .from(posts)
        .where(eq(posts.authorId, sql.placeholder('author')))
        .orderBy(posts.id)
        .prepare(),
    );
    for (const author of [1, 2, 99]) expect(await a!.all({ author })).toEqual(await b!.all({ author }));
  });
});
