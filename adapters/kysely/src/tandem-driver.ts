// Kysely's Driver on the pool: each acquireConnection() borrows its own pooled connection, so
// concurrent Kysely transactions and queries really run side by side.

import { CompiledQuery, type DatabaseConnection, type Driver, type TransactionSettings } from 'kysely';
import { createPool, type Pool, type PoolOptions } from '@tandem/pool';
import type { TandemDialectConfig, TandemTransactionMode } from './config.js';
import { TandemConnection } from './tandem-connection.js';

export class TandemDriver implements Driver {
  readonly #config: TandemDialectConfig;
  #pool: Pool | null = null;
  readonly #ownsPool: boolean;

  constructor(config: TandemDialectConfig) {
    this.#config = config;
    this.#ownsPool = !('pool' in config);
  }

  async init(): Promise<void> {
    const config = this.#config;
    this.#pool = 'pool' in config ? config.pool : createPool(config.path, withForeignKeys(config.poolOptions, config.foreignKeys ?? true));
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#pool) throw new Error('the Tandem driver was used before init() or after destroy()');
    const connection = new TandemConnection(await this.#pool.acquire(), this.#config.safeIntegers ?? false);
    try {
      await this.#config.onAcquireConnection?.(connection);
    } catch (error) {
      await connection.pooled.release();
      throw error;
    }
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // A read-only transaction takes no write lock; the others begin as configured.
    const mode: TandemTransactionMode = settings.accessMode === 'read only' ? 'deferred' : (this.#config.transactionMode ?? 'immediate');
    await connection.executeQuery(CompiledQuery.raw(`begin ${mode}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as TandemConnection).pooled.release();
  }

  /** Closes the pool when the dialect created it; a pool passed in stays open for its owner. */
  async destroy(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    if (pool && this.#ownsPool) await pool.close();
  }
}

/** Pool options whose connections enforce foreign keys or not, as the dialect was configured. */
function withForeignKeys(options: PoolOptions = {}, enabled: boolean): PoolOptions {
  return { ...options, connect: { ...options.connect, foreignKeys: enabled } };
}

/** A savepoint name as a quoted identifier (what Kysely's own SQLite driver emits). */
function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
