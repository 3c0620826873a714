// The in-memory schema: tables, indexes, views and triggers as loaded from sqlite_schema. Every
// object is immutable; DDL produces a new Schema (the connection swaps it in after a reload).

import type { CreateTriggerStatement, CreateViewStatement, Expr } from '../parser/ast.js';
import type { Affinity } from '../values/affinity.js';

export interface ColumnInfo {
  readonly name: string;
  /** Declared type as written (SQLite keeps it verbatim), or null. */
  readonly declaredType: string | null;
  readonly affinity: Affinity;
  /** A subquery/view/CTE column made from an expression without affinity (`affinity` then reads BLOB). */
  readonly noAffinity?: boolean;
  /** Collation name (BINARY when none was declared). */
  readonly collation: string;
  readonly notNull: boolean;
  /** DEFAULT expression, or null (NULL default). */
  readonly defaultExpr: Expr | null;
  /** The column is part of the PRIMARY KEY. */
  readonly primaryKey: boolean;
  /** The column is generated (GENERATED ALWAYS AS); `generatedAs` then holds how (schema/generated.ts). */
  readonly generated: boolean;
  readonly generatedAs?: { readonly expr: Expr; readonly stored: boolean };
  /** ON CONFLICT clause of the NOT NULL constraint, or null. */
  readonly notNullConflict?: 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE' | null;
}

export interface IndexColumn {
  /** Table column index, -1 for the rowid (never in user indexes; used for key layout), or EXPRESSION_COLUMN. */
  readonly column: number;
  /** The indexed expression when `column` is EXPRESSION_COLUMN (`CREATE INDEX i ON t(lower(a))`). */
  readonly expr?: Expr;
  readonly collation: string;
  readonly descending: boolean;
}

/** IndexColumn.column of an expression (SQLite's XN_EXPR: PRAGMA index_info reports it as cid -2). */
export const EXPRESSION_COLUMN = -2;

export interface IndexInfo {
  readonly name: string;
  readonly tableName: string;
  readonly rootPage: number;
  /** CREATE INDEX text, or null for automatic indexes. */
  readonly sql: string | null;
  readonly unique: boolean;
  /** 'c' = CREATE INDEX, 'u' = UNIQUE constraint, 'pk' = PRIMARY KEY constraint. */
  readonly origin: 'c' | 'u' | 'pk';
  readonly columns: readonly IndexColumn[];
  /** Partial index condition, or null. */
  readonly where: Expr | null;
  /** ON CONFLICT clause of the UNIQUE/PRIMARY KEY constraint behind an automatic index, or null. */
  readonly onConflict?: 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE' | null;
}

export interface TableInfo {
  readonly name: string;
  readonly rootPage: number;
  readonly sql: string;
  readonly columns: readonly ColumnInfo[];
  /** Index of the INTEGER PRIMARY KEY column (the rowid alias), or -1. */
  readonly rowidAlias: number;
  /** ON CONFLICT clause of the INTEGER PRIMARY KEY constraint, or null. */
  readonly rowidConflict?: 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE' | null;
  /** Columns of the PRIMARY KEY in key order (empty when none was declared). */
  readonly primaryKey: readonly number[];
  readonly withoutRowid: boolean;
  /**
   * WITHOUT ROWID only: the PRIMARY KEY as the table b-tree's key (repeated columns dropped, as
   * SQLite does), with collations and directions. Each record holds these columns, then the
   * table's other columns in table order (schema/storage-layout.ts).
   */
  readonly withoutRowidKey?: readonly IndexColumn[];
  /** WITHOUT ROWID only: how many automatic indexes SQLite made before the key's (its place in uniqueness checks). */
  readonly withoutRowidKeyOrder?: number;
  readonly strict: boolean;
  readonly autoincrement: boolean;
  /** CHECK constraints: the name SQLite reports (constraint name, else the expression text) and the expression. */
  readonly checks: readonly { readonly name: string; readonly expr: import('../parser/ast.js').Expr }[];
  /** Indexes on this table, automatic ones first in creation order, then CREATE INDEX ones. */
  readonly indexes: readonly IndexInfo[];
  /** FOREIGN KEY constraints (schema/foreign-keys.ts), the last declared first; absent means none. */
  readonly foreignKeys?: readonly import('./foreign-keys.js').ForeignKeyInfo[];
}

export interface ViewInfo {
  readonly name: string;
  readonly sql: string;
  readonly statement: CreateViewStatement;
  /** The database the view is stored in (schema/database-list.ts); main when absent. */
  readonly database?: number;
}

export interface TriggerInfo {
  readonly name: string;
  readonly tableName: string;
  readonly sql: string;
  readonly statement: CreateTriggerStatement;
  /** The database the trigger is stored in (schema/database-list.ts); main when absent. */
  readonly database?: number;
}

/** One row of sqlite_schema. */
export interface SchemaRow {
  readonly type: string;
  readonly name: string;
  readonly tableName: string;
  readonly rootPage: number;
  readonly sql: string | null;
}
