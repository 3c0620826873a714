// The one small interface every runner and the differential helper talk to, and its two
// implementations: better-sqlite3 (the oracle, SQLite 3.53) and Tandem (loaded lazily).
//
// Values keep SQLite's storage classes visible: bigint = INTEGER, number = REAL, string = TEXT,
// Uint8Array = BLOB, null = NULL (the engine's own value representation, see common/values.ts).

import { createRequire } from 'node:module';

export type SqlValue = null | bigint | number | string | Uint8Array;
export type StorageType = 'null' | 'integer' | 'real' | 'text' | 'blob';

/** What one statement returned: column names, rows, and each value's storage type. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
  types: StorageType[][];
}

/** An SQL error reported by an engine: SQLite's extended code name and message text. */
export class DriverError extends Error {
  readonly code: string;
  /** Rows produced before a statement failed while stepping (null when it failed to prepare). */
  readonly partial: QueryResult | null;

  /** True when the engine threw something other than an SQL error (a crash, an API misuse). */
  get isCrash(): boolean {
    return this.code.startsWith('JS_');
  }

  constructor(code: string, message: string, partial: QueryResult | null = null) {
    super(message);
    this.name = 'DriverError';
    this.code = code;
    this.partial = partial;
  }
}

export interface SqlDriver {
  /** 'sqlite' for better-sqlite3, 'tandem' for the engine under test (or a wrapper's name). */
  readonly name: string;
  /** Runs one or more statements, discarding rows. Throws DriverError. */
  exec(sql: string): void;
  /** Runs exactly one statement and returns its rows (none for statements without results). Throws DriverError. */
  query(sql: string, params?: readonly SqlValue[]): QueryResult;
  close(): void;
}

export type EngineName = 'sqlite' | 'tandem';

export interface OpenOptions {
  /** Database file; ':memory:' (the default) for a fresh in-memory database. */
  path?: string;
  readonly?: boolean;
}

export function storageTypeOf(value: SqlValue): StorageType {
  switch (typeof value) {
    case 'bigint':
      return 'integer';
    case 'number':
      return 'real';
    case 'string':
      return 'text';
    default:
      return value === null ? 'null' : 'blob';
  }
}

// The slice of better-sqlite3's API both engines implement (Tandem's public API copies it).
interface CompatStatement {
  readonly reader: boolean;
  readonly readonly: boolean;
  raw(toggle?: boolean): CompatStatement;
  safeIntegers(toggle?: boolean): CompatStatement;
  columns(): { name: string }[];
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  run(...params: unknown[]): unknown;
}
interface CompatDatabase {
  prepare(sql: string): CompatStatement;
  exec(sql: string): unknown;
  close(): unknown;
}
type CompatDatabaseClass = new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => CompatDatabase;

function toDriverError(error: unknown, partial: QueryResult | null = null): DriverError {
  if (error instanceof DriverError) return error;
  if (error instanceof Error) {
    // SQLite errors carry a string code; anything else (TypeError, RangeError...) is a crash of the
    // engine or a misuse of its API, tagged JS_<name> so runners never count it as an SQL error.
    const { code } = error as { code?: unknown };
    return new DriverError(typeof code === 'string' ? code : `JS_${error.name}`, error.message, partial);
  }
  return new DriverError('UNKNOWN', String(error), partial);
}

function normalizeValue(value: unknown): SqlValue {
  if (value === null || typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Uint8Array) {
    // better-sqlite3 returns Buffers; compare plain byte arrays.
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value === undefined) return null;
  throw new TypeError(`driver returned a non-SQL value: ${String(value)}`);
}

function toResult(columns: string[], rawRows: unknown[]): QueryResult {
  const rows: SqlValue[][] = [];
  const types: StorageType[][] = [];
  for (const raw of rawRows) {
    const row = (raw as unknown[]).map(normalizeValue);
    rows.push(row);
    types.push(row.map(storageTypeOf));
  }
  return { columns, rows, types };
}

function bindable(params: readonly SqlValue[]): unknown[] {
  // better-sqlite3 binds Uint8Array only as Buffer; bigint and the rest pass through.
  return params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p));
}

/** A driver over any database object with better-sqlite3's API (better-sqlite3 itself or Tandem's). */
export class CompatDriver implements SqlDriver {
  constructor(
    readonly name: string,
    private readonly db: CompatDatabase,
  ) {}

  exec(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw toDriverError(error);
    }
  }

  query(sql: string, params: readonly SqlValue[] = []): QueryResult {
    let stmt: CompatStatement;
    try {
      stmt = this.db.prepare(sql);
    } catch (error) {
      throw toDriverError(error);
    }
    const args = bindable(params);
    if (!stmt.reader) {
      try {
        stmt.run(...args);
      } catch (error) {
        throw toDriverError(error);
      }
      return { columns: [], rows: [], types: [] };
    }
    stmt.raw(true).safeIntegers(true);
    const columns = stmt.columns().map((c) => c.name);
    try {
      return toResult(columns, stmt.all(...args));
    } catch (error) {
      // A statement that fails while stepping still produced rows before the failure. Re-running
      // to collect them is only safe when the statement has no side effects.
      if (!stmt.readonly) throw toDriverError(error, toResult(columns, []));
      const collected: unknown[] = [];
      try {
        for (const row of stmt.iterate(...args)) collected.push(row);
      } catch (again) {
        throw toDriverError(again, toResult(columns, collected));
      }
      throw toDriverError(error, toResult(columns, collected));
    }
  }

  close(): void {
    this.db.close();
  }
}

let betterSqlite: CompatDatabaseClass | null = null;

/** Opens better-sqlite3 (the oracle). Synchronous: it is a plain CommonJS dependency. */
export function openSqlite(options: OpenOptions = {}): SqlDriver {
  betterSqlite ??= createRequire(import.meta.url)('better-sqlite3') as CompatDatabaseClass;
  const path = options.path ?? ':memory:';
  const db = new betterSqlite(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  return new CompatDriver('sqlite', db);
}

let tandem: CompatDatabaseClass | null = null;

/**
 * Makes openTandem() (and the differential helper's default left side) use this Database class
 * instead of importing the built '@tandem/engine' package. Engine tests call it with the class from
 * their own source tree so they test the code being edited, not the last build:
 *
 *   import Database from '../../src/index.js';
 *   registerTandem(Database);
 */
export function registerTandem(Database: unknown): void {
  if (typeof Database !== 'function') throw new TypeError('registerTandem expects the Database class');
  tandem = Database as CompatDatabaseClass;
}

/** Loads @tandem/engine's Database class; throws a clear error while the engine cannot load. */
export async function loadTandem(): Promise<CompatDatabaseClass> {
  if (tandem) return tandem;
  // A computed specifier keeps testkit compiling while the engine's build is incomplete.
  const specifier = '@tandem/engine';
  let module: { default?: unknown; Database?: unknown };
  try {
    module = (await import(specifier)) as typeof module;
  } catch (error) {
    throw new Error(`cannot load @tandem/engine (is it built?): ${(error as Error).message}`);
  }
  const cls = module.default ?? module.Database;
  if (typeof cls !== 'function') throw new Error('@tandem/engine has no default export Database');
  tandem = cls as CompatDatabaseClass;
  return tandem;
}

/** Opens Tandem through its better-sqlite3 compatible API. */
export async function openTandem(options: OpenOptions = {}): Promise<SqlDriver> {
  const Database = await loadTandem();
  const path = options.path ?? ':memory:';
  const db = new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {});
  return new CompatDriver('tandem', db);
}

export async function openDriver(engine: EngineName, options: OpenOptions = {}): Promise<SqlDriver> {
  return engine === 'tandem' ? openTandem(options) : openSqlite(options);
}

/** A factory the runners call once per fresh database (a file of tests, a test case). */
export type DriverFactory = (options: OpenOptions) => SqlDriver;

/** Resolves an engine name to a synchronous factory (loading Tandem first when asked for). */
export async function driverFactory(engine: EngineName): Promise<DriverFactory> {
  if (engine === 'sqlite') return openSqlite;
  const Database = await loadTandem();
  return (options) => {
    const path = options.path ?? ':memory:';
    return new CompatDriver('tandem', new Database(path, options.readonly ? { readonly: true, fileMustExist: true } : {}));
  };
}
