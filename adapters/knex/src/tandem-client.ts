// TandemClient: Knex on Tandem. It is Knex's better-sqlite3 client (so SQLite's query and schema
// compilers, the table-rebuild DDL, migrations, transactions and savepoints are Knex's own), with
// connections from @tandem/pool, real row streaming and BEGIN IMMEDIATE transactions.
//
// Pool integration: Knex normally puts a tarn pool in front of acquireRawConnection(). Here
// initializePool() installs a thin tarn-shaped view of a @tandem/pool Pool instead, so there is
// exactly one pool: connections Knex is not using go back to the shared pool at once (where Kysely,
// Drizzle or Prisma on the same Pool can borrow them) rather than idling in a second pool.

import type { Writable } from 'node:stream';
import * as engine from '@tandem/engine';
import { createPool, Pool, type PooledConnection, type PoolOptions } from '@tandem/pool';
import type { Knex } from 'knex';
import { BetterSqlite3Client, SqliteTransaction } from './knex-internals.js';

/** How transactions begin. */
export type TandemTransactionMode = 'deferred' | 'immediate' | 'exclusive';

/** `connection` of the Knex config. */
export interface TandemConnectionConfig {
  filename: string;
  options?: {
    readonly?: boolean;
    /** Return INTEGER values as bigint (as better-sqlite3's option). */
    safeIntegers?: boolean;
    /** Milliseconds a write waits for the write lock before SQLITE_BUSY (default 5000). */
    busyTimeout?: number;
    /**
     * BEGIN mode of knex.transaction() (default 'immediate': the transaction queues for the write
     * lock up front, so an interactive read-then-write transaction never fails with SQLITE_BUSY).
     * Transactions with readOnly: true begin deferred.
     */
    transactionMode?: TandemTransactionMode;
    /**
     * Enforce foreign keys (default true, as better-sqlite3 does; SQLite's own default is off).
     * A Pool passed as `connectionPool` keeps its own setup.
     */
    foreignKeys?: boolean;
  };
}

interface KnexQueryObject {
  sql: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}

/** A tarn-shaped view of a @tandem/pool Pool: the methods Knex calls on client.pool. */
function tarnView(pool: Pool, owned: boolean) {
  return {
    acquire: () => ({ promise: pool.acquire(), abort: () => undefined }),
    release: (connection: PooledConnection) => {
      if (!connection.released) connection.release().catch(() => undefined);
      return true;
    },
    destroy: () => (owned ? pool.close() : Promise.resolve()),
    numUsed: () => pool.stats.borrowed,
    numFree: () => pool.stats.available,
    numPendingAcquires: () => pool.stats.pending,
    numPendingCreates: () => 0,
  };
}

/** Resolves when the stream wants more rows again, or has closed. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

class TandemTransaction extends SqliteTransaction {
  /** BEGIN in the configured mode (Knex's SQLite transaction sends a plain deferred "BEGIN;"). */
  begin(connection: PooledConnection): Promise<unknown> {
    const mode = this.readOnly ? 'deferred' : (this.client as TandemClient).transactionMode;
    return this.query(connection, `BEGIN ${mode.toUpperCase()};`);
  }
}

/**
 * @example
 * import knex from 'knex';
 * import { TandemClient } from '@tandem/knex';
 *
 * const db = knex({ client: TandemClient, connection: { filename: 'app.db' }, pool: { max: 8 }, useNullAsDefault: true });
 * await db.schema.createTable('users', (t) => { t.increments('id'); t.string('email').unique(); });
 * await db('users').insert({ email: 'ada@example.com' });
 * await db.destroy();
 */
export class TandemClient extends BetterSqlite3Client {
  /** The pool connections come from (set while Knex's constructor runs, hence `declare`). */
  declare tandemPool: Pool | undefined;
  // Members of Knex's JavaScript classes that its typings leave out.
  declare _ownsPool: boolean;
  declare _optSafeIntegers: (options: unknown) => boolean | undefined;
  declare _formatBindings: (bindings: unknown) => unknown[];

  constructor(config: Knex.Config) {
    super(config);
  }

  /** Knex keeps the module as client.driver; queries go through the pool, not through it. */
  _driver(): typeof engine {
    return engine;
  }

  get transactionMode(): TandemTransactionMode {
    const mode = (this.connectionSettings as Partial<TandemConnectionConfig>).options?.transactionMode ?? 'immediate';
    if (mode !== 'deferred' && mode !== 'immediate' && mode !== 'exclusive') throw new TypeError(`Unknown transactionMode "${String(mode)}"`);
    return mode;
  }

  /**
   * Uses `config.connectionPool` when it is a @tandem/pool Pool (left open by knex.destroy()), or
   * creates one for `connection.filename` from `config.pool` (closed by knex.destroy()).
   */
  override initializePool(config: Knex.Config = this.config): void {
    if (this.pool) {
      this.logger.warn?.('The pool has already been initialized');
      return;
    }
    const external = config.connectionPool as unknown;
    if (external !== undefined && !(external instanceof Pool)) {
      throw new TypeError('TandemClient: connectionPool must be a Pool from @tandem/pool');
    }
    let pool: Pool;
    if (external instanceof Pool) pool = external;
    else {
      const settings = this.connectionSettings as Partial<TandemConnectionConfig>;
      if (typeof settings.filename !== 'string') throw new TypeError('TandemClient: expected connection.filename to be a string');
      const knexPool = (config.pool ?? {}) as Record<string, unknown>;
      const foreignKeys = settings.options?.foreignKeys ?? true;
      const options: PoolOptions = {
        connect: {
          foreignKeys,
          readonly: !!settings.options?.readonly,
          safeIntegers: settings.options?.safeIntegers ?? false,
          ...(settings.options?.busyTimeout !== undefined ? { busyTimeout: settings.options.busyTimeout } : {}),
        },
      };
      for (const key of ['min', 'max', 'acquireTimeoutMillis', 'idleTimeoutMillis'] as const) {
        if (knexPool[key] !== undefined) options[key] = knexPool[key] as number;
      }
      pool = createPool(settings.filename, options);
    }
    this.tandemPool = pool;
    this._ownsPool = !(external instanceof Pool);
    this.pool = tarnView(pool, this._ownsPool) as unknown as Knex.Client['pool'];
  }

  override async acquireRawConnection(): Promise<PooledConnection> {
    if (!this.tandemPool) throw new Error('Unable to acquire a connection');
    return this.tandemPool.acquire();
  }

  override async destroyRawConnection(connection: PooledConnection): Promise<void> {
    if (!connection.released) await connection.release();
  }

  /** Gives the connection back to the pool (awaited, unlike Knex's fire-and-forget tarn release). */
  override async releaseConnection(connection: PooledConnection): Promise<void> {
    if (connection && !connection.released) await connection.release();
  }

  /** Runs one statement: rows for statements that return data, { lastID, changes } for the others. */
  async _query(connection: PooledConnection, obj: KnexQueryObject): Promise<KnexQueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    const statement = connection.prepare(obj.sql);
    try {
      const safeIntegers = this._optSafeIntegers(obj.options) as boolean | undefined;
      if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
      const bindings = this._formatBindings(obj.bindings) as unknown[];
      if (statement.reader) {
        obj.response = await statement.all(bindings);
        return obj;
      }
      const response = await statement.run(bindings);
      obj.response = response;
      obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
      return obj;
    } finally {
      statement.finalize();
    }
  }

  /** Streams rows as the engine produces them, pausing while the consumer applies backpressure. */
  async _stream(connection: PooledConnection, obj: KnexQueryObject, stream: Writable): Promise<void> {
    if (!obj.sql) throw new Error('The query is empty');
    const statement = connection.prepare(obj.sql);
    const done = new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('end', resolve);
      stream.on('close', resolve);
    });
    const safeIntegers = this._optSafeIntegers(obj.options) as boolean | undefined;
    if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
    try {
      if (!statement.reader) throw new TypeError('This statement does not return data. Use run() instead');
      const rows = statement.iterate(this._formatBindings(obj.bindings));
      try {
        for await (const row of rows) {
          if (stream.destroyed) break;
          if (!stream.write(row)) await drained(stream);
        }
      } finally {
        await rows.return?.();
      }
    } catch (error) {
      if (!stream.destroyed) stream.emit('error', error);
    } finally {
      statement.finalize();
      if (!stream.destroyed) stream.end();
    }
    return done;
  }

  override transaction(...args: unknown[]): Knex.Transaction {
    return new (TandemTransaction as unknown as new (...a: unknown[]) => Knex.Transaction)(this, ...args);
  }

  /** Knex's query timeout with { cancel: true }: interrupts the running statement. */
  override async cancelQuery(connection?: PooledConnection): Promise<void> {
    connection?.interrupt();
  }
}

// driverName stays Knex's 'better-sqlite3' (inherited): Knex picks SQLite-specific SQL by it (uuid()).
Object.assign(TandemClient.prototype, { canCancelQuery: true });
