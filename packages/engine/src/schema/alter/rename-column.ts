// ALTER TABLE t RENAME COLUMN a TO b: the schema rows to rewrite, as SQLite's renameColumnFunc
// computes them: the definition, the table's own constraints and expressions, indexes on t,
// foreign keys of any table naming t(a), and every view and trigger that resolves to t.a.

import { SqliteError } from '../../common/errors.js';
import { sameName, type Expr, type Span } from '../../parser/ast.js';
import { Catalog, integerPrimaryKey, type ParsedRow, type Relation } from './catalog.js';
import { checkAlterable, checkRealTable, findTableRow, inObject } from './checks.js';
import { replaceTokens } from './edit-sql.js';
import { Resolver, viewColumnNames, type ResolveHooks } from './resolver.js';
import { applyUpdates } from './types.js';
import { checkSchema } from './schema-check.js';
import type { AlterResult, SchemaRow, SchemaUpdate } from './types.js';

export interface RenameColumnOptions {
  /** true when the new name was written quoted in the ALTER statement: then every occurrence is quoted. */
  readonly newNameQuoted?: boolean;
  /** The old-name token as written (for the `no such column: "<token>"` message); defaults to the name. */
  readonly oldNameToken?: string;
}

/**
 * Computes the sqlite_schema changes of `ALTER TABLE table RENAME COLUMN oldName TO newName`.
 * A token written bare becomes the bare new name (unless `newNameQuoted`); a quoted token
 * becomes `"newName"`.
 *
 * @example renameColumn(rows, 't', 'a', 'x').updates[0].newSql  // 'CREATE TABLE t(x, b CHECK(x>0))'
 */
export function renameColumn(
  rows: readonly SchemaRow[], table: string, oldName: string, newName: string, options: RenameColumnOptions = {},
): AlterResult {
  const tableRow = findTableRow(rows, table);
  checkAlterable(tableRow);
  checkRealTable(tableRow, 'rename columns of');
  const catalog = new Catalog(rows, viewColumnNames);
  const target = catalog.find(tableRow.name)!;
  const iCol = target.columns.findIndex((c) => sameName(c, oldName));
  if (iCol < 0) throw new SqliteError(`no such column: "${options.oldNameToken ?? oldName}"`);
  // SQLite first checks that the schema as it stands resolves (renameTestSchema with no "when").
  checkSchema(rows, '');
  const column = iCol === target.rowidAlias ? -1 : iCol;
  const zOld = target.columns[iCol]!;

  const updates: SchemaUpdate[] = [];
  for (const parsed of catalog.rows) {
    const { row } = parsed;
    if (row.type === 'index' && !sameName(row.tbl_name, tableRow.name)) continue;
    const tokens = inObject(parsed, '', () => columnTokens(parsed, catalog, target, column, zOld));
    if (tokens.length === 0) continue;
    updates.push({ type: row.type, name: row.name, newSql: replaceTokens(row.sql!, tokens, newName, options.newNameQuoted ?? false) });
  }
  checkSchema(applyUpdates(rows, updates), 'after rename');
  return { updates };
}

/** The tokens of one schema object that name column `column` (-1: the rowid alias) of `target`. */
function columnTokens(parsed: ParsedRow, catalog: Catalog, target: Relation, column: number, zOld: string): Span[] {
  const tokens: Span[] = [];
  const hooks: ResolveHooks = {
    column: (ref, relation, index) => {
      if (relation === target && index === column) tokens.push(ref.column);
    },
    triggerColumn: (ref, relation, index) => {
      const normalized = index === relation.rowidAlias ? -1 : index;
      if (relation === target && normalized === column) tokens.push(ref.column);
    },
    targetColumn: (token, relation) => {
      if (relation === target && sameName(token.text, zOld)) tokens.push(token);
    },
  };
  const resolver = new Resolver(catalog, hooks);
  resolver.sql = parsed.row.sql;
  const statement = parsed.statement;
  switch (statement.kind) {
    case 'CreateTable': {
      const own = sameName(statement.name.name.text, target.name);
      if (own) {
        const def = statement.columns.find((c) => sameName(c.name.text, zOld));
        if (def) tokens.push(def.name);
        // Quirk: in a WITHOUT ROWID table, key lists after the clause that made this column the
        // INTEGER PRIMARY KEY were resolved to the rowid while parsing, so SQLite leaves them as
        // they are (and then reports the broken table).
        const ipk = statement.withoutRowid ? integerPrimaryKey(statement) : null;
        const frozenAfter = ipk && sameName(statement.columns[ipk.column]!.name.text, zOld) ? ipk.at : Infinity;
        for (const k of statement.constraints) {
          if ((k.kind === 'PrimaryKey' || k.kind === 'Unique') && k.start > frozenAfter) continue;
          if (k.kind === 'PrimaryKey' || k.kind === 'Unique') for (const term of k.columns) listColumn(term.expr, zOld, tokens);
          else if (k.kind === 'Check') resolver.tableExpr(k.expr, target);
          else if (k.kind === 'ForeignKey') for (const c of k.columns) if (sameName(c.text, zOld)) tokens.push(c);
        }
        for (const c of statement.columns) {
          for (const k of c.constraints) {
            if (k.kind === 'Check' || k.kind === 'Generated') resolver.tableExpr(k.expr, target);
          }
        }
      }
      const fks = [
        ...statement.columns.flatMap((c) => c.constraints.flatMap((k) => (k.kind === 'References' ? [k.foreignKey] : []))),
        ...statement.constraints.flatMap((k) => (k.kind === 'ForeignKey' ? [k.foreignKey] : [])),
      ];
      for (const fk of fks) {
        if (!sameName(fk.table.text, target.name)) continue;
        for (const c of fk.columns ?? []) if (sameName(c.text, zOld)) tokens.push(c);
      }
      break;
    }
    case 'CreateIndex':
      for (const term of statement.columns) resolver.tableExpr(term.expr, target);
      if (statement.where) resolver.tableExpr(statement.where, target);
      break;
    case 'CreateView':
      resolver.select(statement.select);
      break;
    case 'CreateTrigger':
      resolver.trigger(statement);
      break;
    default:
      break;
  }
  return tokens;
}

/** A PRIMARY KEY / UNIQUE list entry: a column name, possibly with COLLATE. */
function listColumn(expr: Expr, zOld: string, tokens: Span[]): void {
  const inner = expr.kind === 'Collate' ? expr.operand : expr;
  if (inner.kind === 'Column' && inner.table === null && sameName(inner.column.text, zOld)) tokens.push(inner.column);
}
