// The databases of one connection, as SQLite numbers them: 0 "main", 1 "temp" (a private in-memory
// database made on first use), 2+ attached ones. Each has its own file, b-trees and schema.
//
// Programs address a b-tree (and a header field) of database `db` with one number,
// db * DATABASE_STRIDE + page: main's addresses are its plain page numbers, so nothing changes for
// a connection that never uses temp or ATTACH. Page numbers are 32-bit, so addresses stay exact.

import type { Schema } from './schema.js';
import type { TableInfo } from './types.js';

export const DATABASE_STRIDE = 2 ** 32;
export const MAIN_DATABASE = 0;
export const TEMP_DATABASE = 1;
/** SQLITE_MAX_ATTACHED's default: at most 10 attached databases (besides main and temp). */
export const MAX_ATTACHED = 10;

/** The address of page (or header offset) `n` of database `db`. */
export function databaseAddress(db: number, n: number): number {
  return db * DATABASE_STRIDE + n;
}

/** The database and the page (or header offset) an address names. */
export function splitAddress(address: number): { db: number; n: number } {
  const db = Math.floor(address / DATABASE_STRIDE);
  return { db, n: address - db * DATABASE_STRIDE };
}

/** The database a table or index (by its root address) lives in. */
export function databaseOfRoot(rootPage: number): number {
  return Math.floor(rootPage / DATABASE_STRIDE);
}

/** sqlite_schema (or sqlite_temp_schema) of any database: root page 1. */
export function isSchemaTable(table: TableInfo): boolean {
  return rootPageOf(table.rootPage) === 1;
}

/** The page number within its own file of a root address. */
export function rootPageOf(address: number): number {
  return splitAddress(address).n;
}

/** One database of a connection, as the compiler sees it. */
export interface DatabaseSchema {
  /** main, temp, or the ATTACH name (as written). */
  readonly name: string;
  readonly index: number;
  readonly schema: Schema;
  /** The file name PRAGMA database_list reports ("" for in-memory and temp databases). */
  readonly file: string;
  /** Its number in SQLite's compacted list (PRAGMA database_list's seq, and the search order); index when absent. */
  readonly seq?: number;
  /** false for temp until its first write (PRAGMA database_list leaves it out until then). */
  readonly open?: boolean;
}
