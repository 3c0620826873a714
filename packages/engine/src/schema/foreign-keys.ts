// FOREIGN KEY constraints of a table, as SQLite records them from CREATE TABLE: the child columns,
// the parent table and (optional) parent columns by name, the ON DELETE / ON UPDATE actions and
// whether the constraint is deferred. Parent tables are resolved by name when a statement is
// compiled (a parent may be created after, or dropped before, its children).

import { SqliteError } from '../common/errors.js';
import { sameName, type CreateTableStatement, type ForeignKeyAction, type ForeignKeyClause } from '../parser/ast.js';
import type { ColumnInfo } from './types.js';

export interface ForeignKeyInfo {
  /** Child columns (positions in the child table), in declaration order. */
  readonly columns: readonly number[];
  /** The parent table's name as written. */
  readonly parentTable: string;
  /** Parent column names as written, parallel to `columns`; null means "the parent's PRIMARY KEY". */
  readonly parentColumns: readonly string[] | null;
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  /** DEFERRABLE INITIALLY DEFERRED: checked at COMMIT instead of at the end of each statement. */
  readonly deferred: boolean;
}

function isDeferred(clause: ForeignKeyClause): boolean {
  return clause.deferrable !== null && !clause.deferrable.not && clause.deferrable.initially === 'DEFERRED';
}

function define(columns: number[], clause: ForeignKeyClause): ForeignKeyInfo {
  return {
    columns,
    parentTable: clause.table.text,
    parentColumns: clause.columns ? clause.columns.map((c) => c.text) : null,
    onDelete: clause.onDelete ?? 'NO ACTION',
    onUpdate: clause.onUpdate ?? 'NO ACTION',
    deferred: isDeferred(clause),
  };
}

/**
 * The table's foreign keys in SQLite's order: the last declared first (that order gives the ids
 * PRAGMA foreign_key_list and foreign_key_check report). Raises SQLite's CREATE TABLE errors.
 */
export function defineForeignKeys(statement: CreateTableStatement, columns: readonly ColumnInfo[]): ForeignKeyInfo[] {
  const keys: ForeignKeyInfo[] = [];
  statement.columns.forEach((definition, index) => {
    for (const constraint of definition.constraints) {
      if (constraint.kind !== 'References') continue;
      const clause = constraint.foreignKey;
      if (clause.columns && clause.columns.length !== 1) {
        throw new SqliteError(`foreign key on ${definition.name.text} should reference only one column of table ${clause.table.text}`);
      }
      keys.push(define([index], clause));
    }
  });
  for (const constraint of statement.constraints) {
    if (constraint.kind !== 'ForeignKey') continue;
    const clause = constraint.foreignKey;
    if (clause.columns && clause.columns.length !== constraint.columns.length) {
      throw new SqliteError('number of columns in foreign key does not match the number of columns in the referenced table');
    }
    const childColumns = constraint.columns.map((name) => {
      const position = columns.findIndex((c) => sameName(c.name, name.text));
      if (position < 0) throw new SqliteError(`unknown column "${name.text}" in foreign key definition`);
      return position;
    });
    keys.push(define(childColumns, clause));
  }
  return keys.reverse();
}
