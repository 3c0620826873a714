// Table-valued functions in FROM (SQLite's eponymous virtual tables: pragma_table_info(),
// json_each(), json_tree()...). Each call is a join level whose rows are computed when the loop
// reaches it, so its arguments may read earlier levels (`sqlite_schema m JOIN pragma_table_info(m.name)`)
// or the enclosing query. An argument not written in the call may come from a WHERE / ON equality
// on its hidden column (`pragma_table_info WHERE arg = 't'`), as SQLite's xBestIndex allows.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { Expr } from '../parser/ast.js';
import type { VmHost } from '../vm/host.js';
import type { HostFunction } from '../vm/ops/transaction.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { walkExpr, type ExprCompiler } from './expr.js';
import { openMemoryLoop, syntheticTable } from './materialize.js';
import { pragmaTableFunction } from './pragma-functions.js';
import type { CursorSource } from './scope.js';
import { splitConjunction } from './where.js';

export interface TableFunctionDef {
  readonly name: string;
  /** The result columns `*` shows. */
  readonly columns: readonly string[];
  /** The hidden columns, one per argument in argument order (json_each: json, root; pragmas: arg, schema). */
  readonly parameters: readonly string[];
  /**
   * The rows for these arguments (as many as the call gave, explicitly or through WHERE), each
   * holding columns.length + parameters.length values: the hidden columns last.
   */
  rows(args: readonly SqlValue[], host: VmHost): SqlValue[][];
  /** The subtype of a row's column (json_each's container values are JSON), when some may have one. */
  columnSubtype?(row: readonly SqlValue[], column: number): number;
}

/** The table-valued function called `name` (pragma_* or one the function registry provides), or null. */
export function findTableFunction(ctx: CompileContext, name: string): TableFunctionDef | null {
  return pragmaTableFunction(ctx, name) ?? ctx.functions.tableFunction?.(name) ?? null;
}

/** Whether `e` reads `source` itself (or a name that does not resolve, which the caller reports later). */
function readsSource(ec: ExprCompiler, source: CursorSource, e: Expr): boolean {
  let reads = false;
  walkExpr(e, (x) => {
    if (x.kind !== 'Column') return;
    try {
      const resolved = ec.tryResolve(x);
      if (!resolved || resolved.source === source) reads = true;
    } catch {
      reads = true;
    }
  });
  return reads;
}

/** The hidden column `term` constrains to a value not read from this source: `hidden = value`. */
function hiddenEquality(ec: ExprCompiler, source: CursorSource, def: TableFunctionDef, term: Expr): { parameter: number; value: Expr } | null {
  if (term.kind !== 'Binary' || term.op !== '=') return null;
  const parameterOf = (e: Expr): number => {
    if (e.kind !== 'Column') return -1;
    try {
      const resolved = ec.tryResolve(e);
      return resolved && resolved.source === source ? resolved.column - def.columns.length : -1;
    } catch {
      return -1;
    }
  };
  const left = parameterOf(term.left);
  if (left >= 0 && !readsSource(ec, source, term.right)) return { parameter: left, value: term.right };
  const right = parameterOf(term.right);
  if (right >= 0 && !readsSource(ec, source, term.left)) return { parameter: right, value: term.left };
  return null;
}

/**
 * The written arguments that read the function's own columns (`json_each(x, -json)`). SQLite turns
 * argument i into the term `hidden_i = argument`; such a term cannot feed the call, so the call runs
 * without it and the term filters the rows it yields.
 */
function selfReadingArguments(ec: ExprCompiler, source: CursorSource, written: readonly Expr[]): Set<number> {
  const readsOwnColumn = (e: Expr): boolean => {
    let reads = false;
    walkExpr(e, (x) => {
      if (x.kind !== 'Column') return;
      try {
        if (ec.tryResolve(x)?.source === source) reads = true;
      } catch {
        // ambiguous: compiling the argument reports it
      }
    });
    return reads;
  };
  return new Set(written.map((e, i) => (readsOwnColumn(e) ? i : -1)).filter((i) => i >= 0));
}

/**
 * The argument expressions a call evaluates: the written ones, then for each later hidden column
 * the first equality among `terms` that gives it a value (null when none does).
 */
function argumentExprs(ec: ExprCompiler, source: CursorSource, def: TableFunctionDef, written: readonly Expr[], terms: readonly Expr[]): (Expr | null)[] {
  const selfReading = selfReadingArguments(ec, source, written);
  const args: (Expr | null)[] = written.map((e, i) => (selfReading.has(i) ? null : e));
  for (const term of terms) {
    const found = hiddenEquality(ec, source, def, term);
    if (found && found.parameter >= written.length && args[found.parameter] === undefined) args[found.parameter] = found.value;
  }
  let count = args.length;
  while (count > 0 && (args[count - 1] === undefined || args[count - 1] === null)) count--;
  return Array.from({ length: count }, (_, i) => args[i] ?? null);
}

/** A FROM level reading the rows of `def` called with `written` arguments. */
export function tableFunctionSource(b: ProgramBuilder, def: TableFunctionDef, written: readonly Expr[], alias: string): CursorSource {
  if (written.length > def.parameters.length) throw new SqliteError(`too many arguments on ${def.name}() - max ${def.parameters.length}`);
  const cursor = b.cursor();
  const table = syntheticTable(alias, [...def.columns, ...def.parameters].map((name) => ({ name, affinity: null })));
  const hidden = new Set(def.parameters.map((_, i) => def.columns.length + i));
  const rows: HostFunction = (args, host) => def.rows(args, host);
  Object.defineProperty(rows, 'name', { value: def.name }); // EXPLAIN shows it as p4
  const source: CursorSource = {
    kind: 'cursor',
    table,
    name: alias,
    cursor,
    memory: true,
    hiddenFromStar: hidden,
    ...(def.columnSubtype ? { columnSubtype: def.columnSubtype } : {}),
    argumentExprs: (ec, terms) => argumentExprs(ec, source, def, written, terms).filter((e): e is Expr => e !== null),
    openStream: (ec, where) => {
      const args = argumentExprs(ec, source, def, written, splitConjunction(where));
      const base = ec.b.registerBlock(Math.max(args.length, 1));
      args.forEach((e, i) => (e ? ec.compile(e, base + i) : ec.b.emit(Opcode.Null, 0, base + i)));
      ec.b.emit(Opcode.HostCall, base, args.length, cursor, rows, 1);
      const loop = openMemoryLoop(ec, cursor, where);
      for (const i of selfReadingArguments(ec, source, written)) {
        // hidden_i = argument, the hidden column standing as a NULL literal would (no affinity, no collation).
        const hiddenValue = ec.b.register();
        ec.emitColumn({ source, column: def.columns.length + i }, hiddenValue);
        const argument = ec.toRegister(written[i]!);
        const placeholder: Expr = { kind: 'Null', start: written[i]!.start, end: written[i]!.start };
        ec.b.emit(Opcode.CompareJump, hiddenValue, loop.next, argument, ec.comparisonSpec('!=', placeholder, written[i]!), 1);
      }
      return loop;
    },
  };
  return source;
}
