// The contract of a database connection, used by the public APIs (api/) and later by the pool
// and adapters. Implemented by engine/connection.ts.

import type { SqlValue } from '../common/values.js';
import type { PreparedStatement } from './prepared.js';

export interface ConnectionOptions {
  /** Open without write access. */
  readonly?: boolean;
  /** Fail with SQLITE_CANTOPEN instead of creating a missing file. */
  fileMustExist?: boolean;
  /** The VFS to use; default: node files, or memory for ":memory:" and "". */
  vfs?: import('../os/vfs.js').Vfs;
  /** PRAGMA busy_timeout's initial value in milliseconds (default 0, as sqlite3_open gives). */
  busyTimeoutMs?: number;
  /** PRAGMA foreign_keys's initial value (default false, as sqlite3_open gives). */
  foreignKeys?: boolean;
}

/** A scalar user function; values in and out are engine values (see common/values.ts). */
export interface ScalarFunctionDef {
  name: string;
  /** -1 for any number of arguments. */
  argCount: number;
  deterministic: boolean;
  /** Directly-only functions may not be used in schema (views, triggers, defaults). */
  directOnly: boolean;
  invoke(args: readonly SqlValue[]): SqlValue;
}

/** An aggregate (or, with inverse, window) user function. */
export interface AggregateFunctionDef {
  name: string;
  argCount: number;
  deterministic: boolean;
  directOnly: boolean;
  /** Fresh accumulator state for one group. */
  start(): unknown;
  step(state: unknown, args: readonly SqlValue[]): unknown;
  /** Present for window functions that can remove a row from the frame. */
  inverse?: (state: unknown, args: readonly SqlValue[]) => unknown;
  result(state: unknown): SqlValue;
}

/**
 * The write lock of one database, shared by every connection to its file in this process. The async
 * API queues its writers on it; the sync API uses it to fail fast instead of waiting for a holder
 * that cannot make progress while the thread blocks.
 */
export interface WriteLockView {
  /** true while some connection holds the write transaction. */
  readonly held: boolean;
  /**
   * true when the holder runs in this JS thread (always, today: one process per file and the Pager
   * is not shared across workers), so blocking the thread to wait for it can never succeed.
   */
  readonly heldInThisThread: boolean;
  /** Calls `listener` after each release of the lock (synchronously: it must only schedule work). Returns the unsubscribe. */
  onRelease(listener: () => void): () => void;
}

export interface Connection {
  /** PRAGMA busy_timeout, in milliseconds: how long the synchronous API waits on a busy database. */
  readonly busyTimeoutMs?: number;
  readonly path: string;
  readonly memory: boolean;
  readonly readonly: boolean;
  readonly isOpen: boolean;
  /** true between BEGIN and COMMIT/ROLLBACK (autocommit off). */
  readonly inTransaction: boolean;
  /** Rows changed by the last INSERT/UPDATE/DELETE (sqlite3_changes64). */
  readonly changes: number;
  readonly totalChanges: number;
  /** rowid of the last successful INSERT on this connection. */
  readonly lastInsertRowid: bigint;
  /**
   * Compiles the first statement of `sql`. Returns null for the statement when `sql` holds only
   * whitespace/comments; `tail` is the text after the compiled statement.
   */
  prepare(sql: string): { statement: PreparedStatement | null; tail: string };
  /** Runs every statement of `sql` in order (like sqlite3_exec with no callback). */
  exec(sql: string): void;
  createFunction(def: ScalarFunctionDef): void;
  createAggregate(def: AggregateFunctionDef): void;
  /** The database's write lock (absent on stand-in connections used by API tests). */
  readonly writeLock?: WriteLockView;
  /** true while this connection holds the write lock (absent on stand-in connections). */
  readonly holdsWriteLock?: boolean;
  /** true inside BEGIN CONCURRENT, whose writes take no lock before COMMIT (absent on stand-in connections). */
  readonly inConcurrentTransaction?: boolean;
  /** true after interrupt() until the running statements ended (absent on stand-in connections). */
  readonly interrupted?: boolean;
  /** Asks running statements to stop at the next opcode boundary with SQLITE_INTERRUPT. */
  interrupt(): void;
  close(): void;
}
