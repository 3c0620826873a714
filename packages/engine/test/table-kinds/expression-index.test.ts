// Indexes on expressions against SQLite: CREATE INDEX checks, maintenance on every write,
// UNIQUE expression indexes, partial + expression, the planner using a matching term, PRAGMA
// index_info, files better-sqlite3 checks clean, and a random workload.

import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { runTandem, expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

describe('indexes on expressions', () => {
  it('refuses what SQLite refuses in CREATE INDEX', () => {
    check([
      'CREATE TABLE t(a, b TEXT COLLATE NOCASE, c)',
      'CREATE TABLE u(x)',
      'CREATE INDEX i1 ON t(random())',
      'CREATE INDEX i2 ON t((SELECT 1))',
      'CREATE INDEX i3 ON t(a + ?)',
      'CREATE INDEX i4 ON t(count(a))',
      'CREATE INDEX i5 ON t(u.x)',
      'CREATE INDEX i6 ON t(zz + 1)',
      'CREATE INDEX i7 ON t(t.a + 1)',
      'CREATE INDEX i8 ON t(EXISTS (SELECT 1))',
      'CREATE INDEX i9 ON t(a, CURRENT_TIMESTAMP)',
      'CREATE INDEX i10 ON t(nosuch(a))',
      'CREATE INDEX i11 ON t(lower(a, b))',
      'CREATE INDEX i12 ON t(changes())',
      'CREATE INDEX i13 ON t(a) WHERE random() > 0',
      // Inside CASE's WHEN/THEN pairs too.
      'CREATE INDEX i14 ON t(CASE WHEN a THEN random() END)',
      'CREATE INDEX i15 ON t(CASE WHEN a THEN abs(b) END)',
      'CREATE INDEX i14 ON t(b || "zz")',
      'CREATE INDEX i15 ON t(rowid)',
      'CREATE INDEX i18 ON t(sqlite_version())',
      'CREATE INDEX i19 ON t(typeof(a), coalesce(a, 1), unlikely(b))',
      'CREATE INDEX i16 ON t(_rowid_ + 1)',
      "CREATE INDEX i17 ON t(strftime('%Y', a), date(b, '+1 day'))",
      "SELECT name FROM sqlite_schema WHERE type = 'index'",
    ]);
  });

  it('is maintained by INSERT, UPDATE and DELETE and reported by PRAGMA index_info', () => {
    check([
      'CREATE TABLE t(a, b TEXT COLLATE NOCASE, c)',
      "INSERT INTO t VALUES (1, 'Ab', 3), (2, 'aB', 4), (3, NULL, 5)",
      "CREATE INDEX ti ON t(a + 1, lower(b) DESC, b COLLATE BINARY || 'x')",
      'SELECT * FROM pragma_index_info(\'ti\')',
      'SELECT * FROM pragma_index_xinfo(\'ti\')',
      "INSERT INTO t VALUES (4, 'Zz', 6)",
      "UPDATE t SET b = upper(b) WHERE a < 3",
      'DELETE FROM t WHERE a = 3',
      'SELECT a, b FROM t WHERE a + 1 = 3',
      "SELECT a, b FROM t WHERE lower(b) = 'ab' ORDER BY a",
      'SELECT a FROM t WHERE a + 1 > 2 ORDER BY a',
      'PRAGMA integrity_check',
    ]);
  });

  it('UNIQUE expression indexes fail with the index name, honour OR IGNORE/REPLACE', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, email TEXT)',
      'CREATE UNIQUE INDEX ue ON t(lower(email))',
      "INSERT INTO t(email) VALUES ('A@x.org')",
      "INSERT INTO t(email) VALUES ('a@X.org')",
      "INSERT OR IGNORE INTO t(email) VALUES ('a@x.ORG')",
      "INSERT OR REPLACE INTO t(id, email) VALUES (7, 'a@x.org')",
      'SELECT * FROM t',
      "INSERT INTO t(email) VALUES ('b@x.org')",
      "UPDATE t SET email = 'A@X.ORG' WHERE email = 'b@x.org'",
      "INSERT INTO t(email) VALUES ('c@x.org') ON CONFLICT (lower(email)) DO NOTHING",
      'SELECT * FROM t ORDER BY id',
      'CREATE TABLE d(v)',
      "INSERT INTO d VALUES ('q'), ('Q')",
      'CREATE UNIQUE INDEX du ON d(upper(v))',
      "SELECT name FROM sqlite_schema WHERE name = 'du'",
    ]);
  });

  it('partial expression indexes index only the rows their condition admits', () => {
    check([
      'CREATE TABLE t(a, b)',
      'CREATE UNIQUE INDEX p ON t(abs(a)) WHERE b > 0',
      'INSERT INTO t VALUES (1, 1), (-1, 0), (2, 5)',
      'INSERT INTO t VALUES (-2, 1)',
      'UPDATE t SET b = 1 WHERE a = -1',
      'SELECT * FROM t WHERE abs(a) = 1 ORDER BY a',
      'PRAGMA integrity_check',
    ]);
  });

  it('the planner uses a term that matches the indexed expression exactly', () => {
    const connection = openConnection(':memory:');
    try {
      for (const sql of [
        'CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, n INT)',
        'CREATE INDEX by_email ON users(lower(email))',
        'CREATE INDEX by_n ON users(n * 2)',
      ]) runTandem(connection, sql);
      const plan = (sql: string) => {
        const outcome = runTandem(connection, `EXPLAIN QUERY PLAN ${sql}`);
        return 'rows' in outcome ? outcome.rows.map((r) => r[3]).join('; ') : outcome.error.message;
      };
      expect(plan('SELECT * FROM users WHERE LOWER(email) = ?')).toBe('SEARCH users USING INDEX by_email (<expr>=?)');
      expect(plan('SELECT * FROM users WHERE users.n * 2 > 10')).toBe('SEARCH users USING INDEX by_n (<expr>>?)');
      expect(plan('SELECT * FROM users WHERE email = ?')).toBe('SCAN users');
      expect(plan('SELECT * FROM users WHERE upper(email) = ?')).toBe('SCAN users');
    } finally {
      connection.close();
    }
    check([
      'CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, n INT)',
      'CREATE INDEX by_email ON users(lower(email))',
      'CREATE INDEX by_n ON users(n * 2)',
      "INSERT INTO users(email, n) VALUES ('Ada@x', 1), ('ada@X', 5), ('bob@y', 7), (NULL, NULL), ('eve@z', '3')",
      ["SELECT id FROM users WHERE lower(email) = ? ORDER BY id", ['ada@x']],
      'SELECT id, n FROM users WHERE n * 2 >= 6 ORDER BY n * 2',
      'SELECT id FROM users ORDER BY lower(email), id',
      "SELECT id FROM users WHERE lower(email) BETWEEN 'b' AND 'f'",
      "SELECT id FROM users WHERE lower(email) = 'ada@x' AND n * 2 = 10",
    ]);
  });

  it('writes files better-sqlite3 checks clean, and writes into files it made', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tandem-exprindex-')), 'e.db');
    const seed = new Database(path);
    seed.exec("CREATE TABLE t(a, b); CREATE INDEX te ON t(a * 10 + length(b)); CREATE UNIQUE INDEX tu ON t(b || '!') WHERE a > 0; INSERT INTO t VALUES (1, 'x'), (2, 'yy')");
    seed.close();
    const connection = openConnection(path);
    for (const sql of ["INSERT INTO t VALUES (3, 'zzz'), (-1, 'x')", "UPDATE t SET b = b || 'q' WHERE a = 2", 'DELETE FROM t WHERE a = 1', 'CREATE INDEX t2 ON t(-a)']) {
      expect(runTandem(connection, sql)).toEqual({ rows: [] });
    }
    expect(runTandem(connection, "INSERT INTO t VALUES (5, 'zzz')")).toEqual({ error: { code: 'SQLITE_CONSTRAINT_UNIQUE', message: "UNIQUE constraint failed: index 'tu'" } });
    connection.close();
    const oracle = new Database(path);
    expect(oracle.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(oracle.prepare('SELECT a, b FROM t ORDER BY -a').raw().all()).toEqual([[3, 'zzz'], [2, 'yyq'], [-1, 'x']]);
    oracle.close();
  });

  it('matches SQLite on a random workload', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const statements: string[] = [
      'CREATE TABLE r(k INTEGER PRIMARY KEY, a INT, b TEXT)',
      'CREATE INDEX r1 ON r(a % 7, substr(b, 1, 2))',
      'CREATE UNIQUE INDEX r2 ON r(b || a)',
      'CREATE INDEX r3 ON r(lower(b)) WHERE a > 10',
    ];
    const words = ['ab', 'AB', 'abc', 'x', 'Xy', 'xyz', '', null];
    const word = () => {
      const w = words[random(words.length)];
      return w === null ? 'NULL' : `'${w}'`;
    };
    for (let i = 0; i < 150; i++) {
      const op = random(6);
      if (op < 2) statements.push(`INSERT OR ${random(2) ? 'IGNORE' : 'REPLACE'} INTO r(a, b) VALUES (${random(30)}, ${word()})`);
      else if (op === 2) statements.push(`INSERT INTO r(a, b) VALUES (${random(30)}, ${word()})`);
      else if (op === 3) statements.push(`UPDATE r SET a = a + ${random(5)}, b = ${word()} WHERE a % 7 = ${random(7)}`);
      else if (op === 4) statements.push(`DELETE FROM r WHERE lower(b) = ${word()} AND a > 10`);
      else statements.push(`SELECT k, a, b FROM r WHERE a % 7 = ${random(7)} AND substr(b, 1, 2) >= ${word()} ORDER BY k`);
    }
    statements.push('SELECT * FROM r ORDER BY k', 'PRAGMA integrity_check');
    check(statements);
  });
});
