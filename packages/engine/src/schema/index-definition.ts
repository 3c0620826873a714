// Builds IndexInfo from a CREATE INDEX statement against its table.

import { SqliteError } from '../common/errors.js';
import { sameName, type CreateIndexStatement } from '../parser/ast.js';
import type { IndexColumn, IndexInfo, TableInfo } from './types.js';

export function defineIndex(statement: CreateIndexStatement, sql: string, table: TableInfo, rootPage: number, sourceText: string = sql): IndexInfo {
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
    if (expr.kind !== 'Column' || expr.table) throw new SqliteError('not supported by Tandem yet: indexes on expressions');
    const name = expr.column.text;
    const column = table.columns.findIndex((c) => sameName(c.name, name));
    if (column < 0) {
      if (table.rowidAlias < 0 && ['rowid', 'oid', '_rowid_'].some((n) => sameName(n, name))) {
        throw new SqliteError('not supported by Tandem yet: rowid in an index');
      }
      // SQLite hints that a double-quoted name might have been meant as a string.
      if (expr.column.quoted && sourceText[expr.column.start] === '"') {
        throw new SqliteError(`no such column: "${name}" - should this be a string literal in single-quotes?`);
      }
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
    where: statement.where,
  };
}
