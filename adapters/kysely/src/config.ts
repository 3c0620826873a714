// The options of TandemDialect.

import type { Pool, PoolOptions } from '@tandem/pool';
import type { DatabaseConnection } from 'kysely';

/** How transactions begin. */
export type TandemTransactionMode = 'deferred' | 'immediate' | 'exclusive';

interface CommonConfig {
  /**
   * BEGIN mode of db.transaction() (default 'immediate'): an immediate transaction queues for the
   * write lock up front, so an interactive read-then-write transaction never fails with
   * SQLITE_BUSY_SNAPSHOT. Transactions with accessMode 'read only' always begin deferred.
   */
  transactionMode?: TandemTransactionMode;
  /** Return INTEGER values as bigint (default false: numbers, as better-sqlite3 does). */
  safeIntegers?: boolean;
  /** Milliseconds a Kysely migration waits for another one to finish (default 60000). */
  migrationLockTimeoutMillis?: number;
  /** Called with each connection when Kysely acquires it. */
  onAcquireConnection?: (connection: DatabaseConnection) => Promise<void>;
}

export interface TandemPoolConfig extends CommonConfig {
  /** A pool to borrow connections from; the dialect does not close it (db.destroy() leaves it open). */
  pool: Pool;
}

export interface TandemPathConfig extends CommonConfig {
  /** The database file; the dialect creates a pool for it and closes it on db.destroy(). */
  path: string;
  poolOptions?: PoolOptions;
  /**
   * Enforce foreign keys on the pool's connections (default true, as better-sqlite3 — which Kysely's
   * SQLite dialect targets — does; SQLite's own default is off). A pool passed as `pool` keeps its own setup.
   */
  foreignKeys?: boolean;
}

export type TandemDialectConfig = TandemPoolConfig | TandemPathConfig;
