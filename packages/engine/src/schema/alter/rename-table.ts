// ALTER TABLE old RENAME TO new: the schema rows to rewrite, as SQLite's renameTableFunc and
// sqlite3AlterRenameTable compute them (non-legacy mode: views and triggers are edited too).

import { SqliteError } from '../../common/errors.js';
import { sameName, type Name, type Span } from '../../parser/ast.js';
import { Catalog, type ParsedRow, type Relation } from './catalog.js';
import { checkAlterable, findTableRow, inObject, isVirtualTable } from './checks.js';
import { replaceTokens } from './edit-sql.js';
import { Resolver, viewColumnNames, type ResolveHooks } from './resolver.js';
import { applyUpdates, type AlterResult, type SchemaRow, type SchemaUpdate } from './types.js';
import { checkSchema } from './schema-check.js';

export interface RenameTableOptions {
  /**
   * PRAGMA legacy_alter_table=ON: only the table's own definition, its indexes' and triggers' ON
   * clauses (and other tables' REFERENCES when `foreignKeys`) are rewritten; views, trigger bodies,
   * CHECK and index expressions keep the old name, and only tables and indexes are re-checked.
   */
  readonly legacy?: boolean;
  /** PRAGMA foreign_keys (only consulted in legacy mode). */
  readonly foreignKeys?: boolean;
}

export interface RenameTableResult extends AlterResult {
  /** The caller must also run: UPDATE sqlite_sequence SET name = `to` WHERE name = `from`. */
  readonly sequence: { readonly from: string; readonly to: string };
}

/**
 * Computes the sqlite_schema changes of `ALTER TABLE oldName RENAME TO newName`.
 * The new name is always written double-quoted, as SQLite does. Throws SqliteError with
 * SQLite's message when the rename is refused or would break a view or trigger.
 *
 * @example renameTable(rows, 't', 't2').updates
 *   // [{ type: 'table', name: 't', newName: 't2', newTblName: 't2', newSql: 'CREATE TABLE "t2"(a)' }]
 */
export function renameTable(rows: readonly SchemaRow[], oldName: string, newName: string, options: RenameTableOptions = {}): RenameTableResult {
  const tableRow = findTableRow(rows, oldName);
  const clash = rows.find((r) => (r.type === 'table' || r.type === 'view' || r.type === 'index') && sameName(r.name, newName));
  if (clash) throw new SqliteError(`there is already another table or index with this name: ${newName}`);
  checkAlterable(tableRow);
  if (/^sqlite_/i.test(newName)) throw new SqliteError(`object name reserved for internal use: ${newName}`);
  if (tableRow.type === 'view') throw new SqliteError(`view ${tableRow.name} may not be altered`);

  const catalog = new Catalog(rows, viewColumnNames);
  const target = catalog.find(tableRow.name)!;
  const newSql = new Map<SchemaRow, string>();
  for (const parsed of catalog.rows) {
    const { row } = parsed;
    if (row.type === 'index' && !sameName(row.tbl_name, tableRow.name)) continue;
    const tokens = options.legacy
      ? legacyTableTokens(parsed, target, options.foreignKeys ?? false)
      : inObject(parsed, '', () => tableTokens(parsed, catalog, target, isVirtualTable(row)));
    if (tokens.length > 0) newSql.set(row, replaceTokens(row.sql!, tokens, newName, true));
  }

  const updates: SchemaUpdate[] = [];
  for (const row of rows) {
    const owned = sameName(row.tbl_name, tableRow.name) && row.type !== 'view';
    const sql = newSql.get(row);
    if (!owned && sql === undefined) continue;
    const update: { -readonly [K in keyof SchemaUpdate]: SchemaUpdate[K] } = { type: row.type, name: row.name };
    if (sql !== undefined) update.newSql = sql;
    if (owned) {
      update.newTblName = newName;
      if (row.type === 'table') update.newName = newName;
      else if (row.type === 'index' && /^sqlite_autoindex/i.test(row.name)) {
        update.newName = `sqlite_autoindex_${newName}${row.name.slice(17 + tableRow.name.length)}`;
      }
    }
    updates.push(update);
  }
  // Legacy mode still reloads the schema (tables and indexes must resolve), but tests no view or trigger.
  checkSchema(applyUpdates(rows, updates), 'after rename', options.legacy === true);
  return { updates, sequence: { from: tableRow.name, to: newName } };
}

/** Legacy mode: only the tokens that name the table itself, never inside expressions or queries. */
function legacyTableTokens(parsed: ParsedRow, target: Relation, foreignKeys: boolean): Span[] {
  const statement = parsed.statement;
  switch (statement.kind) {
    case 'CreateTable': {
      const tokens: Span[] = [];
      if (foreignKeys) {
        const fks = [
          ...statement.columns.flatMap((c) => c.constraints.flatMap((k) => (k.kind === 'References' ? [k.foreignKey] : []))),
          ...statement.constraints.flatMap((k) => (k.kind === 'ForeignKey' ? [k.foreignKey] : [])),
        ];
        for (const fk of fks) if (sameName(fk.table.text, target.name)) tokens.push(fk.table);
      }
      if (sameName(statement.name.name.text, target.name)) tokens.push(statement.name.name);
      return tokens;
    }
    case 'CreateVirtualTable':
      return sameName(statement.name.name.text, target.name) ? [statement.name.name] : [];
    case 'CreateIndex':
      return sameName(statement.table.text, target.name) ? [statement.table] : [];
    case 'CreateTrigger':
      return sameName(statement.table.name.text, target.name) ? [statement.table.name] : [];
    default:
      return [];
  }
}

/** The tokens of one schema object that name the table being renamed. */
function tableTokens(parsed: ParsedRow, catalog: Catalog, target: Relation, isVirtual: boolean): Span[] {
  const tokens: Span[] = [];
  const hooks: ResolveHooks = {
    table: (token: Name, relation: Relation) => {
      if (relation === target) tokens.push(token);
    },
    column: (ref, relation, _column, qualifiedByName) => {
      if (relation === target && qualifiedByName && ref.table) tokens.push(ref.table);
    },
  };
  const resolver = new Resolver(catalog, hooks);
  resolver.sql = parsed.row.sql;
  const statement = parsed.statement;
  switch (statement.kind) {
    case 'CreateTable': {
      const fks = [
        ...statement.columns.flatMap((c) => c.constraints.flatMap((k) => (k.kind === 'References' ? [k.foreignKey] : []))),
        ...statement.constraints.flatMap((k) => (k.kind === 'ForeignKey' ? [k.foreignKey] : [])),
      ];
      for (const fk of fks) if (sameName(fk.table.text, target.name)) tokens.push(fk.table);
      if (sameName(statement.name.name.text, target.name)) {
        for (const k of statement.constraints) if (k.kind === 'Check') resolver.tableExpr(k.expr, target);
        for (const c of statement.columns) {
          for (const k of c.constraints) if (k.kind === 'Check') resolver.tableExpr(k.expr, target);
        }
        tokens.push(statement.name.name);
      }
      break;
    }
    case 'CreateVirtualTable':
      if (isVirtual && sameName(statement.name.name.text, target.name)) tokens.push(statement.name.name);
      break;
    case 'CreateIndex':
      tokens.push(statement.table);
      if (statement.where) resolver.tableExpr(statement.where, target);
      break;
    case 'CreateView':
      resolver.select(statement.select);
      break;
    case 'CreateTrigger':
      if (sameName(statement.table.name.text, target.name)) tokens.push(statement.table.name);
      resolver.trigger(statement);
      break;
    default:
      break;
  }
  return tokens;
}
