// Indexes on expressions (`CREATE INDEX i ON t(lower(email))`): the checks CREATE INDEX makes on
// the expressions, computing a key part for a row, SQLite's uniqueness error for such an index,
// and recognising a query expression that is an indexed one (so the planner can use the index).

import { SqliteError, unsupported } from '../common/errors.js';
import { forEachNode, sameName, type Expr } from '../parser/ast.js';
import { EXPRESSION_COLUMN, type IndexColumn, type IndexInfo, type TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { ExprCompiler } from './expr.js';
import type { CursorSource, Source } from './scope.js';

/** Functions SQLite flags SQLITE_FUNC_SLOCHNG: deterministic unless they read the clock ('now'). */
const DATE_FUNCTIONS = new Set(['date', 'time', 'datetime', 'julianday', 'unixepoch', 'strftime', 'timediff']);

/** Constant for one build of SQLite but not across builds, so SQLite keeps them out of indexes. */
const BUILD_CONSTANTS = new Set(['sqlite_version', 'sqlite_source_id', 'sqlite_compileoption_used', 'sqlite_compileoption_get']);

/**
 * SQLite's function checks on a new index's expressions and partial-index WHERE clause: only
 * deterministic scalar functions (aggregates and window functions are misused there).
 */
export function checkIndexFunctions(ec: ExprCompiler, index: IndexInfo): void {
  for (const column of index.columns) if (column.expr) checkFunctions(ec, column.expr, 'index expressions');
  if (index.where) checkFunctions(ec, index.where, 'partial index WHERE clauses');
}

function checkFunctions(ec: ExprCompiler, expr: Expr, where: string): void {
  forEachNode(expr, (node) => {
    const e = node as Expr;
    if (e.kind === 'CurrentTime') throw new SqliteError(`non-deterministic functions prohibited in ${where}`);
    if (e.kind === 'Function') {
      const name = e.name.text;
      const resolved = ec.ctx.functions.resolve(name, e.star ? 0 : e.args.length);
      if (e.over || resolved.kind === 'window') throw new SqliteError(`misuse of window function ${name}()`);
      if (resolved.kind === 'aggregate') throw new SqliteError(`misuse of aggregate function ${name}()`);
      if (BUILD_CONSTANTS.has(name.toLowerCase())) throw new SqliteError(`non-deterministic functions prohibited in ${where}`);
      if ((resolved.fn as { deterministic?: boolean }).deterministic === false) {
        if (!DATE_FUNCTIONS.has(name.toLowerCase())) throw new SqliteError(`non-deterministic functions prohibited in ${where}`);
        // SQLite allows the date functions and fails when one reads the clock while the index is
        // written ("non-deterministic use of date() in an index"); Tandem refuses such an index.
        const lower = name.toLowerCase();
        const times = lower === 'strftime' ? [e.args[1]] : lower === 'timediff' ? [e.args[0], e.args[1]] : [e.args[0]];
        if (times.some((t) => !t || (t.kind === 'String' && t.value.toLowerCase() === 'now'))) throw unsupported(`the current time in ${where}`);
      }
    }
    return e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect' ? false : undefined;
  });
}

/** Whether the index has an expression column. */
export function hasExpressions(index: IndexInfo): boolean {
  return index.columns.some((c) => c.column === EXPRESSION_COLUMN);
}

/** SQLite's UNIQUE failure message: the columns, or for an index on expressions its name. */
export function uniqueFailureMessage(table: TableInfo, index: IndexInfo): string {
  if (hasExpressions(index)) return `UNIQUE constraint failed: index '${index.name}'`;
  return `UNIQUE constraint failed: ${index.columns.map((c) => `${table.name}.${table.columns[c.column]!.name}`).join(', ')}`;
}

/** Computes an expression column of an index for the row `source` holds (its registers or its cursor's row). */
export function emitExpressionKeyPart(ec: ExprCompiler, column: IndexColumn, source: Source, target: number): void {
  const saved = ec.scope;
  ec.scope = { sources: [source] };
  try {
    ec.compile(column.expr!, target);
  } finally {
    ec.scope = saved;
  }
}

/**
 * Whether two expression trees are the same (SQLite's sqlite3ExprCompare): spans ignored, names
 * compared without case, literal values exactly, column references by `sameColumn`.
 */
function sameTree(a: unknown, b: unknown, sameColumn: (x: Expr & { kind: 'Column' }, y: Expr & { kind: 'Column' }) => boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameTree(item, b[i], sameColumn));
  }
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  if (x.kind === 'Column' && y.kind === 'Column') return sameColumn(x as unknown as Expr & { kind: 'Column' }, y as unknown as Expr & { kind: 'Column' });
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) {
    if (key === 'start' || key === 'end' || key === 'quoted') continue;
    const u = x[key];
    const v = y[key];
    // Name texts (functions, collations, types) compare without case; literal values exactly.
    if (key === 'text' && typeof u === 'string' && typeof v === 'string') {
      if (!sameName(u, v)) return false;
    } else if (!sameTree(u, v, sameColumn)) return false;
  }
  return true;
}

/**
 * Whether query expression `expr` (resolved in `ec.scope`) is the indexed expression `indexed`
 * of `source`'s table; its column references must resolve to `source`.
 */
export function sameIndexedExpression(ec: ExprCompiler, source: CursorSource, expr: Expr, indexed: Expr): boolean {
  return sameTree(expr, indexed, (x, y) => {
    const resolved = ec.tryResolve(x);
    if (!resolved || resolved.source !== source) return false;
    const column = source.table.columns.findIndex((c) => sameName(c.name, y.column.text));
    return column >= 0 && (column === source.table.rowidAlias ? -1 : column) === resolved.column;
  });
}

/** Whether an expression written against `table` (an upsert target) is the indexed expression `indexed`. */
export function sameExpressionOnTable(table: TableInfo, expr: Expr, indexed: Expr): boolean {
  const columnOf = (ref: Expr & { kind: 'Column' }) => table.columns.findIndex((c) => sameName(c.name, ref.column.text));
  return sameTree(expr, indexed, (x, y) => (x.table === null || sameName(x.table.text, table.name)) && columnOf(x) >= 0 && columnOf(x) === columnOf(y));
}

/** Whether `expr` is one of the indexed expressions of `source`'s table (a candidate WHERE / ORDER BY term). */
export function isIndexedExpression(ec: ExprCompiler, source: CursorSource, expr: Expr): boolean {
  if (expr.kind === 'Column') return false;
  return source.table.indexes.some((index) => index.columns.some((c) => c.expr !== undefined && sameIndexedExpression(ec, source, expr, c.expr)));
}

/** Whether a term on `column` (a table column, or EXPRESSION_COLUMN with its expression) is on index column `indexColumn`. */
export function termOnIndexColumn(ec: ExprCompiler, source: CursorSource, column: number, columnExpr: Expr, indexColumn: IndexColumn): boolean {
  if (column !== indexColumn.column) return false;
  return column !== EXPRESSION_COLUMN || sameIndexedExpression(ec, source, columnExpr, indexColumn.expr!);
}

/** Emits `r = the SCopy of a register row's column, or the computed expression` for one index key part. */
export function emitKeyPartFromRegisters(ec: ExprCompiler, column: IndexColumn, row: Source & { kind: 'registers' }, target: number): void {
  if (column.column === EXPRESSION_COLUMN) {
    emitExpressionKeyPart(ec, column, row, target);
    return;
  }
  const from = column.column === row.table.rowidAlias ? row.rowid : row.base + column.column;
  ec.b.emit(Opcode.SCopy, from, target);
}

/** Emits one index key part for the row a table cursor is on. */
export function emitKeyPartFromCursor(ec: ExprCompiler, column: IndexColumn, source: CursorSource, target: number): void {
  if (column.column === EXPRESSION_COLUMN) {
    emitExpressionKeyPart(ec, column, source, target);
    return;
  }
  ec.emitColumn({ source, column: column.column === source.table.rowidAlias ? -1 : column.column }, target);
}
