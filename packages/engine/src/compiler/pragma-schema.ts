// The rows of the schema-describing PRAGMAs (table_info, table_xinfo, table_list, index_list,
// index_info, index_xinfo, foreign_key_list), computed from the schema the statement was compiled
// against. Both forms use them: the PRAGMA statement and the pragma_<name>() table function.

import { indexKeySuffix } from '../schema/without-rowid.js';
import { unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { ColumnDefinition, CreateTableStatement } from '../parser/ast.js';
import { parseStatement } from '../parser/parser.js';
import { foldName } from '../schema/schema.js';
import type { IndexInfo, TableInfo, ViewInfo } from '../schema/types.js';
import { MAIN_DATABASE, TEMP_DATABASE } from '../schema/database-list.js';
import { viewSchema } from './databases.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { compileSelect } from './select.js';

/** The table called `name`; an object Tandem could not interpret raises "not supported" rather than listing nothing. */
function describedTable(ctx: CompileContext, name: string): TableInfo | undefined {
  const table = ctx.schema.table(name);
  if (table) return table;
  const reason = ctx.schema.unreadableReason(name);
  if (reason) throw unsupported(`table ${name} (${reason})`);
  return undefined;
}

/** The parsed CREATE TABLE of a table (null for sqlite_schema or text that no longer parses). */
function createStatement(table: TableInfo): CreateTableStatement | null {
  try {
    const parsed = parseStatement(table.sql);
    return parsed?.statement.kind === 'CreateTable' ? parsed.statement : null;
  } catch {
    return null;
  }
}

/** SQLite reports the six standard type names (any case as written) in upper case, others as written. */
function reportedType(declared: string | null): string {
  if (declared === null) return '';
  const upper = declared.toUpperCase();
  return ['ANY', 'BLOB', 'INT', 'INTEGER', 'REAL', 'TEXT'].includes(upper) ? upper : declared;
}

/** 0 ordinary, 2 generated VIRTUAL, 3 generated STORED (table_xinfo's "hidden"). */
function hiddenKind(definition: ColumnDefinition | undefined): bigint {
  const generated = definition?.constraints.find((c) => c.kind === 'Generated');
  if (!generated || generated.kind !== 'Generated') return 0n;
  return generated.storage === 'STORED' ? 3n : 2n;
}

/** A view's columns as table_info describes them: names and declared types of the SELECT's result. */
function viewColumns(ctx: CompileContext, name: string, found?: ViewInfo): { name: string; type: string | null }[] | null {
  const view = found ?? ctx.schema.view(name);
  if (!view) return null;
  const viewCtx: CompileContext = { ...ctx, schema: viewSchema(ctx, view.database), sql: view.sql, ctes: undefined, viewStack: [...(ctx.viewStack ?? []), view.name] };
  const metas = compileSelect(viewCtx, new ProgramBuilder(), view.statement.select, { kind: 'result' });
  const list = view.statement.columns;
  return metas.map((m, i) => ({ name: list?.[i]?.text ?? m.name, type: m.type }));
}

/** table_info (xinfo=false) or table_xinfo rows: cid, name, type, notnull, dflt_value, pk[, hidden]. */
export function tableInfoRows(ctx: CompileContext, name: string, xinfo: boolean): SqlValue[][] {
  const table = describedTable(ctx, name);
  if (!table) {
    const columns = viewColumns(ctx, name);
    if (!columns) return [];
    return columns.map((c, i) => [BigInt(i), c.name, reportedType(c.type), 0n, null, 0n, ...(xinfo ? [0n] : [])]);
  }
  const definitions = createStatement(table)?.columns;
  const rows: SqlValue[][] = [];
  table.columns.forEach((c, i) => {
    const hidden = hiddenKind(definitions?.[i]);
    if (!xinfo && hidden !== 0n) return;
    const pkPosition = table.primaryKey.indexOf(i);
    const dflt = c.defaultExpr ? table.sql.slice(c.defaultExpr.start, c.defaultExpr.end) : null;
    rows.push([BigInt(xinfo ? i : rows.length), c.name, reportedType(c.declaredType), c.notNull ? 1n : 0n, dflt, pkPosition >= 0 ? BigInt(pkPosition + 1) : 0n, ...(xinfo ? [hidden] : [])]);
  });
  return rows;
}

/**
 * A table's indexes. A WITHOUT ROWID table's PRIMARY KEY is the table's own b-tree, which the
 * schema does not list as an index: it is described here from the key columns, under the name its
 * sqlite_schema row gives it (the index row sharing the table's root page).
 */
function indexesOf(ctx: CompileContext, table: TableInfo): readonly IndexInfo[] {
  if (!table.withoutRowid || table.indexes.some((i) => i.origin === 'pk')) return table.indexes;
  const number = primaryKeyIndexNumber(table);
  if (number === null) return table.indexes;
  const pk: IndexInfo = {
    name: `sqlite_autoindex_${table.name}_${number}`,
    tableName: table.name,
    rootPage: table.rootPage,
    sql: null,
    unique: true,
    origin: 'pk',
    columns: table.withoutRowidKey ?? table.primaryKey.map((column) => ({ column, collation: table.columns[column]!.collation, descending: false })),
    where: null,
  };
  return [pk, ...table.indexes];
}

/** N in sqlite_autoindex_<table>_N for the PRIMARY KEY: its place among the UNIQUE / PRIMARY KEY constraints. */
function primaryKeyIndexNumber(table: TableInfo): number | null {
  const statement = createStatement(table);
  if (!statement) return null;
  const kinds = [...statement.columns.flatMap((c) => c.constraints.map((k) => k.kind)), ...statement.constraints.map((k) => k.kind)].filter((k) => k === 'PrimaryKey' || k === 'Unique');
  const at = kinds.indexOf('PrimaryKey');
  return at < 0 ? null : at + 1;
}

/** The index called `name`, including a WITHOUT ROWID table's PRIMARY KEY (also found by the table's name). */
function findIndex(ctx: CompileContext, name: string): IndexInfo | undefined {
  const index = ctx.schema.index(name);
  if (index) return index;
  const table = ctx.schema.table(name);
  if (table?.withoutRowid) return indexesOf(ctx, table).find((i) => i.origin === 'pk');
  const owner = /^sqlite_autoindex_(.+)_\d+$/i.exec(name);
  const ownerTable = owner ? ctx.schema.table(owner[1]!) : undefined;
  return ownerTable ? indexesOf(ctx, ownerTable).find((i) => foldName(i.name) === foldName(name)) : undefined;
}

/**
 * A table's indexes in SQLite's list order (sqlite3CreateIndex): each new index goes first, except
 * that an ON CONFLICT REPLACE index goes after the leading run of other indexes, so REPLACE
 * constraints are checked last.
 */
function listOrder(ctx: CompileContext, table: TableInfo): IndexInfo[] {
  const list: IndexInfo[] = [];
  for (const index of indexesOf(ctx, table)) {
    const replace = index.onConflict === 'REPLACE';
    if (!replace || list.length === 0 || list[0]!.onConflict === 'REPLACE') {
      list.unshift(index);
      continue;
    }
    let at = 0;
    while (at + 1 < list.length && list[at + 1]!.onConflict !== 'REPLACE') at++;
    list.splice(at + 1, 0, index);
  }
  return list;
}

/** index_list rows: seq, name, unique, origin, partial. */
export function indexListRows(ctx: CompileContext, name: string): SqlValue[][] {
  const table = describedTable(ctx, name);
  if (!table) return [];
  return listOrder(ctx, table).map((index, seq) => [BigInt(seq), index.name, index.unique ? 1n : 0n, index.origin, index.where ? 1n : 0n]);
}

/** index_info (xinfo=false) or index_xinfo rows: seqno, cid, name[, desc, coll, key]. */
export function indexInfoRows(ctx: CompileContext, name: string, xinfo: boolean): SqlValue[][] {
  const index = findIndex(ctx, name);
  if (!index) return [];
  const table = ctx.schema.table(index.tableName);
  if (!table) return [];
  const columnName = (cid: number): string | null => (cid < 0 ? null : (table.columns[cid]?.name ?? null));
  const rows: SqlValue[][] = index.columns.map((c, seqno) => {
    const base: SqlValue[] = [BigInt(seqno), BigInt(c.column), columnName(c.column)];
    return xinfo ? [...base, c.descending ? 1n : 0n, c.collation, 1n] : base;
  });
  if (!xinfo) return rows;
  // The rest of each entry: the rowid, or for WITHOUT ROWID the PRIMARY KEY columns (all other columns for the PK index).
  const inKey = new Set(index.columns.map((c) => c.column));
  const rest: number[] = !table.withoutRowid ? [-1] : index.origin === 'pk' ? table.columns.map((_, i) => i) : [...table.primaryKey];
  for (const cid of rest) {
    if (cid >= 0 && inKey.has(cid)) continue;
    // A WITHOUT ROWID key column keeps its collation (and, in CREATE INDEX indexes, its direction).
    const key = index.origin === 'pk' ? undefined : indexKeySuffix(table, index).find((k) => k.column === cid);
    const collation = key ? key.collation : cid >= 0 ? table.columns[cid]!.collation : 'BINARY';
    rows.push([BigInt(rows.length), BigInt(cid), columnName(cid), key?.descending ? 1n : 0n, collation, 0n]);
  }
  return rows;
}

/**
 * foreign_key_list rows: id, seq, table, from, to, on_update, on_delete, match, from the table's
 * foreign keys as the schema records them (schema/foreign-keys.ts: last declared first, id 0).
 */
export function foreignKeyListRows(ctx: CompileContext, name: string): SqlValue[][] {
  const table = describedTable(ctx, name);
  if (!table) return [];
  const rows: SqlValue[][] = [];
  (table.foreignKeys ?? []).forEach((key, id) => {
    key.columns.forEach((column, seq) => {
      const to = key.parentColumns?.[seq] ?? null;
      rows.push([BigInt(id), BigInt(seq), key.parentTable, table.columns[column]!.name, to, key.onUpdate, key.onDelete, 'NONE']);
    });
  });
  return rows;
}

/**
 * table_list rows: schema, name, type, ncol, wr, strict (every table and view of every database, or
 * of `database`; or the ones named `name`), each database's schema table after its objects.
 */
export function tableListRows(ctx: CompileContext, name: SqlValue, database?: number): SqlValue[][] {
  const rows: SqlValue[][] = [];
  const wanted = typeof name === 'string' ? foldName(name) : null;
  const list = ctx.schema.databases();
  for (const db of list) {
    if (!db || (database !== undefined && db.index !== database)) continue;
    const schema = db.schema;
    for (const row of schema.rows) {
      if (row.type !== 'table' && row.type !== 'view') continue;
      if (wanted !== null && foldName(row.name) !== wanted) continue;
      const table = schema.table(row.name);
      if (table) {
        const virtual = /^\s*create\s+virtual\b/i.test(row.sql ?? '');
        rows.push([db.name, table.name, virtual ? 'virtual' : 'table', BigInt(table.columns.length), table.withoutRowid ? 1n : 0n, table.strict ? 1n : 0n]);
        continue;
      }
      const reason = schema.unreadableReason(row.name);
      if (reason) throw unsupported(`table ${row.name} (${reason})`);
      const view = row.type === 'view' ? schema.view(row.name) : undefined;
      const columns = view ? viewColumns(ctx, row.name, view) : null;
      if (columns) rows.push([db.name, row.name, 'view', BigInt(columns.length), 0n, 0n]);
    }
    if (db.index === TEMP_DATABASE) {
      if (wanted === null || wanted === 'sqlite_temp_schema' || wanted === 'sqlite_temp_master') rows.push(['temp', 'sqlite_temp_schema', 'table', 5n, 0n, 0n]);
    } else if (wanted === null || wanted === 'sqlite_schema' || wanted === 'sqlite_master') rows.push([db.name, 'sqlite_schema', 'table', 5n, 0n, 0n]);
    // A schema that is not combined lists main alone: temp's schema table still exists.
    if (db.index === MAIN_DATABASE && !list[TEMP_DATABASE] && database === undefined && (wanted === null || wanted === 'sqlite_temp_schema' || wanted === 'sqlite_temp_master')) {
      rows.push(['temp', 'sqlite_temp_schema', 'table', 5n, 0n, 0n]);
    }
  }
  return rows;
}
