// The async Connection: connect(path) opens one, and its statements run in time slices that never
// block the event loop, waiting for the write lock in a fair queue instead of failing. Connections to
// the same file in one process share one database (engine/shared-database.ts).
//
// One statement runs at a time per connection: calls are queued in the order they are made. Use one
// connection per concurrent task (they are cheap: the Pager and page cache are shared).

import { SqliteError } from '../../common/errors.js';
import type { Connection as EngineConnection } from '../../engine/types.js';
import { openEngineConnection } from '../connection-factory.js';
import { isIgnorableTail } from '../sql-tail.js';
import type { RunResult } from '../statement.js';
import type { CallOptions } from './call-control.js';
import { ConnectionCore } from './connection-core.js';
import { StatementDriver } from './driver.js';
import { AsyncStatement } from './statement.js';

export interface ConnectOptions {
  /** Milliseconds a write waits in the queue for the write lock before SQLITE_BUSY (default 5000). */
  busyTimeout?: number;
  /** Milliseconds of work per slice before the event loop gets a turn (default 4). */
  timeSlice?: number;
  /** Open without write access. */
  readonly?: boolean;
  /** Fail with SQLITE_CANTOPEN instead of creating a missing file. */
  fileMustExist?: boolean;
  /** Return INTEGER values as bigint (default false: numbers, as better-sqlite3). */
  safeIntegers?: boolean;
  /** Enforce foreign keys from the start (default true, as better-sqlite3; PRAGMA foreign_keys changes it). */
  foreignKeys?: boolean;
  /** @internal Test hook: awaited between slices instead of a turn of the event loop. */
  yieldSlice?: () => Promise<void>;
}

export type TransactionMode = 'deferred' | 'immediate' | 'exclusive' | 'concurrent';

export interface TransactionOptions {
  /**
   * BEGIN mode (default 'deferred'). 'concurrent' (BEGIN CONCURRENT) lets many connections write at
   * once: conflicts are per row and per unique key, found at COMMIT (SQLITE_BUSY_SNAPSHOT, retried).
   */
  mode?: TransactionMode;
  /**
   * Times fn is re-run after a retryable error, SQLITE_BUSY_SNAPSHOT: the snapshot went stale before
   * the first write, or a concurrent transaction lost a conflict at COMMIT. Default 3.
   */
  retries?: number;
}

/** One item of batch(): SQL, [SQL, params], a prepared statement, or [statement, params]. */
export type BatchItem = string | AsyncStatement | readonly [string | AsyncStatement, (readonly unknown[] | Record<string, unknown>)?];

export interface BatchOptions extends CallOptions {
  /** Transaction mode of the batch (default 'deferred'). */
  mode?: Exclude<TransactionMode, 'concurrent'>;
}

const DEFAULT_RETRIES = 3;
const BEGIN_SQL = { deferred: 'BEGIN DEFERRED', immediate: 'BEGIN IMMEDIATE', exclusive: 'BEGIN EXCLUSIVE', concurrent: 'BEGIN CONCURRENT' } as const;
let savepointCounter = 0;

/**
 * A connection of the async API.
 *
 * @example
 * const db = await connect('app.db');
 * await db.exec('CREATE TABLE IF NOT EXISTS t(x)');
 * await db.prepare('INSERT INTO t VALUES (?)').run(42);
 * const total = await db.transaction(async (tx) => tx.prepare('SELECT sum(x) FROM t').pluck().get(), { mode: 'immediate' });
 * await db.close();
 */
export class AsyncConnection {
  readonly #core: ConnectionCore;
  /** Set on the handle transaction() gives its fn: active while that transaction runs. */
  readonly #scope: { active: boolean } | null;

  /** @internal Use connect(). */
  constructor(core: ConnectionCore, scope: { active: boolean } | null = null) {
    this.#core = core;
    this.#scope = scope;
  }

  get path(): string {
    return this.#core.engine.path;
  }
  get open(): boolean {
    return !this.#core.closed;
  }
  /** true between BEGIN and COMMIT/ROLLBACK. */
  get inTransaction(): boolean {
    return !this.#core.closed && this.#core.engine.inTransaction;
  }

  /** Compiles one SQL statement (synchronously: compiling is bounded work). */
  prepare(sql: string): AsyncStatement {
    if (typeof sql !== 'string') throw new TypeError('Expected first argument to be a string');
    this.#requireOpen();
    const { statement, tail } = this.#core.engine.prepare(sql);
    if (statement === null) throw new RangeError('The supplied SQL string contains no statements');
    if (!isIgnorableTail(tail)) {
      statement.finalize();
      throw new RangeError('The supplied SQL string contains more than one statement');
    }
    return new AsyncStatement(this.#core, statement, sql);
  }

  /** Runs every statement of `sql` in order, as one queued call; rows are discarded. */
  exec(sql: string, options?: CallOptions): Promise<void> {
    if (typeof sql !== 'string') return Promise.reject(new TypeError('Expected first argument to be a string'));
    const core = this.#core;
    return core.run(options, async (control) => {
      let rest = sql;
      for (;;) {
        const { statement, tail } = core.engine.prepare(rest);
        if (statement === null) return;
        const driver = new StatementDriver(core, statement, control);
        try {
          while (await driver.next()) {
            // rows are discarded, as sqlite3_exec without a callback does
          }
        } finally {
          driver.finish();
          statement.finalize();
        }
        rest = tail;
      }
    });
  }

  /**
   * Runs `fn` in a transaction and commits; rolls back and rethrows when fn throws. fn receives a
   * handle of this connection (the same session); statements run on either are part of the
   * transaction. A retryable error (SQLITE_BUSY_SNAPSHOT) re-runs fn from BEGIN up to `retries` times.
   * Calling transaction() on the handle nests a savepoint; calling it on the connection itself waits
   * until the running transaction ends (so never await that from inside fn).
   */
  async transaction<T>(fn: (tx: AsyncConnection) => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
    const mode = options.mode ?? 'deferred';
    if (!(mode in BEGIN_SQL)) throw new TypeError(`Unknown transaction mode "${String(mode)}"`);
    const retries = options.retries ?? DEFAULT_RETRIES;
    if (!Number.isInteger(retries) || retries < 0) throw new TypeError('Expected the "retries" option to be a non-negative integer');
    this.#requireOpen();
    if (this.#scope) {
      if (!this.#scope.active) throw new SqliteError('this transaction has already ended', 'SQLITE_MISUSE');
      return this.#savepoint(fn);
    }
    const core = this.#core;
    const release = core.tryLockTransactions() ?? (await core.lockTransactions());
    try {
      for (let attempt = 0; ; attempt++) {
        const scope = { active: true };
        const tx = new AsyncConnection(core, scope);
        try {
          // BEGIN and COMMIT usually finish at once: awaited only when they had to wait.
          const begun = this.#control(BEGIN_SQL[mode]);
          if (begun) await begun;
          const result = await fn(tx);
          const committed = this.#control('COMMIT');
          if (committed) await committed;
          return result;
        } catch (error) {
          if (this.inTransaction) await this.#controlAsync('ROLLBACK').catch(() => undefined);
          if (attempt < retries && isRetryable(error)) continue;
          throw error;
        } finally {
          scope.active = false;
        }
      }
    } finally {
      release();
    }
  }

  /**
   * Runs the items in one transaction and resolves to one result per item: rows for statements that
   * return data, { changes, lastInsertRowid } for the others. Any failure rolls back the whole batch.
   */
  async batch(items: readonly BatchItem[], options: BatchOptions = {}): Promise<(unknown[] | RunResult)[]> {
    if (!Array.isArray(items)) throw new TypeError('Expected first argument to be an array');
    const { mode, ...callOptions } = options;
    const call = callOptions.signal !== undefined || callOptions.timeout !== undefined ? [callOptions] : [];
    return this.transaction(
      async (tx) => {
        const results: (unknown[] | RunResult)[] = [];
        for (const item of items) {
          const [target, params] = typeof item === 'string' || item instanceof AsyncStatement ? [item, undefined] : item;
          const statement = typeof target === 'string' ? tx.prepare(target) : target;
          const args = params === undefined ? [] : Array.isArray(params) ? [...(params as unknown[])] : [params];
          try {
            results.push(statement.reader ? await statement.all(...args, ...call) : await statement.run(...args, ...call));
          } finally {
            if (typeof target === 'string') statement.finalize();
          }
        }
        return results;
      },
      { mode: mode ?? 'deferred', retries: 0 },
    );
  }

  /** Stops the running call with SQLITE_INTERRUPT (at its next slice boundary, or its wait for the lock). */
  interrupt(): void {
    this.#core.interrupt();
  }

  /** Closes the connection after the calls already queued; an open transaction is rolled back. */
  close(): Promise<void> {
    const core = this.#core;
    if (core.closed) return Promise.resolve();
    return core.run(undefined, () => {
      core.closed = true;
      for (const statement of core.controlStatements.values()) statement.finalize();
      core.controlStatements.clear();
      core.engine.close();
    });
  }

  async #savepoint<T>(fn: (tx: AsyncConnection) => Promise<T> | T): Promise<T> {
    const name = `"tandem_async_${++savepointCounter}"`;
    await this.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      await this.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      if (this.inTransaction) {
        await this.exec(`ROLLBACK TO ${name}`).catch(() => undefined);
        await this.exec(`RELEASE ${name}`).catch(() => undefined);
      }
      throw error;
    }
  }

  /**
   * Runs BEGIN/COMMIT/ROLLBACK for transaction() through statements compiled once per connection
   * (they do not depend on the schema), as one queued call like exec(). Returns nothing when it
   * finished at once (errors are then thrown), else a promise.
   */
  #control(sql: string): Promise<void> | void {
    const core = this.#core;
    return core.call(undefined, (control) => {
      let statement = core.controlStatements.get(sql);
      if (!statement) {
        statement = core.engine.prepare(sql).statement!;
        core.controlStatements.set(sql, statement);
      }
      const driver = new StatementDriver(core, statement, control);
      let done: boolean | Promise<boolean>;
      try {
        done = driver.next(); // no rows
      } catch (error) {
        driver.finish();
        throw error;
      }
      if (done instanceof Promise) return done.then(() => undefined).finally(() => driver.finish());
      driver.finish();
    });
  }

  /** #control() as a promise. */
  #controlAsync(sql: string): Promise<void> {
    try {
      return Promise.resolve(this.#control(sql));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #requireOpen(): void {
    if (this.#core.closed) throw new TypeError('The database connection is not open');
  }
}

function isRetryable(error: unknown): boolean {
  return error instanceof SqliteError && error.code === 'SQLITE_BUSY_SNAPSHOT';
}

/** Opens an async connection to the database at `path` (":memory:" or "" for a private in-memory one). */
export async function connect(path: string, options: ConnectOptions = {}): Promise<AsyncConnection> {
  if (typeof path !== 'string') throw new TypeError('Expected first argument to be a string');
  const busyTimeout = options.busyTimeout ?? 5000;
  const timeSlice = options.timeSlice ?? 4;
  if (typeof busyTimeout !== 'number' || !(busyTimeout >= 0)) throw new TypeError('Expected the "busyTimeout" option to be a non-negative number');
  if (typeof timeSlice !== 'number' || !(timeSlice >= 0)) throw new TypeError('Expected the "timeSlice" option to be a non-negative number');
  const memory = path.trim() === '' || path.trim() === ':memory:';
  if (options.readonly && memory) throw new TypeError('In-memory/temporary databases cannot be readonly');
  const engine: EngineConnection = openEngineConnection(path.trim(), { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false, foreignKeys: options.foreignKeys });
  return new AsyncConnection(
    new ConnectionCore(engine, {
      busyTimeout,
      timeSlice,
      safeIntegers: options.safeIntegers ?? false,
      yieldSlice: options.yieldSlice ?? ConnectionCore.defaultYield,
    }),
  );
}
