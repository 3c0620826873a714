// The data ALTER TABLE's schema-text rewriting works on: sqlite_schema rows in, row updates out.

/** One row of sqlite_schema, as stored (sql is null for autoindexes). */
export interface SchemaRow {
  readonly type: 'table' | 'index' | 'view' | 'trigger';
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

/**
 * A change the caller must write back to sqlite_schema: the row is identified by its
 * ORIGINAL `type` and `name`; the fields given are its new values (absent = unchanged).
 */
export interface SchemaUpdate {
  readonly type: SchemaRow['type'];
  readonly name: string;
  readonly newName?: string;
  readonly newTblName?: string;
  readonly newSql?: string;
}

export interface AlterResult {
  /** Rows to rewrite, in sqlite_schema order. Rows not listed are unchanged. */
  readonly updates: readonly SchemaUpdate[];
}

/** The rows as they are after `updates` (same order: sqlite_schema keeps rowids). */
export function applyUpdates(rows: readonly SchemaRow[], updates: readonly SchemaUpdate[]): SchemaRow[] {
  return rows.map((row) => {
    const update = updates.find((u) => u.type === row.type && u.name === row.name);
    if (!update) return row;
    return { type: row.type, name: update.newName ?? row.name, tbl_name: update.newTblName ?? row.tbl_name, sql: update.newSql ?? row.sql };
  });
}
