// @tandem/kysely: a Kysely dialect for Tandem, on the shared connection pool.

export { TandemDialect } from './tandem-dialect.js';
export { TandemDriver } from './tandem-driver.js';
export { TandemAdapter } from './tandem-adapter.js';
export { TandemConnection } from './tandem-connection.js';
export type { TandemDialectConfig, TandemPoolConfig, TandemPathConfig, TandemTransactionMode } from './config.js';
