// Test doubles: drivers that deliberately disagree with better-sqlite3, to prove the tools notice.

import type { QueryResult, SqlDriver, SqlValue } from '../src/driver.js';
import { storageTypeOf } from '../src/driver.js';

/** Wraps a driver and rewrites the results of queries (value by value, or the row list). */
export function alteringDriver(
  inner: SqlDriver,
  alter: { value?: (value: SqlValue, sql: string) => SqlValue; rows?: (rows: SqlValue[][], sql: string) => SqlValue[][]; error?: (sql: string) => Error | null },
): SqlDriver {
  return {
    name: `altered-${inner.name}`,
    exec: (sql) => {
      const error = alter.error?.(sql);
      if (error) throw error;
      inner.exec(sql);
    },
    query: (sql, params): QueryResult => {
      const error = alter.error?.(sql);
      if (error) throw error;
      const result = inner.query(sql, params);
      let rows = result.rows.map((row) => row.map((v) => (alter.value ? alter.value(v, sql) : v)));
      if (alter.rows) rows = alter.rows(rows, sql);
      return { columns: result.columns, rows, types: rows.map((r) => r.map(storageTypeOf)) };
    },
    close: () => inner.close(),
  };
}
