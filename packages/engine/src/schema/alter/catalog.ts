// The schema as ALTER TABLE's rewriter sees it: every sqlite_schema row parsed once, and the
// column names of every table and view, so names in views and triggers can be resolved.

import { SqliteError } from '../../common/errors.js';
import { sameName, type CreateTableStatement, type Select, type Statement } from '../../parser/ast.js';
import { parseStatement } from '../../parser/parser.js';
import type { SchemaRow } from './types.js';

/** A table or view the resolver can put in a FROM clause. */
export interface Relation {
  readonly kind: 'table' | 'view';
  readonly name: string;
  readonly columns: readonly string[];
  /** Index of the INTEGER PRIMARY KEY column (the rowid alias), or -1. */
  readonly rowidAlias: number;
  readonly hasRowid: boolean;
  /** Set for views: their query, whose column names are computed on first use. */
  readonly select?: Select;
}

export interface ParsedRow {
  readonly row: SchemaRow;
  readonly statement: Statement;
}

export class Catalog {
  readonly rows: readonly ParsedRow[];
  private readonly relations = new Map<string, Relation>();

  constructor(rows: readonly SchemaRow[], viewColumns: (select: Select, catalog: Catalog) => string[]) {
    const parsed: ParsedRow[] = [];
    // The schema table itself can be queried by views and triggers under any of its names.
    const schemaColumns = ['type', 'name', 'tbl_name', 'rootpage', 'sql'];
    for (const name of ['sqlite_schema', 'sqlite_master']) {
      this.relations.set(name, { kind: 'table', name, columns: schemaColumns, rowidAlias: -1, hasRowid: true });
    }
    for (const row of rows) {
      if (row.sql === null) continue;
      const statement = parseSchemaSql(row.sql);
      // System tables (sqlite_sequence, sqlite_stat1) can be read but are never rewritten.
      if (!/^sqlite_/i.test(row.name)) parsed.push({ row, statement });
      if (statement.kind === 'CreateTable') this.relations.set(row.name.toLowerCase(), tableRelation(statement));
      else if (statement.kind === 'CreateVirtualTable')
        this.relations.set(row.name.toLowerCase(), { kind: 'table', name: row.name, columns: [], rowidAlias: -1, hasRowid: true });
    }
    this.rows = parsed;
    this.viewColumns = viewColumns;
    for (const { row, statement } of parsed) {
      if (statement.kind !== 'CreateView') continue;
      this.relations.set(row.name.toLowerCase(), {
        kind: 'view', name: row.name, columns: [], rowidAlias: -1, hasRowid: false, select: statement.select,
      });
      this.pendingViews.set(row.name.toLowerCase(), statement.columns?.map((c) => c.text) ?? null);
    }
  }

  private readonly viewColumns: (select: Select, catalog: Catalog) => string[];
  private readonly pendingViews = new Map<string, string[] | null>();

  /** The table or view named `name` (case-insensitive), with view columns resolved lazily. */
  find(name: string): Relation | undefined {
    const key = name.toLowerCase();
    const relation = this.relations.get(key);
    if (relation === undefined || relation.kind === 'table' || !this.pendingViews.has(key)) return relation;
    const declared = this.pendingViews.get(key) ?? null;
    this.pendingViews.delete(key); // before computing: a view that refers to itself sees no columns
    const columns = declared ?? this.viewColumns(relation.select!, this);
    const resolved: Relation = { ...relation, columns };
    this.relations.set(key, resolved);
    return resolved;
  }

  /** Replaces (or adds) a table's description, e.g. with a column removed. */
  replaceTable(name: string, relation: Relation): void {
    this.relations.set(name.toLowerCase(), relation);
  }
}

/** Parses stored CREATE text; a failure is reported as SQLite reports a corrupt schema row. */
export function parseSchemaSql(sql: string): Statement {
  const parsed = parseStatement(sql, 0, { keepAllNames: true });
  if (parsed === null) throw new SqliteError('malformed database schema', 'SQLITE_CORRUPT');
  return parsed.statement;
}

/** Column names and the rowid alias of a CREATE TABLE statement. */
export function tableRelation(statement: CreateTableStatement): Relation {
  const columns = statement.columns.map((c) => c.name.text);
  return {
    kind: 'table',
    name: statement.name.name.text,
    columns,
    rowidAlias: statement.withoutRowid ? -1 : rowidAliasOf(statement),
    hasRowid: !statement.withoutRowid,
  };
}

function isIntegerType(statement: CreateTableStatement, column: number): boolean {
  const type = statement.columns[column]?.type;
  return type != null && type.text.toUpperCase() === 'INTEGER';
}

function rowidAliasOf(statement: CreateTableStatement): number {
  return integerPrimaryKey(statement)?.column ?? -1;
}

/**
 * The column SQLite's parser takes as INTEGER PRIMARY KEY (Table.iPKey) while reading the
 * statement, WITHOUT ROWID or not, and the offset of the clause that made it so: a
 * column-level `INTEGER PRIMARY KEY` (not DESC), or a one-column table PRIMARY KEY on an
 * INTEGER column (DESC or not).
 */
export function integerPrimaryKey(statement: CreateTableStatement): { column: number; at: number } | null {
  for (let i = 0; i < statement.columns.length; i++) {
    for (const c of statement.columns[i]!.constraints) {
      // `INTEGER PRIMARY KEY DESC` is not a rowid alias (a quirk SQLite keeps for compatibility).
      if (c.kind === 'PrimaryKey') return isIntegerType(statement, i) && c.direction !== 'DESC' ? { column: i, at: c.start } : null;
    }
  }
  for (const c of statement.constraints) {
    if (c.kind !== 'PrimaryKey' || c.columns.length !== 1) continue;
    const term = c.columns[0]!;
    // Here DESC does not matter: only the column-level form has the DESC exception.
    const expr = term.expr.kind === 'Collate' ? term.expr.operand : term.expr;
    if (expr.kind !== 'Column' || expr.table !== null) return null;
    const index = statement.columns.findIndex((col) => sameName(col.name.text, expr.column.text));
    return index >= 0 && isIntegerType(statement, index) ? { column: index, at: c.start } : null;
  }
  return null;
}
