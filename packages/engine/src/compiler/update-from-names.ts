// UPDATE ... FROM with more than one FROM item: SQLite's parser wraps the items in a nested FROM,
// `(SELECT * FROM <items>)`, whose `*` it expands to one qualified reference per column (and per
// rowid) of each item, preceded by an unqualified reference per USING name of the item after it.
// Resolving that expansion raises "ambiguous column name" for duplicate aliases and for USING names
// another item also has; these checks raise the same errors in the same order.

import { SqliteError } from '../common/errors.js';
import { sameName, type FromClause } from '../parser/ast.js';
import { flatten, type FlatSource } from './from.js';
import type { CursorSource } from './scope.js';
import { isRowidName } from './scope.js';

interface Item {
  readonly source: CursorSource;
  /** As SQLite qualifies the item's columns: `main` for tables and views, `*` for subqueries and CTEs. */
  readonly schema: string;
  /** The alias, else the table's declared name; null for an unaliased subquery (always unique). */
  readonly name: string | null;
  readonly hasRowid: boolean;
  /** Names in the item's USING list (or its NATURAL join's common columns). */
  readonly using: readonly string[];
}

/** The name SQLite gives a table's rowid in the expansion: the first of _ROWID_, ROWID, OID not taken by a column. */
function rowidAlias(source: CursorSource): string | null {
  return ['_ROWID_', 'ROWID', 'OID'].find((n) => !source.table.columns.some((c) => sameName(c.name, n))) ?? null;
}

function describeItems(from: FromClause, sources: readonly CursorSource[], isCte: (name: string) => boolean): Item[] {
  const flat: FlatSource[] = [];
  flatten(from, null, flat);
  return flat.map((entry, i) => {
    const source = sources[i]!;
    const using = [...(source.hiddenColumns ?? [])].map((c) => source.table.columns[c]!.name);
    const ast = entry.source;
    if (ast.kind === 'TableRef') {
      const cte = !ast.name.schema && isCte(ast.name.name.text);
      const name = ast.alias?.text ?? (source.memory ? (cte ? ast.name.name.text : source.table.name) : source.table.name);
      return { source, schema: cte ? '*' : 'main', name, hasRowid: !source.memory && !source.table.withoutRowid, using };
    }
    if (ast.kind === 'TableFunction') return { source, schema: 'main', name: ast.alias?.text ?? ast.name.name.text, hasRowid: false, using };
    return { source, schema: '*', name: ast.alias?.text ?? null, hasRowid: false, using };
  });
}

function columnIndex(item: Item, column: string): number {
  return item.source.table.columns.findIndex((c) => sameName(c.name, column));
}

/** Resolves `column` (qualified by schema and name when given) over the items; throws when ambiguous. */
function resolveOrThrow(items: readonly Item[], column: string, qualifier: { schema: string; name: string } | null): void {
  const candidates = qualifier ? items.filter((it) => it.schema === qualifier.schema && it.name !== null && sameName(it.name, qualifier.name)) : items;
  let count = 0;
  for (const item of candidates) {
    if (columnIndex(item, column) < 0) continue;
    // A later item's USING column resolves to the leftmost table (inner and left joins).
    if (count > 0 && item.using.some((u) => sameName(u, column))) continue;
    count++;
  }
  if (count === 0 && qualifier && isRowidName(column)) count = candidates.filter((c) => c.hasRowid).length;
  if (count > 1) throw new SqliteError(`ambiguous column name: ${qualifier ? `${qualifier.schema}.${qualifier.name}.` : ''}${column}`);
}

/** Raises SQLite's errors for the nested FROM an UPDATE's multi-item FROM clause becomes. */
export function checkNestedFromNames(from: FromClause, sources: readonly CursorSource[], isCte: (name: string) => boolean): void {
  if (sources.length < 2) return;
  const items = describeItems(from, sources, isCte);
  items.forEach((item, i) => {
    for (const u of items[i + 1]?.using ?? []) resolveOrThrow(items, u, null);
    if (item.name === null) return;
    const qualifier = { schema: item.schema, name: item.name };
    item.source.table.columns.forEach((c, k) => {
      if (!item.source.hiddenFromStar?.has(k)) resolveOrThrow(items, c.name, qualifier);
    });
    const rowid = item.hasRowid ? rowidAlias(item.source) : null;
    if (rowid) resolveOrThrow(items, rowid, qualifier);
  });
}
