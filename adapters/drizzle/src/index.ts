// @tandem/drizzle: Drizzle ORM (SQLite, async) on Tandem's connection pool.

export { drizzle, TandemDatabase, type TandemDrizzleConfig } from './driver.js';
export { TandemSession, TandemTransaction, TandemPreparedQuery, type TandemTransactionBehavior, type TandemTransactionConfig } from './session.js';
export type { TandemPool, TandemPoolOptions, TandemConnection } from './pool.js';
