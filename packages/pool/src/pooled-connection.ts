// A connection on loan from a Pool: the async Connection's API, guarded so that a call made after
// release() fails clearly instead of running on a connection another task now holds.

import { AsyncStatement, SqliteError } from '@tandem/engine';
import type { BatchItem, BatchOptions, CallOptions, ColumnDefinition, Connection, RunResult, TransactionOptions } from '@tandem/engine';

/** The error every call on a released connection (or its statements) fails with. */
export function releasedError(): SqliteError {
  return new SqliteError('connection was released to the pool', 'SQLITE_MISUSE');
}

/**
 * One loan of a pooled connection. Every PooledConnection handle and PooledStatement made during
 * the loan shares it, so release() cuts them all off at once.
 */
export class Lease {
  released = false;
  /** transaction() calls still running: a connection given back with one running is not reused. */
  activeTransactions = 0;
  /** Iterators still open: release() ends them so they stop holding a read snapshot. */
  readonly openIterators = new Set<AsyncIterator<unknown>>();

  constructor(
    readonly connection: Connection,
    private readonly giveBack: (lease: Lease) => Promise<void>,
  ) {}

  check(): void {
    if (this.released) throw releasedError();
  }

  release(): Promise<void> {
    if (this.released) return Promise.reject(releasedError());
    this.released = true;
    return this.giveBack(this);
  }
}

/** A prepared statement of a pooled connection; it stops working when its connection is released. */
export class PooledStatement {
  readonly #lease: Lease;
  /** @internal The engine statement (batch() passes it down). */
  readonly inner: AsyncStatement;

  /** @internal Created by PooledConnection.prepare(). */
  constructor(lease: Lease, inner: AsyncStatement) {
    this.#lease = lease;
    this.inner = inner;
  }

  get source(): string {
    return this.inner.source;
  }
  /** true when the statement returns rows. */
  get reader(): boolean {
    return this.inner.reader;
  }
  /** true when the statement does not write the database. */
  get readonly(): boolean {
    return this.inner.readonly;
  }

  run(...args: unknown[]): Promise<RunResult> {
    return this.#guard(() => this.inner.run(...args));
  }
  get(...args: unknown[]): Promise<unknown> {
    return this.#guard(() => this.inner.get(...args));
  }
  all(...args: unknown[]): Promise<unknown[]> {
    return this.#guard(() => this.inner.all(...args));
  }

  /** The rows one at a time; the iterator ends (and fails) when the connection is released. */
  iterate(...args: unknown[]): AsyncIterableIterator<unknown> {
    const lease = this.#lease;
    lease.check();
    const inner = this.inner.iterate(...args);
    lease.openIterators.add(inner);
    const close = async (): Promise<IteratorResult<unknown>> => {
      lease.openIterators.delete(inner);
      return (await inner.return?.()) ?? { done: true, value: undefined };
    };
    return {
      next: async () => {
        if (lease.released) {
          await close();
          throw releasedError();
        }
        const step = await inner.next();
        if (step.done) lease.openIterators.delete(inner);
        return step;
      },
      return: close,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  pluck(toggle = true): this {
    this.#lease.check();
    this.inner.pluck(toggle);
    return this;
  }
  raw(toggle = true): this {
    this.#lease.check();
    this.inner.raw(toggle);
    return this;
  }
  safeIntegers(toggle = true): this {
    this.#lease.check();
    this.inner.safeIntegers(toggle);
    return this;
  }
  columns(): ColumnDefinition[] {
    this.#lease.check();
    return this.inner.columns();
  }
  finalize(): void {
    this.inner.finalize();
  }

  #guard<T>(call: () => Promise<T>): Promise<T> {
    if (this.#lease.released) return Promise.reject(releasedError());
    return call();
  }
}

/** A batch() item of a pooled connection: as the engine's, with pooled statements. */
export type PooledBatchItem = string | PooledStatement | readonly [string | PooledStatement, (readonly unknown[] | Record<string, unknown>)?];

/**
 * A connection borrowed from a Pool. It has the async Connection's methods plus release(); after
 * release() every call throws SqliteError "connection was released to the pool" (SQLITE_MISUSE).
 */
export class PooledConnection {
  readonly #lease: Lease;
  /** The pooled connection itself, or the handle a transaction() gave its callback. */
  readonly #target: Connection;
  readonly #insideTransaction: boolean;

  /** @internal Created by Pool.acquire(). */
  constructor(lease: Lease, target: Connection = lease.connection, insideTransaction = false) {
    this.#lease = lease;
    this.#target = target;
    this.#insideTransaction = insideTransaction;
  }

  get path(): string {
    return this.#lease.connection.path;
  }
  /** false once released. */
  get released(): boolean {
    return this.#lease.released;
  }
  /** true between BEGIN and COMMIT/ROLLBACK. */
  get inTransaction(): boolean {
    this.#lease.check();
    return this.#target.inTransaction;
  }

  prepare(sql: string): PooledStatement {
    this.#lease.check();
    return new PooledStatement(this.#lease, this.#target.prepare(sql));
  }

  exec(sql: string, options?: CallOptions): Promise<void> {
    if (this.#lease.released) return Promise.reject(releasedError());
    return this.#target.exec(sql, options);
  }

  batch(items: readonly PooledBatchItem[], options?: BatchOptions): Promise<(unknown[] | RunResult)[]> {
    if (this.#lease.released) return Promise.reject(releasedError());
    if (!Array.isArray(items)) return Promise.reject(new TypeError('Expected first argument to be an array'));
    const unwrap = (target: string | PooledStatement): string | AsyncStatement => (target instanceof PooledStatement ? target.inner : target);
    const engineItems: BatchItem[] = items.map((item) =>
      typeof item === 'string' || item instanceof PooledStatement ? unwrap(item) : ([unwrap(item[0]), item[1]] as const),
    );
    return this.#target.batch(engineItems, options);
  }

  /**
   * Runs `fn` in a transaction on this connection (a savepoint when called on a transaction's
   * handle); see Connection.transaction. fn receives a pooled handle of the same connection.
   */
  async transaction<T>(fn: (tx: PooledConnection) => Promise<T> | T, options?: TransactionOptions): Promise<T> {
    this.#lease.check();
    if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
    const lease = this.#lease;
    lease.activeTransactions++;
    try {
      return await this.#target.transaction((tx) => fn(new PooledConnection(lease, tx, true)), options);
    } finally {
      lease.activeTransactions--;
    }
  }

  /** Stops the running call with SQLITE_INTERRUPT. */
  interrupt(): void {
    this.#lease.check();
    this.#target.interrupt();
  }

  /** Gives the connection back to its pool; an open transaction is rolled back first. */
  release(): Promise<void> {
    if (this.#insideTransaction && !this.#lease.released) {
      return Promise.reject(new SqliteError('cannot release a connection from inside its own transaction', 'SQLITE_MISUSE'));
    }
    return this.#lease.release();
  }

  /** @internal */
  get lease(): Lease {
    return this.#lease;
  }
}
