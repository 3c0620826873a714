// What the VM needs from the connection that runs it: transactions, storage access (btree
// cursors over the current snapshot or write transaction), schema maintenance and counters.
// The engine layer implements it; the VM never touches the pager or btree modules directly,
// which keeps opcodes testable with a fake host.

import type { SqlValue } from '../common/values.js';
import type { BtreeCursor, KeyInfo } from '../btree/types.js';

export interface VmHost {
  /**
   * Makes sure the statement runs inside a read (write=false) or write transaction. Returns false,
   * with no side effect, when the write lock is held by another connection (the VM returns Busy
   * and retries the same opcode on the next step()).
   */
  beginTransaction(write: boolean): boolean;
  /** Opens a statement-level savepoint in the write transaction; returns its depth. */
  statementSavepoint(): number;
  /** Releases (success) or rolls back then releases (failure) the statement savepoint. */
  endStatementSavepoint(depth: number, success: boolean): void;
  /**
   * Called once when the statement finishes (Done or error) or is reset mid-way. `changes` is the
   * number of rows an INSERT/UPDATE/DELETE changed (null for other statements).
   */
  statementFinished(success: boolean, changes: number | null): void;
  /** The generation of the schema the connection currently sees (programs compiled against another one are stale). */
  readonly schemaGeneration: number;

  /** A cursor over table tree `rootPage` (index tree when keyInfo is given); roots of databases other than main are addresses (schema/database-list.ts). */
  openCursor(rootPage: number, keyInfo: KeyInfo | null, write: boolean): BtreeCursor;
  /** Allocates a new empty table (isIndex=false) or index tree in `database` (main by default); returns its root page in that file. */
  createTree(isIndex: boolean, database?: number): number;
  /** Frees every page of a tree (DROP). */
  dropTree(rootPage: number): void;
  /** Deletes every entry of a tree, keeping its root (DELETE without WHERE). */
  clearTree(rootPage: number): void;
  /** Reads a 4-byte big-endian header field (schema cookie 40, user_version 60, ...). */
  readHeaderField(offset: number): number;
  writeHeaderField(offset: number, value: number): void;
  /** Reloads the schema of `database` (main by default) from its sqlite_schema inside the current transaction (after DDL). */
  reloadSchema(database?: number): void;

  /**
   * AUTOCOMMIT changes: BEGIN (enable=false) or COMMIT/ROLLBACK (enable=true, rollback flag). Returns
   * false, with no side effect, when COMMIT needs the write lock held by another connection (a
   * BEGIN CONCURRENT transaction); the VM then returns Busy and retries.
   */
  setAutocommit(enable: boolean, rollback: boolean, mode: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE' | 'CONCURRENT' | null): boolean | void;

  /** OR ROLLBACK conflict resolution: roll back the whole transaction and return to autocommit mode. */
  abortTransaction?(): void;

  /**
   * Optional cursor reuse: the page source a cursor opened now would use (null outside a
   * transaction), and a count of savepoint rollbacks. A statement may keep its btree cursors open
   * between runs and reuse them while both are unchanged (see Vdbe parking).
   */
  cursorScope?(write: boolean): object | null;
  readonly savepointRollbacks?: number;
  /**
   * A rowid for a new row of table `rootPage` given `candidate` (largest visible rowid + 1): lets
   * concurrent transactions, which see different snapshots, never pick the same one. Optional.
   */
  claimRowid?(rootPage: number, candidate: bigint): bigint;
  /** Counts one changed row toward total_changes(). */
  countChange(): void;
  setLastInsertRowid(rowid: bigint): void;
  /** A statement inside a trigger finished: changes() becomes `count`, and total_changes() grows by it (SQLite's rule). */
  setChanges?(count: number): void;
  /** A trigger ended: changes() goes back to what it was when the trigger started. */
  restoreChanges?(count: number): void;
  /** PRAGMA recursive_triggers: a trigger may fire itself (directly or through others). */
  readonly recursiveTriggers?: boolean;
  /** The connection's foreign key violation counters (vm/ops/foreign-key.ts). */
  readonly foreignKeyCounters?: import('./ops/foreign-key.js').ForeignKeyCounters;
  readonly lastInsertRowid: bigint;
  readonly changes: number;
  readonly totalChanges: number;
  /** true when interrupt() was requested. */
  readonly interrupted: boolean;
  /** Connection-specific operations compiled as HostCall (PRAGMAs etc.): returns a value. */
  call(name: string, args: readonly SqlValue[]): SqlValue | SqlValue[][];
}
