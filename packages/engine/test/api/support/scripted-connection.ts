// A scripted Connection for API behaviour the SQLite oracle cannot show: Busy and Yield step results,
// an engine that wraps user-function exceptions, and engine-owned blob buffers.

import { SqliteError } from '../../../src/common/errors.js';
import type { SqlValue } from '../../../src/common/values.js';
import { StepResult, type PreparedStatement, type ResultColumn } from '../../../src/engine/prepared.js';
import type { AggregateFunctionDef, Connection, ScalarFunctionDef } from '../../../src/engine/types.js';

/** What one step() does: return a result, emit a row, call the registered function, or throw. */
export type ScriptStep = StepResult | { row: SqlValue[] } | { callFunction: string; args: SqlValue[] } | { throws: Error };

export class ScriptedStatement implements PreparedStatement {
  readonly returnsRows = true;
  readonly readonly = true;
  readonly columns: readonly ResultColumn[];
  readonly parameterCount: number;
  readonly bindings: SqlValue[];
  steps = 0;
  resets = 0;
  private position = 0;
  private current: SqlValue[] = [];

  constructor(
    private readonly connection: ScriptedConnection,
    readonly sql: string,
    columnNames: string[],
    private readonly script: ScriptStep[],
    parameterCount = 0,
  ) {
    this.columns = columnNames.map((name) => ({ name, column: null, table: null, database: null, type: null }));
    this.parameterCount = parameterCount;
    this.bindings = new Array<SqlValue>(parameterCount).fill(null);
  }

  parameterName(): string | null {
    return null;
  }
  bind(index: number, value: SqlValue): void {
    this.bindings[index - 1] = value;
  }
  clearBindings(): void {
    this.bindings.fill(null);
  }
  step(): StepResult {
    this.steps++;
    const action = this.script[Math.min(this.position++, this.script.length - 1)]!;
    if (typeof action === 'number') return action;
    if ('throws' in action) throw action.throws;
    if ('row' in action) {
      this.current = action.row;
      return StepResult.Row;
    }
    const fn = this.connection.functions.get(action.callFunction)!;
    try {
      this.current = [fn.invoke(action.args)];
    } catch (error) {
      // Like a real engine: the function's failure becomes an SQL error.
      throw new SqliteError(error instanceof Error ? error.message : String(error), 'SQLITE_ERROR');
    }
    return StepResult.Row;
  }
  row(): SqlValue[] {
    return this.current;
  }
  reset(): void {
    this.resets++;
    this.position = 0;
  }
  finalize(): void {}
}

export class ScriptedConnection implements Connection {
  readonly path = ':memory:';
  readonly memory = true;
  readonly readonly = false;
  isOpen = true;
  inTransaction = false;
  changes = 0;
  totalChanges = 0;
  lastInsertRowid = 0n;
  readonly functions = new Map<string, ScalarFunctionDef>();
  /** The statement the next prepare() returns. */
  next: ScriptedStatement | null = null;

  prepare(): { statement: PreparedStatement | null; tail: string } {
    return { statement: this.next, tail: '' };
  }
  exec(): void {}
  createFunction(def: ScalarFunctionDef): void {
    this.functions.set(def.name, def);
  }
  createAggregate(_def: AggregateFunctionDef): void {}
  interrupt(): void {}
  close(): void {
    this.isOpen = false;
  }
}
