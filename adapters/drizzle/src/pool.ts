// The pool this driver runs on, and the two ways a query reaches a connection: borrowed from the pool
// for one statement, or pinned for the length of a transaction.

import { createPool, type Pool, type PoolOptions, type PooledConnection } from '@tandem/pool';

export type TandemPool = Pool;
export type TandemPoolOptions = PoolOptions;
export type TandemConnection = PooledConnection;

/** Where a query runs: `use` lends a connection to fn for the time it runs. */
export interface ConnectionSource {
  use<T>(fn: (conn: TandemConnection) => Promise<T>): Promise<T>;
}

/** Each call borrows any free connection of the pool. */
export function pooledSource(pool: TandemPool): ConnectionSource {
  return { use: (fn) => pool.withConnection(fn) };
}

/** Every call runs on the same connection (a transaction's). */
export function pinnedSource(conn: TandemConnection): ConnectionSource {
  return { use: (fn) => fn(conn) };
}

/**
 * The pool given to drizzle() (used with its own settings), or a new one on the database at `path`
 * whose connections enforce foreign keys unless `foreignKeys` is false.
 */
export function resolvePool(poolOrPath: TandemPool | string, options: TandemPoolOptions = {}, foreignKeys = true): TandemPool {
  if (typeof poolOrPath !== 'string') return poolOrPath;
  return createPool(poolOrPath, { ...options, connect: { ...options.connect, foreignKeys } });
}
