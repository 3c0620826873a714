// Generated columns (GENERATED ALWAYS AS): where each column lives in the record (VIRTUAL columns
// are not stored, so later columns move down), the order their values are computed in (SQLite's
// sqlite3ComputeGeneratedColumns, with its loop error), and CREATE TABLE's checks on them.

import { SqliteError } from '../common/errors.js';
import { forEachNode, sameName, type Expr } from '../parser/ast.js';
import type { ColumnInfo, TableInfo } from './types.js';
import { storedPosition } from './without-rowid.js';

/** true for a VIRTUAL generated column (computed on read, absent from the record). */
export function isVirtualColumn(column: ColumnInfo): boolean {
  return column.generated && column.generatedAs?.stored !== true;
}

interface Layout {
  /** Record field of each column (-1 for VIRTUAL columns). */
  readonly storage: readonly number[];
  /** Number of fields in the record. */
  readonly stored: number;
}

const layouts = new WeakMap<TableInfo, Layout>();

function layoutOf(table: TableInfo): Layout {
  let layout = layouts.get(table);
  if (!layout) {
    let next = 0;
    const storage = table.columns.map((c) => (isVirtualColumn(c) ? -1 : next++));
    layout = { storage, stored: next };
    layouts.set(table, layout);
  }
  return layout;
}

/** The record field column `column` is stored in (sqlite3TableColumnToStorage); -1 when VIRTUAL. */
export function storageField(table: TableInfo, column: number): number {
  if (table.withoutRowid) return storedPosition(table, column);
  return layoutOf(table).storage[column]!;
}

/** Number of fields in the table's records (columns less the VIRTUAL ones). */
export function storedFieldCount(table: TableInfo): number {
  return layoutOf(table).stored;
}

export function hasGeneratedColumns(table: TableInfo): boolean {
  return table.columns.some((c) => c.generated);
}

/** Table columns an expression names (unqualified names only: generated columns allow no others). */
export function referencedColumns(table: Pick<TableInfo, 'columns'>, expr: Expr): Set<number> {
  const found = new Set<number>();
  forEachNode(expr, (node) => {
    if (node.kind !== 'Column') return;
    const name = (node as Expr & { kind: 'Column' }).column.text;
    const index = table.columns.findIndex((c) => sameName(c.name, name));
    if (index >= 0) found.add(index);
    return false;
  });
  return found;
}

/**
 * The generated columns in the order their values can be computed (each after the generated
 * columns it reads), as SQLite's repeated passes find it; a cycle is "generated column loop on".
 */
export function generatedComputeOrder(table: Pick<TableInfo, 'columns'>): number[] {
  const pending = new Set<number>();
  table.columns.forEach((c, i) => {
    if (c.generated) pending.add(i);
  });
  const reads = new Map<number, Set<number>>();
  for (const i of pending) reads.set(i, referencedColumns(table, table.columns[i]!.generatedAs!.expr));
  const order: number[] = [];
  for (;;) {
    let progress = false;
    let redo = -1;
    for (const i of [...pending].sort((a, b) => a - b)) {
      if ([...reads.get(i)!].some((r) => pending.has(r))) {
        redo = i;
        continue;
      }
      pending.delete(i);
      order.push(i);
      progress = true;
    }
    if (redo < 0) return order;
    if (!progress) throw new SqliteError(`generated column loop on "${table.columns[redo]!.name}"`);
  }
}

/** What CREATE TABLE needs to know about a function a generated column calls. */
export type FunctionKind = 'scalar' | 'nondeterministic' | 'aggregate' | 'window';

/**
 * sqlite3EndTable's checks of the generated columns: at least one ordinary column, each
 * expression resolvable over the table alone (no subqueries, parameters, qualified names or
 * non-deterministic functions), and no loop. `functionKind` resolves a function (and throws
 * SQLite's "no such function" errors).
 */
export function checkGeneratedColumns(table: Pick<TableInfo, 'columns'>, functionKind: (name: string, argCount: number) => FunctionKind): void {
  if (!table.columns.some((c) => c.generated)) return;
  if (table.columns.every((c) => c.generated)) throw new SqliteError('must have at least one non-generated column');
  for (const column of table.columns) {
    if (column.generatedAs) checkExpression(table, column.generatedAs.expr, functionKind);
  }
  generatedComputeOrder(table);
}

const prohibited = (what: string): SqliteError => new SqliteError(`${what} prohibited in generated columns`);

function checkExpression(table: Pick<TableInfo, 'columns'>, expr: Expr, functionKind: (name: string, argCount: number) => FunctionKind): void {
  forEachNode(expr, (node) => {
    const e = node as Expr;
    switch (e.kind) {
      case 'Column':
        if (e.table) throw prohibited('the "." operator');
        if (!table.columns.some((c) => sameName(c.name, e.column.text))) throw new SqliteError(`no such column: ${e.column.text}`);
        return false;
      case 'Subquery':
      case 'Exists':
      case 'InSelect':
        throw prohibited('subqueries');
      case 'Parameter':
        throw prohibited('parameters');
      case 'CurrentTime':
        throw prohibited('non-deterministic functions');
      case 'Function': {
        const kind = functionKind(e.name.text, e.star ? 0 : e.args.length);
        if (e.over || kind === 'window') throw new SqliteError(`misuse of window function ${e.name.text}()`);
        if (kind === 'aggregate') throw new SqliteError(`misuse of aggregate function ${e.name.text}()`);
        if (kind === 'nondeterministic') throw prohibited('non-deterministic functions');
        break;
      }
      default:
        break;
    }
    return undefined;
  });
}

/**
 * Adds to `changed` (columns an UPDATE assigns) the generated columns whose expressions read a
 * changed column, directly or through other generated columns (sqlite3Update's aXRef marking).
 */
export function addChangedGeneratedColumns(table: Pick<TableInfo, 'columns'>, changed: Set<number>): void {
  for (let progress = true; progress; ) {
    progress = false;
    table.columns.forEach((column, i) => {
      if (!column.generatedAs || changed.has(i)) return;
      if ([...referencedColumns(table, column.generatedAs.expr)].some((r) => changed.has(r))) {
        changed.add(i);
        progress = true;
      }
    });
  }
}
