// Test support: the same Kysely code on Tandem (TandemDialect, pooled) and on better-sqlite3
// (Kysely's own SqliteDialect), and probes for engine features still being built.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { connect } from '@tandem/engine';
import { TandemDialect, type TandemDialectConfig } from '../src/index.js';

export interface Pair<DB> {
  tandem: Kysely<DB>;
  oracle: Kysely<DB>;
  dir: string;
  tandemPath: string;
  destroy(): Promise<void>;
}

export function openPair<DB>(options: { safeIntegers?: boolean; tandem?: Partial<TandemDialectConfig> } = {}): Pair<DB> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-kysely-'));
  const tandemPath = join(dir, 'tandem.db');
  const oracleDb = new BetterSqlite3(join(dir, 'oracle.db'));
  if (options.safeIntegers) oracleDb.defaultSafeIntegers(true);
  const tandem = new Kysely<DB>({
    dialect: new TandemDialect({ path: tandemPath, safeIntegers: options.safeIntegers ?? false, ...options.tandem } as TandemDialectConfig),
  });
  const oracle = new Kysely<DB>({ dialect: new SqliteDialect({ database: oracleDb }) });
  return {
    tandem,
    oracle,
    dir,
    tandemPath,
    async destroy() {
      await Promise.all([tandem.destroy(), oracle.destroy()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs fn on both databases; resolves to both outcomes ({ value } or { error }) for comparison. */
export async function onBoth<DB, T>(pair: Pair<DB>, fn: (db: Kysely<DB>) => Promise<T>): Promise<{ tandem: Outcome<T>; oracle: Outcome<T> }> {
  return { tandem: await outcome(() => fn(pair.tandem)), oracle: await outcome(() => fn(pair.oracle)) };
}

export type Outcome<T> = { value: T } | { error: { name: string; code: unknown; message: string } };

async function outcome<T>(fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: normalize(await fn()) as T };
  } catch (e) {
    const error = e as { name?: string; code?: unknown; message?: string };
    return { error: { name: String(error.name), code: error.code, message: String(error.message) } };
  }
}

/** Blobs compare as Buffers (better-sqlite3 returns Buffer; any Uint8Array is accepted from Tandem). */
function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

/** true when the engine compiles `sql` (features other helpers are adding land without edits here). */
export async function engineSupports(sql: string, setup = ''): Promise<boolean> {
  const connection = await connect(':memory:');
  try {
    if (setup) await connection.exec(setup);
    connection.prepare(sql).finalize();
    return true;
  } catch (error) {
    return !/not supported by Tandem yet/.test(String((error as Error).message));
  } finally {
    await connection.close();
  }
}

export const features = {
  tableValuedPragmas: await engineSupports("SELECT * FROM pragma_table_info('t')", 'CREATE TABLE t(x)'),
  alterTable: await engineSupports('ALTER TABLE t ADD COLUMN y', 'CREATE TABLE t(x)'),
  dropColumn: await engineSupports('ALTER TABLE t DROP COLUMN y', 'CREATE TABLE t(x, y)'),
};
