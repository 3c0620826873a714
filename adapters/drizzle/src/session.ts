// Drizzle's SQLite session, transaction and prepared query over a Tandem pool. Outside a transaction
// every statement borrows a pooled connection for the time it runs; a top-level transaction pins one
// connection (whose transaction() re-runs the function after a stale-snapshot conflict), and nested
// transactions become savepoints on it, named as Drizzle's own drivers name them (sp0, sp1 …).

import * as drizzleOrm from 'drizzle-orm';
import { DrizzleQueryError, entityKind, fillPlaceholders, NoopLogger, sql, type Logger, type Query, type RelationalSchemaConfig, type TablesRelationalConfig } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { NoopCache, type Cache } from 'drizzle-orm/cache/core';
import type { WithCacheConfig } from 'drizzle-orm/cache/core/types';
import {
  SQLitePreparedQuery,
  SQLiteSession,
  SQLiteTransaction,
  type PreparedQueryConfig,
  type SelectedFieldsOrdered,
  type SQLiteAsyncDialect,
  type SQLiteExecuteMethod,
} from 'drizzle-orm/sqlite-core';
import { SqliteError, type RunResult } from '@tandem/engine';
import { pinnedSource, pooledSource, type ConnectionSource, type TandemConnection, type TandemPool } from './pool.js';

/** BEGIN mode of a top-level transaction; 'concurrent' is passed through to the engine (BEGIN CONCURRENT). */
export type TandemTransactionBehavior = 'deferred' | 'immediate' | 'exclusive' | 'concurrent';

export interface TandemTransactionConfig {
  behavior?: TandemTransactionBehavior;
  /** Times the transaction function is re-run after a stale-snapshot conflict (the pool's default when unset). */
  retries?: number;
}

export interface TandemSessionOptions {
  logger?: Logger;
  cache?: Cache;
}

// mapResultRow is exported at runtime but missing from drizzle-orm's type declarations.
type ResultRowMapper = (fields: SelectedFieldsOrdered, row: unknown[], joinsNotNullableMap: Record<string, boolean> | undefined) => unknown;
const mapResultRow = (drizzleOrm as unknown as { mapResultRow: ResultRowMapper }).mapResultRow;

type RowsMapper = (rows: unknown[][], mapColumnValue?: (value: unknown) => unknown) => unknown;
type QueryMetadata = { type: 'select' | 'update' | 'delete' | 'insert'; tables: string[] };

/** What one statement produced, in the shape the session's batch mapping reads. */
interface RawResult {
  run?: RunResult;
  rows: unknown[];
}

/** Runs one statement on a connection: 'objects' and 'arrays' read rows, 'run' writes. */
async function execute(conn: TandemConnection, query: { sql: string; params: unknown[] }, shape: 'run' | 'objects' | 'arrays'): Promise<RawResult> {
  const statement = conn.prepare(query.sql);
  try {
    // A statement without rows read through all()/values() runs and yields no rows, as on Drizzle's
    // libsql driver (drizzle-kit's push applies its DDL through db.all()).
    if (shape === 'run' || !statement.reader) return { run: await statement.run(...query.params), rows: [] };
    if (shape === 'arrays') statement.raw();
    return { rows: await statement.all(...query.params) };
  } finally {
    statement.finalize();
  }
}

export class TandemSession<TFullSchema extends Record<string, unknown>, TSchema extends TablesRelationalConfig> extends SQLiteSession<
  'async',
  RunResult,
  TFullSchema,
  TSchema
> {
  static override readonly [entityKind]: string = 'TandemSession';
  readonly #logger: Logger;
  readonly #cache: Cache;
  readonly #source: ConnectionSource;
  readonly #dialect: SQLiteAsyncDialect;

  constructor(
    readonly pool: TandemPool,
    dialect: SQLiteAsyncDialect,
    private readonly schema: RelationalSchemaConfig<TSchema> | undefined,
    private readonly options: TandemSessionOptions,
    /** The connection a transaction pinned; undefined outside transactions. */
    readonly pinned?: TandemConnection,
  ) {
    super(dialect);
    this.#dialect = dialect;
    this.#logger = options.logger ?? new NoopLogger();
    this.#cache = options.cache ?? new NoopCache();
    this.#source = pinned ? pinnedSource(pinned) : pooledSource(pool);
  }

  prepareQuery<T extends PreparedQueryConfig>(
    query: Query,
    fields: SelectedFieldsOrdered | undefined,
    executeMethod: SQLiteExecuteMethod,
    isResponseInArrayMode: boolean,
    customResultMapper?: RowsMapper,
    queryMetadata?: QueryMetadata,
    cacheConfig?: WithCacheConfig,
  ): TandemPreparedQuery<T> {
    return new TandemPreparedQuery(
      this.#source,
      query,
      this.#logger,
      this.#cache,
      queryMetadata,
      cacheConfig,
      fields,
      executeMethod,
      isResponseInArrayMode,
      customResultMapper,
    );
  }

  /**
   * A top-level transaction on one pooled connection. On a session that is already pinned (a
   * transaction's), it nests as a savepoint instead.
   */
  override async transaction<T>(
    transaction: (tx: TandemTransaction<TFullSchema, TSchema>) => Promise<T>,
    config: TandemTransactionConfig = {},
  ): Promise<T> {
    if (this.pinned) return new TandemTransaction('async', this.#dialect, this, this.schema).transaction(transaction);
    const options = config.retries === undefined ? { mode: config.behavior ?? 'deferred' } : { mode: config.behavior ?? 'deferred', retries: config.retries };
    // Drizzle wraps driver errors in DrizzleQueryError; the pool retries only on the engine's own
    // stale-snapshot error, so it gets the cause, and the caller the wrapper if retries run out.
    let wrapped: DrizzleQueryError | undefined;
    try {
      const body = async (tx: TandemConnection): Promise<T> => {
        const session = new TandemSession<TFullSchema, TSchema>(this.pool, this.#dialect, this.schema, this.options, tx);
        try {
          return await transaction(new TandemTransaction('async', this.#dialect, session, this.schema));
        } catch (error) {
          if (error instanceof DrizzleQueryError && error.cause instanceof SqliteError && error.cause.code === 'SQLITE_BUSY_SNAPSHOT') {
            wrapped = error;
            throw error.cause;
          }
          throw error;
        }
      };
      return await this.#pinned((conn) => conn.transaction(body, options));
    } catch (error) {
      throw wrapped !== undefined && error === wrapped.cause ? wrapped : error;
    }
  }

  /** Runs the queries in one transaction on one connection; any failure rolls back all of them. */
  async batch<T extends BatchItem<'sqlite'>[] | readonly BatchItem<'sqlite'>[]>(queries: T): Promise<unknown[]> {
    const run = async (conn: TandemConnection): Promise<unknown[]> => {
      const source = pinnedSource(conn);
      const results: unknown[] = [];
      for (const query of queries) {
        const prepared = (query as unknown as { _prepare(): unknown })._prepare();
        if (prepared instanceof TandemPreparedQuery) {
          results.push(await prepared.executeOn(source));
          continue;
        }
        // A raw db.run/all/get/values(sql) item: run it and map it as Drizzle maps batch results.
        const raw = prepared as { getQuery(): Query & { method: 'run' | 'all' | 'get' | 'values' }; mapResult(result: unknown, isFromBatch: boolean): unknown };
        const built = raw.getQuery();
        this.#logger.logQuery(built.sql, built.params);
        const shape = built.method === 'run' ? 'run' : built.method === 'values' ? 'arrays' : 'objects';
        results.push(raw.mapResult(await execute(conn, built, shape), true));
      }
      return results;
    };
    if (this.pinned) return run(this.pinned);
    return this.#pinned((conn) => conn.transaction((tx: TandemConnection) => run(tx), { mode: 'deferred', retries: 0 }));
  }

  /** Borrows one connection for fn, with foreign keys set up before fn begins a transaction on it. */
  #pinned<T>(fn: (conn: TandemConnection) => Promise<T>): Promise<T> {
    return pooledSource(this.pool).use(fn);
  }

  extractRawRunValueFromBatchResult(result: unknown): unknown {
    return (result as RawResult).run;
  }
  extractRawAllValueFromBatchResult(result: unknown): unknown {
    return (result as RawResult).rows;
  }
  extractRawGetValueFromBatchResult(result: unknown): unknown {
    return (result as RawResult).rows[0];
  }
  extractRawValuesValueFromBatchResult(result: unknown): unknown {
    return (result as RawResult).rows;
  }
}

/** Members of Drizzle's classes marked @internal (present at runtime, absent from the declarations). */
interface DatabaseInternals<TFullSchema extends Record<string, unknown>, TSchema extends TablesRelationalConfig> {
  session: TandemSession<TFullSchema, TSchema>;
  dialect: SQLiteAsyncDialect;
}
interface PreparedQueryInternals {
  joinsNotNullableMap: Record<string, boolean> | undefined;
  queryWithCache<R>(queryString: string, params: unknown[], query: () => Promise<R>): Promise<R>;
}

export class TandemTransaction<TFullSchema extends Record<string, unknown>, TSchema extends TablesRelationalConfig> extends SQLiteTransaction<
  'async',
  RunResult,
  TFullSchema,
  TSchema
> {
  static override readonly [entityKind]: string = 'TandemTransaction';

  /** A nested transaction: a savepoint on the transaction's connection. */
  override async transaction<T>(transaction: (tx: TandemTransaction<TFullSchema, TSchema>) => Promise<T>): Promise<T> {
    const { session, dialect } = this as unknown as DatabaseInternals<TFullSchema, TSchema>;
    const savepoint = `sp${this.nestedIndex}`;
    const tx = new TandemTransaction<TFullSchema, TSchema>('async', dialect, session, this.schema, this.nestedIndex + 1);
    await session.run(sql.raw(`savepoint ${savepoint}`));
    try {
      const result = await transaction(tx);
      await session.run(sql.raw(`release savepoint ${savepoint}`));
      return result;
    } catch (error) {
      await session.run(sql.raw(`rollback to savepoint ${savepoint}`));
      throw error;
    }
  }
}

export class TandemPreparedQuery<T extends PreparedQueryConfig = PreparedQueryConfig> extends SQLitePreparedQuery<{
  type: 'async';
  run: RunResult;
  all: T['all'];
  get: T['get'];
  values: T['values'];
  execute: T['execute'];
}> {
  static override readonly [entityKind]: string = 'TandemPreparedQuery';

  constructor(
    private readonly source: ConnectionSource,
    query: Query,
    private readonly logger: Logger,
    cache: Cache,
    queryMetadata: QueryMetadata | undefined,
    cacheConfig: WithCacheConfig | undefined,
    private readonly fields: SelectedFieldsOrdered | undefined,
    private readonly method: SQLiteExecuteMethod,
    private readonly arrayMode: boolean,
    private readonly customResultMapper: RowsMapper | undefined,
  ) {
    super('async', method, query, cache, queryMetadata, cacheConfig);
  }

  run(placeholderValues?: Record<string, unknown>): Promise<RunResult> {
    return this.#runOn(this.source, placeholderValues);
  }

  all(placeholderValues?: Record<string, unknown>): Promise<T['all']> {
    return this.#allOn(this.source, placeholderValues);
  }

  get(placeholderValues?: Record<string, unknown>): Promise<T['get']> {
    return this.#getOn(this.source, placeholderValues);
  }

  values(placeholderValues?: Record<string, unknown>): Promise<T['values']> {
    return this.#valuesOn(this.source, placeholderValues) as Promise<T['values']>;
  }

  /** Runs the query by its execute method on the given connection source (batch runs on a pinned one). */
  executeOn(source: ConnectionSource, placeholderValues?: Record<string, unknown>): Promise<unknown> {
    if (this.method === 'run') return this.#runOn(source, placeholderValues);
    if (this.method === 'get') return this.#getOn(source, placeholderValues);
    return this.#allOn(source, placeholderValues);
  }

  get #internals(): PreparedQueryInternals {
    return this as unknown as PreparedQueryInternals;
  }

  /** @internal */
  isResponseInArrayMode(): boolean {
    return this.arrayMode;
  }

  #runOn(source: ConnectionSource, placeholderValues?: Record<string, unknown>): Promise<RunResult> {
    return this.#query(source, placeholderValues, 'run').then((result) => result.run!);
  }

  async #allOn(source: ConnectionSource, placeholderValues?: Record<string, unknown>): Promise<T['all']> {
    if (!this.fields && !this.customResultMapper) return (await this.#query(source, placeholderValues, 'objects')).rows;
    const rows = await this.#valuesOn(source, placeholderValues);
    if (this.customResultMapper) return this.customResultMapper(rows);
    return rows.map((row) => mapResultRow(this.fields!, row, this.#internals.joinsNotNullableMap));
  }

  async #getOn(source: ConnectionSource, placeholderValues?: Record<string, unknown>): Promise<T['get']> {
    if (!this.fields && !this.customResultMapper) return (await this.#query(source, placeholderValues, 'objects')).rows[0];
    const rows = await this.#valuesOn(source, placeholderValues);
    if (rows.length === 0) return undefined;
    if (this.customResultMapper) return this.customResultMapper(rows);
    return mapResultRow(this.fields!, rows[0]!, this.#internals.joinsNotNullableMap);
  }

  async #valuesOn(source: ConnectionSource, placeholderValues?: Record<string, unknown>): Promise<unknown[][]> {
    return (await this.#query(source, placeholderValues, 'arrays')).rows as unknown[][];
  }

  #query(source: ConnectionSource, placeholderValues: Record<string, unknown> | undefined, shape: 'run' | 'objects' | 'arrays'): Promise<RawResult> {
    const params = fillPlaceholders(this.query.params, placeholderValues ?? {});
    this.logger.logQuery(this.query.sql, params);
    return this.#internals.queryWithCache(this.query.sql, params, () => source.use((conn) => execute(conn, { sql: this.query.sql, params }, shape)));
  }
}
