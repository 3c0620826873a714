// ALTER TABLE t ADD COLUMN def: SQLite's refusals (sqlite3AlterBeginAddColumn and
// sqlite3AlterFinishAddColumn, same order and texts) and the new CREATE TABLE text.

import { SqliteError } from '../../common/errors.js';
import { sameName, type ColumnDefinition, type CreateTableStatement, type Expr } from '../../parser/ast.js';
import { parseSchemaSql } from './catalog.js';
import { checkAlterable, findTableRow, isVirtualTable } from './checks.js';
import { addColumnOffset } from './table-text.js';
import { checkSchema } from './schema-check.js';
import type { AlterResult, SchemaRow } from './types.js';

export interface AddColumnOptions {
  /** Whether the table holds no rows: some refusals only apply to non-empty tables. */
  readonly tableIsEmpty: boolean;
  /** PRAGMA foreign_keys: enables the REFERENCES-with-default refusal. */
  readonly foreignKeys?: boolean;
  /** Whether a COLLATE name exists on the connection; defaults to BINARY, NOCASE, RTRIM. */
  readonly isKnownCollation?: (name: string) => boolean;
}

/**
 * Computes the new CREATE TABLE text of `ALTER TABLE table ADD COLUMN <columnDefinition>`.
 * `columnDefinition` is the text from the column name to the end of the statement (a trailing
 * `;` and spaces are dropped, as SQLite does). The definition is inserted, after ", ", before
 * the first table constraint or the closing parenthesis.
 *
 * Not covered here (data work for the caller): when the table has a CHECK constraint, a NOT
 * NULL generated column or is STRICT, SQLite then scans existing rows (pragma quick_check) and
 * fails with 'CHECK constraint failed', 'NOT NULL constraint failed' or 'type mismatch on DEFAULT'.
 */
export function addColumn(rows: readonly SchemaRow[], table: string, columnDefinition: string, options: AddColumnOptions): AlterResult {
  const tableRow = findTableRow(rows, table);
  if (isVirtualTable(tableRow)) throw new SqliteError('virtual tables may not be altered');
  if (tableRow.type === 'view') throw new SqliteError('Cannot add a column to a view');
  checkAlterable(tableRow);
  const statement = parseSchemaSql(tableRow.sql!) as CreateTableStatement;
  const text = columnDefinition.replace(/[;\s]+$/, '');
  const column = parseColumn(text);
  if (statement.columns.some((c) => sameName(c.name.text, column.name.text))) {
    throw new SqliteError(`duplicate column name: ${column.name.text}`);
  }
  const isKnown = options.isKnownCollation ?? ((name: string) => ['binary', 'nocase', 'rtrim'].some((c) => sameName(c, name)));
  for (const c of column.constraints) {
    if (c.kind === 'Collate' && !isKnown(c.collation.text)) throw new SqliteError(`no such collation sequence: ${c.collation.text}`, 'SQLITE_ERROR_MISSING_COLLSEQ');
  }
  const kinds = new Set(column.constraints.map((c) => c.kind));
  if (kinds.has('PrimaryKey')) throw new SqliteError('Cannot add a PRIMARY KEY column');
  if (kinds.has('Unique')) throw new SqliteError('Cannot add a UNIQUE column');
  const ifNotEmpty = (message: string): void => {
    if (!options.tableIsEmpty) throw new SqliteError(message);
  };
  const generated = column.constraints.find((c) => c.kind === 'Generated');
  if (generated === undefined) {
    let dflt: Expr | null = null;
    for (const c of column.constraints) if (c.kind === 'Default') dflt = c.expr;
    if (dflt?.kind === 'Null') dflt = null;
    if (options.foreignKeys && kinds.has('References') && dflt) {
      ifNotEmpty('Cannot add a REFERENCES column with non-NULL default value');
    }
    if (kinds.has('NotNull') && !dflt) ifNotEmpty('Cannot add a NOT NULL column with default value NULL');
    if (dflt && !isConstant(dflt)) ifNotEmpty('Cannot add a column with non-constant default');
  } else if (generated.storage === 'STORED') {
    ifNotEmpty('cannot add a STORED column');
  }
  const sql = tableRow.sql!;
  const at = addColumnOffset(sql, statement);
  const newSql = `${sql.slice(0, at)}, ${text}${sql.slice(at)}`;
  checkSchema(rows.map((r) => (r === tableRow ? { ...r, sql: newSql } : r)), 'after add column', true);
  return { updates: [{ type: 'table', name: tableRow.name, newSql }] };
}

function parseColumn(text: string): ColumnDefinition {
  const statement = parseSchemaSql(`CREATE TABLE x(${text})`);
  if (statement.kind !== 'CreateTable' || statement.columns.length !== 1) throw new SqliteError(`near "${text}": syntax error`);
  return statement.columns[0]!;
}

/** What sqlite3ValueFromExpr can evaluate without a VM: literals, signs, CAST of those. */
function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'Integer': case 'Real': case 'String': case 'Blob': case 'Null': case 'Boolean':
      return true;
    case 'Unary':
      return (e.op === '-' || e.op === '+') && isConstant(e.operand);
    case 'Cast':
      return isConstant(e.operand);
    default:
      return false;
  }
}
