// Name resolution for expressions: which table (cursor or register block) a column reference
// reads, with SQLite's errors for unknown and ambiguous names and its rowid aliases.

import { SqliteError } from '../common/errors.js';
import { sameName, type ColumnRef, type Expr } from '../parser/ast.js';
import { isDoubleQuoted, noSuchDoubleQuoted } from '../schema/double-quoted-strings.js';
import type { TableInfo } from '../schema/types.js';

/** A table read through a btree cursor. */
export interface CursorSource {
  readonly kind: 'cursor';
  readonly table: TableInfo;
  /** The name the query uses for it (alias, or the table name). */
  readonly name: string;
  readonly cursor: number;
  /** Rows live in a memory cursor (materialized subquery, view or CTE), not a btree. */
  readonly memory?: boolean;
  /** Columns an unqualified name does not see (the right side of USING / NATURAL joins). */
  readonly hiddenColumns?: ReadonlySet<number>;
  /** The join that brought this source in, when RIGHT or FULL: its USING columns then resolve to it (see resolveColumn). */
  readonly rightJoin?: 'RIGHT' | 'FULL';
  /** Columns `*` and `t.*` leave out (the argument columns of a table-valued function). */
  readonly hiddenFromStar?: ReadonlySet<number>;
  /** Table-valued functions: the expressions its loop evaluates first (so the join order puts the levels they read before it). */
  readonly argumentExprs?: (ec: import('./expr.js').ExprCompiler, terms: readonly Expr[]) => readonly Expr[];
  /** Rows produced while the loop runs (recursive CTEs): emits the loop instead of reading a filled cursor. */
  readonly openStream?: (ec: import('./expr.js').ExprCompiler, where: Expr | null) => { readonly next: number; finish(): void };
  /** Table-valued functions whose columns may have a subtype (json_each.value): what it is for a row (vm/subtype.ts). */
  readonly columnSubtype?: (row: readonly import('../common/values.js').SqlValue[], column: number) => number;
  /** A stored table's database (main, temp, an attached name): `aux.t.x` names its columns. */
  readonly database?: string;
  /** INDEXED BY (the one index the planner may walk) or NOT INDEXED ('none'); see where.ts. */
  readonly indexHint?: import('../schema/types.js').IndexInfo | 'none';
}

/** A row held in registers: column i in base+i, rowid in `rowid` (INSERT/UPDATE new rows). */
export interface RegisterSource {
  readonly kind: 'registers';
  readonly table: TableInfo;
  readonly name: string;
  readonly base: number;
  readonly rowid: number;
}

export type Source = CursorSource | RegisterSource;

export interface Scope {
  readonly sources: readonly Source[];
  /** Expressions already computed into registers (aggregates, captured columns), by node identity. */
  readonly replacements?: ReadonlyMap<Expr, number>;
  /** Result-column aliases (folded names) usable in WHERE, GROUP BY, HAVING and ORDER BY, as SQLite allows. */
  readonly aliases?: ReadonlyMap<string, Expr>;
  /** The enclosing query's scope (subqueries see its columns after their own). */
  readonly outer?: Scope;
  /** Set when a name resolved in `outer`: the subquery is correlated and must be re-run per row. */
  readonly correlation?: { used: boolean };
}

/** A resolved column: `column` is -1 for the rowid. */
export interface ResolvedColumn {
  readonly source: Source;
  readonly column: number;
  /** A USING column of FULL joins: the value is coalesce() of these (the last one is `source`/`column`). */
  readonly coalesce?: readonly ResolvedColumn[];
}

export function isRowidName(name: string): boolean {
  return sameName(name, 'rowid') || sameName(name, 'oid') || sameName(name, '_rowid_');
}

/** Resolves a column reference, or returns null when nothing matches (the caller decides the error). */
export function resolveColumn(scope: Scope, ref: ColumnRef): ResolvedColumn | null {
  const name = ref.column.text;
  const candidates = ref.table ? scope.sources.filter((s) => sameName(s.name, ref.table!.text) && inDatabase(s, ref.schema)) : scope.sources;
  let found: ResolvedColumn | null = null;
  for (const source of candidates) {
    const index = source.table.columns.findIndex((c) => sameName(c.name, name));
    if (index < 0) continue;
    const here: ResolvedColumn = { source, column: index === source.table.rowidAlias ? -1 : index };
    if (ref.table === null && source.kind === 'cursor' && source.hiddenColumns?.has(index)) {
      // SQLite's rule for the USING column of a join, unqualified: the left table's after INNER / LEFT,
      // the right table's after RIGHT, coalesce() of both after FULL (3.39+).
      if (found && source.rightJoin === 'RIGHT') found = here;
      else if (found && source.rightJoin === 'FULL') found = { ...here, coalesce: [...(found.coalesce ?? [found]), here] };
      continue;
    }
    if (found) throw new SqliteError(`ambiguous column name: ${ref.table ? `${ref.table.text}.` : ''}${name}`);
    found = here;
  }
  if (found) return found;
  if (isRowidName(name) && candidates.length === 1 && !candidates[0]!.table.withoutRowid) return { source: candidates[0]!, column: -1 };
  if (isRowidName(name) && candidates.filter((c) => !c.table.withoutRowid).length > 1) throw new SqliteError(`ambiguous column name: ${name}`);
  if (scope.outer && !(ref.table && candidates.length > 0)) {
    const outer = resolveColumn(scope.outer, ref);
    if (outer) {
      if (scope.correlation) scope.correlation.used = true;
      return outer;
    }
  }
  return null;
}

/**
 * SQLite's "no such column"; `sourceText` (the text `ref` was parsed from) lets an unqualified
 * double-quoted name get the hint that it may have been meant as a string.
 */
export function noSuchColumn(ref: ColumnRef, sourceText?: string): SqliteError {
  if (sourceText !== undefined && ref.table === null && isDoubleQuoted(ref.column, sourceText)) return noSuchDoubleQuoted(ref.column);
  return new SqliteError(`no such column: ${ref.schema ? `${ref.schema.text}.` : ''}${ref.table ? `${ref.table.text}.` : ''}${ref.column.text}`);
}

/** A `schema.table.column` reference sees only a table of that database. */
function inDatabase(source: Source, schema: ColumnRef['schema']): boolean {
  return schema === null || (source.kind === 'cursor' && source.database !== undefined && sameName(source.database, schema.text));
}
