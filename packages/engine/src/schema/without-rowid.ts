// The record layouts of a WITHOUT ROWID table, as SQLite stores them: the table is an index
// b-tree whose entries hold the PRIMARY KEY columns, then the other columns in table order; each
// secondary index entry holds the index columns, then the PRIMARY KEY columns it lacks.

import type { IndexColumn, IndexInfo, TableInfo } from './types.js';
import { isVirtualColumn } from './generated.js';

const layouts = new WeakMap<TableInfo, { order: number[]; position: number[] }>();

function layout(table: TableInfo): { order: number[]; position: number[] } {
  let found = layouts.get(table);
  if (!found) {
    const key = table.withoutRowidKey ?? [];
    // VIRTUAL generated columns are in no record (schema/generated.ts).
    const order = [...key.map((k) => k.column), ...table.columns.map((_, i) => i).filter((i) => !key.some((k) => k.column === i) && !isVirtualColumn(table.columns[i]!))];
    const position = table.columns.map((_, i) => order.indexOf(i));
    found = { order, position };
    layouts.set(table, found);
  }
  return found;
}

/** Table column of each record field of a WITHOUT ROWID table, in record order. */
export function storedColumnOrder(table: TableInfo): readonly number[] {
  return layout(table).order;
}

/** The record field a column is read from: itself for a rowid table, its place in the layout otherwise. */
export function storedPosition(table: TableInfo, column: number): number {
  return table.withoutRowid ? layout(table).position[column]! : column;
}

/** The key of the table b-tree: the PRIMARY KEY columns (a WITHOUT ROWID table's "index"). */
export function tableKeyColumns(table: TableInfo): readonly IndexColumn[] {
  return table.withoutRowidKey ?? [];
}

/**
 * The PRIMARY KEY columns a secondary index of a WITHOUT ROWID table appends to its own columns.
 * SQLite's quirk: the automatic indexes of UNIQUE constraints (made before the key is known) append
 * them in ascending order; CREATE INDEX keeps the key's directions.
 */
export function indexKeySuffix(table: TableInfo, index: IndexInfo): readonly IndexColumn[] {
  const suffix = tableKeyColumns(table).filter((k) => !index.columns.some((c) => c.column === k.column && c.collation === k.collation));
  return index.origin === 'c' ? suffix : suffix.map((k) => (k.descending ? { ...k, descending: false } : k));
}
