// Test support: the same schema on Tandem (through @tandem/drizzle and the pool) and on Drizzle's
// own better-sqlite3 driver, each in its own temporary file, created by a migration drizzle-kit
// generates; and a probe for engine features still being built.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleBetterSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateBetterSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { connect, SqliteError } from '@tandem/engine';
import { drizzle, type TandemDatabase } from '../src/index.js';
import { migrate } from '../src/migrator.js';
import { schema } from './schema.js';

// drizzle-kit's programmatic API is CommonJS with a large bundle: load it once, lazily.
type KitApi = typeof import('drizzle-kit/api');
let kit: Promise<KitApi> | undefined;
export function drizzleKit(): Promise<KitApi> {
  kit ??= import('drizzle-kit/api');
  return kit;
}

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `tandem-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes a drizzle-kit migrations folder (meta/_journal.json and one .sql file per step) with the
 * SQL drizzle-kit generates from each schema to the next, starting from an empty database.
 */
export async function writeMigrations(folder: string, steps: Record<string, unknown>[]): Promise<void> {
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

/** Either database: the tests run the same Drizzle code on both. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = BaseSQLiteDatabase<any, any, typeof schema>;

export interface Pair {
  tandem: TandemDatabase<typeof schema>;
  oracle: BetterSQLite3Database<typeof schema>;
  /** The oracle's better-sqlite3 handle. */
  oracleClient: Database.Database;
  dir: string;
  close(): Promise<void>;
}

/** Both databases, migrated to the test schema. */
export async function openPair(poolMax = 4): Promise<Pair> {
  const dir = tempDir('drizzle');
  const migrationsFolder = join(dir.path, 'migrations');
  await writeMigrations(migrationsFolder, [schema]);
  const tandem = drizzle(join(dir.path, 'tandem.db'), { schema, pool: { max: poolMax } });
  await migrate(tandem, { migrationsFolder });
  const oracleClient = new Database(join(dir.path, 'oracle.db'));
  const oracle = drizzleBetterSqlite(oracleClient, { schema });
  migrateBetterSqlite(oracle, { migrationsFolder });
  return {
    tandem,
    oracle,
    oracleClient,
    dir: dir.path,
    async close() {
      await tandem.$client.close();
      oracleClient.close();
      dir.remove();
    },
  };
}

/**
 * false when the engine still answers one of the statements with "not supported by Tandem yet"
 * (features other helpers are building); tests that need them are skipped until they land.
 */
export async function engineSupports(...statements: string[]): Promise<boolean> {
  const db = await connect(':memory:');
  try {
    for (const statement of statements) {
      try {
        await db.exec(statement);
      } catch (error) {
        if (error instanceof SqliteError && error.message.startsWith('not supported by Tandem yet')) return false;
      }
    }
    return true;
  } finally {
    await db.close();
  }
}

/** Runs fn on both databases and returns both outcomes (a value or the error thrown). */
export async function both<T>(pair: Pair, fn: (db: AnyDb) => Promise<T> | T): Promise<[Outcome<T>, Outcome<T>]> {
  return [await outcome(() => fn(pair.tandem)), await outcome(() => fn(pair.oracle))];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function outcome<T>(fn: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The SQLite error behind an ORM error: Drizzle's async drivers wrap it in DrizzleQueryError (cause). */
export function sqliteCause(error: unknown): { code: string; message: string } {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  while (current && typeof current.code !== 'string' && current.cause) current = current.cause as typeof current;
  return { code: String(current?.code), message: String(current?.message) };
}
