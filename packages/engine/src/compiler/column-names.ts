// Result-column names under PRAGMA full_column_names and short_column_names, as SQLite's
// generateColumnNames gives them to the outermost SELECT: an AS name always wins; `*` expands to
// COLUMN, or ALIAS.COLUMN when full is on and short off; otherwise a column reference is named
// COLUMN (short on) or TABLE.COLUMN by its real table (full on), and anything else, or every
// expression when both are off, by its text.

export interface ColumnNaming {
  readonly full: boolean;
  readonly short: boolean;
}

/** The name of column `column` of the FROM item called `itemName` in a `*` expansion. */
export function starColumnName(naming: ColumnNaming | undefined, itemName: string, column: string): string {
  return naming?.full && !naming.short ? `${itemName}.${column}` : column;
}

/**
 * The name of a result expression without AS. `column` is the table column it reads (its table's
 * declared name and the column's, `rowid` for the rowid), null when it is not a table column;
 * `defaultName` is the name under SQLite's default settings; `text` is the expression as written.
 */
export function expressionColumnName(naming: ColumnNaming | undefined, column: { table: string; column: string } | null, defaultName: string, text: string): string {
  if (!naming) return defaultName;
  if (!naming.short && !naming.full) return text;
  if (column && naming.full) return `${column.table}.${column.column}`;
  return defaultName;
}
