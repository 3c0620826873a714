// The better-sqlite3-compatible Statement: run/get/all/iterate over one compiled statement, with
// better-sqlite3's binding, row shapes (plain, pluck, expand, raw), safe-integer and busy rules.
// Statement objects are reused across calls: the hot path (get() by key in a loop) allocates the row only.

import type { SqlValue } from '../common/values.js';
import { StepResult, type PreparedStatement, type ResultColumn } from '../engine/prepared.js';
import { bindArguments, namedSlotsOf, type NamedSlot } from './binder.js';
import {
  logStatement,
  requireNoIteratorsUnlessUnsafe,
  requireNotBusy,
  requireOpen,
  takeError,
  type DatabaseState,
} from './database-state.js';
import { sqlToJs } from './js-values.js';
import { stepSync } from './stepping.js';
import { expandSql } from './expanded-sql.js';
import { inspectionOf, inspectSymbol } from './inspection.js';

/** What run() returns. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** One result column as columns() describes it. */
export interface ColumnDefinition {
  name: string;
  column: string | null;
  table: string | null;
  database: string | null;
  type: string | null;
}

const enum RowMode {
  Flat = 0,
  Pluck = 1,
  Expand = 2,
  Raw = 3,
}

export class Statement<Database extends object = object> {
  /** The Database this statement belongs to. */
  readonly database: Database;
  /** The SQL text given to prepare(). */
  readonly source: string;
  /** true when the statement returns data (use get/all/iterate); false for run()-only statements. */
  readonly reader: boolean;
  /** true when the statement does not write the database. */
  readonly readonly: boolean;

  readonly #state: DatabaseState;
  readonly #prepared: PreparedStatement;
  #namedSlots: NamedSlot[] | null = null;
  #bound = false;
  /** true while an iterator of this statement is open. */
  #locked = false;
  #mode = RowMode.Flat;
  #safeInts: boolean;
  /** The compiled statement's own text (through its ';'), which the verbose logger receives. */
  readonly #sqlText: string;
  /** Copies of the bound values, kept only when there is a verbose logger (it prints them). */
  readonly #recorded: SqlValue[] | undefined;

  /** @internal Created by Database.prepare() only. */
  constructor(database: Database, state: DatabaseState, prepared: PreparedStatement, source: string, sqlText: string, pragmaMode: boolean) {
    this.database = database;
    this.#sqlText = sqlText;
    this.#state = state;
    this.#prepared = prepared;
    this.source = source;
    this.reader = pragmaMode || prepared.returnsRows || prepared.columns.length > 0;
    this.readonly = prepared.readonly;
    this.#safeInts = state.safeIntegers;
    this.#recorded = state.verbose !== null ? new Array<SqlValue>(prepared.parameterCount).fill(null) : undefined;
  }

  /** Whether an iterator over this statement is open. */
  get busy(): boolean {
    return this.#locked;
  }

  /** Runs the statement to its first row or completion; returns the changes and last rowid. */
  run(...params: unknown[]): RunResult {
    const state = this.#state;
    this.begin(params, true);
    const connection = state.connection;
    const totalBefore = connection.totalChanges;
    try {
      stepSync(this.#prepared, state);
    } catch (error) {
      throw takeError(state, error);
    } finally {
      this.finish();
    }
    // Read after the reset, as better-sqlite3 does: a statement stopped at its first row (RETURNING)
    // completes its changes when it is reset.
    const changes = connection.totalChanges === totalBefore ? 0 : connection.changes;
    const rowid = connection.lastInsertRowid;
    return { changes, lastInsertRowid: this.#safeInts ? rowid : Number(rowid) };
  }

  /** The first row, or undefined when there is none. */
  get(...params: unknown[]): unknown {
    this.requireReader();
    this.begin(params, false);
    try {
      return stepSync(this.#prepared, this.#state) === StepResult.Row ? this.currentRow() : undefined;
    } catch (error) {
      throw takeError(this.#state, error);
    } finally {
      this.finish();
    }
  }

  /** Every row. */
  all(...params: unknown[]): unknown[] {
    this.requireReader();
    this.begin(params, false);
    const rows: unknown[] = [];
    try {
      const prepared = this.#prepared;
      const state = this.#state;
      while (stepSync(prepared, state) === StepResult.Row) rows.push(this.currentRow());
      return rows;
    } catch (error) {
      throw takeError(this.#state, error);
    } finally {
      this.finish();
    }
  }

  /** A lazy iterator over the rows; the statement (and writes on this connection) stay locked until it ends. */
  iterate(...params: unknown[]): IterableIterator<unknown> {
    this.requireReader();
    const state = this.#state;
    requireOpen(state);
    requireNotBusy(state);
    this.requireNotLocked();
    this.bindForCall(params);
    return new StatementIterator(this, state);
  }

  /** Binds parameters permanently: later calls take no parameters. */
  bind(...params: unknown[]): this {
    if (this.#bound) throw new TypeError('The bind() method can only be invoked once per statement object');
    requireOpen(this.#state);
    requireNotBusy(this.#state);
    this.requireNotLocked();
    bindArguments(this.#prepared, this.slots(), params, this.#recorded);
    this.#bound = true;
    return this;
  }

  /** Rows become the first column's value. */
  pluck(toggle?: boolean): this {
    return this.setMode('pluck', RowMode.Pluck, arguments.length === 0 ? true : toggle);
  }

  /** Rows become { table: { column: value } } objects ("$" for expressions). */
  expand(toggle?: boolean): this {
    return this.setMode('expand', RowMode.Expand, arguments.length === 0 ? true : toggle);
  }

  /** Rows become arrays of values. */
  raw(toggle?: boolean): this {
    return this.setMode('raw', RowMode.Raw, arguments.length === 0 ? true : toggle);
  }

  /** INTEGER values come back as bigint (and lastInsertRowid too). */
  safeIntegers(toggle?: boolean): this {
    requireNotBusy(this.#state);
    this.requireNotLocked();
    this.#safeInts = arguments.length === 0 ? true : requireBoolean(toggle);
    return this;
  }

  /** What console.log shows, as for better-sqlite3's statements. */
  [inspectSymbol](): object {
    return inspectionOf('Statement', {
      busy: this.busy,
      reader: this.reader,
      readonly: this.readonly,
      source: this.source,
      database: this.database,
    });
  }

  /** Describes the result columns. */
  columns(): ColumnDefinition[] {
    if (!this.reader) throw new TypeError('The columns() method is only for statements that return data');
    requireOpen(this.#state);
    requireNotBusy(this.#state);
    return this.#prepared.columns.map((c) => ({ name: c.name, column: c.column, table: c.table, database: c.database, type: c.type }));
  }

  // --- execution internals (also used by StatementIterator) ---

  /** Checks, binds and marks the connection busy before run/get/all (STATEMENT_START in better-sqlite3). */
  private begin(params: unknown[], mutates: boolean): void {
    const state = this.#state;
    requireOpen(state);
    requireNotBusy(state);
    this.requireNotLocked();
    if (mutates) requireNoIteratorsUnlessUnsafe(state);
    this.bindForCall(params);
    state.busy = true;
    state.pendingJsError = null;
    try {
      this.log();
    } catch (error) {
      this.finish();
      throw error;
    }
  }

  private bindForCall(params: unknown[]): void {
    if (!this.#bound) {
      if (params.length > 0 || this.#prepared.parameterCount > 0) bindArguments(this.#prepared, this.slots(), params, this.#recorded);
    } else if (params.length > 0) {
      throw new TypeError('This statement already has bound parameters');
    }
  }

  /** Rewinds after a call; parameters bound for this call only are dropped. */
  private finish(): void {
    this.#state.busy = false;
    this.#prepared.reset();
    if (!this.#bound && this.#prepared.parameterCount > 0) {
      this.#prepared.clearBindings();
      this.#recorded?.fill(null);
    }
  }

  /** Calls the verbose logger with the SQL and its bound values, as sqlite3_expanded_sql renders them. */
  private log(): void {
    const state = this.#state;
    if (state.verbose === null) return;
    const recorded = this.#recorded;
    const prepared = this.#prepared;
    const text = recorded && recorded.length > 0 ? expandSql(this.#sqlText, recorded, (name) => slotOfName(prepared, name)) : this.#sqlText;
    logStatement(state, text);
  }

  private slots(): NamedSlot[] {
    return (this.#namedSlots ??= namedSlotsOf(this.#prepared));
  }

  /** The current row in this statement's shape. */
  private currentRow(): unknown {
    const values = this.#prepared.row();
    const safe = this.#safeInts;
    switch (this.#mode) {
      case RowMode.Flat:
        return flatRow(this.#prepared.columns, values, safe);
      case RowMode.Pluck:
        return sqlToJs(values[0] ?? null, safe);
      case RowMode.Raw:
        // row() is a fresh array per row, valid until the next step: it becomes the raw row itself.
        for (let i = 0; i < values.length; i++) values[i] = sqlToJs(values[i]!, safe) as SqlValue;
        return values;
      default:
        return expandedRow(this.#prepared.columns, values, safe);
    }
  }

  private setMode(method: string, mode: RowMode, toggle: unknown): this {
    if (!this.reader) throw new TypeError(`The ${method}() method is only for statements that return data`);
    requireNotBusy(this.#state);
    this.requireNotLocked();
    const use = requireBoolean(toggle);
    this.#mode = use ? mode : this.#mode === mode ? RowMode.Flat : this.#mode;
    return this;
  }

  private requireReader(): void {
    if (!this.reader) throw new TypeError('This statement does not return data. Use run() instead');
  }

  private requireNotLocked(): void {
    if (this.#locked) throw new TypeError('This statement is busy executing a query');
  }

  /** @internal The iterator protocol of iterate(), kept here because it drives the statement's private state. */
  static iteratorStep(statement: Statement, state: DatabaseState, first: boolean): unknown {
    state.busy = true;
    try {
      if (first) {
        state.pendingJsError = null;
        statement.log();
      }
      if (stepSync(statement.#prepared, state) === StepResult.Row) return statement.currentRow();
      return NO_MORE_ROWS;
    } catch (error) {
      throw takeError(state, error);
    } finally {
      state.busy = false;
    }
  }

  /** @internal */
  static iteratorLock(statement: Statement, locked: boolean): void {
    statement.#locked = locked;
    if (!locked) {
      statement.#prepared.reset();
      if (!statement.#bound && statement.#prepared.parameterCount > 0) {
        statement.#prepared.clearBindings();
        statement.#recorded?.fill(null);
      }
    }
  }
}

/** What iteratorStep returns once the statement is done (a row, even plucked, is never this symbol). */
const NO_MORE_ROWS = Symbol('no more rows');

function slotOfName(prepared: PreparedStatement, name: string): number {
  for (let i = 1; i <= prepared.parameterCount; i++) if (prepared.parameterName(i) === name) return i;
  return 0;
}

function flatRow(columns: readonly ResultColumn[], values: SqlValue[], safe: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) row[columns[i]!.name] = sqlToJs(values[i] ?? null, safe);
  return row;
}

function expandedRow(columns: readonly ResultColumn[], values: SqlValue[], safe: boolean): Record<string, Record<string, unknown>> {
  const row: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const table = column.table ?? '$';
    const nested = Object.prototype.hasOwnProperty.call(row, table) ? row[table]! : (row[table] = {});
    nested[column.name] = sqlToJs(values[i] ?? null, safe);
  }
  return row;
}

function requireBoolean(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError('Expected first argument to be a boolean');
  return value;
}

/**
 * The iterator iterate() returns. It holds the statement locked and counts as an open iterator on the
 * connection (blocking writes through other statements) until it is exhausted, fails, or return() is called.
 */
class StatementIterator implements IterableIterator<unknown> {
  private alive = true;
  private logged = false;

  constructor(
    private readonly statement: Statement,
    private readonly state: DatabaseState,
  ) {
    Statement.iteratorLock(statement, true);
    state.iterators++;
  }

  next(): IteratorResult<unknown> {
    requireNotBusy(this.state);
    if (!this.alive) return { done: true, value: undefined };
    let row: unknown;
    try {
      const first = !this.logged;
      this.logged = true;
      row = Statement.iteratorStep(this.statement, this.state, first);
    } catch (error) {
      this.cleanup();
      throw error;
    }
    if (row === NO_MORE_ROWS) {
      this.cleanup();
      return { done: true, value: undefined };
    }
    return { done: false, value: row };
  }

  return(): IteratorResult<unknown> {
    requireNotBusy(this.state);
    if (this.alive) this.cleanup();
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    return this;
  }

  private cleanup(): void {
    this.alive = false;
    this.state.iterators--;
    Statement.iteratorLock(this.statement, false);
  }
}
