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
