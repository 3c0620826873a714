import Database from 'better-sqlite3';
import { it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const cases: string[][] = [
  ["ATTACH ':memory:' AS aux", 'CREATE TABLE aux.t(a, b)', 'CREATE TABLE t(a, c)', 'INSERT INTO aux.t VALUES (1, 2)', 'INSERT INTO t VALUES (1, 3)',
   'SELECT aux.t.a, main.t.c FROM aux.t, main.t', 'SELECT t.a FROM aux.t', 'SELECT main.t.a FROM t', 'SELECT aux.t.b FROM aux.t',
   'SELECT * FROM main.t JOIN aux.t USING (a)', 'SELECT * FROM main.t, aux.t', 'SELECT temp.x.a FROM t', 'PRAGMA database_list',
   'CREATE TEMP TABLE x(q)', 'PRAGMA database_list', 'SELECT * FROM pragma_table_list ORDER BY schema, name', "SELECT * FROM pragma_table_info('t', 'aux')",
   'PRAGMA aux.table_info(t)', 'PRAGMA temp.table_info(x)', "SELECT * FROM pragma_index_list('t', 'nosuch')", 'PRAGMA aux.user_version = 7', 'PRAGMA aux.user_version', 'PRAGMA user_version',
   'PRAGMA temp.user_version', 'SELECT * FROM sqlite_temp_master', 'SELECT name FROM aux.sqlite_master', 'SELECT name FROM aux.sqlite_temp_master',
   'CREATE VIEW aux.v AS SELECT a FROM t', 'SELECT * FROM aux.v', 'SELECT * FROM v', 'CREATE VIEW mv AS SELECT * FROM temp.x', 'CREATE VIEW mv2 AS SELECT * FROM x', 'SELECT * FROM mv2',
   'ALTER TABLE aux.t ADD COLUMN z DEFAULT 5', 'SELECT * FROM aux.t', 'ALTER TABLE aux.t RENAME TO t2', 'SELECT * FROM aux.t2', 'ALTER TABLE x RENAME COLUMN q TO r', 'SELECT * FROM temp.sqlite_master',
   'DROP TABLE aux.t2', 'DROP TABLE aux.nosuch', 'DROP TABLE IF EXISTS aux.nosuch', 'DROP INDEX aux.nosuch', 'DROP VIEW aux.nosuch', 'DROP TRIGGER aux.nosuch', 'DROP TRIGGER temp.nosuch'],
  ['CREATE TEMP TABLE t(a INTEGER PRIMARY KEY, b UNIQUE)', 'INSERT INTO t VALUES (1, 1)', 'INSERT INTO t VALUES (2, 1)', 'INSERT OR REPLACE INTO t VALUES (3, 1)', 'SELECT * FROM t',
   'INSERT INTO t VALUES (5, 5) ON CONFLICT(b) DO UPDATE SET a = 9', 'INSERT INTO t VALUES (6, 5) ON CONFLICT(b) DO UPDATE SET a = 9', 'SELECT * FROM t', 'CREATE TEMP TABLE c(x REFERENCES t(a))',
   'PRAGMA foreign_keys = 1', 'INSERT INTO c VALUES (100)', 'INSERT INTO c VALUES (9)', 'DELETE FROM t', 'SELECT * FROM c', 'PRAGMA foreign_key_list(c)', 'CREATE TABLE m(x REFERENCES t(a))', 'INSERT INTO m VALUES (42)',
   'CREATE TEMP TABLE w(a, b) WITHOUT ROWID', 'CREATE TEMP TABLE w2(a PRIMARY KEY, b) WITHOUT ROWID', 'INSERT INTO w2 VALUES (1, 2), (3, 4)', 'SELECT * FROM w2 WHERE a = 3',
   'CREATE TEMP TABLE s AS SELECT 1 AS one, 2 AS two', 'SELECT * FROM s', 'CREATE TEMP TABLE ai(id INTEGER PRIMARY KEY AUTOINCREMENT)', 'SELECT * FROM temp.sqlite_sequence',
   'CREATE INDEX temp.ix ON s(one)', 'CREATE INDEX main.ix2 ON s(one)', 'CREATE INDEX ix3 ON nosuch(one)', 'REINDEX temp.ix', 'REINDEX', 'VACUUM', 'VACUUM temp', 'PRAGMA integrity_check', 'PRAGMA temp.integrity_check'],
  ['CREATE TABLE t(x)', 'BEGIN', 'CREATE TEMP TABLE tt(y)', 'INSERT INTO tt VALUES (1)', 'SAVEPOINT a', 'INSERT INTO tt VALUES (2)', 'INSERT INTO t VALUES (2)', 'RELEASE a', 'SAVEPOINT b', 'DROP TABLE tt', 'ROLLBACK TO b', 'SELECT * FROM tt', 'COMMIT', 'SELECT * FROM tt', 'SELECT * FROM t',
   'CREATE TEMP TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO tt VALUES (new.x * 10); END', 'INSERT INTO t VALUES (7)', 'SELECT * FROM tt', 'BEGIN', 'INSERT INTO t VALUES (8)', 'ROLLBACK', 'SELECT * FROM tt', 'DROP TABLE t', 'SELECT name FROM sqlite_temp_master',
   "ATTACH ':memory:' AS a1", "ATTACH ':memory:' AS a2", 'CREATE TABLE a2.q(z)', 'DETACH a1', 'PRAGMA database_list', "ATTACH ':memory:' AS a3", 'PRAGMA database_list', 'SELECT * FROM a2.q'],
];

it('scratch', () => {
  for (const statements of cases) {
    const c = openConnection(':memory:');
    const o = new Database(':memory:');
    const d = differences(c, o, statements);
    if (d.length) console.log(d.join('\n'));
    c.close();
    o.close();
  }
});
