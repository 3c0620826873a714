// STRICT tables (sqlite3EndTable's rules): every column names one of six types, ANY columns keep
// values as given (BLOB affinity), and PRIMARY KEY columns other than the rowid are NOT NULL.

import { SqliteError } from '../common/errors.js';
import type { CreateTableStatement } from '../parser/ast.js';
import { Affinity } from '../values/affinity.js';
import type { ColumnInfo } from './types.js';

/** The type names a STRICT column may have, as SQLite spells them in its errors. */
export type StrictType = 'ANY' | 'BLOB' | 'INT' | 'INTEGER' | 'REAL' | 'TEXT';

const STRICT_TYPES: readonly StrictType[] = ['ANY', 'BLOB', 'INT', 'INTEGER', 'REAL', 'TEXT'];

/** The STRICT type a declared type names exactly (case-insensitive), or null. */
export function strictTypeOf(declaredType: string | null): StrictType | null {
  if (declaredType === null) return null;
  const upper = declaredType.toUpperCase();
  return STRICT_TYPES.find((t) => t === upper) ?? null;
}

/**
 * Checks a STRICT table's column types and returns its columns with STRICT's adjustments.
 * `rowidAlias` is the INTEGER PRIMARY KEY column (-1 when none).
 */
export function applyStrictRules(statement: CreateTableStatement, columns: readonly ColumnInfo[], rowidAlias: number): ColumnInfo[] {
  const table = statement.name.name.text;
  return columns.map((column, i) => {
    const type = strictTypeOf(column.declaredType);
    if (type === null) {
      if (column.declaredType === null) throw new SqliteError(`missing datatype for ${table}.${column.name}`);
      throw new SqliteError(`unknown datatype for ${table}.${column.name}: "${column.declaredType}"`);
    }
    let adjusted = column;
    if (type === 'ANY') adjusted = { ...adjusted, affinity: Affinity.Blob };
    if (column.primaryKey && i !== rowidAlias && !column.notNull) adjusted = { ...adjusted, notNull: true, notNullConflict: null };
    return adjusted;
  });
}
