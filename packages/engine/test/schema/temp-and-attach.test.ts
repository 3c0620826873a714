// TEMP objects and ATTACH/DETACH: the connection's list of databases (main, temp, attached ones),
// name resolution across them, their transactions and savepoints, compared with SQLite.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import TandemDatabase from '../../src/index.js';
import { openConnection } from '../../src/internal.js';
import { differences, expectSameInMemory, runTandem } from '../sql/differential.js';

describe('TEMP tables, views, indexes and triggers', () => {
  it('creates temp objects that shadow main and live in sqlite_temp_schema', () => {
    expectSameInMemory([
      'CREATE TABLE t(a, b)',
      "INSERT INTO t VALUES (1, 'main')",
      'CREATE TEMP TABLE t(a, b)',
      "INSERT INTO t VALUES (2, 'temp')",
      'SELECT * FROM t',
      'SELECT * FROM main.t',
      'SELECT * FROM temp.t',
      "SELECT type, name, tbl_name, sql FROM sqlite_temp_master",
      "SELECT type, name FROM temp.sqlite_schema",
      "SELECT type, name FROM sqlite_schema",
      'CREATE INDEX ti ON t(b)',
      "SELECT name, tbl_name FROM sqlite_temp_schema WHERE type = 'index'",
      "SELECT count(*) FROM sqlite_schema WHERE type = 'index'",
      'SELECT b FROM t WHERE b = \'temp\'',
      'DROP TABLE t',
      'SELECT * FROM t',
      'DROP TABLE t',
      'SELECT * FROM t',
    ]);
  });

  it('reports SQLite errors for temp names', () => {
    expectSameInMemory([
      'CREATE TEMP TABLE main.x(a)',
      'CREATE TEMP TABLE temp.x(a)',
      'CREATE TEMP TABLE x(a)',
      'CREATE TABLE temp.x(a)',
      'CREATE TABLE nosuch.y(a)',
      'SELECT * FROM nosuch.y',
      'SELECT * FROM main.x',
      'INSERT INTO main.x VALUES (1)',
      'CREATE TEMP VIEW main.v AS SELECT 1',
      'CREATE TEMP TRIGGER main.tr AFTER INSERT ON x BEGIN SELECT 1; END',
    ]);
  });

  it('temp views and triggers, temp triggers on main tables firing first', () => {
    expectSameInMemory([
      'CREATE TABLE t(x)',
      'CREATE TABLE log(seq INTEGER PRIMARY KEY, who TEXT)',
      "CREATE TRIGGER m1 BEFORE INSERT ON t BEGIN INSERT INTO log(who) VALUES ('m1'); END",
      "CREATE TRIGGER m2 BEFORE INSERT ON t BEGIN INSERT INTO log(who) VALUES ('m2'); END",
      "CREATE TEMP TRIGGER t1 BEFORE INSERT ON t BEGIN INSERT INTO log(who) VALUES ('t1'); END",
      "CREATE TEMP TRIGGER t2 BEFORE INSERT ON t BEGIN INSERT INTO log(who) VALUES ('t2'); END",
      'INSERT INTO t VALUES (1)',
      'SELECT * FROM log ORDER BY seq',
      "SELECT type, name, tbl_name FROM sqlite_temp_master ORDER BY name",
      'CREATE TEMP VIEW v AS SELECT x * 2 AS y FROM t',
      'SELECT * FROM v',
      'SELECT * FROM temp.v',
      'SELECT * FROM main.v',
      'DROP VIEW v',
      'DROP TRIGGER t1',
      'DROP TABLE t',
      'SELECT name FROM sqlite_temp_master',
    ]);
  });

  it('temp changes take part in transactions and savepoints', () => {
    expectSameInMemory([
      'CREATE TABLE m(a)',
      'CREATE TEMP TABLE t(a)',
      'BEGIN',
      'INSERT INTO t VALUES (1)',
      'INSERT INTO m VALUES (1)',
      'ROLLBACK',
      'SELECT count(*) FROM t',
      'BEGIN',
      'INSERT INTO t VALUES (2)',
      'SAVEPOINT s',
      'INSERT INTO t VALUES (3)',
      'CREATE TEMP TABLE u(b)',
      'ROLLBACK TO s',
      'SELECT * FROM t',
      "SELECT name FROM sqlite_temp_master",
      'COMMIT',
      'SELECT * FROM t',
      'BEGIN',
      'CREATE TEMP TABLE w(c)',
      'INSERT INTO w VALUES (1)',
      'ROLLBACK',
      'SELECT * FROM w',
      'CREATE TEMP TABLE k(a PRIMARY KEY)',
      'INSERT INTO k VALUES (1)',
      'INSERT INTO k VALUES (2), (1)',
      'SELECT * FROM k',
    ]);
  });

  it('is private to its connection', () => {
    const a = openConnection(':memory:');
    try {
      a.exec('CREATE TEMP TABLE t(x); INSERT INTO t VALUES (1)');
      const b = openConnection(':memory:');
      const oracle = new Database(':memory:');
      expect(differences(b, oracle, ['SELECT * FROM t', 'SELECT count(*) FROM sqlite_temp_master'])).toEqual([]);
      b.close();
      oracle.close();
    } finally {
      a.close();
    }
  });
});

describe('names across databases', () => {
  it('qualified columns and joins of same-named tables, writes through qualified names', () => {
    expectSameInMemory([
      "ATTACH ':mem' || 'ory:' AS x",
      'CREATE TABLE x.t(a PRIMARY KEY, b)',
      'CREATE TABLE t(a, c)',
      'INSERT INTO t VALUES (1, 2), (3, 4)',
      'INSERT INTO x.t SELECT * FROM main.t',
      'SELECT x.t.a, main.t.c FROM x.t, main.t ORDER BY 1, 2',
      'SELECT * FROM main.t JOIN x.t USING (a)',
      'SELECT * FROM main.t, x.t ORDER BY 1, 3',
      'SELECT temp.x.a FROM t',
      'INSERT INTO x.t VALUES (1, 9) ON CONFLICT(a) DO UPDATE SET b = excluded.b',
      'UPDATE x.t SET b = t2.c FROM main.t AS t2 WHERE t2.a = x.t.a',
      'SELECT * FROM x.t',
      'WITH c AS (SELECT * FROM x.t) SELECT * FROM c',
      'CREATE VIEW x.v AS SELECT a FROM t',
      'SELECT * FROM x.v',
      'CREATE TEMP TABLE tt AS SELECT * FROM x.t',
      'SELECT * FROM tt',
      'SELECT * FROM x.t WHERE a = 3',
      'ALTER TABLE x.t ADD COLUMN z DEFAULT 5',
      'ALTER TABLE x.t RENAME TO t2',
      'SELECT * FROM x.t2',
      'DROP TABLE x.nosuch',
      'DROP TABLE IF EXISTS x.nosuch',
      'DROP INDEX x.nosuch',
      'DROP TRIGGER temp.nosuch',
      'PRAGMA x.table_info(t2)',
      "SELECT * FROM pragma_table_info('t2', 'x')",
      "SELECT * FROM pragma_index_list('t', 'nosuch')",
      'PRAGMA x.user_version = 7',
      'PRAGMA x.user_version',
      'PRAGMA user_version',
      'PRAGMA x.integrity_check',
    ]);
  });

  it('reports each result column\'s database as SQLite does', () => {
    const sql = ['ATTACH \':memory:\' AS aux', 'CREATE TABLE aux.t(a INTEGER, b)', 'CREATE TEMP TABLE u(c TEXT)', 'CREATE TABLE m(d)'];
    const query = 'SELECT t.a, x.b, u.c, m.d, * FROM aux.t, aux.t AS x, u, m';
    const tandem = new TandemDatabase(':memory:');
    const oracle = new Database(':memory:');
    try {
      for (const s of sql) {
        tandem.exec(s);
        oracle.exec(s);
      }
      expect(tandem.prepare(query).columns()).toEqual(oracle.prepare(query).columns());
    } finally {
      tandem.close();
      oracle.close();
    }
  });

  it('numbers attached databases as SQLite does, with its limits', () => {
    const attach = Array.from({ length: 11 }, (_, i) => `ATTACH ':memory:' AS a${i}`);
    expectSameInMemory(["ATTACH ':memory:' AS one", "ATTACH ':memory:' AS two", 'DETACH one', "ATTACH ':memory:' AS three", 'PRAGMA database_list', 'DETACH two', 'DETACH three', 'ATTACH NULL AS n', 'PRAGMA database_list', ...attach, "ATTACH '/nonexistent/dir/f.db' AS bad"]);
  });

  it('temp tables shadow main ones for PRAGMAs, AUTOINCREMENT and foreign keys', () => {
    expectSameInMemory([
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TEMP TABLE p(id INTEGER PRIMARY KEY, extra)',
      'INSERT INTO p VALUES (1, 2)',
      'INSERT INTO main.p VALUES (5)',
      'SELECT * FROM p',
      'SELECT * FROM main.p',
      'CREATE TEMP TABLE ai(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'INSERT INTO ai(v) VALUES (1), (2)',
      'DELETE FROM ai WHERE id = 2',
      'INSERT INTO ai(v) VALUES (3)',
      'SELECT * FROM ai',
      'CREATE TABLE mai(id INTEGER PRIMARY KEY AUTOINCREMENT, v)',
      'INSERT INTO mai(v) VALUES (1)',
      'SELECT * FROM main.sqlite_sequence',
      'SELECT * FROM temp.sqlite_sequence',
      'SELECT * FROM sqlite_sequence',
      'CREATE INDEX pi ON p(extra)',
      "SELECT name, tbl_name FROM sqlite_temp_master WHERE type = 'index'",
      'PRAGMA index_list(p)',
      'PRAGMA main.index_list(p)',
      'PRAGMA table_info(p)',
      'PRAGMA main.table_info(p)',
      "SELECT * FROM pragma_table_info('p', 'temp')",
      'PRAGMA temp.integrity_check',
      'PRAGMA foreign_keys = 1',
      'CREATE TEMP TABLE c(x REFERENCES p(id))',
      'CREATE TABLE m(x REFERENCES mai(id))',
      'INSERT INTO c VALUES (100)',
      'INSERT INTO c VALUES (1)',
      'PRAGMA temp.foreign_key_list(c)',
      'ALTER TABLE p ADD COLUMN z DEFAULT 7',
      'SELECT * FROM p',
      'ALTER TABLE p RENAME TO q',
      'SELECT name FROM sqlite_temp_master ORDER BY name',
      'VACUUM temp',
    ]);
  });
});

describe('ATTACH and DETACH', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-attach-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('attaches in-memory databases with their own schema', () => {
    expectSameInMemory([
      "ATTACH ':memory:' AS aux",
      'CREATE TABLE aux.t(a INTEGER PRIMARY KEY, b)',
      'CREATE TABLE t(a, b)',
      "INSERT INTO aux.t VALUES (1, 'aux')",
      "INSERT INTO t VALUES (2, 'main')",
      'SELECT * FROM t',
      'SELECT * FROM aux.t',
      'SELECT * FROM main.t AS m JOIN aux.t AS x USING (a)',
      'UPDATE aux.t SET b = b || b',
      'SELECT * FROM aux.t',
      'DELETE FROM aux.t WHERE a = 1',
      'SELECT count(*) FROM aux.t',
      'CREATE INDEX aux.i ON t(b)',
      "SELECT type, name, tbl_name FROM aux.sqlite_schema",
      'PRAGMA database_list',
      "ATTACH ':memory:' AS aux",
      "ATTACH ':memory:' AS main",
      'DETACH nosuch',
      'DETACH main',
      'DETACH temp',
      'DETACH aux',
      'SELECT * FROM aux.t',
      'DETACH DATABASE aux',
    ]);
  });

  it('refuses DETACH while a transaction uses the database', () => {
    expectSameInMemory([
      "ATTACH ':memory:' AS aux",
      'CREATE TABLE aux.t2(y)',
      'BEGIN',
      'SELECT * FROM aux.t2',
      'DETACH aux',
      'COMMIT',
      'BEGIN',
      "ATTACH ':memory:' AS other",
      'INSERT INTO aux.t2 VALUES (1)',
      'DETACH aux',
      'ROLLBACK',
      'SELECT * FROM aux.t2',
      'DETACH aux',
    ]);
  });

  it('triggers of an attached database resolve names in it and may not name others', () => {
    expectSameInMemory([
      "ATTACH ':memory:' AS aux",
      'CREATE TABLE main_t(id INTEGER PRIMARY KEY)',
      'CREATE TABLE aux.a1(id INTEGER PRIMARY KEY, v)',
      'CREATE TABLE aux.a2(id INTEGER PRIMARY KEY, v)',
      'CREATE TRIGGER aux.tr AFTER INSERT ON a1 BEGIN INSERT INTO a2 VALUES (NEW.id, NEW.v); END',
      "INSERT INTO aux.a1 VALUES (1, 'x')",
      'SELECT * FROM aux.a2',
      'CREATE TRIGGER aux.bad AFTER INSERT ON a1 BEGIN SELECT * FROM main.main_t; END',
      'CREATE TRIGGER bad2 AFTER INSERT ON main_t BEGIN SELECT * FROM aux.a1; END',
      'CREATE VIEW v AS SELECT * FROM aux.a1',
      'CREATE TEMP VIEW tv AS SELECT * FROM aux.a1',
      'SELECT * FROM tv',
      'DROP TRIGGER tr',
      "SELECT count(*) FROM aux.sqlite_schema WHERE type = 'trigger'",
    ]);
  });

  it('attaches a file that SQLite then reads and finds intact', () => {
    const file = join(dir, 'attached.db');
    const connection = openConnection(':memory:');
    try {
      connection.exec(`ATTACH '${file}' AS aux`);
      connection.exec('CREATE TABLE aux.t(a INTEGER PRIMARY KEY, b TEXT UNIQUE)');
      connection.exec('BEGIN');
      for (let i = 0; i < 500; i++) connection.exec(`INSERT INTO aux.t VALUES (${i}, 'row ${i} ${'x'.repeat(i % 50)}')`);
      connection.exec('CREATE TABLE main_copy AS SELECT * FROM aux.t');
      connection.exec('COMMIT');
      connection.exec('DETACH aux');
    } finally {
      connection.close();
    }
    const oracle = new Database(file);
    try {
      expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(oracle.prepare('SELECT count(*) AS n, sum(a) AS s FROM t').get()).toEqual({ n: 500, s: 124750 });
    } finally {
      oracle.close();
    }
  });

  it('sees what other connections commit to an attached file', () => {
    const file = join(dir, 'shared.db');
    const writer = openConnection(file);
    const reader = openConnection(':memory:');
    try {
      writer.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
      reader.exec(`ATTACH '${file}' AS f`);
      const oracle = new Database(':memory:');
      oracle.exec(`ATTACH '${file}' AS f`);
      expect(differences(reader, oracle, ['SELECT * FROM f.t', 'SELECT * FROM t', 'PRAGMA f.table_info(t)'])).toEqual([]);
      oracle.close();
      // A commit of the file's own connection (its WAL is Tandem's, so SQLite is not asked here).
      writer.exec('INSERT INTO t VALUES (2)');
      expect(runTandem(reader, 'SELECT * FROM f.t')).toEqual(runTandem(writer, 'SELECT * FROM t'));
      expect(runTandem(reader, 'SELECT count(*) FROM t')).toEqual({ rows: [[2n]] });
    } finally {
      reader.close();
      writer.close();
    }
  });
});
