// The two probes foreign key enforcement is built from (SQLite's fkey.c): finding the parent key a
// constraint refers to (the parent's rowid, or a UNIQUE index whose columns and collations match),
// looking up the parent row of a child row, and walking the child rows that refer to a parent row.

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type ColumnRef, type Expr, type Name } from '../parser/ast.js';
import { foldName } from '../schema/schema.js';
import type { ForeignKeyInfo } from '../schema/foreign-keys.js';
import type { IndexInfo, TableInfo } from '../schema/types.js';
import { databaseOfRoot, isSchemaTable, MAIN_DATABASE } from '../schema/database-list.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';
import type { CursorSource, RegisterSource } from './scope.js';
import { keyInfoOf, openTableLoop } from './where.js';

/** How one foreign key's columns meet its parent table. */
export interface ParentKey {
  readonly fk: ForeignKeyInfo;
  readonly child: TableInfo;
  readonly parent: TableInfo;
  /** The parent's UNIQUE index on the key, or null when the key is the parent's rowid (INTEGER PRIMARY KEY). */
  readonly index: IndexInfo | null;
  /** Per key position (the index's column order): the parent column. */
  readonly parentColumns: readonly number[];
  /** Per key position: the child column holding that part of the key. */
  readonly childColumns: readonly number[];
}

export function mismatch(child: TableInfo, fk: ForeignKeyInfo): SqliteError {
  return new SqliteError(`foreign key mismatch - "${child.name}" referencing "${fk.parentTable}"`);
}

/** SQLite's sqlite3FkLocateIndex: the parent key of `fk`, or null when the parent has no matching key. */
export function locateParentKey(child: TableInfo, fk: ForeignKeyInfo, parent: TableInfo): ParentKey | null {
  if (parent.withoutRowid || child.withoutRowid) throw unsupported('foreign keys on WITHOUT ROWID tables');
  const n = fk.columns.length;
  const named = fk.parentColumns;
  if (n === 1 && parent.rowidAlias >= 0 && (named === null || sameName(parent.columns[parent.rowidAlias]!.name, named[0]!))) {
    return { fk, child, parent, index: null, parentColumns: [parent.rowidAlias], childColumns: fk.columns };
  }
  for (const index of parent.indexes) {
    if (!index.unique || index.where || index.columns.length !== n) continue;
    if (named === null) {
      if (index.origin === 'pk') return { fk, child, parent, index, parentColumns: index.columns.map((c) => c.column), childColumns: fk.columns };
      continue;
    }
    const childColumns: number[] = [];
    for (const column of index.columns) {
      if (column.column < 0) break;
      const info = parent.columns[column.column]!;
      // An index with another collation than the column's own cannot serve the constraint.
      if (foldName(column.collation) !== foldName(info.collation)) break;
      const j = named.findIndex((name) => sameName(name, info.name));
      if (j < 0) break;
      childColumns.push(fk.columns[j]!);
    }
    if (childColumns.length === n) return { fk, child, parent, index, parentColumns: index.columns.map((c) => c.column), childColumns };
  }
  return null;
}

/**
 * The parent key of `fk` for a statement that writes `child`: SQLite's "no such table" (the parent
 * is missing) and "foreign key mismatch" errors, unless `lenient` (DROP TABLE's implicit DELETE),
 * which returns null for both ("missing" tells which).
 */
export function resolveParentKey(ctx: CompileContext, child: TableInfo, fk: ForeignKeyInfo, lenient = false): ParentKey | 'missing' | null {
  // The parent is in the child's database (SQLite never looks elsewhere).
  const own = ctx.schema.databases()[databaseOfRoot(child.rootPage)] ?? ctx.schema.databases()[MAIN_DATABASE]!;
  const parent = own.schema.table(fk.parentTable);
  if (!parent || isSchemaTable(parent)) {
    // A view is found as the parent, and has no key a constraint could use.
    if (own.schema.view(fk.parentTable)) {
      if (lenient) return null;
      throw mismatch(child, fk);
    }
    if (lenient) return 'missing';
    throw new SqliteError(`no such table: ${own.name}.${fk.parentTable}`);
  }
  const key = locateParentKey(child, fk, parent);
  if (!key && !lenient) throw mismatch(child, fk);
  return key;
}

/**
 * The foreign keys of every table that refer to `parent`, with the child table, in SQLite's order
 * (the most recently declared first: its actions run in that order).
 */
export function referencesTo(ctx: CompileContext, parent: TableInfo): { child: TableInfo; fk: ForeignKeyInfo }[] {
  const found: { child: TableInfo; fk: ForeignKeyInfo }[] = [];
  // Children are in the parent's database.
  const own = ctx.schema.databases()[databaseOfRoot(parent.rootPage)]?.schema ?? ctx.schema;
  for (const child of own.allTables().reverse()) {
    for (const fk of child.foreignKeys ?? []) if (sameName(fk.parentTable, parent.name)) found.push({ child, fk });
  }
  return found;
}

function registerOf(row: RegisterSource, column: number): number {
  return column === row.table.rowidAlias ? row.rowid : row.base + column;
}

/**
 * Emits SQLite's fkLookupParent probe for the child row in `row`: continues at `found` when a
 * child key column is NULL or the parent row exists, and falls through (after `missing()`'s code)
 * otherwise. `self`: the row is being added to a table that is its own parent, so a row that
 * refers to itself counts as found.
 */
export function emitParentProbe(ec: ExprCompiler, key: ParentKey, row: RegisterSource, found: number, self: boolean, missing: () => void): void {
  const b = ec.b;
  const n = key.childColumns.length;
  for (const column of key.childColumns) b.emit(Opcode.IsNull, registerOf(row, column), found);
  const cursor = b.cursor();
  const absent = b.label();
  const present = b.label();
  if (key.index === null) {
    // The key is the parent's rowid: a child value that is not an integer matches no row.
    const value = b.register();
    b.emit(Opcode.SCopy, registerOf(row, key.childColumns[0]!), value);
    b.emit(Opcode.MustBeInt, value, absent);
    if (self) b.emit(Opcode.CompareJump, row.rowid, found, value, binaryEquals(ec, '='));
    b.emit(Opcode.OpenRead, cursor, key.parent.rootPage);
    b.emit(Opcode.NotExists, cursor, absent, value);
    b.emit(Opcode.Goto, 0, present);
  } else {
    const values = b.registerBlock(n);
    key.childColumns.forEach((column, i) => b.emit(Opcode.Copy, registerOf(row, column), values + i));
    if (self) {
      // The new row refers to itself when each child value is the same as its own parent-key value.
      const differs = b.label();
      key.childColumns.forEach((column, i) => b.emit(Opcode.CompareJump, registerOf(row, column), differs, registerOf(row, key.parentColumns[i]!), binaryEquals(ec, '!='), 1));
      b.emit(Opcode.Goto, 0, found);
      b.place(differs);
    }
    const affinities: (Affinity | null)[] = key.parentColumns.map((c) => key.parent.columns[c]!.affinity);
    b.emit(Opcode.Affinity, values, n, 0, affinities);
    b.emit(Opcode.OpenRead, cursor, key.index.rootPage, 0, keyInfoOf(ec, key.index));
    b.emit(Opcode.Found, cursor, present, values, n);
  }
  b.place(absent);
  b.emit(Opcode.Close, cursor);
  missing();
  b.emit(Opcode.Goto, 0, found);
  b.place(present);
  b.emit(Opcode.Close, cursor);
}

function binaryEquals(ec: ExprCompiler, op: '=' | '!='): ComparisonSpec {
  return { op, affinity: null, collation: ec.collation('BINARY') };
}

const PARENT = '\u0001fk parent';
const CHILD = '\u0001fk child';

function name(text: string): Name {
  return { text, quoted: false, start: 0, end: 0 };
}

function columnRef(table: string, column: string): ColumnRef {
  return { kind: 'Column', schema: null, table: name(table), column: name(column), start: 0, end: 0 };
}

function and(left: Expr | null, right: Expr): Expr {
  return left ? { kind: 'Binary', op: 'AND', left, right, start: 0, end: 0 } : right;
}

/**
 * Emits SQLite's fkScanChildren loop: `each()` runs once for every child row whose key equals the
 * parent key in `parentRow` (compared with the parent columns' affinity and collation, through an
 * index on the child columns when there is one). `excludeRow`: skip the child row that is the
 * parent row itself (a self-referencing table losing a parent key).
 */
export function emitChildScan(ec: ExprCompiler, key: ParentKey, parentRow: RegisterSource, excludeRow: boolean, each: () => void): void {
  const b = ec.b;
  const parent: RegisterSource = { ...parentRow, name: PARENT };
  const child: CursorSource = { kind: 'cursor', table: key.child, name: CHILD, cursor: b.cursor() };
  let where: Expr | null = null;
  key.parentColumns.forEach((column, i) => {
    const info = key.parent.columns[column]!;
    const value: Expr = { kind: 'Collate', operand: columnRef(PARENT, info.name), collation: name(info.collation), start: 0, end: 0 };
    where = and(where, { kind: 'Binary', op: '=', left: value, right: columnRef(CHILD, key.child.columns[key.childColumns[i]!]!.name), start: 0, end: 0 });
  });
  if (excludeRow) where = and(where, { kind: 'Binary', op: '!=', left: columnRef(PARENT, 'rowid'), right: columnRef(CHILD, 'rowid'), start: 0, end: 0 });
  const saved = ec.scope;
  ec.scope = { sources: [child], outer: { sources: [parent] } };
  const loop = openTableLoop(ec, child, where);
  each();
  loop.finish();
  ec.scope = saved;
  b.emit(Opcode.Close, child.cursor);
}
