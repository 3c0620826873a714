// Writing WITHOUT ROWID tables: a row is one entry of the table's index b-tree (PRIMARY KEY
// columns first), secondary index entries end with the PRIMARY KEY columns they lack, and a row
// is identified by its PRIMARY KEY values (held in a register block where a rowid table uses one
// register). UPDATE and DELETE collect the keys of the target rows first, then change each row.

import { SqliteError, unsupported } from '../common/errors.js';
import type { ConflictResolution, DeleteStatement, UpdateStatement } from '../parser/ast.js';
import type { TableInfo } from '../schema/types.js';
import { indexKeySuffix, storedColumnOrder, tableKeyColumns } from '../schema/without-rowid.js';
import { loadKeyOfIndexEntry } from './without-rowid.js';
import { binaryCollation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { SortSpec } from '../vm/ops/sorter.js';
import { InsertFlag } from '../vm/ops/write.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ExprCompiler } from './expr.js';
import { emitKeyPartFromCursor, emitKeyPartFromRegisters, uniqueFailureMessage } from './index-expressions.js';
import { halt, partialGuard, ROWID_CHECK, type ConstraintOptions, type TableWriter } from './rows.js';
import type { CursorSource, RegisterSource } from './scope.js';
import { openTableLoop } from './where.js';
import { emitWriteLimit } from './target-rows.js';

/** Copies the PRIMARY KEY values of the row in registers `row` into a fresh block; returns its first register. */
function loadRowKey(ec: ExprCompiler, row: RegisterSource): number {
  const key = tableKeyColumns(row.table);
  const base = ec.b.registerBlock(key.length);
  key.forEach((k, i) => ec.b.emit(Opcode.SCopy, row.base + k.column, base + i));
  return base;
}

/** Jumps to `differs` unless the key blocks `a` and `b` are equal under the PRIMARY KEY's collations. */
function jumpIfKeysDiffer(ec: ExprCompiler, table: TableInfo, a: number, b: number, differs: number): void {
  tableKeyColumns(table).forEach((k, i) => {
    const spec: ComparisonSpec = { op: '!=', affinity: null, collation: ec.collation(k.collation) };
    ec.b.emit(Opcode.CompareJump, a + i, differs, b + i, spec, 1);
  });
}

/** Writes the new row (in SQLite's record layout) and its secondary index entries. */
export function emitInsertRowWithoutRowid(ec: ExprCompiler, w: TableWriter, row: RegisterSource, flags: number): void {
  const b = ec.b;
  const table = w.table;
  const order = storedColumnOrder(table);
  const fields = b.registerBlock(order.length);
  order.forEach((column, i) => b.emit(Opcode.SCopy, row.base + column, fields + i));
  const record = b.register();
  b.emit(Opcode.MakeRecord, fields, order.length, record);
  b.emit(Opcode.IdxInsert, w.source.cursor, record, 0, null, flags & InsertFlag.CountChange);
  table.indexes.forEach((index, i) => {
    const skip = b.label();
    partialGuard(ec, index, row, skip);
    const suffix = indexKeySuffix(table, index);
    const n = index.columns.length;
    const key = b.registerBlock(n + suffix.length);
    index.columns.forEach((c, k) => emitKeyPartFromRegisters(ec, c, row, key + k));
    suffix.forEach((c, k) => b.emit(Opcode.SCopy, row.base + c.column, key + n + k));
    const keyRecord = b.register();
    b.emit(Opcode.MakeRecord, key, n + suffix.length, keyRecord);
    b.emit(Opcode.IdxInsert, w.indexCursors[i]!, keyRecord);
    b.place(skip);
  });
}

/** Deletes the row the table cursor is on with its secondary index entries (keys read from the row). */
export function emitDeleteRowWithoutRowid(ec: ExprCompiler, w: TableWriter, countChange: boolean): void {
  const b = ec.b;
  const table = w.table;
  table.indexes.forEach((index, i) => {
    const skip = b.label();
    partialGuard(ec, index, w.source, skip);
    const suffix = indexKeySuffix(table, index);
    const n = index.columns.length;
    const key = b.registerBlock(n + suffix.length);
    index.columns.forEach((c, k) => emitKeyPartFromCursor(ec, c, w.source, key + k));
    suffix.forEach((c, k) => ec.emitColumn({ source: w.source, column: c.column }, key + n + k));
    b.emit(Opcode.IdxDelete, w.indexCursors[i]!, key, n + suffix.length);
    b.place(skip);
  });
  b.emit(Opcode.Delete, w.source.cursor, 0, 0, null, countChange ? InsertFlag.CountChange : 0);
}

/**
 * The PRIMARY KEY uniqueness check (where a rowid table checks its rowid). For UPDATE,
 * `options.oldRowid` is the block holding the old row's key: keeping the key is no conflict.
 */
export function emitPrimaryKeyCheck(ec: ExprCompiler, w: TableWriter, row: RegisterSource, options: ConstraintOptions, mode: ConflictResolution): void {
  const b = ec.b;
  const table = w.table;
  const key = tableKeyColumns(table);
  const ok = b.label();
  const newKey = loadRowKey(ec, row);
  if (options.oldRowid !== null) {
    const changed = b.label();
    jumpIfKeysDiffer(ec, table, newKey, options.oldRowid, changed);
    b.emit(Opcode.Goto, 0, ok);
    b.place(changed);
  }
  b.emit(Opcode.NoConflict, w.source.cursor, ok, newKey, key.length);
  if (options.unique?.handle(ROWID_CHECK, newKey)) {
    // handled by the upsert
  } else if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
  else if (mode === 'REPLACE') emitDeleteRowWithoutRowid(ec, w, false);
  else {
    const names = key.map((k) => `${table.name}.${table.columns[k.column]!.name}`).join(', ');
    halt(ec, `UNIQUE constraint failed: ${names}`, 'SQLITE_CONSTRAINT_PRIMARYKEY', mode);
  }
  b.place(ok);
}

/** A UNIQUE secondary index check; the conflicting row is found through the PRIMARY KEY values in the entry. */
export function emitIndexCheckWithoutRowid(ec: ExprCompiler, w: TableWriter, row: RegisterSource, options: ConstraintOptions, position: number, mode: ConflictResolution): void {
  const b = ec.b;
  const table = w.table;
  const index = table.indexes[position]!;
  const cursor = w.indexCursors[position]!;
  const ok = b.label();
  partialGuard(ec, index, row, ok);
  const n = index.columns.length;
  const key = b.registerBlock(n);
  index.columns.forEach((c, k) => emitKeyPartFromRegisters(ec, c, row, key + k));
  b.emit(Opcode.NoConflict, cursor, ok, key, n);
  const conflictKey = loadKeyOfIndexEntry(ec, table, index, cursor);
  if (options.oldRowid !== null) {
    const other = b.label();
    jumpIfKeysDiffer(ec, table, conflictKey, options.oldRowid, other);
    b.emit(Opcode.Goto, 0, ok);
    b.place(other);
  }
  if (options.unique?.handle(position, conflictKey)) {
    // handled by the upsert
  } else if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
  else if (mode === 'REPLACE') {
    b.emit(Opcode.NotFound, w.source.cursor, ok, conflictKey, tableKeyColumns(table).length);
    emitDeleteRowWithoutRowid(ec, w, false);
  } else halt(ec, uniqueFailureMessage(table, index), index.origin === 'pk' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : 'SQLITE_CONSTRAINT_UNIQUE', mode);
  b.place(ok);
}

/** Positions the table cursor on the row whose key is in the block `key`; jumps to `missing` when it is gone. */
export function emitSeekRowByKey(ec: ExprCompiler, w: TableWriter, key: number, missing: number): void {
  ec.b.emit(Opcode.NotFound, w.source.cursor, missing, key, tableKeyColumns(w.table).length);
}

/**
 * Pass 1 of UPDATE / DELETE on a WITHOUT ROWID table: the keys of the rows the WHERE clause
 * selects (in the loop's order, or the ORDER BY's, within LIMIT / OFFSET), into a new ephemeral
 * cursor (returned).
 */
export function collectTargetKeys(ec: ExprCompiler, source: CursorSource, statement: UpdateStatement | DeleteStatement): number {
  if (statement.orderBy.length > 0 && !statement.limit) throw new SqliteError(`ORDER BY without LIMIT on ${statement.kind.toUpperCase()}`);
  if (statement.indexHint) throw unsupported('INDEXED BY / NOT INDEXED');
  const b = ec.b;
  const keys = b.cursor();
  b.emit(Opcode.OpenEphemeral, keys);
  const reader: CursorSource = { ...source, cursor: b.cursor() };
  const saved = ec.scope;
  ec.scope = { sources: [reader] };
  const key = tableKeyColumns(source.table);
  const end = b.label();
  const { limit, offset } = emitWriteLimit(ec, statement, end);
  /** Adds the key in `base` within the LIMIT / OFFSET window; `skip` continues with the next row. */
  const take = (base: number, skip: number): void => {
    if (offset) b.emit(Opcode.IfPos, offset, skip, 1);
    b.emit(Opcode.IdxInsert, keys, base, key.length);
    if (limit) b.emit(Opcode.DecrJumpZero, limit, end);
  };
  const terms = statement.orderBy;
  const sorter = terms.length > 0 ? b.cursor() : -1;
  if (terms.length > 0) {
    const spec: SortSpec = {
      collations: terms.map((t) => {
        const named = t.expr.kind === 'Collate' ? { name: t.expr.collation.text } : ec.collationOf(t.expr);
        return named ? ec.collation(named.name) : binaryCollation;
      }),
      descending: terms.map((t) => t.direction === 'DESC'),
    };
    b.emit(Opcode.SorterOpen, sorter, 0, 0, spec);
  }
  const loop = openTableLoop(ec, reader, statement.where);
  const width = terms.length + key.length;
  const row = b.registerBlock(width);
  terms.forEach((t, i) => ec.compile(t.expr, row + i));
  key.forEach((k, i) => ec.emitColumn({ source: reader, column: k.column }, row + terms.length + i));
  if (terms.length > 0) b.emit(Opcode.SorterInsert, sorter, row, width);
  else take(row, loop.next);
  loop.finish();
  if (terms.length > 0) {
    b.emit(Opcode.SorterSort, sorter, end);
    const top = b.here;
    const next = b.label();
    const base = b.registerBlock(key.length);
    key.forEach((_, i) => b.emit(Opcode.Column, sorter, terms.length + i, base + i));
    take(base, next);
    b.place(next);
    b.emit(Opcode.SorterNext, sorter, top);
  }
  b.place(end);
  b.emit(Opcode.Close, reader.cursor);
  ec.scope = saved;
  return keys;
}

/**
 * Emits the pass-2 loop over the collected keys: for each one still in the table, positions the
 * table cursor on it and runs `body(keyBlock, next)`.
 */
export function forEachTargetRow(ec: ExprCompiler, w: TableWriter, keys: number, body: (key: number, next: number) => void): void {
  const b = ec.b;
  const n = tableKeyColumns(w.table).length;
  const done = b.label();
  const next = b.label();
  b.emit(Opcode.Rewind, keys, done);
  const top = b.here;
  const key = b.registerBlock(n);
  for (let i = 0; i < n; i++) b.emit(Opcode.Column, keys, i, key + i);
  emitSeekRowByKey(ec, w, key, next);
  body(key, next);
  b.place(next);
  b.emit(Opcode.Next, keys, top);
  b.place(done);
}
