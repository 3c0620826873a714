// Schema interpretation: rowid aliases, automatic indexes, column properties, and the CREATE text
// stored in sqlite_schema, each compared with what SQLite does.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parser.js';
import { Schema } from '../../src/schema/schema.js';
import type { SchemaRow } from '../../src/schema/types.js';
import { openConnection } from '../../src/internal.js';
import { runOracle, runTandem } from '../sql/differential.js';

function schemaFromSqlite(statements: string[]): { schema: Schema; db: Database.Database } {
  const db = new Database(':memory:');
  for (const s of statements) db.exec(s);
  const rows = db.prepare('SELECT type, name, tbl_name AS tableName, rootpage AS rootPage, sql FROM sqlite_schema').all() as SchemaRow[];
  return { schema: Schema.fromRows(rows, (sql) => parseStatement(sql)!.statement, 0, 1), db };
}

describe('rowid aliases', () => {
  const cases: [string, boolean][] = [
    ['CREATE TABLE t(id INTEGER PRIMARY KEY, v)', true],
    ['CREATE TABLE t(id integer primary key asc, v)', true],
    ['CREATE TABLE t(id INTEGER PRIMARY KEY DESC, v)', false],
    ['CREATE TABLE t(id INT PRIMARY KEY, v)', false],
    ['CREATE TABLE t(id BIGINT PRIMARY KEY, v)', false],
    ['CREATE TABLE t(id INTEGER, v, PRIMARY KEY(id))', true],
    ['CREATE TABLE t(id INTEGER, v, PRIMARY KEY(id DESC))', true],
    ['CREATE TABLE t(id INTEGER, v, PRIMARY KEY(id, v))', false],
    ['CREATE TABLE t(id "INTEGER" PRIMARY KEY, v)', true],
  ];
  for (const [sql, alias] of cases) {
    it(`${sql} -> ${alias ? 'alias' : 'not an alias'} (as SQLite decides)`, () => {
      const { schema, db } = schemaFromSqlite([sql]);
      db.exec("INSERT INTO t(id, v) VALUES (42, 'x')");
      const sqliteAlias = (db.prepare('SELECT rowid = id FROM t').pluck().get() as number) === 1;
      expect(sqliteAlias).toBe(alias);
      expect(schema.table('t')!.rowidAlias >= 0).toBe(alias);
      db.close();
    });
  }
});

describe('automatic indexes', () => {
  it('match the names, columns and order SQLite creates', () => {
    const { schema, db } = schemaFromSqlite([
      'CREATE TABLE t(a UNIQUE, b, c TEXT PRIMARY KEY, d, UNIQUE(b, d), UNIQUE(a), CONSTRAINT x UNIQUE(d COLLATE NOCASE))',
    ]);
    const sqliteIndexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").pluck().all();
    const table = schema.table('t')!;
    expect(table.indexes.map((i) => i.name).sort()).toEqual(sqliteIndexes);
    for (const index of table.indexes) {
      const info = db.prepare(`SELECT name, coll, desc FROM pragma_index_xinfo('${index.name}') WHERE key = 1`).all() as { name: string; coll: string; desc: number }[];
      expect(index.columns.map((c) => ({ name: table.columns[c.column]!.name, coll: c.collation, desc: c.descending ? 1 : 0 }))).toEqual(info);
      expect(index.unique).toBe(true);
      expect(index.rootPage).toBeGreaterThan(1);
    }
    const origins = db.prepare("SELECT name, origin FROM pragma_index_list('t')").all() as { name: string; origin: string }[];
    for (const { name, origin } of origins) expect(schema.index(name)!.origin).toBe(origin);
    db.close();
  });

  it('column properties: affinity, collation, NOT NULL, defaults, primary key', () => {
    const { schema, db } = schemaFromSqlite(["CREATE TABLE t(a VARCHAR(10) COLLATE NOCASE NOT NULL DEFAULT 'x', b DOUBLE DEFAULT -1.5, c, d BOOLEAN, PRIMARY KEY(c, a))"]);
    const table = schema.table('T')!;
    expect(table.columns.map((c) => [c.name, c.affinity, c.collation, c.notNull, c.primaryKey])).toEqual([
      ['a', 'TEXT', 'NOCASE', true, true],
      ['b', 'REAL', 'BINARY', false, false],
      ['c', 'BLOB', 'BINARY', false, true],
      ['d', 'NUMERIC', 'BINARY', false, false],
    ]);
    expect(table.primaryKey).toEqual([2, 0]);
    expect(table.rowidAlias).toBe(-1);
    db.close();
  });
});

describe('stored CREATE text', () => {
  it('is what SQLite stores, for tables and indexes written in many ways', () => {
    const statements = [
      'create table if not exists Foo ( a int , b text ) ',
      'CREATE TABLE main.bar(x /* comment */ INTEGER PRIMARY KEY, "y z" TEXT DEFAULT (1 + 2))',
      'CREATE TABLE "quoted ""name"""(c)',
      'create unique index if not exists foo_a on Foo(a desc, b collate nocase) where a > 0',
      'CREATE INDEX main.bar_y ON bar("y z")',
    ];
    const tandem = openConnection(':memory:');
    const oracle = new Database(':memory:');
    for (const s of statements) {
      expect(runTandem(tandem, s)).toEqual({ rows: [] });
      oracle.exec(s);
    }
    const query = 'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name';
    expect(runTandem(tandem, query)).toEqual(runOracle(oracle, query));
    tandem.close();
    oracle.close();
  });
});
