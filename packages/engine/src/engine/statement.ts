// PreparedStatement implementation: a compiled Program run by a Vdbe, with parameter binding and
// transparent re-preparation when the schema changed between prepare() and step().

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { ParsedStatement } from '../parser/ast.js';
import type { Program } from '../vm/program.js';
import { Vdbe } from '../vm/vdbe.js';
import type { PreparedStatement, ResultColumn, StepResult } from './prepared.js';
import type { ConnectionImpl } from './connection.js';

export class StatementImpl implements PreparedStatement {
  private vm: Vdbe;
  private finalized = false;
  private program: Program;

  constructor(
    private readonly connection: ConnectionImpl,
    readonly sql: string,
    private readonly parsed: ParsedStatement,
    private readonly fullSql: string,
    program: Program,
  ) {
    this.program = program;
    this.vm = new Vdbe(program, connection);
  }

  get returnsRows(): boolean {
    return this.program.columns.length > 0;
  }

  get readonly(): boolean {
    return this.program.readonly;
  }

  get columns(): readonly ResultColumn[] {
    return this.program.columns;
  }

  get parameterCount(): number {
    return this.parsed.parameters.count;
  }

  parameterName(index: number): string | null {
    return this.parsed.parameters.names[index - 1] ?? null;
  }

  bind(index: number, value: SqlValue): void {
    this.checkUsable();
    if (!Number.isInteger(index) || index < 1 || index > this.parameterCount) throw new SqliteError('column index out of range', 'SQLITE_RANGE');
    this.vm.bindings[index - 1] = value;
  }

  clearBindings(): void {
    const bindings = this.vm.bindings;
    for (let i = 0; i < bindings.length; i++) bindings[i] = null; // cheaper than fill() per run
  }

  step(deadline?: number): StepResult {
    this.checkUsable();
    for (let attempt = 0; ; attempt++) {
      const fresh = !this.vm.running && !this.vm.halted;
      try {
        return this.vm.step(deadline);
      } catch (error) {
        // The schema changed since prepare(): recompile and run again (nothing was done yet).
        if (fresh && attempt < 3 && error instanceof SqliteError && error.code === 'SQLITE_SCHEMA') {
          this.recompile();
          continue;
        }
        throw error;
      }
    }
  }

  private recompile(): void {
    const bindings = this.vm.bindings.slice();
    this.vm.releaseParkedCursors();
    this.program = this.connection.compile(this.parsed, this.fullSql);
    this.vm = new Vdbe(this.program, this.connection);
    bindings.forEach((v, i) => (this.vm.bindings[i] = v));
  }

  row(): SqlValue[] {
    return this.vm.resultRow;
  }

  reset(): void {
    this.vm.reset();
  }

  finalize(): void {
    if (this.finalized) return;
    this.vm.reset();
    this.vm.releaseParkedCursors();
    this.finalized = true;
  }

  private checkUsable(): void {
    if (this.finalized) throw new SqliteError('statement has been finalized', 'SQLITE_MISUSE');
    if (!this.connection.isOpen) throw new SqliteError('The database connection is not open', 'SQLITE_MISUSE');
  }
}
