// Differential harness for ALTER TABLE's schema rewriting: run a schema and an ALTER on
// better-sqlite3 (SQLite 3.53), run our function on the same original sqlite_schema rows,
// and compare the resulting rows (exact text) or the error message.

import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { SqliteError } from '../../src/common/errors.js';
import { addColumn, dropColumn, renameColumn, renameTable, type AlterResult, type SchemaRow } from '../../src/schema/alter/index.js';
import { parseStatement } from '../../src/parser/parser.js';

type Outcome = { rows: SchemaRow[]; sequence?: unknown[] } | { error: string };

function readRows(db: Database.Database): SchemaRow[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid').all() as SchemaRow[];
}

/** Runs `setup` then `alter` on SQLite; returns the original rows and SQLite's outcome. */
export function runOnSqlite(setup: string, alter: string): { before: SchemaRow[]; after: Outcome } {
  const db = new Database(':memory:');
  try {
    db.exec(setup);
    const before = readRows(db);
    try {
      db.exec(alter);
    } catch (error) {
      return { before, after: { error: (error as Error).message } };
    }
    return { before, after: { rows: readRows(db) } };
  } finally {
    db.close();
  }
}

/** Applies our updates to the original rows, in place of each row (sqlite_schema keeps its order). */
export function applyUpdates(rows: readonly SchemaRow[], result: AlterResult): SchemaRow[] {
  return rows.map((row) => {
    const update = result.updates.find((u) => u.type === row.type && u.name === row.name);
    if (!update) return row;
    return {
      type: row.type,
      name: update.newName ?? row.name,
      tbl_name: update.newTblName ?? row.tbl_name,
      sql: update.newSql ?? row.sql,
    };
  });
}

/** Asserts that our function yields exactly what SQLite did for `alter` on `setup`. */
export function expectSameAsSqlite(setup: string, alter: string, ours: (rows: readonly SchemaRow[]) => AlterResult): 'changed' | 'error' {
  const { before, after } = runOnSqlite(setup, alter);
  let mine: Outcome;
  try {
    mine = { rows: applyUpdates(before, ours(before)) };
  } catch (error) {
    if (!(error instanceof SqliteError)) throw error;
    mine = { error: error.message };
  }
  expect(mine, `${alter}\non: ${setup}`).toEqual(after);
  return 'error' in after ? 'error' : 'changed';
}

/** Whether the table is empty on SQLite after `setup` (ADD COLUMN refusals depend on it). */
export function isEmpty(setup: string, table: string): boolean {
  const db = new Database(':memory:');
  try {
    db.exec(setup);
    const row = db.prepare(`SELECT count(*) AS n FROM "${table.split('"').join('""')}"`).get() as { n: number };
    return row.n === 0;
  } finally {
    db.close();
  }
}

/**
 * Runs the ALTER TABLE statement `sql` through our library the way the code generator will:
 * parse it, then call the function for its action with the names as the parser gives them.
 */
export function alterFromSql(rows: readonly SchemaRow[], sql: string, state: { tableIsEmpty: boolean }): AlterResult {
  const parsed = parseStatement(sql);
  const statement = parsed?.statement;
  if (statement?.kind !== 'AlterTable') throw new Error(`not an ALTER TABLE: ${sql}`);
  const table = statement.table.name.text;
  const action = statement.action;
  switch (action.kind) {
    case 'RenameTable':
      return renameTable(rows, table, action.newName.text);
    case 'RenameColumn':
      return renameColumn(rows, table, action.column.text, action.newName.text, {
        newNameQuoted: action.newName.quoted,
        oldNameToken: sql.slice(action.column.start, action.column.end),
      });
    case 'AddColumn':
      return addColumn(rows, table, sql.slice(action.column.start), { tableIsEmpty: state.tableIsEmpty, foreignKeys: true });
    case 'DropColumn':
      return dropColumn(rows, table, action.column.text, { nameToken: sql.slice(action.column.start, action.column.end) });
    default:
      throw new Error(`not covered: ${action.kind}`);
  }
}
