// Tandem through its better-sqlite3-compatible synchronous API (`import Database from '@tandem/engine'`).
// The engine is loaded at run time so the bench builds and runs before the engine exists.

import { mutexSession } from './mutex-session.js';
import type { EngineAdapter, EngineConnection, EngineStatement, OpenOptions, Row, SqlParam } from './types.js';

/** The part of the better-sqlite3-shaped API the bench uses; Tandem promises this shape. */
interface SyncStatement {
  readonly reader?: boolean;
  raw?(toggle?: boolean): SyncStatement;
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): Iterable<unknown>;
}
interface SyncDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SyncStatement;
  close(): unknown;
}
type SyncDatabaseClass = new (path: string) => SyncDatabase;

export const tandemModuleName = '@tandem/engine';

/** Imports the engine package; a variable specifier keeps tsc from requiring its (possibly unbuilt) types. */
export async function importTandem(): Promise<Record<string, unknown>> {
  const specifier = tandemModuleName;
  return (await import(specifier)) as Record<string, unknown>;
}

/** Rows come back as arrays in raw mode; if raw mode is missing, object rows keep SELECT order. */
export function rowValues(row: unknown): Row {
  if (Array.isArray(row)) return row;
  return Object.values(row as Record<string, unknown>);
}

function wrapStatement(statement: SyncStatement): EngineStatement {
  let raw = false;
  if (statement.reader !== false && typeof statement.raw === 'function') {
    try {
      statement.raw(true);
      raw = true;
    } catch {
      raw = false;
    }
  }
  const shape = raw ? (row: unknown) => row as Row : rowValues;
  return {
    run: (params: readonly SqlParam[] = []) => void statement.run(...params),
    get: (params: readonly SqlParam[] = []) => {
      const row = statement.get(...params);
      return row === undefined ? undefined : shape(row);
    },
    all: (params: readonly SqlParam[] = []) => statement.all(...params).map(shape),
    each: (params, onRow) => {
      let count = 0;
      for (const row of statement.iterate(...params)) {
        onRow(shape(row));
        count++;
      }
      return count;
    },
    finalize: () => undefined,
  };
}

function openWith(Database: SyncDatabaseClass, path: string, options: OpenOptions = {}): EngineConnection {
  const db = new Database(path);
  // Pragmas the engine does not know yet must not keep it out of the benchmark.
  for (const pragma of ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL']) {
    try {
      db.exec(pragma);
    } catch {
      /* optional */
    }
  }
  if (options.cacheKiB !== undefined) {
    try {
      db.exec(`PRAGMA cache_size = -${options.cacheKiB}`);
    } catch {
      /* optional */
    }
  }
  return {
    exec: (sql: string) => void db.exec(sql),
    prepare: (sql: string) => wrapStatement(db.prepare(sql)),
    close: () => void db.close(),
  };
}

export async function loadTandemSync(): Promise<EngineAdapter> {
  const module = await importTandem();
  const Database = (module.default ?? module.Database) as SyncDatabaseClass | undefined;
  if (typeof Database !== 'function') throw new Error('no default Database export');
  // A smoke query proves the engine can open and answer before any workload relies on it.
  const probe = new Database(':memory:');
  try {
    const row = probe.prepare('SELECT 1 + 1 AS two').get() as Record<string, unknown> | undefined;
    if (row?.two !== 2) throw new Error(`SELECT 1 + 1 returned ${JSON.stringify(row)}`);
  } finally {
    probe.close();
  }
  return {
    id: 'tandem',
    label: 'Tandem (sync API)',
    storage: 'file',
    open: async (path, options) => openWith(Database, path, options),
    interactive: async (path) => mutexSession(openWith(Database, path), '1 connection + async mutex, BEGIN IMMEDIATE'),
  };
}
