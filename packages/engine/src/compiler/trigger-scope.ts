// What a trigger body sees beyond its own FROM clauses: the OLD and NEW rows (registers of the
// trigger's sub-program) and RAISE(). Kept apart from trigger.ts so the expression compiler can
// use it without importing the statement compilers.

import { SqliteError } from '../common/errors.js';
import { sameName, type ColumnRef, type Expr, type RaiseExpr } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { RaiseSpec } from '../vm/ops/trigger.js';
import type { CompileContext } from './context.js';
import { isRowidName, type RegisterSource, type ResolvedColumn } from './scope.js';

/** The trigger a statement is compiled for (CompileContext.trigger). */
export interface TriggerScope {
  /** OLD and NEW in the sub-program's registers; null when the event has none (OLD in INSERT, NEW in DELETE). */
  readonly old: RegisterSource | null;
  readonly new: RegisterSource | null;
  /** Sub-programs compiled for the statement being prepared (see trigger.ts). */
  readonly cache: Map<string, import('../vm/ops/trigger.js').SubProgram>;
  /** The top-level statement's AUTOINCREMENT sequences, which trigger bodies share (autoincrement.ts). */
  readonly sequences?: import('./autoincrement.js').SequenceRegistry;
}

/**
 * Resolves `old.x` / `new.x` (names no FROM clause claimed) to the trigger's rows; null when the
 * reference is not one, or the column does not exist (the caller reports "no such column").
 */
export function resolveTriggerColumn(ctx: CompileContext, ref: ColumnRef): ResolvedColumn | null {
  const trigger = ctx.trigger;
  if (!trigger || !ref.table || ref.schema) return null;
  const source = sameName(ref.table.text, 'new') ? trigger.new : sameName(ref.table.text, 'old') ? trigger.old : null;
  if (!source) return null;
  const table = source.table;
  const index = table.columns.findIndex((c) => sameName(c.name, ref.column.text));
  if (index >= 0) return { source, column: index === table.rowidAlias ? -1 : index };
  if (isRowidName(ref.column.text) && !table.withoutRowid) return { source, column: -1 };
  return null;
}

/**
 * RAISE(IGNORE) ends the trigger (its caller skips the row); RAISE(ABORT|FAIL|ROLLBACK, msg) fails
 * the statement with SQLITE_CONSTRAINT_TRIGGER. Outside a trigger it is SQLite's compile error.
 */
export function compileRaise(ec: { readonly ctx: CompileContext; readonly b: import('./builder.js').ProgramBuilder; compile(e: Expr, target: number): void }, expr: RaiseExpr, target: number): void {
  if (!ec.ctx.trigger) throw new SqliteError('RAISE() may only be used within a trigger-program');
  if (expr.action === 'IGNORE') {
    ec.b.emit(Opcode.TriggerReturn, 1);
    return;
  }
  ec.compile(expr.message!, target);
  ec.b.emit(Opcode.Raise, target, 0, 0, { action: expr.action } satisfies RaiseSpec);
}
