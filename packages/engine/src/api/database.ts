// The better-sqlite3-compatible Database: opens a connection, prepares statements, runs scripts,
// wraps transactions, registers user functions, and enforces better-sqlite3's argument, open and busy
// rules with its exact messages. better-sqlite3's docs/api.md is the contract.

import { SqliteError, unsupported } from '../common/errors.js';
import type { PreparedStatement } from '../engine/prepared.js';
import { nodeVfs } from '../os/node-vfs.js';
import { openEngineConnection } from './connection-factory.js';
import {
  logStatement,
  requireNoIterators,
  requireNoIteratorsUnlessUnsafe,
  requireNotBusy,
  requireOpen,
  takeError,
  type DatabaseState,
} from './database-state.js';
import { getBooleanOption } from './options.js';
import { isIgnorableTail } from './sql-tail.js';
import { Statement } from './statement.js';
import { stepSync } from './stepping.js';
import { inspectionOf, inspectSymbol } from './inspection.js';
import { StepResult } from '../engine/prepared.js';
import { createTransaction, type Transaction } from './transaction.js';
import { aggregateFunctionDef, scalarFunctionDef, type AggregateOptions, type FunctionOptions } from './user-functions.js';

export interface DatabaseOptions {
  /** Open the database without write access (files only). */
  readonly?: boolean;
  /** Throw instead of creating a missing file. */
  fileMustExist?: boolean;
  /**
   * Milliseconds to wait for another connection's write lock before SQLITE_BUSY (default 5000). A lock
   * held by a connection in this thread (every holder, today) fails at once instead: blocking cannot
   * let it finish. Use the async API (connect()) to queue for the lock.
   */
  timeout?: number;
  /** Called with the SQL of every statement executed. */
  verbose?: ((message?: unknown, ...additional: unknown[]) => unknown) | null;
  /** Accepted for compatibility and ignored: Tandem has no native addon. */
  nativeBinding?: unknown;
}

export interface PragmaOptions {
  /** Return the first column of the first row only. */
  simple?: boolean;
}

// Whitespace and ';' (better-sqlite3's IS_SKIPPED characters).
const LEADING_SEPARATORS = /^[ ;\t\n\v\f\r]+/;

// Statements dropped by user code release their engine resources when collected.
const statementReaper = new FinalizationRegistry<{ state: DatabaseState; prepared: PreparedStatement }>(({ state, prepared }) => {
  if (state.open) prepared.finalize();
});

/**
 * A connection to one database file (or a private in-memory database for ":memory:" and "").
 *
 * @example
 * const db = new Database(':memory:');
 * db.exec('CREATE TABLE t(x)');
 * db.prepare('INSERT INTO t VALUES (?)').run(42);
 * db.prepare('SELECT x FROM t').pluck().get(); // 42
 */
export class Database {
  /** The error class every SQL failure throws (also exported as SqliteError). */
  static readonly SqliteError = SqliteError;

  /** The filename given to the constructor. */
  readonly name: string;
  /** true for ":memory:" and "" (private, temporary databases). */
  readonly memory: boolean;
  readonly readonly: boolean;

  readonly #state: DatabaseState;

  constructor(filename?: string | Uint8Array | null, options?: DatabaseOptions | null) {
    if (filename instanceof Uint8Array) throw unsupported('opening a serialized database (new Database(buffer))');
    const filenameGiven = filename ?? '';
    const opts = (options ?? {}) as Record<string, unknown>;
    if (typeof filenameGiven !== 'string') throw new TypeError('Expected first argument to be a string');
    if (typeof opts !== 'object') throw new TypeError('Expected second argument to be an options object');
    if ('readOnly' in opts) throw new TypeError('Misspelled option "readOnly" should be "readonly"');
    if ('memory' in opts) throw new TypeError('Option "memory" was removed in v7.0.0 (use ":memory:" filename instead)');

    const path = filenameGiven.trim();
    const anonymous = path === '' || path === ':memory:';
    const readonly = getBooleanOption(opts, 'readonly');
    const fileMustExist = getBooleanOption(opts, 'fileMustExist');
    const timeout = 'timeout' in opts ? opts.timeout : 5000;
    const verbose = 'verbose' in opts ? opts.verbose : null;
    const nativeBinding = 'nativeBinding' in opts ? opts.nativeBinding : null;

    if (readonly && anonymous) throw new TypeError('In-memory/temporary databases cannot be readonly');
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0) {
      throw new TypeError('Expected the "timeout" option to be a positive integer');
    }
    if (timeout > 0x7fffffff) throw new RangeError('Option "timeout" cannot be greater than 2147483647');
    if (verbose != null && typeof verbose !== 'function') throw new TypeError('Expected the "verbose" option to be a function');
    if (nativeBinding != null && typeof nativeBinding !== 'string' && typeof nativeBinding !== 'object') {
      throw new TypeError('Expected the "nativeBinding" option to be a string or addon object');
    }

    if (!anonymous && !path.startsWith('file:') && !nodeVfs().exists(parentDirectory(path))) {
      throw new TypeError('Cannot open database because the directory does not exist');
    }
    const connection = openEngineConnection(path, { readonly, fileMustExist, busyTimeoutMs: timeout });
    this.#state = {
      connection,
      open: true,
      busy: false,
      iterators: 0,
      safeIntegers: false,
      unsafeMode: false,
      // PRAGMA busy_timeout may change it later: the connection owns it.
      get busyTimeoutMs() {
        return connection.busyTimeoutMs ?? timeout;
      },
      verbose: (verbose as ((sql: string) => unknown) | null) ?? null,
      pendingJsError: null,
    };
    this.name = filenameGiven;
    this.memory = anonymous;
    this.readonly = readonly;
  }

  /** false once close() has been called. */
  get open(): boolean {
    return this.#state.open;
  }

  /** true inside BEGIN ... COMMIT/ROLLBACK. */
  get inTransaction(): boolean {
    return this.#state.open && this.#state.connection.inTransaction;
  }

  /** Compiles one SQL statement (trailing whitespace, ';' and comments allowed). */
  prepare(source: string): Statement<this> {
    if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
    return this.compile(source, false);
  }

  /** Runs every statement of `source` in order; results are discarded. */
  exec(source: string): this {
    if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
    const state = this.#state;
    requireOpen(state);
    requireNotBusy(state);
    requireNoIteratorsUnlessUnsafe(state);
    state.busy = true;
    state.pendingJsError = null;
    try {
      let sql = source;
      for (;;) {
        // Like better-sqlite3, skip separators first so each statement's text starts at its first token.
        sql = sql.replace(LEADING_SEPARATORS, '');
        const { statement, tail } = state.connection.prepare(sql);
        if (statement === null) break;
        try {
          // The statement's text through its ';', as sqlite3_sql reports it.
          logStatement(state, sql.slice(0, sql.length - tail.length));
          while (stepSync(statement, state) === StepResult.Row) {
            // exec() discards rows, as sqlite3_exec without a callback does.
          }
        } finally {
          statement.finalize();
        }
        sql = tail;
      }
    } catch (error) {
      throw takeError(state, error);
    } finally {
      state.busy = false;
    }
    return this;
  }

  /** Wraps `fn` in a transaction (a savepoint when nested); see better-sqlite3's docs. */
  transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F> {
    return createTransaction(this, fn);
  }

  /** Runs `PRAGMA <source>`: all rows, or with { simple: true } the first value. */
  pragma(source: string, options?: PragmaOptions | null): unknown {
    const opts = (options ?? {}) as Record<string, unknown>;
    if (typeof source !== 'string') throw new TypeError('Expected first argument to be a string');
    if (typeof opts !== 'object') throw new TypeError('Expected second argument to be an options object');
    const simple = getBooleanOption(opts, 'simple');
    const statement = this.compile(`PRAGMA ${source}`, true);
    return simple ? statement.pluck().get() : statement.all();
  }

  /** Registers a scalar SQL function implemented in JS. */
  function(name: string, fn: (...args: never[]) => unknown): this;
  function(name: string, options: FunctionOptions, fn: (...args: never[]) => unknown): this;
  function(name: string, optionsOrFn: unknown, fn?: unknown): this {
    const def = scalarFunctionDef(this.#state, name, optionsOrFn, fn);
    this.requireIdle();
    this.#state.connection.createFunction(def);
    return this;
  }

  /** Registers an aggregate (or, with inverse, window) SQL function implemented in JS. */
  aggregate<State>(name: string, options: AggregateOptions<State>): this {
    const def = aggregateFunctionDef(this.#state, name, options);
    this.requireIdle();
    this.#state.connection.createAggregate(def);
    return this;
  }

  /** Closes the connection; later calls on it or its statements throw. Idempotent. */
  close(): this {
    const state = this.#state;
    if (state.open) {
      requireNotBusy(state);
      requireNoIterators(state);
      state.open = false;
      state.connection.close();
    }
    return this;
  }

  /** Makes INTEGER values come back as bigint in statements (and functions) created from now on. */
  defaultSafeIntegers(toggle?: boolean): this {
    this.#state.safeIntegers = arguments.length === 0 ? true : requireBooleanArgument(toggle);
    return this;
  }

  /** Allows writes while iterators are open (better-sqlite3's unsafe mode). */
  unsafeMode(toggle?: boolean): this {
    this.#state.unsafeMode = arguments.length === 0 ? true : requireBooleanArgument(toggle);
    return this;
  }

  backup(_destination: string, _options?: unknown): Promise<never> {
    throw unsupported('backup()');
  }

  serialize(_options?: unknown): never {
    throw unsupported('serialize()');
  }

  loadExtension(_path: string, _entryPoint?: string): never {
    throw unsupported('loadExtension() (Tandem has no native extensions)');
  }

  table(_name: string, _definition: unknown): never {
    throw unsupported('virtual tables (table())');
  }

  /** What console.log shows, as for better-sqlite3's databases. */
  [inspectSymbol](): object {
    return inspectionOf('Database', {
      name: this.name,
      open: this.open,
      inTransaction: this.inTransaction,
      readonly: this.readonly,
      memory: this.memory,
    });
  }

  private compile(source: string, pragmaMode: boolean): Statement<this> {
    const state = this.#state;
    requireOpen(state);
    requireNotBusy(state);
    if (pragmaMode) requireNoIteratorsUnlessUnsafe(state);
    const { statement: prepared, tail } = state.connection.prepare(source);
    if (prepared === null) throw new RangeError('The supplied SQL string contains no statements');
    if (!isIgnorableTail(tail)) {
      prepared.finalize();
      throw new RangeError('The supplied SQL string contains more than one statement');
    }
    const sqlText = source.slice(0, source.length - tail.length);
    const statement = new Statement(this, state, prepared, source, sqlText, pragmaMode);
    statementReaper.register(statement, { state, prepared });
    return statement;
  }

  private requireIdle(): void {
    requireOpen(this.#state);
    requireNotBusy(this.#state);
    requireNoIterators(this.#state);
  }
}

/** path.dirname without Node: the part before the last separator ('.' when there is none). */
function parentDirectory(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '.';
  return cut === 0 ? path.slice(0, 1) : path.slice(0, cut);
}

function requireBooleanArgument(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError('Expected first argument to be a boolean');
  return value;
}
