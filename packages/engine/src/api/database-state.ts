// The per-Database state that Statement, iterators, transactions and user functions share, and the
// guards better-sqlite3 applies before touching the connection (open, not busy, no open iterators).

import type { Connection } from '../engine/types.js';

export interface DatabaseState {
  readonly connection: Connection;
  open: boolean;
  /** true while a statement is executing (user functions run inside it and may not re-enter). */
  busy: boolean;
  /** Iterators created by iterate() and not yet finished or returned. */
  iterators: number;
  /** Default for statements and functions created from now on (defaultSafeIntegers()). */
  safeIntegers: boolean;
  /** unsafeMode(): allows writes while iterators are open. */
  unsafeMode: boolean;
  readonly busyTimeoutMs: number;
  readonly verbose: ((sql: string) => unknown) | null;
  /**
   * An exception thrown by a user function during the current statement. The engine turns it into
   * an SQL error; the API rethrows the user's own exception instead, as better-sqlite3 does.
   */
  pendingJsError: { error: unknown } | null;
}

export function requireOpen(state: DatabaseState): void {
  if (!state.open) throw new TypeError('The database connection is not open');
}

export function requireNotBusy(state: DatabaseState): void {
  if (state.busy) throw new TypeError('This database connection is busy executing a query');
}

export function requireNoIterators(state: DatabaseState): void {
  if (state.iterators > 0) throw new TypeError('This database connection is busy executing a query');
}

export function requireNoIteratorsUnlessUnsafe(state: DatabaseState): void {
  if (!state.unsafeMode && state.iterators > 0) throw new TypeError('This database connection is busy executing a query');
}

/** The exception to show the user for a failure while executing: a user function's own error wins. */
export function takeError(state: DatabaseState, error: unknown): unknown {
  const pending = state.pendingJsError;
  if (pending === null) return error;
  state.pendingJsError = null;
  return pending.error;
}

/** Calls the verbose logger (if any) with the statement's SQL; a throwing logger aborts the call. */
export function logStatement(state: DatabaseState, sql: string): void {
  if (state.verbose !== null) state.verbose(sql);
}
