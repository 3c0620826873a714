// The refusals every ALTER TABLE form shares (system tables, views, virtual tables), with
// SQLite's message texts, and the wrapper that names the schema object an error came from.

import { SqliteError } from '../../common/errors.js';
import { sameName } from '../../parser/ast.js';
import type { ParsedRow } from './catalog.js';
import type { SchemaRow } from './types.js';

/** The table row named `name` (tables and views), or SQLite's "no such table" error. */
export function findTableRow(rows: readonly SchemaRow[], name: string): SchemaRow {
  const row = rows.find((r) => (r.type === 'table' || r.type === 'view') && sameName(r.name, name));
  if (row === undefined) throw new SqliteError(`no such table: ${name}`);
  return row;
}

/** SQLite's isAlterableTable: names starting with sqlite_ belong to the system. */
export function checkAlterable(row: SchemaRow): void {
  if (/^sqlite_/i.test(row.name)) throw new SqliteError(`table ${row.name} may not be altered`);
}

export function isVirtualTable(row: SchemaRow): boolean {
  return row.type === 'table' && row.sql !== null && /^CREATE\s+VIRTUAL\b/i.test(row.sql);
}

/** SQLite's isRealTable: `cannot <op> view "v"` / `cannot <op> virtual table "v"`. */
export function checkRealTable(row: SchemaRow, operation: 'rename columns of' | 'drop column from'): void {
  const kind = row.type === 'view' ? 'view' : isVirtualTable(row) ? 'virtual table' : null;
  if (kind !== null) throw new SqliteError(`cannot ${operation} ${kind} "${row.name}"`);
}

/**
 * Runs `work` for one schema object; an error it raises is reported as SQLite's
 * renameColumnParseError does: `error in <type> <name>[ <when>]: <message>`.
 */
export function inObject<T>(parsed: ParsedRow, when: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof SqliteError) || error.code !== 'SQLITE_ERROR') throw error;
    const suffix = when ? ` ${when}` : '';
    throw new SqliteError(`error in ${parsed.row.type} ${parsed.row.name}${suffix}: ${error.message}`);
  }
}

