// Reading WITHOUT ROWID tables: the table b-tree is an index keyed by the PRIMARY KEY, so its
// cursor needs a KeyInfo, the planner sees the key as an index on the table's own tree, and a
// secondary index reaches its row by seeking the table on the PRIMARY KEY values it holds.

import type { KeyInfo } from '../btree/types.js';
import type { IndexColumn, IndexInfo, TableInfo } from '../schema/types.js';
import { indexKeySuffix, storedColumnOrder, tableKeyColumns } from '../schema/without-rowid.js';
import { Opcode } from '../vm/program.js';
import type { ExprCompiler } from './expr.js';
import type { CursorSource } from './scope.js';

const primaryKeyIndexes = new WeakMap<TableInfo, IndexInfo>();

/**
 * A WITHOUT ROWID table's PRIMARY KEY as an index on the table's own tree (for the planner: its
 * rootPage is the table's), or null for a rowid table.
 */
export function primaryKeyIndex(table: TableInfo): IndexInfo | null {
  if (!table.withoutRowid || !table.withoutRowidKey) return null;
  let index = primaryKeyIndexes.get(table);
  if (!index) {
    index = { name: 'PRIMARY KEY', tableName: table.name, rootPage: table.rootPage, sql: null, unique: true, origin: 'pk', columns: table.withoutRowidKey, where: null };
    primaryKeyIndexes.set(table, index);
  }
  return index;
}

/** Whether `index` is the table's own tree (the PRIMARY KEY of a WITHOUT ROWID table). */
export function isTableTree(table: TableInfo, index: IndexInfo): boolean {
  return table.withoutRowid && index.rootPage === table.rootPage;
}

function keyInfo(ec: ExprCompiler, columns: readonly IndexColumn[], extra: number): KeyInfo {
  return {
    collations: [...columns.map((c) => ec.collation(c.collation)), ...Array.from({ length: extra }, () => ec.collation('BINARY'))],
    descending: [...columns.map((c) => c.descending), ...Array.from({ length: extra }, () => false)],
  };
}

/** KeyInfo of a table cursor: null for a rowid table; the PRIMARY KEY then the other columns for WITHOUT ROWID. */
export function tableKeyInfo(ec: ExprCompiler, table: TableInfo): KeyInfo | null {
  if (!table.withoutRowid || !table.withoutRowidKey) return null;
  const key = tableKeyColumns(table);
  return keyInfo(ec, key, storedColumnOrder(table).length - key.length);
}

/** KeyInfo of a secondary index of a WITHOUT ROWID table: its columns, then the PRIMARY KEY columns it lacks. */
export function withoutRowidIndexKeyInfo(ec: ExprCompiler, table: TableInfo, index: IndexInfo): KeyInfo {
  if (isTableTree(table, index)) return tableKeyInfo(ec, table)!;
  return keyInfo(ec, [...index.columns, ...indexKeySuffix(table, index)], 0);
}

/** The table a cursor-read index belongs to, when it is a WITHOUT ROWID table. */
export function withoutRowidTableOf(ec: ExprCompiler, index: IndexInfo): TableInfo | null {
  const table = ec.ctx.schema.table(index.tableName);
  return table?.withoutRowid && table.withoutRowidKey ? table : null;
}

/** Reads the PRIMARY KEY values out of the secondary index entry under `indexCursor`; returns the first register. */
export function loadKeyOfIndexEntry(ec: ExprCompiler, table: TableInfo, index: IndexInfo, indexCursor: number): number {
  const key = tableKeyColumns(table);
  const suffix = indexKeySuffix(table, index);
  const base = ec.b.registerBlock(key.length);
  key.forEach((k, i) => {
    let position = index.columns.findIndex((c) => c.column === k.column && c.collation === k.collation);
    if (position < 0) position = index.columns.length + suffix.findIndex((c) => c.column === k.column && c.collation === k.collation);
    ec.b.emit(Opcode.Column, indexCursor, position, base + i);
  });
  return base;
}

/**
 * Positions `source.cursor` (a WITHOUT ROWID table) on the row the secondary index entry under
 * `indexCursor` points to; jumps to `missing` when there is none.
 */
export function emitSeekRowOfIndexEntry(ec: ExprCompiler, source: CursorSource, index: IndexInfo, indexCursor: number, missing: number): void {
  const key = loadKeyOfIndexEntry(ec, source.table, index, indexCursor);
  ec.b.emit(Opcode.NotFound, source.cursor, missing, key, tableKeyColumns(source.table).length);
}

/**
 * Registers identifying the row `source` is on: its rowid (a memory cursor's row number), or a
 * WITHOUT ROWID table's key values.
 */
export function emitRowIdentity(ec: ExprCompiler, source: CursorSource): { base: number; count: number } {
  const b = ec.b;
  if (source.memory || !source.table.withoutRowid) {
    const id = b.register();
    b.emit(Opcode.Rowid, source.cursor, id);
    return { base: id, count: 1 };
  }
  const key = tableKeyColumns(source.table);
  const base = b.registerBlock(key.length);
  key.forEach((k, i) => ec.emitColumn({ source, column: k.column }, base + i));
  return { base, count: key.length };
}
