// WITHOUT ROWID tables against SQLite: CREATE checks, the PRIMARY KEY b-tree in SQLite's record
// layout (files better-sqlite3 checks clean and reads back, and files it made that Tandem writes
// into), secondary indexes, INSERT / OR IGNORE / OR REPLACE / UPDATE (key columns too) / DELETE,
// uniqueness errors, DESC and collated keys, lookups and ranges on key prefixes, and a random workload.

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import { differences, runTandem } from '../sql/differential.js';

/** Runs the statements on both engines; with `onFile`, Tandem writes a file better-sqlite3 then checks. */
function check(statements: (string | [string, SqlValue[]])[], onFile = false): void {
  const path = onFile ? join(mkdtempSync(join(tmpdir(), 'tandem-norowid-')), 'r.db') : ':memory:';
  const connection = openConnection(path);
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, statements)).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
  if (onFile) {
    const reader = new Database(path);
    expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    reader.close();
  }
}

const plan = (connection: ReturnType<typeof openConnection>, sql: string): string => {
  const outcome = runTandem(connection, `EXPLAIN QUERY PLAN ${sql}`);
  return 'rows' in outcome ? outcome.rows.map((r) => r[3]).join('; ') : outcome.error.message;
};

describe('WITHOUT ROWID tables', () => {
  it('are created with SQLite checks', () => {
    check([
      'CREATE TABLE w2(a, b) WITHOUT ROWID',
      'CREATE TABLE w3(a INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID',
      'CREATE TABLE w4(a TEXT PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID',
      'CREATE TABLE w(a TEXT PRIMARY KEY, b) WITHOUT ROWID',
      'CREATE TABLE v(a PRIMARY KEY, b UNIQUE, c, UNIQUE (c, a)) WITHOUT ROWID',
      'CREATE TABLE dup(a, b, PRIMARY KEY (a, b, a)) WITHOUT ROWID',
      'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name',
      "SELECT * FROM pragma_table_info('w')",
      "SELECT name, wr FROM pragma_table_list WHERE name IN ('w', 'v') ORDER BY name",
      "SELECT * FROM pragma_index_list('v')",
      'SELECT rowid FROM w',
      'INSERT INTO w(rowid, a) VALUES (1, 2)',
      'UPDATE w SET rowid = 1',
    ]);
  });

  it('insert, replace, update and delete rows like SQLite', () => {
    check([
      'CREATE TABLE w(a INT, b TEXT, c, PRIMARY KEY (a, b)) WITHOUT ROWID',
      "INSERT INTO w VALUES (1, 'x', 1), ('2', 'y', 2), (1, 'a', 3)",
      "INSERT INTO w VALUES (NULL, 'x', 1)",
      "INSERT INTO w VALUES (1, NULL, 1)",
      "INSERT INTO w VALUES (1, 'x', 9)",
      'SELECT changes()',
      "INSERT OR IGNORE INTO w VALUES (1, 'x', 9), (3, 'z', 4)",
      'SELECT changes()',
      "INSERT OR REPLACE INTO w VALUES (1, 'x', 10)",
      'SELECT * FROM w',
      "UPDATE w SET c = c + 100 WHERE a = 1",
      'SELECT changes()',
      "UPDATE w SET b = 'x' WHERE a = 1 AND b = 'a'",
      "UPDATE w SET a = a + 10 WHERE b > 'q' RETURNING a, b, c",
      "UPDATE OR REPLACE w SET b = 'x' WHERE c = 103",
      'SELECT * FROM w',
      "DELETE FROM w WHERE a = 12 RETURNING *",
      'SELECT changes()',
      'DELETE FROM w WHERE c > 1000',
      'SELECT * FROM w',
      "INSERT INTO w VALUES (5, 'p', 1), (5, 'q', 2), (6, 'p', 3), (7, 'r', 4)",
      'UPDATE w SET c = -c WHERE a > 4 LIMIT 2 OFFSET 1',
      'DELETE FROM w WHERE a > 4 ORDER BY c DESC LIMIT 1 RETURNING *',
      'UPDATE w SET c = c * 10 ORDER BY b DESC, a LIMIT 2',
      'SELECT * FROM w',
      'DELETE FROM w ORDER BY a',
      'DELETE FROM w',
      'SELECT changes(), count(*) FROM w',
    ], true);
  });

  it('upsert on the key and on unique indexes', () => {
    check([
      'CREATE TABLE kv(k TEXT COLLATE NOCASE PRIMARY KEY, v INT, tag UNIQUE) WITHOUT ROWID',
      "INSERT INTO kv VALUES ('a', 1, 't1'), ('b', 2, 't2')",
      "INSERT INTO kv VALUES ('A', 10, 't3') ON CONFLICT (k) DO UPDATE SET v = v + excluded.v RETURNING *",
      "INSERT INTO kv VALUES ('c', 5, 't2') ON CONFLICT (tag) DO UPDATE SET v = excluded.v, k = 'B2'",
      "INSERT INTO kv VALUES ('b2', 7, 'zz') ON CONFLICT DO NOTHING",
      'SELECT changes()',
      "INSERT INTO kv VALUES ('d', 1, 'x') ON CONFLICT (v) DO NOTHING",
      "INSERT INTO kv VALUES ('a', 0, 't1') ON CONFLICT (k) DO UPDATE SET tag = 't2'",
      'SELECT * FROM kv ORDER BY k',
    ], true);
  });

  it('keep secondary indexes with the key columns appended, and check them', () => {
    check([
      'CREATE TABLE w(a, b TEXT COLLATE NOCASE, c UNIQUE, d, PRIMARY KEY (b DESC, a)) WITHOUT ROWID',
      'CREATE INDEX wd ON w(d, a)',
      "INSERT INTO w VALUES (1, 'x', 10, 'p'), (2, 'Y', 11, 'q'), (1, 'y', 12, 'p'), (3, 'a', 13, NULL)",
      "INSERT INTO w VALUES (1, 'X', 99, 'r')",
      "INSERT INTO w VALUES (7, 'k', 10, 'r')",
      "INSERT OR REPLACE INTO w VALUES (7, 'k', 10, 'r')",
      "SELECT * FROM pragma_index_xinfo('wd')",
      "SELECT * FROM pragma_index_xinfo('sqlite_autoindex_w_1')",
      'SELECT * FROM w',
      "SELECT a, b FROM w WHERE d = 'p' ORDER BY a",
      "SELECT * FROM w WHERE b = 'Y'",
      "SELECT * FROM w WHERE b = 'y' AND a = 1",
      "SELECT b, a FROM w WHERE b < 'y' ORDER BY b DESC, a",
      'SELECT c FROM w WHERE c BETWEEN 11 AND 13',
      "UPDATE w SET c = 11 WHERE a = 3",
      "UPDATE w SET b = 'Z', d = 'new' WHERE c = 11",
      'SELECT * FROM w ORDER BY c',
      'CREATE UNIQUE INDEX wu ON w(lower(d))',
      "INSERT INTO w VALUES (9, 'q', 50, 'NEW')",
      'PRAGMA integrity_check',
    ], true);
  });

  it('search and range-scan the key and its prefixes', () => {
    const connection = openConnection(':memory:');
    try {
      runTandem(connection, 'CREATE TABLE w(k TEXT, n INT, v, PRIMARY KEY (k, n)) WITHOUT ROWID');
      expect(plan(connection, "SELECT * FROM w WHERE k = 'a' AND n = 1")).toBe('SEARCH w USING PRIMARY KEY (k=? AND n=?)');
      expect(plan(connection, "SELECT * FROM w WHERE k = 'a' AND n > 1")).toBe('SEARCH w USING PRIMARY KEY (k=? AND n>?)');
      expect(plan(connection, "SELECT * FROM w WHERE k > 'a'")).toBe('SEARCH w USING PRIMARY KEY (k>?)');
      expect(plan(connection, 'SELECT * FROM w ORDER BY k')).toBe('SCAN w');
    } finally {
      connection.close();
    }
    const statements: string[] = ['CREATE TABLE w(k TEXT, n INT, v, PRIMARY KEY (k, n DESC)) WITHOUT ROWID'];
    for (let i = 0; i < 60; i++) statements.push(`INSERT INTO w VALUES ('${'abcde'[i % 5]}', ${i % 13}, ${i})`.replace(/, (\d+)\)$/, ", '$1')"));
    statements.push(
      "SELECT * FROM w WHERE k = 'c'",
      "SELECT * FROM w WHERE k = 'c' AND n = 5",
      "SELECT * FROM w WHERE k = 'c' AND n >= 4 AND n < 9",
      "SELECT * FROM w WHERE k > 'b' AND k <= 'd'",
      'SELECT k, n FROM w ORDER BY k, n DESC',
      'SELECT k, n FROM w ORDER BY k DESC, n',
      "SELECT count(*), sum(n) FROM w WHERE k IN ('a', 'e')",
    );
    check(statements);
  });

  it('writes files better-sqlite3 checks clean, and writes into files it made', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tandem-norowid-')), 'w.db');
    const seed = new Database(path);
    seed.exec("CREATE TABLE w(k TEXT COLLATE NOCASE, n INT, v, PRIMARY KEY (k, n DESC)) WITHOUT ROWID; CREATE INDEX wv ON w(v); INSERT INTO w VALUES ('a', 1, 'x'), ('B', 2, 'y')");
    seed.close();
    const connection = openConnection(path);
    const long = 'z'.repeat(3000);
    const writes = [
      "INSERT INTO w VALUES ('c', 3, 'zz'), ('A', 5, 'q')",
      `INSERT INTO w VALUES ${Array.from({ length: 300 }, (_, i) => `('k${i + 1}', ${i + 1}, '${long}${i + 1}')`).join(', ')}`,
      "UPDATE w SET n = n + 1000 WHERE k LIKE 'k1%'",
      "DELETE FROM w WHERE n % 3 = 0",
      "UPDATE w SET v = 'short' WHERE k = 'k2'",
      'CREATE TABLE t2(a PRIMARY KEY, b) WITHOUT ROWID',
      "INSERT INTO t2 VALUES (1, 2), ('x', x'00')",
      'CREATE INDEX t2b ON t2(b)',
      'VACUUM',
    ];
    for (const sql of writes) expect([sql, runTandem(connection, sql)]).toEqual([sql, { rows: [] }]);
    const ours = runTandem(connection, 'SELECT * FROM w ORDER BY k COLLATE BINARY, n');
    connection.close();
    const oracle = new Database(path);
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    const theirs = oracle.prepare('SELECT * FROM w ORDER BY k COLLATE BINARY, n').safeIntegers(true).raw().all();
    expect('rows' in ours && ours.rows.length).toBe(theirs.length);
    expect(ours).toEqual({ rows: theirs });
    oracle.close();
  });

  it('check uniqueness in SQLite order: newest index first, the key where CREATE TABLE made it', () => {
    check([
    'CREATE TABLE t(a UNIQUE, b UNIQUE)', 'INSERT INTO t VALUES(1,1)', 'INSERT INTO t VALUES(1,1)', 'CREATE TABLE w8(a PRIMARY KEY, b UNIQUE, c UNIQUE) WITHOUT ROWID', 'INSERT INTO w8 VALUES(1,1,1)', 'INSERT INTO w8 VALUES(1,1,1)','INSERT INTO w8 VALUES(1,2,1)', 'CREATE TABLE w9(a UNIQUE, b UNIQUE, c, PRIMARY KEY(c)) WITHOUT ROWID', 'INSERT INTO w9 VALUES(1,1,1)', 'INSERT INTO w9 VALUES(1,1,1)', 'INSERT INTO w9 VALUES(1,1,2)',
    'CREATE TABLE w1(a PRIMARY KEY, b UNIQUE) WITHOUT ROWID', 'INSERT INTO w1 VALUES (1, 1)', 'INSERT INTO w1 VALUES (1, 1)',
    'CREATE TABLE w2(a, b UNIQUE, PRIMARY KEY(a)) WITHOUT ROWID', 'INSERT INTO w2 VALUES (1, 1)', 'INSERT INTO w2 VALUES (1, 1)',
    'CREATE TABLE w3(a, b, PRIMARY KEY(a)) WITHOUT ROWID', 'CREATE UNIQUE INDEX w3b ON w3(b)', 'INSERT INTO w3 VALUES (1, 1)', 'INSERT INTO w3 VALUES (1, 1)',
    'CREATE TABLE w4(a PRIMARY KEY ON CONFLICT REPLACE, b UNIQUE) WITHOUT ROWID', 'INSERT INTO w4 VALUES (1, 1), (2, 2)', 'INSERT INTO w4 VALUES (1, 2)', 'INSERT INTO w4 VALUES (1, 3)', 'SELECT * FROM w4',
    'CREATE TABLE w5(a PRIMARY KEY, b UNIQUE ON CONFLICT REPLACE) WITHOUT ROWID', 'INSERT INTO w5 VALUES (1, 1), (2, 2)', 'INSERT INTO w5 VALUES (1, 2)', 'INSERT INTO w5 VALUES (3, 2)', 'SELECT * FROM w5',
    'CREATE TABLE w6(a INT PRIMARY KEY, b) WITHOUT ROWID', "INSERT INTO w6 VALUES ('7', 1), (7.0, 2)", 'SELECT a, typeof(a) FROM w6',
    'CREATE TABLE w7(a TEXT PRIMARY KEY DESC, b) WITHOUT ROWID', "INSERT INTO w7 VALUES ('a', 1), ('c', 2), ('b', 3)", 'SELECT * FROM w7', "SELECT * FROM w7 WHERE a > 'a'", "SELECT * FROM w7 WHERE a = 'b'",
    ]);
  });

  it('join, correlate, gain columns and drop like rowid tables', () => {
    check([
      'CREATE TABLE w(k TEXT PRIMARY KEY, v) WITHOUT ROWID',
      'CREATE TABLE t(x)',
      "INSERT INTO w VALUES ('a', 1), ('b', 2) RETURNING *",
      "INSERT INTO t VALUES ('a'), ('z')",
      'SELECT t.x, w.k FROM t RIGHT JOIN w ON w.k = t.x ORDER BY 1, 2',
      'SELECT t.x, w.k FROM t FULL JOIN w ON w.k = t.x ORDER BY 1, 2',
      'SELECT * FROM t WHERE x IN (SELECT k FROM w)',
      'SELECT k, (SELECT count(*) FROM t WHERE x = w.k) FROM w',
      'SELECT * FROM t, w WHERE w.k = t.x',
      'SELECT last_insert_rowid()',
      'DELETE FROM w WHERE rowid = 1',
      'ALTER TABLE w ADD COLUMN z DEFAULT 5',
      "INSERT INTO w VALUES ('c', 3, 4)",
      'SELECT * FROM w',
      'DROP TABLE w',
      'SELECT name FROM sqlite_schema',
    ], true);
  });

  it('matches SQLite on a random workload', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const statements: string[] = [
      'CREATE TABLE r(a INT, b TEXT COLLATE NOCASE, c, d, e UNIQUE, PRIMARY KEY (b, a DESC)) WITHOUT ROWID',
      'CREATE INDEX r1 ON r(c)',
      'CREATE UNIQUE INDEX r2 ON r(d, c)',
    ];
    const words = ["'ab'", "'AB'", "'x'", "'Xy'", "'xyz'", "''"];
    const word = () => words[random(words.length)];
    for (let i = 0; i < 300; i++) {
      const op = random(7);
      const row = `(${random(10)}, ${word()}, ${random(5)}, ${random(4) === 0 ? 'NULL' : random(20)}, ${random(3) === 0 ? 'NULL' : random(40)})`;
      if (op === 0) statements.push(`INSERT INTO r VALUES ${row}`);
      else if (op === 1) statements.push(`INSERT OR IGNORE INTO r VALUES ${row}`);
      else if (op === 2) statements.push(`INSERT OR REPLACE INTO r VALUES ${row}`);
      else if (op === 3) statements.push(`UPDATE ${random(2) ? 'OR REPLACE ' : ''}r SET a = a + ${random(3)}, c = ${random(5)} WHERE b = ${word()}`);
      else if (op === 4) statements.push(`UPDATE ${random(2) ? 'OR IGNORE ' : ''}r SET b = ${word()}, e = ${random(40)} WHERE a = ${random(10)}`);
      else if (op === 5) statements.push(`DELETE FROM r WHERE c = ${random(5)} AND a > ${random(10)}`);
      else statements.push(`SELECT * FROM r WHERE b >= ${word()} AND b < ${word()} ORDER BY b, a`);
    }
    statements.push('SELECT * FROM r ORDER BY b, a', 'SELECT c, d FROM r WHERE c = 2 ORDER BY d', 'SELECT e, b, a FROM r WHERE e > 10 ORDER BY e', 'PRAGMA integrity_check');
    check(statements, true);
  });
});
