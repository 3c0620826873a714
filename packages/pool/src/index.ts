// @tandem/pool: a shared pool of async Tandem connections to one database file.

export { createPool, Pool, type PoolOptions, type PoolStats, type PoolTransactionOptions } from './pool.js';
export { PooledConnection, PooledStatement, releasedError, type PooledBatchItem } from './pooled-connection.js';
