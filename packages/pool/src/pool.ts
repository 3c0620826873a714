// The shared connection pool: N async connections to one database file (they share the engine's
// pager and page cache, and queue for the write lock), lent out one task at a time on generic-pool.

import genericPool from 'generic-pool';
import { connect, SqliteError } from '@tandem/engine';
import type { ConnectOptions, Connection, TransactionMode } from '@tandem/engine';
import { Lease, PooledConnection } from './pooled-connection.js';

export interface PoolOptions {
  /** Most connections open at once (default 8; 1 for ":memory:", whose connections cannot share a database). */
  max?: number;
  /** Connections kept open even when idle (default 0). */
  min?: number;
  /** Milliseconds acquire() waits for a free connection before failing with SQLITE_BUSY (default 10000). */
  acquireTimeoutMillis?: number;
  /** Milliseconds an idle connection lives, checked every evictionRunIntervalMillis (default 30000). */
  idleTimeoutMillis?: number;
  /** How often idle connections are checked for eviction (default 0: never). */
  evictionRunIntervalMillis?: number;
  /** Check a connection is still open before lending it (default true). */
  validateOnBorrow?: boolean;
  /** Options for each connection the pool opens. */
  connect?: ConnectOptions;
  /**
   * Runs once on each connection the pool opens, before it is first lent (per-connection settings
   * such as `PRAGMA foreign_keys = ON`). If it throws, the connection is closed and acquire()
   * rejects with that error.
   */
  onConnect?: (connection: Connection) => Promise<void> | void;
}

export interface PoolTransactionOptions {
  /** BEGIN mode (default 'deferred', as Connection.transaction). */
  mode?: TransactionMode;
  /** Times fn is re-run after SQLITE_BUSY_SNAPSHOT (default 3). */
  retries?: number;
}

export interface PoolStats {
  /** Connections open, lent or idle. */
  size: number;
  /** Idle connections. */
  available: number;
  /** Connections on loan. */
  borrowed: number;
  /** acquire() calls waiting for a connection. */
  pending: number;
  max: number;
  min: number;
}

/**
 * What the pool holds per slot: an open connection, or the error opening one failed with. A failed
 * open is lent out as a slot (and then destroyed) so that the acquire() waiting for it rejects with
 * the engine's error; generic-pool would otherwise retry the factory forever and never settle it.
 */
type Slot = { readonly ok: true; readonly connection: Connection } | { readonly ok: false; readonly error: unknown };

const DEFAULTS = { max: 8, min: 0, acquireTimeoutMillis: 10_000, idleTimeoutMillis: 30_000, evictionRunIntervalMillis: 0 };

function poolClosedError(): SqliteError {
  return new SqliteError('the connection pool is closed', 'SQLITE_MISUSE');
}

function isMemoryPath(path: string): boolean {
  const trimmed = path.trim();
  return trimmed === '' || trimmed === ':memory:';
}

function checkCount(name: string, value: unknown, minimum: number): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)) {
    throw new TypeError(`Expected the "${name}" option to be an integer >= ${minimum}`);
  }
}

export class Pool {
  /** The database file every connection of this pool opens. */
  readonly path: string;
  readonly #pool: genericPool.Pool<Slot>;
  readonly #slots = new Map<Connection, Slot>();
  readonly #acquireTimeout: number;
  #closing: Promise<void> | null = null;

  /** @internal Use createPool(). */
  constructor(path: string, options: PoolOptions = {}) {
    if (typeof path !== 'string') throw new TypeError('Expected first argument to be a string');
    if (typeof options !== 'object' || options === null) throw new TypeError('Expected the options to be an object');
    for (const name of ['max', 'acquireTimeoutMillis'] as const) checkCount(name, options[name], name === 'max' ? 1 : 0);
    for (const name of ['min', 'idleTimeoutMillis', 'evictionRunIntervalMillis'] as const) checkCount(name, options[name], 0);
    const memory = isMemoryPath(path);
    // Each ":memory:" connection is a database of its own: a pool of one keeps a single database,
    // and it must never be evicted (that would drop the data).
    if (memory && options.max !== undefined && options.max > 1) {
      throw new TypeError('A pool of ":memory:" connections cannot have max > 1: each in-memory connection is a separate database');
    }
    const max = memory ? 1 : (options.max ?? DEFAULTS.max);
    const min = memory ? 0 : Math.min(options.min ?? DEFAULTS.min, max);
    this.path = path;
    this.#acquireTimeout = options.acquireTimeoutMillis ?? DEFAULTS.acquireTimeoutMillis;
    const connectOptions = options.connect ?? {};
    const onConnect = options.onConnect;
    if (onConnect !== undefined && typeof onConnect !== 'function') throw new TypeError('Expected the "onConnect" option to be a function');
    const factory: genericPool.Factory<Slot> = {
      create: async () => {
        let connection: Connection | undefined;
        try {
          connection = await connect(path, connectOptions);
          await onConnect?.(connection);
          return { ok: true, connection };
        } catch (error) {
          await connection?.close().catch(() => undefined);
          return { ok: false, error };
        }
      },
      destroy: async (slot) => {
        if (slot.ok) {
          this.#slots.delete(slot.connection);
          await slot.connection.close();
        }
      },
      // A failed open is "valid" so that it reaches the waiting acquire() (see Slot).
      validate: async (slot) => !slot.ok || slot.connection.open,
    };
    this.#pool = genericPool.createPool(factory, {
      max,
      min,
      acquireTimeoutMillis: this.#acquireTimeout,
      idleTimeoutMillis: memory ? Number.MAX_SAFE_INTEGER : (options.idleTimeoutMillis ?? DEFAULTS.idleTimeoutMillis),
      evictionRunIntervalMillis: memory ? 0 : (options.evictionRunIntervalMillis ?? DEFAULTS.evictionRunIntervalMillis),
      testOnBorrow: options.validateOnBorrow ?? true,
      autostart: true,
    });
  }

  /** Pool counters (generic-pool's). */
  get stats(): PoolStats {
    const p = this.#pool;
    return { size: p.size, available: p.available, borrowed: p.borrowed, pending: p.pending, max: p.max, min: p.min };
  }

  /** true once close() was called. */
  get closed(): boolean {
    return this.#closing !== null;
  }

  /**
   * Borrows a connection; give it back with release(). Rejects with the engine's error when the
   * database cannot be opened, with SQLITE_BUSY after acquireTimeoutMillis, and with SQLITE_MISUSE
   * once the pool is closed.
   */
  async acquire(): Promise<PooledConnection> {
    if (this.#closing) throw poolClosedError();
    let slot: Slot;
    try {
      slot = await this.#pool.acquire();
    } catch (error) {
      throw this.#acquireError(error);
    }
    if (!slot.ok) {
      await this.#pool.destroy(slot);
      throw slot.error;
    }
    this.#slots.set(slot.connection, slot);
    return new PooledConnection(new Lease(slot.connection, (lease) => this.#giveBack(lease)));
  }

  /** Gives a borrowed connection back (the same as conn.release()). */
  release(connection: PooledConnection): Promise<void> {
    if (!(connection instanceof PooledConnection)) return Promise.reject(new TypeError('Expected a connection acquired from this pool'));
    if (!connection.released && !this.#slots.has(connection.lease.connection)) {
      return Promise.reject(new TypeError('Expected a connection acquired from this pool'));
    }
    return connection.release();
  }

  /** Runs fn with a borrowed connection and gives it back afterwards, whether fn succeeds or throws. */
  async withConnection<T>(fn: (connection: PooledConnection) => Promise<T>): Promise<T> {
    if (typeof fn !== 'function') throw new TypeError('Expected first argument to be a function');
    const connection = await this.acquire();
    try {
      return await fn(connection);
    } finally {
      if (!connection.released) await connection.release();
    }
  }

  /**
   * Runs fn in a transaction on one borrowed connection, pinned for the whole transaction: commits
   * when fn resolves, rolls back and rethrows when it throws.
   */
  transaction<T>(fn: (connection: PooledConnection) => Promise<T>, options?: PoolTransactionOptions): Promise<T> {
    if (typeof fn !== 'function') return Promise.reject(new TypeError('Expected first argument to be a function'));
    return this.withConnection((connection) => connection.transaction(fn, options));
  }

  /**
   * Closes the pool: new acquire() calls fail at once, waiting ones are still served, and once every
   * borrowed connection is back all connections are closed. Calling it again returns the same promise.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#pool.drain();
      await this.#pool.clear();
    })();
    return this.#closing;
  }

  /** Makes a returned connection ready for its next borrower, or retires it when it cannot be. */
  async #giveBack(lease: Lease): Promise<void> {
    const connection = lease.connection;
    const slot = this.#slots.get(connection);
    if (!slot) return;
    let reusable = lease.activeTransactions === 0 && connection.open;
    try {
      for (const iterator of lease.openIterators) await iterator.return?.();
      lease.openIterators.clear();
      await connection.exec(''); // waits for calls still queued on the connection
      if (connection.inTransaction) await connection.exec('ROLLBACK');
    } catch {
      reusable = false;
    }
    if (reusable && !connection.inTransaction) await this.#pool.release(slot);
    else await this.#pool.destroy(slot);
  }

  #acquireError(error: unknown): unknown {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return new SqliteError(`timed out after ${this.#acquireTimeout}ms waiting for a pooled connection`, 'SQLITE_BUSY');
    }
    if (error instanceof Error && /draining/.test(error.message)) return poolClosedError();
    return error;
  }
}

/**
 * Creates a pool of connections to the database at `path`.
 *
 * @example
 * const pool = createPool('app.db', { max: 4 });
 * const n = await pool.withConnection((c) => c.prepare('SELECT count(*) FROM t').pluck().get());
 * await pool.transaction(async (c) => { await c.prepare('UPDATE t SET x = x + 1').run(); }, { mode: 'immediate' });
 * await pool.close();
 */
export function createPool(path: string, options?: PoolOptions): Pool {
  return new Pool(path, options);
}
