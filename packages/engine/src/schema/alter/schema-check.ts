// SQLite's renameTestSchema: after an ALTER, every schema object must still parse and resolve;
// the first one (in sqlite_schema order) that does not makes the ALTER fail with
// `error in <type> <name> <when>: <message>`.

import { SqliteError } from '../../common/errors.js';
import { sameName, type CreateTableStatement } from '../../parser/ast.js';
import { Catalog, tableRelation, type ParsedRow } from './catalog.js';
import { inObject } from './checks.js';
import { Resolver, viewColumnNames } from './resolver.js';
import type { SchemaRow } from './types.js';

/**
 * Throws SQLite's error for the first schema object of `rows` that does not resolve, checking
 * in SQLite's order. Without a `when` it is one renameTestSchema pass over every row. With one
 * ("after rename"...), SQLite first reloads the schema, parsing tables and indexes in
 * sqlite_schema order with double-quoted strings allowed, then (unless `reloadOnly`, as for
 * ADD COLUMN) runs renameTestSchema over every row with them disallowed.
 */
export function checkSchema(rows: readonly SchemaRow[], when: string, reloadOnly = false): void {
  const catalog = new Catalog(rows, viewColumnNames);
  const resolver = new Resolver(catalog, {});
  const pass = (order: readonly ParsedRow[], dqsAsString: boolean): void => {
    for (const parsed of order) {
      resolver.sql = parsed.row.sql;
      resolver.dqsAsString = dqsAsString;
      inObject(parsed, when, () => validate(parsed, catalog, resolver));
    }
  };
  if (when !== '') pass(catalog.rows.filter((p) => p.row.type === 'table' || p.row.type === 'index'), true);
  if (!reloadOnly) pass(catalog.rows, false);
}

function validate(parsed: ParsedRow, catalog: Catalog, resolver: Resolver): void {
  const statement = parsed.statement;
  switch (statement.kind) {
    case 'CreateTable': {
      const relation = catalog.find(statement.name.name.text) ?? tableRelation(statement);
      statement.columns.forEach((c, i) => {
        if (statement.columns.slice(0, i).some((p) => sameName(p.name.text, c.name.text))) {
          throw new SqliteError(`duplicate column name: ${c.name.text}`);
        }
      });
      if (statement.strict) checkStrictTypes(statement);
      // sqlite3EndTable reports this last, so its message replaces any other.
      const isGenerated = (c: (typeof statement.columns)[number]): boolean => c.constraints.some((k) => k.kind === 'Generated');
      if (statement.columns.some(isGenerated) && statement.columns.every(isGenerated)) throw new SqliteError('must have at least one non-generated column');
      const has = (name: string): boolean => relation.columns.some((c) => sameName(c, name));
      for (const k of statement.constraints) {
        if (k.kind === 'ForeignKey') {
          for (const c of k.columns) if (!has(c.text)) throw new SqliteError(`unknown column "${c.text}" in foreign key definition`);
        } else if (k.kind === 'PrimaryKey' || k.kind === 'Unique') {
          for (const term of k.columns) {
            // A "double-quoted" name that is no column is a string there: an expression.
            const bare = term.expr.kind === 'Collate' ? term.expr.operand : term.expr;
            if (bare.kind === 'Column' && bare.table === null && !has(bare.column.text) && resolver.dqsAsString && resolver.isDoubleQuoted(bare.column)) {
              throw new SqliteError('expressions prohibited in PRIMARY KEY and UNIQUE constraints');
            }
            resolver.tableExpr(term.expr, relation);
          }
        }
      }
      // sqlite3EndTable resolves the CHECK list (in text order) before generated columns.
      for (const c of statement.columns) for (const k of c.constraints) if (k.kind === 'Check') resolver.tableExpr(k.expr, relation);
      for (const k of statement.constraints) if (k.kind === 'Check') resolver.tableExpr(k.expr, relation);
      for (const c of statement.columns) for (const k of c.constraints) if (k.kind === 'Generated') resolver.tableExpr(k.expr, relation);
      return;
    }
    case 'CreateIndex': {
      const relation = catalog.find(statement.table.text);
      if (!relation) throw new SqliteError(`no such table: main.${statement.table.text}`);
      // sqlite3CreateIndex resolves the partial-index WHERE before the indexed columns.
      if (statement.where) resolver.tableExpr(statement.where, relation);
      for (const term of statement.columns) resolver.tableExpr(term.expr, relation);
      return;
    }
    case 'CreateView':
      resolver.select(statement.select);
      return;
    case 'CreateTrigger':
      resolver.trigger(statement);
      return;
    default:
      return;
  }
}

const STRICT_TYPES = ['INT', 'INTEGER', 'REAL', 'TEXT', 'BLOB', 'ANY'];

/** STRICT tables: every column needs one of the six type names (sqlite3EndTable's check). */
function checkStrictTypes(statement: CreateTableStatement): void {
  const table = statement.name.name.text;
  for (const c of statement.columns) {
    if (c.type === null) throw new SqliteError(`missing datatype for ${table}.${c.name.text}`);
    if (!STRICT_TYPES.includes(c.type.text.toUpperCase())) {
      throw new SqliteError(`unknown datatype for ${table}.${c.name.text}: "${c.type.text}"`);
    }
  }
}
