// ALTER TABLE t DROP COLUMN c: SQLite's refusals (sqlite3AlterDropColumn), the new CREATE TABLE
// text (sqlite_drop_column), and the "after drop column" check that no schema object still
// refers to the column.

import { SqliteError } from '../../common/errors.js';
import { sameName, type CreateTableStatement, type Expr } from '../../parser/ast.js';
import { parseSchemaSql } from './catalog.js';
import { checkAlterable, checkRealTable, findTableRow } from './checks.js';
import { checkSchema } from './schema-check.js';
import { addColumnOffset, nextSeparator } from './table-text.js';
import type { AlterResult, SchemaRow } from './types.js';

export interface DropColumnOptions {
  /** The column token as written (for the `no such column: "<token>"` message). */
  readonly nameToken?: string;
}

/**
 * Computes the new CREATE TABLE text of `ALTER TABLE table DROP COLUMN column`. Throws
 * SqliteError with SQLite's message when SQLite refuses, including when an index, view,
 * trigger, CHECK or generated column still uses the column. (Rewriting the rows is the caller's.)
 *
 * @example dropColumn(rows, 't', 'b').updates[0].newSql  // 'CREATE TABLE t(a, c)'
 */
export function dropColumn(rows: readonly SchemaRow[], table: string, column: string, options: DropColumnOptions = {}): AlterResult {
  const tableRow = findTableRow(rows, table);
  checkAlterable(tableRow);
  checkRealTable(tableRow, 'drop column from');
  const sql = tableRow.sql!;
  const statement = parseSchemaSql(sql) as CreateTableStatement;
  const iCol = statement.columns.findIndex((c) => sameName(c.name.text, column));
  if (iCol < 0) throw new SqliteError(`no such column: "${options.nameToken ?? column}"`);
  // Messages name the column as the ALTER statement wrote it (SQLite's zCol), not as declared.
  const name = column;
  const flag = keyFlag(statement, iCol);
  if (flag) throw new SqliteError(`cannot drop ${flag} column: "${name}"`);
  if (statement.columns.length <= 1) throw new SqliteError(`cannot drop column "${name}": no other columns exist`);

  checkSchema(rows, ''); // the schema as it stands must resolve (SQLite's first renameTestSchema)
  let newSql: string;
  if (iCol < statement.columns.length - 1) {
    newSql = sql.slice(0, statement.columns[iCol]!.name.start) + sql.slice(statement.columns[iCol + 1]!.name.start);
  } else {
    const comma = nextSeparator(sql, statement.columns[iCol - 1]!.name.start, 'COMMA');
    newSql = sql.slice(0, comma) + sql.slice(addColumnOffset(sql, statement));
  }
  checkSchema(rows.map((r) => (r === tableRow ? { ...r, sql: newSql } : r)), 'after drop column');
  return { updates: [{ type: 'table', name: tableRow.name, newSql }] };
}

/** COLFLAG_PRIMKEY / COLFLAG_UNIQUE of SQLite: column-level, or a one-column table constraint. */
function keyFlag(statement: CreateTableStatement, iCol: number): 'PRIMARY KEY' | 'UNIQUE' | null {
  const def = statement.columns[iCol]!;
  const kinds = new Set(def.constraints.map((c) => c.kind));
  const named = (e: Expr): boolean => {
    const inner = e.kind === 'Collate' ? e.operand : e;
    return inner.kind === 'Column' && inner.table === null && sameName(inner.column.text, def.name.text);
  };
  if (kinds.has('PrimaryKey')) return 'PRIMARY KEY';
  for (const k of statement.constraints) if (k.kind === 'PrimaryKey' && k.columns.some((t) => named(t.expr))) return 'PRIMARY KEY';
  if (kinds.has('Unique')) return 'UNIQUE';
  for (const k of statement.constraints) {
    if (k.kind === 'Unique' && k.columns.length === 1 && named(k.columns[0]!.expr)) return 'UNIQUE';
  }
  return null;
}
