// Reads sqlite_schema (the table tree rooted at page 1) from a snapshot and builds the Schema.

import type { SqlValue } from '../common/values.js';
import { openTableCursor } from '../btree/btree.js';
import type { PageSource } from '../pager/types.js';
import { parseStatement } from '../parser/parser.js';
import { decodeRecord } from '../record/record.js';
import { Schema } from '../schema/schema.js';
import type { SchemaRow } from '../schema/types.js';
import { SqliteError } from '../common/errors.js';

const SCHEMA_COOKIE_OFFSET = 40;

export function readSchemaCookie(source: PageSource): number {
  if (source.pageCount() === 0) return 0;
  const page = source.getPage(1);
  return ((page[SCHEMA_COOKIE_OFFSET]! << 24) | (page[SCHEMA_COOKIE_OFFSET + 1]! << 16) | (page[SCHEMA_COOKIE_OFFSET + 2]! << 8) | page[SCHEMA_COOKIE_OFFSET + 3]!) | 0;
}

function text(v: SqlValue | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

export function readSchemaRows(source: PageSource): SchemaRow[] {
  if (source.pageCount() === 0) return [];
  const cursor = openTableCursor(source, 1);
  const rows: SchemaRow[] = [];
  try {
  for (let ok = cursor.first(); ok; ok = cursor.next()) {
    const values = decodeRecord(cursor.payload());
    const sql = values[4];
    rows.push({
      type: text(values[0]),
      name: text(values[1]),
      tableName: text(values[2]),
      rootPage: typeof values[3] === 'bigint' ? Number(values[3]) : 0,
      sql: typeof sql === 'string' ? sql : null,
    });
  }
  } finally {
    cursor.close();
  }
  return rows;
}

export function parseSchemaStatement(sql: string) {
  const parsed = parseStatement(sql);
  if (!parsed) throw new SqliteError('malformed database schema', 'SQLITE_CORRUPT');
  return parsed.statement;
}

/** Loads the schema of database `database` (main unless given: schema/database-list.ts) from its pages. */
export function loadSchema(source: PageSource, generation: number, database = 0): Schema {
  const rows = readSchemaRows(source);
  try {
    return Schema.fromRows(rows, parseSchemaStatement, readSchemaCookie(source), generation, database);
  } catch (error) {
    if (error instanceof SqliteError && error.code === 'SQLITE_ERROR') {
      throw new SqliteError(`malformed database schema - ${error.message}`, 'SQLITE_CORRUPT');
    }
    throw error;
  }
}
