// migrate() from @tandem/drizzle/migrator against drizzle-orm's better-sqlite3 migrator on the same
// drizzle-kit-generated folder: same schema text, same bookkeeping rows; and drizzle-kit's push API.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleBetterSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateBetterSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzleProxy } from 'drizzle-orm/sqlite-proxy';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { drizzle } from '../src/index.js';
import { migrate } from '../src/migrator.js';
import { drizzleKit, engineSupports, tempDir, writeMigrations } from './support.js';

const supportsAddColumn = await engineSupports('CREATE TABLE t(a); ALTER TABLE t ADD b integer');
const supportsRebuild = await engineSupports('PRAGMA foreign_keys=OFF', 'CREATE TABLE t(a); ALTER TABLE t RENAME TO t2');
const supportsIntrospection = await engineSupports('SELECT * FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p');

const notesV1 = { notes: sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body') }) };
const notesV2 = {
  ...notesV1,
  tags: sqliteTable('tags', { id: integer('id').primaryKey(), label: text('label').notNull().unique() }),
};
const notesV3 = {
  notes: sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body'), pinned: integer('pinned', { mode: 'boolean' }).default(false) }),
  tags: notesV2.tags,
};
// body becomes NOT NULL with a default: SQLite cannot alter a column, so drizzle-kit rebuilds the table.
const notesV4 = {
  notes: sqliteTable('notes', { id: integer('id').primaryKey(), body: text('body').notNull().default(''), pinned: integer('pinned', { mode: 'boolean' }).default(false) }),
  tags: notesV2.tags,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Migrates a Tandem and a better-sqlite3 database from the same folder; returns what each ended with. */
async function migrateBoth(steps: Record<string, unknown>[], seed?: string) {
  const dir = tempDir('migrate');
  cleanups.push(dir.remove);
  const folder = join(dir.path, 'migrations');
  await writeMigrations(folder, steps);
  const tandem = drizzle(join(dir.path, 'tandem.db'));
  cleanups.push(() => tandem.$client.close());
  const client = new Database(join(dir.path, 'oracle.db'));
  cleanups.push(() => {
    client.close();
  });
  const oracle = drizzleBetterSqlite(client);
  if (seed) {
    await tandem.$client.withConnection((conn) => conn.exec(seed));
    client.exec(seed);
  }
  await migrate(tandem, { migrationsFolder: folder });
  migrateBetterSqlite(oracle, { migrationsFolder: folder });
  const describe = async (db: typeof tandem | typeof oracle) => ({
    schema: await db.all(sql`select type, name, tbl_name, sql from sqlite_master order by name`),
    applied: await db.all(sql`select id, hash, created_at from __drizzle_migrations order by created_at`),
  });
  return { tandem, oracle, folder, tandemState: await describe(tandem), oracleState: await describe(oracle) };
}

describe('migrate', () => {
  it('applies a generated folder forward and records each migration, like the better-sqlite3 migrator', async () => {
    const { tandem, folder, tandemState, oracleState } = await migrateBoth([notesV1, notesV2]);
    expect(tandemState).toEqual(oracleState);
    expect(tandemState.applied).toHaveLength(2);
    // Running again applies nothing.
    await migrate(tandem, { migrationsFolder: folder });
    expect(await tandem.all(sql`select count(*) as n from __drizzle_migrations`)).toEqual([{ n: 2 }]);
  });

  it('applies only the new migrations of a folder that grew', async () => {
    const { tandem, folder } = await migrateBoth([notesV1]);
    await writeMigrations(folder, [notesV1, notesV2]);
    await migrate(tandem, { migrationsFolder: folder });
    expect(await tandem.all(sql`select name from sqlite_master where type = 'table' and name in ('notes', 'tags') order by name`)).toEqual([
      { name: 'notes' },
      { name: 'tags' },
    ]);
  });

  it('rolls back every pending migration when one fails', async () => {
    const dir = tempDir('migrate-fail');
    cleanups.push(dir.remove);
    const folder = join(dir.path, 'migrations');
    await writeMigrations(folder, [notesV1, notesV2]);
    writeFileSync(join(folder, '0001_step.sql'), 'CREATE TABLE extra (x);\n--> statement-breakpoint\nCREATE TABLE notes (id);');
    const tandem = drizzle(join(dir.path, 'tandem.db'));
    cleanups.push(() => tandem.$client.close());
    await expect(migrate(tandem, { migrationsFolder: folder })).rejects.toThrow();
    expect(await tandem.all(sql`select name from sqlite_master where name in ('notes', 'extra')`)).toEqual([]);
  });

  it.skipIf(!supportsAddColumn)('adds a column (needs ALTER TABLE ADD in the engine)', async () => {
    const { tandemState, oracleState } = await migrateBoth([notesV1, notesV2, notesV3]);
    expect(tandemState).toEqual(oracleState);
  });

  it.skipIf(!supportsAddColumn || !supportsRebuild)('rebuilds a table and keeps its rows (needs ALTER TABLE RENAME and PRAGMA foreign_keys)', async () => {
    const { tandem, oracle, tandemState, oracleState } = await migrateBoth([notesV1, notesV2, notesV3, notesV4]);
    expect(tandemState).toEqual(oracleState);
    expect(await tandem.all(sql`select * from notes`)).toEqual(await oracle.all(sql`select * from notes`));
  });
});

describe('drizzle-kit push', () => {
  it.skipIf(!supportsIntrospection)('pushSQLiteSchema creates then alters the schema like on better-sqlite3 (needs pragma_* table functions)', async () => {
    const { pushSQLiteSchema } = await drizzleKit();
    const dir = tempDir('push');
    cleanups.push(dir.remove);
    const tandem = drizzle(join(dir.path, 'tandem.db'));
    cleanups.push(() => tandem.$client.close());
    const client = new Database(join(dir.path, 'oracle.db'));
    cleanups.push(() => {
      client.close();
    });
    // drizzle-kit's push talks to a libsql-like database (db.all() also runs DDL): better-sqlite3
    // behind Drizzle's sqlite-proxy driver behaves so.
    const oracle = drizzleProxy(async (query, params, method) => {
      const statement = client.prepare(query);
      if (!statement.reader) {
        statement.run(...params);
        return { rows: [] };
      }
      if (method === 'values') return { rows: statement.raw().all(...params) };
      return { rows: method === 'get' ? statement.get(...params) : statement.all(...params) } as { rows: unknown[] };
    });
    const states = [];
    for (const db of [tandem, oracle]) {
      const first = await pushSQLiteSchema(notesV2, db as never);
      expect(first.statementsToExecute.length).toBeGreaterThan(0);
      await first.apply();
      await db.run(sql`insert into notes (body) values ('kept')`);
      const second = await pushSQLiteSchema(notesV3, db as never);
      await second.apply();
      const third = await pushSQLiteSchema(notesV3, db as never);
      states.push({
        statements: [first.statementsToExecute, second.statementsToExecute, third.statementsToExecute],
        schema: await db.all(sql`select type, name, sql from sqlite_master order by name`),
        rows: await db.all(sql`select body, pinned from notes`),
      });
    }
    expect(states[0]).toEqual(states[1]);
    expect(states[0]!.rows).toEqual([{ body: 'kept', pinned: 0 }]);
    expect(states[0]!.statements[2]).toEqual([]);
  });
});
