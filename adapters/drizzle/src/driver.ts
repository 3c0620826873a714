// drizzle(poolOrPath, config): an async Drizzle SQLite database on a Tandem connection pool.

import { createTableRelationsHelpers, DefaultLogger, entityKind, extractTablesRelationalConfig, type DrizzleConfig, type ExtractTablesWithRelations, type Logger, type RelationalSchemaConfig, type TablesRelationalConfig } from 'drizzle-orm';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { BaseSQLiteDatabase, SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { RunResult } from '@tandem/engine';
import { resolvePool, type TandemPool, type TandemPoolOptions } from './pool.js';
import { TandemSession, type TandemTransaction, type TandemTransactionConfig } from './session.js';

export interface TandemDrizzleConfig<TSchema extends Record<string, unknown> = Record<string, never>> extends DrizzleConfig<TSchema> {
  /** Options of the pool drizzle() creates when given a path (ignored when given a pool). */
  pool?: TandemPoolOptions;
  /** Enforce foreign keys on the connections of the pool drizzle() creates (default true, as better-sqlite3; a given pool keeps its own setting). */
  foreignKeys?: boolean;
}

export class TandemDatabase<TSchema extends Record<string, unknown> = Record<string, never>> extends BaseSQLiteDatabase<'async', RunResult, TSchema> {
  static override readonly [entityKind]: string = 'TandemDatabase';
  /** The pool every query runs on. Close it (`await db.$client.close()`) when done. */
  declare $client: TandemPool;

  /**
   * Runs `fn` in a transaction on one pooled connection. `behavior` picks the BEGIN mode
   * (deferred by default; 'concurrent' asks the engine for BEGIN CONCURRENT); a stale-snapshot
   * conflict re-runs fn up to `retries` times. `tx.transaction()` nests as a savepoint.
   */
  override transaction<T>(
    transaction: (tx: TandemTransaction<TSchema, ExtractTablesWithRelations<TSchema>>) => Promise<T>,
    config?: TandemTransactionConfig,
  ): Promise<T> {
    const session = (this as unknown as { session: TandemSession<TSchema, ExtractTablesWithRelations<TSchema>> }).session;
    return session.transaction(transaction, config);
  }

  /** Runs the queries in one transaction on one connection and returns each one's result. */
  async batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>> {
    const session = (this as unknown as { session: TandemSession<TSchema, ExtractTablesWithRelations<TSchema>> }).session;
    return (await session.batch(batch)) as BatchResponse<T>;
  }
}

/**
 * A Drizzle database on a Tandem pool, or on a new pool over the database file at `poolOrPath`.
 *
 * @example
 * const db = drizzle('app.db', { schema, pool: { max: 8 } });
 * const users = await db.query.users.findMany({ with: { posts: true } });
 * await db.$client.close();
 */
export function drizzle<TSchema extends Record<string, unknown> = Record<string, never>>(
  poolOrPath: TandemPool | string,
  config: TandemDrizzleConfig<TSchema> = {},
): TandemDatabase<TSchema> {
  const pool = resolvePool(poolOrPath, config.pool, config.foreignKeys);
  const dialect = new SQLiteAsyncDialect(config.casing === undefined ? {} : { casing: config.casing });
  const logger: Logger | undefined = config.logger === true ? new DefaultLogger() : config.logger === false ? undefined : config.logger;
  let schema: RelationalSchemaConfig<TablesRelationalConfig> | undefined;
  if (config.schema) {
    const tables = extractTablesRelationalConfig(config.schema, createTableRelationsHelpers);
    schema = { fullSchema: config.schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  }
  const options = { ...(logger ? { logger } : {}), ...(config.cache ? { cache: config.cache } : {}) };
  const session = new TandemSession(pool, dialect, schema, options);
  const db = new TandemDatabase<TSchema>('async', dialect, session as never, schema as never);
  db.$client = pool;
  return db;
}
