// The contract between the compiled-statement layer and the public APIs (sync better-sqlite3
// style, async, adapters). A PreparedStatement is one compiled SQL statement: bind, then step.
//
// step() is resumable: it runs opcodes until a row is ready, the statement is done, the time
// budget is spent, or the write lock is busy. Each opcode completes fully before step() returns,
// so calling step() again simply continues; no state is changed twice.

import type { SqlValue } from '../common/values.js';

export const StepResult = {
  /** A result row is available through row(). */
  Row: 1,
  /** The statement has finished; run reset() before stepping again. */
  Done: 2,
  /** The time budget ran out; call step() again to continue. */
  Yield: 3,
  /** The write lock is held by another connection; wait, then call step() again. */
  Busy: 4,
} as const;
export type StepResult = (typeof StepResult)[keyof typeof StepResult];

/** Metadata of one result column, as better-sqlite3's statement.columns() reports it. */
export interface ResultColumn {
  name: string;
  /** Origin column name, or null for an expression. */
  column: string | null;
  table: string | null;
  database: string | null;
  /** Declared type of the origin column, or null. */
  type: string | null;
}

export interface PreparedStatement {
  /** The SQL text of this statement (without the tail). */
  readonly sql: string;
  /** true when the statement returns rows (SELECT, PRAGMA with results, RETURNING...). */
  readonly returnsRows: boolean;
  /** true when the statement does not write the database. */
  readonly readonly: boolean;
  readonly columns: readonly ResultColumn[];
  /** Number of parameter slots (the largest ?NNN or the count of parameters). */
  readonly parameterCount: number;
  /** Name of parameter slot i (1-based), including its prefix (":x", "@x", "$x", "?5"), or null for "?". */
  parameterName(index: number): string | null;
  /** Binds slot i (1-based). */
  bind(index: number, value: SqlValue): void;
  clearBindings(): void;
  /** Runs until a row, completion, budget exhaustion (deadline in performance.now() ms) or busy. */
  step(deadline?: number): StepResult;
  /** The current row's values; valid until the next step(). */
  row(): SqlValue[];
  /** Rewinds so the statement can run again; bindings are kept. */
  reset(): void;
  /** Releases the statement's resources. */
  finalize(): void;
}
