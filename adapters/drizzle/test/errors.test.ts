// Constraint and schema errors surface as Drizzle's own error type (DrizzleQueryError, as on
// Drizzle's other async drivers) whose cause carries SQLite's exact code and message.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { SqliteError } from '@tandem/engine';
import { comments, posts, users } from './schema.js';
import { both, engineSupports, openPair, sqliteCause, type AnyDb, type Pair } from './support.js';

let pair: Pair;
const supportsForeignKeys = await engineSupports('PRAGMA foreign_keys = ON');

beforeAll(async () => {
  pair = await openPair();
  for (const db of [pair.tandem, pair.oracle] as AnyDb[]) {
    await db.insert(users).values({ email: 'taken@x' });
    await db.insert(posts).values({ id: 1, authorId: 1, title: 't' });
  }
});
afterAll(async () => {
  await pair.close();
});

/** Both fail; Tandem's error is a DrizzleQueryError around a SqliteError equal to better-sqlite3's. */
async function sameError(fn: (db: AnyDb) => Promise<unknown> | unknown, code: string): Promise<void> {
  const [tandem, oracle] = await both(pair, fn);
  expect(oracle.ok).toBe(false);
  expect(tandem.ok).toBe(false);
  if (tandem.ok || oracle.ok) return;
  expect(tandem.error).toBeInstanceOf(DrizzleQueryError);
  expect((tandem.error as DrizzleQueryError).cause).toBeInstanceOf(SqliteError);
  expect(sqliteCause(tandem.error)).toEqual(sqliteCause(oracle.error));
  expect(sqliteCause(tandem.error).code).toBe(code);
}

describe('errors', () => {
  it('UNIQUE', async () => {
    await sameError((db) => db.insert(users).values({ email: 'taken@x' }), 'SQLITE_CONSTRAINT_UNIQUE');
  });

  it('PRIMARY KEY', async () => {
    await sameError((db) => db.insert(posts).values({ id: 1, authorId: 1, title: 'again' }), 'SQLITE_CONSTRAINT_PRIMARYKEY');
  });

  it('NOT NULL', async () => {
    await sameError((db) => db.insert(posts).values({ authorId: 1, title: sql`null` }), 'SQLITE_CONSTRAINT_NOTNULL');
  });

  it('no such table / column', async () => {
    await sameError((db) => db.all(sql`select * from missing_table`), 'SQLITE_ERROR');
    await sameError((db) => db.all(sql`select missing_column from users`), 'SQLITE_ERROR');
  });

  it.skipIf(!supportsForeignKeys)('FOREIGN KEY (needs foreign keys in the engine)', async () => {
    await sameError((db) => db.insert(comments).values({ postId: 999, body: 'orphan' }), 'SQLITE_CONSTRAINT_FOREIGNKEY');
  });
});
