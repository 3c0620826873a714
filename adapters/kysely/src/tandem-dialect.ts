// TandemDialect: Kysely on Tandem. Kysely's own SQLite query compiler, adapter rules and
// introspector are reused as they are; only the driver (pooled connections) and the migration lock
// are Tandem's.

import { SqliteIntrospector, SqliteQueryCompiler, type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type Kysely, type QueryCompiler } from 'kysely';
import type { TandemDialectConfig } from './config.js';
import { TandemAdapter } from './tandem-adapter.js';
import { TandemDriver } from './tandem-driver.js';

const DEFAULT_MIGRATION_LOCK_TIMEOUT = 60_000;

/**
 * @example
 * import { Kysely } from 'kysely';
 * import { TandemDialect } from '@tandem/kysely';
 *
 * const db = new Kysely<Database>({ dialect: new TandemDialect({ path: 'app.db', poolOptions: { max: 8 } }) });
 * const people = await db.selectFrom('person').selectAll().execute();
 * await db.destroy();
 */
export class TandemDialect implements Dialect {
  readonly #config: TandemDialectConfig;

  constructor(config: TandemDialectConfig) {
    if (typeof config !== 'object' || config === null) throw new TypeError('Expected a config object: { pool } or { path, poolOptions }');
    if ('pool' in config ? typeof config.pool?.acquire !== 'function' : typeof (config as { path?: unknown }).path !== 'string') {
      throw new TypeError('Expected a config object: { pool } or { path, poolOptions }');
    }
    this.#config = { ...config };
  }

  createDriver(): Driver {
    return new TandemDriver(this.#config);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new TandemAdapter(this.#config.migrationLockTimeoutMillis ?? DEFAULT_MIGRATION_LOCK_TIMEOUT);
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
