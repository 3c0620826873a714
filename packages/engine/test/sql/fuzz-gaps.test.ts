// Differential tests (same SQL to Tandem and better-sqlite3) for divergences the differential
// fuzzer found (packages/testkit/known-failures/fuzzdata.txt lists the ones still open).

import { describe, it } from 'vitest';
import { expectSameInMemory } from './differential.js';

const check = expectSameInMemory;

describe('table-valued function arguments naming its own columns', () => {
  it('runs the call without them and filters its rows on hidden = argument', () => {
    check([
      'SELECT * FROM json_each((2/36854775808.),-json=json)',
      "SELECT key, value FROM json_each('[1,2,3]', root)",
      "SELECT key, value FROM json_each('{\"a\":1,\"b\":[2]}', CASE WHEN key IS NULL THEN '$' END)",
      "SELECT key FROM json_each(json, '$')",
      "SELECT count(*) FROM json_tree('[1,[2,3]]', -json)",
      "SELECT key, value FROM json_each('[5,6]', json_each.root) WHERE value > 5",
      "CREATE TABLE t(x)",
      "INSERT INTO t VALUES ('[1,2]'), ('$')",
      "SELECT t.x, j.key FROM t, json_each(t.x, j.root) AS j ORDER BY 1, 2",
      "SELECT t.x, j.key FROM t LEFT JOIN json_each('[7]', j.root || t.x) AS j ORDER BY 1, 2",
      "SELECT * FROM json_each('[1]', nosuch)",
    ]);
  });
});

describe('PRAGMA count_changes', () => {
  it('makes INSERT, UPDATE and DELETE return their row count', () => {
    check([
      'PRAGMA count_changes',
      'SELECT * FROM pragma_count_changes',
      'PRAGMA count_changes = on',
      'PRAGMA count_changes',
      'CREATE TABLE t(a PRIMARY KEY, b)',
      'INSERT INTO t VALUES (1, 2), (2, 3)',
      'INSERT INTO t VALUES (1, 5) ON CONFLICT(a) DO UPDATE SET b = 9',
      'INSERT INTO t VALUES (1, 5), (7, 7) ON CONFLICT(a) DO UPDATE SET b = 9',
      'INSERT INTO t VALUES (1, 5), (8, 8) ON CONFLICT(a) DO UPDATE SET b = 9 WHERE 0',
      'INSERT INTO t VALUES (9, 9) ON CONFLICT DO NOTHING',
      'INSERT OR REPLACE INTO t VALUES (1, 6)',
      'INSERT OR IGNORE INTO t VALUES (1, 6)',
      'INSERT INTO t VALUES (3, 3) RETURNING a',
      'CREATE TABLE log(x)',
      'CREATE TRIGGER tr AFTER UPDATE ON t BEGIN INSERT INTO log VALUES (1), (2); INSERT INTO log VALUES (3) ON CONFLICT DO NOTHING; END',
      'UPDATE t SET b = b + 1',
      'UPDATE t SET b = b + 1 WHERE 0',
      'SELECT changes()',
      'DELETE FROM log WHERE x = 1',
      'DELETE FROM log',
      'DELETE FROM t WHERE a = 1',
      'CREATE TABLE w(k PRIMARY KEY, v) WITHOUT ROWID',
      'INSERT INTO w SELECT a, b FROM t',
      'UPDATE w SET v = 0 WHERE k > 2',
      'DELETE FROM w',
      'PRAGMA count_changes = off',
      'INSERT INTO t VALUES (100, 1)',
      'SELECT count(*) FROM t',
    ]);
  });
});

describe('sqlite_compileoption_used() and sqlite_compileoption_get()', () => {
  it('answer from the compile options better-sqlite3 reports', () => {
    check([
      'PRAGMA compile_options',
      'SELECT * FROM pragma_compile_options',
      "SELECT sqlite_compileoption_used('THREADSAFE'), sqlite_compileoption_used('SQLITE_THREADSAFE'), sqlite_compileoption_used('threadsafe=2'), sqlite_compileoption_used('THREADSAFE=1')",
      "SELECT sqlite_compileoption_used('ENABLE_MATH'), sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS'), sqlite_compileoption_used('ENABLE_MATH_FUNCTIONS '), sqlite_compileoption_used('sqlite_')",
      "SELECT sqlite_compileoption_used(NULL), sqlite_compileoption_used(1), sqlite_compileoption_used(x'41'), sqlite_compileoption_used(''), typeof(sqlite_compileoption_used('x'))",
      "SELECT sqlite_compileoption_used('DEFAULT_CACHE_SIZE=-1'), sqlite_compileoption_used('DEFAULT_CACHE_SIZE')",
      "SELECT sqlite_compileoption_get(0), sqlite_compileoption_get(1), sqlite_compileoption_get(9), sqlite_compileoption_get(-1), sqlite_compileoption_get(1000)",
      "SELECT sqlite_compileoption_get('1'), sqlite_compileoption_get(NULL), sqlite_compileoption_get(1.9), sqlite_compileoption_get('abc'), sqlite_compileoption_get(4294967297)",
      'SELECT count(*) FROM pragma_compile_options WHERE sqlite_compileoption_used(compile_options)',
      'SELECT sqlite_compileoption_used()',
      'SELECT sqlite_compileoption_get(1, 2)',
    ]);
  });
});

describe('0 AND x', () => {
  it('folds to 0 before x is resolved, unless a side calls a function', () => {
    check([
      'CREATE TABLE t1(a, b)',
      'INSERT INTO t1 VALUES (1, 2)',
      'UPDATE t1 SET a = 0 AND t',
      'SELECT a, typeof(a) FROM t1',
      'SELECT 0 AND nosuch, nosuch AND 0, 0x0 AND nosuch, 000 AND nosuch, (0) AND nosuch',
      'SELECT 0 AND nosuch AND 1, 1 AND 0 AND nosuch',
      'SELECT 1 AND nosuch',
      'SELECT 0.0 AND nosuch',
      'SELECT false AND nosuch',
      "SELECT 0 AND abs(nosuch)",
      "SELECT 0 AND nosuch LIKE 'a'",
      "SELECT 0 AND nosuch -> '$'",
      'SELECT 0 AND (SELECT abs(1)) AND nosuch',
      'SELECT 0 AND nosuch IN (1, abs(2))',
      'SELECT * FROM t1 WHERE 0 AND nosuch',
      'CREATE VIEW v AS SELECT a FROM t1 WHERE 0 AND nosuch',
      'SELECT * FROM v',
      'ALTER TABLE t1 RENAME COLUMN a TO c',
      'DROP VIEW v',
      'CREATE VIEW w AS SELECT c FROM t1 WHERE 0 AND c > b',
      'CREATE TRIGGER tr AFTER INSERT ON t1 BEGIN UPDATE t1 SET b = 0 AND c WHERE 0 AND c; END',
      'ALTER TABLE t1 RENAME COLUMN c TO d',
      'SELECT name, sql FROM sqlite_schema ORDER BY name',
    ]);
  });
});

describe('parameters in a trigger', () => {
  it('are refused when the trigger is created', () => {
    check([
      'CREATE TABLE t1(a, b)',
      'CREATE TABLE log(x)',
      'CREATE TRIGGER r1 BEFORE INSERT ON t1 BEGIN INSERT INTO log VALUES (?); END',
      'CREATE TRIGGER r2 AFTER INSERT ON t1 WHEN new.a = ?2 BEGIN SELECT 1; END',
      'CREATE TRIGGER r3 AFTER UPDATE ON t1 BEGIN UPDATE log SET x = (SELECT ?); END',
      "CREATE TRIGGER r4 AFTER DELETE ON t1 BEGIN DELETE FROM log WHERE x = '?'; END",
      'CREATE TRIGGER r4 AFTER DELETE ON t1 BEGIN DELETE FROM log WHERE x = ?5; END',
      'CREATE TRIGGER r5 AFTER DELETE ON nosuch BEGIN DELETE FROM log WHERE x = ?1; END',
      'SELECT name FROM sqlite_schema ORDER BY name',
    ]);
  });
});

describe('JSON paths', () => {
  it('report a bad path met while creating the missing part of an edited path', () => {
    check([
      `SELECT json_set('{"a":1}', '$."y"yb', 3)`,
      `SELECT json_insert('{"a":1}', '$.x.y[z', 3)`,
      `SELECT json_set('{"a":1}', '$.x[0]q', 3)`,
      `SELECT json_set('[1]', '$[1]q', 3)`,
      `SELECT json_replace('{"a":1}', '$."y"yb', 3)`,
      `SELECT json_extract('{"a":1}', '$."y"yb'), json_extract('{"a":1}', '$.b.c[')`,
      `SELECT json_set('{"a":1}', '$.x.y', 3, '$.z[#-1]', 4)`,
      `SELECT json_set('{"a":{}}', '$.a."k"x', 3)`,
    ]);
  });
});

describe('UPSERT whose target cannot conflict', () => {
  it('never compiles its DO UPDATE when the INSERT does not give the rowid it targets', () => {
    check([
      'CREATE TABLE t1(a INTEGER PRIMARY KEY, b int, c DEFAULT 0)',
      'INSERT INTO t1(a, b) VALUES (1, 2), (3, 4)',
      'INSERT INTO t1(c, b) VALUES (1, 8), (2, 11) ON CONFLICT(a) DO UPDATE SET b = excd.b, c = c + 1 WHERE t1.b < exed.b',
      'INSERT INTO t1(b) VALUES (5) ON CONFLICT(a) DO UPDATE SET nosuch = 1',
      'INSERT INTO t1(b) VALUES (5) ON CONFLICT DO UPDATE SET b = nosuch',
      'INSERT INTO t1(a, b) VALUES (1, 5) ON CONFLICT(a) DO UPDATE SET b = nosuch',
      'INSERT INTO t1(rowid, b) VALUES (1, 5) ON CONFLICT(a) DO UPDATE SET b = excluded.b + 100',
      'INSERT INTO t1 VALUES (3, 5, 5) ON CONFLICT(a) DO UPDATE SET c = excluded.c * 10',
      'INSERT INTO t1(b) VALUES (6) ON CONFLICT(a) DO NOTHING',
      'SELECT * FROM t1 ORDER BY a',
      'CREATE TABLE t2(x, y UNIQUE)',
      'INSERT INTO t2(y) VALUES (1) ON CONFLICT DO UPDATE SET x = nosuch',
      'INSERT INTO t2(y) VALUES (1) ON CONFLICT(rowid) DO UPDATE SET x = nosuch',
      'INSERT INTO t2(y) VALUES (1) ON CONFLICT(y) DO UPDATE SET x = nosuch',
      "INSERT INTO t2(x, y) VALUES ('a', 1) ON CONFLICT(y) DO UPDATE SET x = 'b' WHERE x IS NULL",
      'SELECT rowid, * FROM t2',
    ]);
  });
});

describe('PRAGMA max_page_count and cache_spill', () => {
  it('limit the file to max_page_count pages (never below its size)', () => {
    check([
      'PRAGMA max_page_count',
      'PRAGMA max_page_count = 0',
      'PRAGMA max_page_count = 1',
      'CREATE TABLE t(a)',
      'PRAGMA max_page_count = 1000',
      'PRAGMA max_page_count = -1',
      "PRAGMA max_page_count = '7'",
      'CREATE TABLE t(a)',
      'PRAGMA page_count',
      'PRAGMA max_page_count = 1',
      'PRAGMA max_page_count = 3',
      "INSERT INTO t VALUES (zeroblob(3000)), (zeroblob(3000))",
      'SELECT count(*) FROM t',
      "INSERT INTO t VALUES (zeroblob(3000))",
      'SELECT count(*) FROM t',
      'PRAGMA max_page_count = 99999999999',
      'SELECT * FROM pragma_max_page_count',
    ]);
  });
  it('reports cache_spill as SQLite computes it', () => {
    check([
      'PRAGMA cache_spill',
      'SELECT * FROM pragma_cache_spill',
      'PRAGMA cache_spill = off',
      'PRAGMA cache_spill',
      'PRAGMA cache_spill = on',
      'PRAGMA cache_spill = 100',
      'PRAGMA cache_spill',
      'PRAGMA cache_spill = 0',
      'PRAGMA cache_spill',
      'PRAGMA cache_spill = 5000',
      'PRAGMA cache_spill',
      'PRAGMA cache_size = 10',
      'PRAGMA cache_spill = yes',
      'PRAGMA cache_spill = -100000',
      'PRAGMA cache_spill',
    ]);
  });
});
