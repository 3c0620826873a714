// The Prisma 7 driver adapter: PrismaTandem is the SqlDriverAdapterFactory; its adapter runs each
// query on a connection borrowed from a Tandem pool, and each interactive transaction on one
// connection pinned from BEGIN until the client commits or rolls back, so transactions run side by
// side on separate connections (the engine queues their writes) instead of behind one mutex.

import {
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from '@prisma/driver-adapter-utils';
import { createPool, type Pool, type PoolOptions, type PooledConnection } from '@tandem/pool';
import { bindValue, resultColumnTypes, resultRow, type TimestampFormat } from './conversion.js';
import { adapterError } from './errors.js';

const ADAPTER_NAME = '@tandem/prisma';
/** SQLite's default bound-parameter limit (SQLITE_MAX_VARIABLE_NUMBER since 3.32), which the engine shares. */
const MAX_BIND_VALUES = 32766;

export interface PrismaTandemOptions extends PoolOptions {
  /** Database file (`file:./dev.db`, a path, or `:memory:`). */
  url: string;
  /** Database the schema engine replays migrations on for `migrate diff` (default `:memory:`). */
  shadowDatabaseUrl?: string;
  /** How DateTime values are stored (default 'iso8601', as Prisma's SQLite adapters). */
  timestampFormat?: TimestampFormat;
  /** Enforce foreign keys on the pool's connections (default true, as Prisma's better-sqlite3 adapter has them). */
  foreignKeys?: boolean;
  /**
   * BEGIN mode of interactive transactions (default 'immediate'). Transactions run concurrently on
   * pooled connections: 'immediate' takes the write lock at BEGIN, so a transaction that reads then
   * writes never fails on a stale snapshot; 'deferred' lets read-only transactions run in parallel
   * but a read-then-write one can fail with P1008 when another writer committed first.
   */
  transactionMode?: 'deferred' | 'immediate' | 'exclusive';
}

/** The file path of a Prisma SQLite URL. */
export function databasePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}

interface AdapterSettings {
  timestampFormat: TimestampFormat;
  transactionMode: 'deferred' | 'immediate' | 'exclusive';
}

/** Runs queries on a connection lent by `use`. */
class TandemQueryable implements SqlQueryable {
  readonly provider = 'sqlite';
  readonly adapterName = ADAPTER_NAME;

  constructor(
    protected readonly use: <T>(fn: (conn: PooledConnection) => Promise<T>) => Promise<T>,
    protected readonly settings: AdapterSettings,
  ) {}

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const args = this.#args(query);
    const { columnNames, declaredTypes, rows } = await this.#run(async (conn) => {
      const statement = conn.prepare(query.sql);
      try {
        if (!statement.reader) {
          await statement.run(...args);
          return { columnNames: [], declaredTypes: [], rows: [] };
        }
        const columns = statement.columns();
        const rows = (await statement.safeIntegers(true).raw().all(...args)) as unknown[][];
        return { columnNames: columns.map((c) => c.name), declaredTypes: columns.map((c) => c.type), rows };
      } finally {
        statement.finalize();
      }
    });
    const columnTypes = resultColumnTypes(declaredTypes, rows);
    return { columnNames, columnTypes, rows: rows.map((row) => resultRow(row, columnTypes)) };
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    const args = this.#args(query);
    return this.#run(async (conn) => {
      let statement;
      try {
        statement = conn.prepare(query.sql);
      } catch (error) {
        // The schema engine replays whole migration files through executeRaw, without arguments.
        if (error instanceof RangeError && /more than one statement/.test(error.message) && args.length === 0) {
          await conn.exec(query.sql);
          return 0;
        }
        throw error;
      }
      try {
        return (await statement.run(...args)).changes;
      } finally {
        statement.finalize();
      }
    });
  }

  #args(query: SqlQuery): unknown[] {
    return query.args.map((arg, i) => bindValue(arg, query.argTypes[i], this.settings.timestampFormat));
  }

  async #run<T>(fn: (conn: PooledConnection) => Promise<T>): Promise<T> {
    try {
      return await this.use(fn);
    } catch (error) {
      throw adapterError(error);
    }
  }
}

/** An interactive transaction on one pinned connection; the client sends COMMIT/ROLLBACK itself. */
class TandemTransaction extends TandemQueryable implements Transaction {
  readonly options: TransactionOptions = { usePhantomQuery: false };
  #finished = false;

  constructor(
    private readonly connection: PooledConnection,
    settings: AdapterSettings,
  ) {
    super((fn) => fn(connection), settings);
  }

  commit(): Promise<void> {
    return this.#finish();
  }

  rollback(): Promise<void> {
    return this.#finish();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  /** Gives the connection back (the pool rolls back a transaction the client left open). */
  async #finish(): Promise<void> {
    if (this.#finished) return;
    this.#finished = true;
    await this.connection.release();
  }
}

export class PrismaTandemAdapter extends TandemQueryable implements SqlDriverAdapter {
  constructor(
    readonly pool: Pool,
    settings: AdapterSettings,
    private readonly onDispose: () => void = () => undefined,
  ) {
    super((fn) => pool.withConnection(fn), settings);
  }

  async executeScript(script: string): Promise<void> {
    try {
      await this.use((conn) => conn.exec(script));
    } catch (error) {
      throw adapterError(error);
    }
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel !== undefined && isolationLevel !== 'SERIALIZABLE') {
      throw new DriverAdapterError({ kind: 'InvalidIsolationLevel', level: isolationLevel });
    }
    let connection: PooledConnection | undefined;
    try {
      connection = await this.pool.acquire();
      await connection.exec(`BEGIN ${this.settings.transactionMode.toUpperCase()}`);
      return new TandemTransaction(connection, this.settings);
    } catch (error) {
      if (connection && !connection.released) await connection.release();
      throw adapterError(error);
    }
  }

  getConnectionInfo(): ConnectionInfo {
    return { maxBindValues: MAX_BIND_VALUES, supportsRelationJoins: false };
  }

  /** Closes the adapter's pool (after the connections on loan come back). */
  async dispose(): Promise<void> {
    this.onDispose();
    await this.pool.close();
  }
}

/**
 * Prisma 7's driver adapter factory for Tandem.
 *
 * @example
 * const prisma = new PrismaClient({ adapter: new PrismaTandem({ url: 'file:./dev.db', max: 8 }) });
 */
export class PrismaTandem implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'sqlite';
  readonly adapterName = ADAPTER_NAME;
  readonly #options: PrismaTandemOptions;
  readonly #adapters = new Set<PrismaTandemAdapter>();

  constructor(options: PrismaTandemOptions) {
    if (typeof options?.url !== 'string') throw new TypeError('PrismaTandem needs a "url" option');
    this.#options = options;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.#open(this.#options.url);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#open(this.#options.shadowDatabaseUrl ?? ':memory:');
  }

  /** Disposes every adapter this factory opened that is still open (their pools close). */
  async close(): Promise<void> {
    const adapters = [...this.#adapters];
    this.#adapters.clear();
    await Promise.all(adapters.map((adapter) => adapter.dispose()));
  }

  #open(url: string): PrismaTandemAdapter {
    const { url: _url, shadowDatabaseUrl: _shadow, foreignKeys, timestampFormat, transactionMode, ...poolOptions } = this.#options;
    const pool = createPool(databasePath(url), { ...poolOptions, connect: { ...poolOptions.connect, foreignKeys: foreignKeys ?? true } });
    const adapter = new PrismaTandemAdapter(pool, { timestampFormat: timestampFormat ?? 'iso8601', transactionMode: transactionMode ?? 'immediate' }, () => {
      this.#adapters.delete(adapter);
    });
    this.#adapters.add(adapter);
    return adapter;
  }
}
