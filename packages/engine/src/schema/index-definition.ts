// Builds IndexInfo from a CREATE INDEX statement against its table.

import { SqliteError } from '../common/errors.js';
import { sameName, type CreateIndexStatement, type Expr } from '../parser/ast.js';
import { isDoubleQuoted, noSuchDoubleQuoted, settleDoubleQuoted } from './double-quoted-strings.js';
import { EXPRESSION_COLUMN, type IndexColumn, type IndexInfo, type TableInfo } from './types.js';

/**
 * `schemaText`: the statement is stored schema being loaded, where a double-quoted name that is no
 * column of the table is a string (see double-quoted-strings.ts); for DDL the user sends it is an error.
 */
export function defineIndex(statement: CreateIndexStatement, sql: string, table: TableInfo, rootPage: number, sourceText: string = sql, schemaText = true): IndexInfo {
  const isColumn = (name: string): boolean => table.columns.some((c) => sameName(c.name, name));
  const isColumnOrRowid = (name: string): boolean => isColumn(name) || (!table.withoutRowid && ['rowid', 'oid', '_rowid_'].some((r) => sameName(r, name)));
  const columns: IndexColumn[] = statement.columns.map((term) => {
    let expr = term.expr;
    let collation: string | null = null;
    if (expr.kind === 'Collate') {
      collation = expr.collation.text.toUpperCase();
      expr = expr.operand;
    }
    if (expr.kind === 'String') {
      // SQLite accepts a string literal naming a column in CREATE INDEX (legacy quirk).
      expr = { kind: 'Column', schema: null, table: null, column: { text: expr.value, quoted: true, start: expr.start, end: expr.end }, start: expr.start, end: expr.end };
    }
    if (expr.kind === 'Column' && !expr.table && schemaText && isDoubleQuoted(expr.column, sourceText) && !isColumn(expr.column.text)) {
      expr = settleDoubleQuoted(expr, sourceText, isColumn, true);
    }
    if (expr.kind !== 'Column' || expr.table) {
      if (schemaText) expr = settleDoubleQuoted(expr, sourceText, isColumn, true);
      checkIndexExpression(expr, table, sourceText);
      // SQLite gives an expression column the collation written on it, else BINARY.
      return { column: EXPRESSION_COLUMN, expr, collation: collation ?? 'BINARY', descending: term.direction === 'DESC' };
    }
    const name = expr.column.text;
    const column = table.columns.findIndex((c) => sameName(c.name, name));
    if (column < 0) {
      // SQLite hints that a double-quoted name might have been meant as a string.
      if (isDoubleQuoted(expr.column, sourceText)) throw noSuchDoubleQuoted(expr.column);
      throw new SqliteError(`no such column: ${name}`);
    }
    return { column, collation: collation ?? table.columns[column]!.collation, descending: term.direction === 'DESC' };
  });
  return {
    name: statement.name.name.text,
    tableName: table.name,
    rootPage,
    sql,
    unique: statement.unique,
    origin: 'c',
    columns,
    where: statement.where && settleDoubleQuoted(statement.where, sourceText, isColumnOrRowid, schemaText),
  };
}

/**
 * The checks SQLite's name resolution makes on an index expression that need no function
 * registry: column names of this table only, no "." qualifier, no subquery, no parameter. The
 * compiler adds the function checks (determinism, aggregates) when the index is created.
 */
function checkIndexExpression(expr: Expr, table: TableInfo, sourceText: string): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object' || !('kind' in node)) return;
    const e = node as Expr;
    if (e.kind === 'Column') {
      if (e.table) {
        if (!sameName(e.table.text, table.name)) throw new SqliteError(`no such column: ${e.table.text}.${e.column.text}`);
        throw new SqliteError('the "." operator prohibited in index expressions');
      }
      if (table.columns.some((c) => sameName(c.name, e.column.text))) return;
      if (isDoubleQuoted(e.column, sourceText)) throw noSuchDoubleQuoted(e.column);
      throw new SqliteError(`no such column: ${e.column.text}`);
      return;
    }
    if (e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect' || e.kind === 'InTable') throw new SqliteError('subqueries prohibited in index expressions');
    if (e.kind === 'Parameter') throw new SqliteError('parameters prohibited in index expressions');
    for (const [key, value] of Object.entries(e)) if (key !== 'over' && key !== 'start' && key !== 'end') visit(value);
  };
  visit(expr);
}
