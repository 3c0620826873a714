// Differential tests of every statement form of the first SQL slice against SQLite.

import { describe, it } from 'vitest';
import { expectSameInMemory } from './differential.js';

const check = expectSameInMemory;

describe('expressions without tables', () => {
  it('literals, operators and functions', () => {
    check([
      "SELECT 1 + 2, 7 / 2, 7.0 / 2, 7 % 3, -7 % 3, 1 / 0, 'a' || 'b', 1 || 2, NULL || 'x'",
      'SELECT 9223372036854775807 + 1, -9223372036854775808, -(-9223372036854775808), 2 * 3.5',
      "SELECT 1 = 1, 1 = '1', '1' = 1, 1 < 'a', NULL = NULL, NULL IS NULL, 1 IS NOT NULL, 3 IS 3, 'A' = 'a' COLLATE NOCASE",
      'SELECT 1 AND 0, 1 AND NULL, 0 AND NULL, 1 OR NULL, 0 OR NULL, NOT 1, NOT NULL, NOT 0',
      "SELECT 5 BETWEEN 1 AND 10, 5 NOT BETWEEN 6 AND 10, 'b' BETWEEN 'a' AND 'c', NULL BETWEEN 1 AND 2",
      'SELECT 1 IN (1, 2), 3 IN (1, 2), 3 IN (1, NULL), NULL IN (1), 3 NOT IN (1, 2), 1 IN ()',
      "SELECT CASE WHEN 1 THEN 'a' ELSE 'b' END, CASE 2 WHEN 1 THEN 'x' WHEN 2 THEN 'y' END, CASE NULL WHEN NULL THEN 1 ELSE 2 END, CASE WHEN 0 THEN 1 END",
      "SELECT CAST('12abc' AS INTEGER), CAST(3.7 AS INTEGER), CAST(5 AS TEXT), CAST('1e3' AS NUMERIC), CAST(x'41' AS TEXT), CAST(1.5 AS BLOB)",
      "SELECT abs(-5), abs(-5.5), abs(NULL), coalesce(NULL, NULL, 3), ifnull(NULL, 'd'), nullif(1, 1), nullif(1, 2)",
      "SELECT length('héllo'), length(x'0102'), length(NULL), length(123), lower('ABC'), upper('abc'), typeof(1), typeof(1.0), typeof('x'), typeof(x''), typeof(NULL)",
      "SELECT substr('hello', 2), substr('hello', 2, 3), substr('hello', -3), substr('hello', 0, 2), substr(x'010203', 2, 1), min(3, 1, 2), max('a', 'b'), min(1, NULL)",
      "SELECT quote('it''s'), quote(1.5), quote(NULL), quote(x'abcd'), hex('abc'), hex(x'00ff'), hex(12), sqlite_version()",
      "SELECT 'x' LIKE 'X', 'abc' LIKE 'a%', 'abc' LIKE 'a_c', 'abc' NOT LIKE 'b%', 'abc' GLOB 'a*', 'abc' GLOB 'A*', '50%' LIKE '50!%' ESCAPE '!'",
      'SELECT 1 << 3, 16 >> 2, 5 & 3, 5 | 3, ~0, 0.1 + 0.2, 1e308 * 10, 100.0, 1e20',
    ]);
  });
  it('parameters bind values of every type', () => {
    check([["SELECT ?, ?, ?, ?, ?, typeof(?)", [1n, 2.5, 'text', new Uint8Array([1, 2]), null, 7n]]]);
  });
  it('errors match', () => {
    check(['SELECT nosuchfunction(1)', 'SELECT abs()', 'SELECT abs(-9223372036854775808)', 'SELECT * ', 'SELECT count(*) + count(*)', 'SELECT coalesce(1)']);
  });
});

describe('tables', () => {
  it('CREATE TABLE, INSERT and SELECT with affinity', () => {
    check([
      'CREATE TABLE t(a INTEGER, b TEXT, c REAL, d NUMERIC, e BLOB, f)',
      "INSERT INTO t VALUES (1, 1, 1, '1', 1, 1), ('2', 2.5, '3', '4.0', '5', '6'), ('x', NULL, 'y', '1e3', x'00', 1.0)",
      'SELECT a, typeof(a), b, typeof(b), c, typeof(c), d, typeof(d), e, typeof(e), f, typeof(f) FROM t',
      'SELECT rowid, * FROM t',
      "SELECT name, sql FROM sqlite_schema",
      'CREATE TABLE t(x)',
      'CREATE TABLE IF NOT EXISTS t(x)',
      'create table if not exists "Quoted Name" ( x int default 5, y text not null default \'d\' )',
      "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name",
      'INSERT INTO "Quoted Name"(y) VALUES (\'a\')',
      'INSERT INTO "Quoted Name" DEFAULT VALUES',
      'SELECT * FROM "Quoted Name"',
      'SELECT * FROM nosuch',
      'SELECT nosuch FROM t',
      'INSERT INTO t(nosuch) VALUES (1)',
      'INSERT INTO t VALUES (1, 2)',
      'INSERT INTO t(a, b) VALUES (1)',
    ]);
  });
  it('INTEGER PRIMARY KEY is the rowid', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, v)',
      "INSERT INTO t(v) VALUES ('a'), ('b')",
      "INSERT INTO t VALUES (10, 'c')",
      "INSERT INTO t(v) VALUES ('d')",
      "INSERT INTO t VALUES (NULL, 'e')",
      "INSERT INTO t VALUES ('20', 'f')",
      "INSERT INTO t VALUES ('abc', 'g')",
      "INSERT INTO t VALUES (1.5, 'h')",
      "INSERT INTO t VALUES (10, 'dup')",
      'SELECT id, rowid, oid, _rowid_, v FROM t',
      'SELECT * FROM t WHERE id = 10',
      'SELECT * FROM t WHERE rowid > 2 AND rowid <= 11',
      'SELECT * FROM t WHERE id >= 11',
      'SELECT * FROM t WHERE id < 3',
      "SELECT * FROM t WHERE id = '10'",
      'SELECT * FROM t WHERE id = 2.5',
      'SELECT * FROM t WHERE id > 1.5 AND id < 10.5',
      'SELECT last_insert_rowid(), changes(), total_changes()',
    ]);
  });
  it('not an alias: INTEGER PRIMARY KEY DESC, INT PRIMARY KEY, composite keys', () => {
    check([
      'CREATE TABLE a(x INTEGER PRIMARY KEY DESC, y)',
      'CREATE TABLE b(x INT PRIMARY KEY, y)',
      'CREATE TABLE c(x, y, PRIMARY KEY(x, y))',
      'CREATE TABLE d(x INTEGER, y, PRIMARY KEY(x DESC))',
      "INSERT INTO a VALUES (5, 'a')",
      "INSERT INTO b VALUES (5, 'b'), ('5', 'dup')",
      "INSERT INTO c VALUES (1, 1), (1, 2), (1, 1)",
      "INSERT INTO d VALUES (7, 'd')",
      'SELECT rowid, * FROM a',
      'SELECT rowid, * FROM b',
      'SELECT rowid, * FROM c',
      'SELECT rowid, * FROM d',
      'SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name',
    ]);
  });
  it('constraints: NOT NULL, UNIQUE, CHECK and conflict clauses', () => {
    check([
      'CREATE TABLE t(a NOT NULL, b UNIQUE, c CHECK (c > 0), d DEFAULT 7, UNIQUE(a, d))',
      'INSERT INTO t(a, b, c) VALUES (1, 1, 1)',
      'INSERT INTO t(a, b, c) VALUES (NULL, 2, 1)',
      'INSERT INTO t(a, b, c) VALUES (2, 1, 1)',
      'INSERT INTO t(a, b, c) VALUES (3, 3, 0)',
      'INSERT INTO t(a, b, c) VALUES (1, 4, 1)',
      'INSERT INTO t(a, b, c) VALUES (5, NULL, 1), (6, NULL, 1)',
      'INSERT OR IGNORE INTO t(a, b, c) VALUES (7, 1, 1)',
      "INSERT OR REPLACE INTO t(a, b, c) VALUES (8, 1, 2)",
      'SELECT rowid, * FROM t',
      'INSERT INTO t(a, b, c) VALUES (9, 9, 9), (10, 1, 1)',
      'SELECT rowid, * FROM t',
      'CREATE TABLE n(x CONSTRAINT pos CHECK (x >= 0))',
      'INSERT INTO n VALUES (-1)',
      // An unnamed CHECK starting with a quoted name reports just that name, dequoted.
      'CREATE TABLE q("pr""ice" REAL CHECK ("pr""ice" > 0), y CHECK ([y] >= 0 AND 1), z CHECK (\'a\'\'b\' = z))',
      'INSERT INTO q VALUES (-1, 0, \'a\'\'b\')',
      'INSERT INTO q VALUES (1, -1, \'a\'\'b\')',
      'INSERT INTO q VALUES (1, 1, 0)',
      'REPLACE INTO t(a, b, c) VALUES (11, 1, 1)',
      'SELECT rowid, * FROM t',
      'SELECT changes(), total_changes()',
    ]);
  });
  it('UPDATE and DELETE with index maintenance', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, score INT)',
      'CREATE INDEX t_score ON t(score)',
      "INSERT INTO t(name, score) VALUES ('a', 10), ('b', 20), ('c', 30), ('d', 20)",
      'UPDATE t SET score = score + 1 WHERE score = 20',
      'SELECT changes()',
      'SELECT * FROM t WHERE score = 21',
      "UPDATE t SET name = 'a' WHERE id = 2",
      "UPDATE t SET name = 'z', id = 100 WHERE id = 3",
      'SELECT * FROM t',
      'UPDATE t SET id = 1 WHERE id = 2',
      'UPDATE OR REPLACE t SET id = 1 WHERE id = 2',
      'SELECT * FROM t',
      'DELETE FROM t WHERE score > 25',
      'SELECT changes()',
      'SELECT * FROM t',
      'DELETE FROM t',
      'SELECT changes(), count(*) FROM t',
      'PRAGMA integrity_check',
      'UPDATE t SET nosuch = 1',
      'DELETE FROM nosuch',
    ]);
  });
  it('indexes serve lookups and ranges', () => {
    const rows: string[] = [];
    for (let i = 0; i < 200; i++) rows.push(`(${i}, 'n${i % 17}', ${(i * 7) % 31}, ${i % 3 === 0 ? 'NULL' : i / 4})`);
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, tag TEXT, k INT, r REAL)',
      `INSERT INTO t VALUES ${rows.join(', ')}`,
      'CREATE INDEX t_tag ON t(tag)',
      'CREATE INDEX t_k_r ON t(k, r DESC)',
      'CREATE UNIQUE INDEX t_id2 ON t(id, tag)',
      "SELECT id FROM t WHERE tag = 'n3' ORDER BY id",
      'SELECT id, k, r FROM t WHERE k = 5 ORDER BY id',
      'SELECT id FROM t WHERE k = 5 AND r > 10 ORDER BY id',
      'SELECT id FROM t WHERE k > 28 ORDER BY id',
      'SELECT id FROM t WHERE k >= 3 AND k < 5 ORDER BY id',
      "SELECT id FROM t WHERE k = '5' ORDER BY id",
      "SELECT count(*) FROM t WHERE tag > 'n5'",
      'SELECT count(*) FROM t WHERE r IS NULL',
      'SELECT id, k, r FROM t ORDER BY k LIMIT 25',
      'SELECT id, k FROM t WHERE k = 7 ORDER BY r, id',
      "SELECT id, tag FROM t WHERE tag >= 'n5' ORDER BY tag LIMIT 10 OFFSET 3",
      'SELECT id FROM t WHERE id > 150 ORDER BY id',
      'SELECT DISTINCT tag FROM t ORDER BY tag',
      'PRAGMA integrity_check',
      'CREATE INDEX t_tag ON t(k)',
      'CREATE INDEX IF NOT EXISTS t_tag ON t(k)',
      'CREATE INDEX bad ON nosuch(x)',
      'CREATE UNIQUE INDEX u ON t(k)',
      'DROP INDEX t_k_r',
      'DROP INDEX t_k_r',
      'DROP INDEX IF EXISTS t_k_r',
      "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name",
    ]);
  });
  it('ORDER BY, LIMIT, OFFSET, DISTINCT, GROUP BY, HAVING', () => {
    check([
      'CREATE TABLE t(a, b, c)',
      "INSERT INTO t VALUES (1, 'x', 1.5), (2, 'y', NULL), (3, 'x', 2.5), (1, 'Y', 3), (NULL, 'z', 0), (2, 'x', 7)",
      'SELECT * FROM t ORDER BY a',
      'SELECT * FROM t ORDER BY a DESC, b',
      'SELECT * FROM t ORDER BY b COLLATE NOCASE, a DESC',
      'SELECT a AS k, b FROM t ORDER BY k DESC, 2',
      'SELECT * FROM t ORDER BY 4',
      'SELECT * FROM t LIMIT 2',
      'SELECT * FROM t ORDER BY c LIMIT 2 OFFSET 3',
      'SELECT * FROM t LIMIT 3, 2',
      'SELECT * FROM t LIMIT -1 OFFSET 4',
      'SELECT * FROM t LIMIT 0',
      "SELECT * FROM t LIMIT 'x'",
      'SELECT DISTINCT a FROM t',
      'SELECT DISTINCT b FROM t ORDER BY b',
      'SELECT count(*), count(a), sum(a), total(a), avg(a), min(a), max(a), group_concat(b), group_concat(b, \'-\') FROM t',
      'SELECT count(DISTINCT a), sum(DISTINCT a) FROM t',
      'SELECT b, count(*), sum(c) FROM t GROUP BY b',
      'SELECT b, count(*) AS n FROM t GROUP BY b HAVING n > 1',
      'SELECT a, max(c) FROM t GROUP BY a ORDER BY a DESC',
      'SELECT b COLLATE NOCASE, count(*) FROM t GROUP BY b COLLATE NOCASE',
      'SELECT count(*) FROM t WHERE a > 100',
      'SELECT sum(a), max(b) FROM t WHERE a > 100',
      'SELECT a + 1, count(*) FROM t GROUP BY a + 1 ORDER BY 2 DESC, 1',
      'SELECT count(*) FROM t GROUP BY a HAVING sum(c) > 2',
      'SELECT sum(a) FROM t LIMIT 0',
      'SELECT b, max(c) FROM t',
      'SELECT b, a, min(c) FROM t',
      'SELECT a, b, max(b) FROM t GROUP BY a',
      'SELECT a, c, min(b) FROM t GROUP BY a ORDER BY a',
      'SELECT b, max(a) FROM t WHERE a IS NULL',
      'SELECT b, count(*) FROM t',
    ]);
  });
  it('ORDER BY … NULLS FIRST/LAST, with and without an index on the key', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY, a, b)',
      "INSERT INTO t(a, b) VALUES (3, 'x'), (NULL, 'y'), (1, NULL), (NULL, NULL), (2, 'z')",
      'SELECT id, a FROM t ORDER BY a NULLS LAST, id',
      'SELECT id, a FROM t ORDER BY a DESC NULLS FIRST, id',
      'SELECT a, b FROM t ORDER BY b NULLS LAST, a DESC NULLS LAST',
      'SELECT a, count(*) FROM t GROUP BY a ORDER BY a NULLS LAST',
      'SELECT a FROM t UNION SELECT b FROM t ORDER BY 1 NULLS LAST',
      'CREATE INDEX t_a ON t(a)',
      'SELECT id, a FROM t ORDER BY a NULLS LAST, id',
      'SELECT id, a FROM t WHERE a > 0 OR a IS NULL ORDER BY a NULLS LAST LIMIT 3',
      'SELECT DISTINCT a FROM t ORDER BY a DESC NULLS FIRST',
    ]);
  });
  it('GROUP BY k names the k-th result column; bare columns come from the group\'s first row', () => {
    check([
      "CREATE TABLE t(g, n, v)",
      "INSERT INTO t VALUES (1, 'a', 5), (2, 'x', NULL), (1, 'b', 7), (1, 'c', 7), (2, 'y', 1), (3, 'z', NULL), (3, 'w', NULL)",
      'SELECT g % 2, count(*) FROM t GROUP BY 1 ORDER BY 1',
      'SELECT n, g, count(*) FROM t GROUP BY 2 ORDER BY 2',
      'SELECT g + 1 AS h, sum(v) FROM t GROUP BY 1 HAVING count(*) > 1 ORDER BY 1',
      'SELECT g, count(*) FROM t GROUP BY 0',
      'SELECT g, count(*) FROM t GROUP BY 3',
      'SELECT count(*), g FROM t GROUP BY 1',
      'SELECT g, n, count(*) FROM t GROUP BY g',
      "SELECT n, count(*) FROM t GROUP BY 'k'",
      'SELECT n, sum(v), avg(v) FROM t',
      'SELECT g, n, max(v) FROM t GROUP BY g',
      'SELECT g, n, min(v) FROM t GROUP BY g',
      'CREATE INDEX t_g ON t(g)',
      'SELECT g, n, count(*) FROM t GROUP BY g',
    ]);
  });
  it('DROP TABLE and re-create', () => {
    check([
      'CREATE TABLE t(a UNIQUE, b)',
      'CREATE INDEX tb ON t(b)',
      "INSERT INTO t VALUES (1, 2), (3, 4)",
      'DROP TABLE t',
      "SELECT count(*) FROM sqlite_schema",
      'SELECT * FROM t',
      'DROP TABLE t',
      'DROP TABLE IF EXISTS t',
      'CREATE TABLE t(x)',
      'INSERT INTO t VALUES (1)',
      'SELECT * FROM t',
      'PRAGMA integrity_check',
      'DROP TABLE sqlite_master',
      'CREATE TABLE sqlite_foo(x)',
    ]);
  });
  it('INSERT ... SELECT', () => {
    check([
      'CREATE TABLE s(a, b)',
      "INSERT INTO s VALUES (1, 'a'), (2, 'b'), (3, 'c')",
      'CREATE TABLE d(x INTEGER PRIMARY KEY, y TEXT)',
      'INSERT INTO d SELECT a * 10, b FROM s WHERE a > 1',
      'INSERT INTO d(y) SELECT b || b FROM s ORDER BY a DESC',
      'INSERT INTO s SELECT * FROM s',
      'SELECT * FROM d',
      'SELECT * FROM s',
      'INSERT INTO d SELECT a FROM s',
    ]);
  });
});

describe('transactions', () => {
  it('BEGIN/COMMIT/ROLLBACK and statement rollback', () => {
    check([
      'CREATE TABLE t(a UNIQUE)',
      'BEGIN',
      'INSERT INTO t VALUES (1)',
      'BEGIN',
      'INSERT INTO t VALUES (2), (3), (1)',
      'SELECT * FROM t',
      'COMMIT',
      'SELECT * FROM t',
      'COMMIT',
      'ROLLBACK',
      'BEGIN IMMEDIATE',
      'INSERT INTO t VALUES (4)',
      'ROLLBACK',
      'SELECT * FROM t',
      'BEGIN EXCLUSIVE',
      'CREATE TABLE u(x)',
      'INSERT INTO u VALUES (1)',
      'ROLLBACK',
      'SELECT * FROM u',
      'BEGIN DEFERRED',
      'CREATE TABLE u(x)',
      'END',
      'SELECT * FROM u',
    ]);
  });
});

describe('pragmas', () => {
  it('header values and table_info', () => {
    check([
      'PRAGMA user_version',
      'PRAGMA user_version = 42',
      'PRAGMA user_version',
      'PRAGMA user_version = -3',
      'PRAGMA user_version',
      'CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT \'x\', v REAL, w)',
      'PRAGMA table_info(t)',
      'PRAGMA table_info(nosuch)',
      'PRAGMA schema_version',
      'PRAGMA freelist_count',
      'PRAGMA page_size',
      'PRAGMA journal_mode',
      'PRAGMA integrity_check',
      'PRAGMA quick_check',
      'PRAGMA no_such_pragma',
    ]);
  });
});

describe('savepoints', () => {
  it('SAVEPOINT, RELEASE and ROLLBACK TO nest like SQLite', () => {
    check([
      'CREATE TABLE t(x)',
      'SAVEPOINT a',
      'INSERT INTO t VALUES (1)',
      'SAVEPOINT b',
      'INSERT INTO t VALUES (2)',
      'ROLLBACK TO b',
      'SELECT * FROM t',
      'INSERT INTO t VALUES (3)',
      'SAVEPOINT c',
      'INSERT INTO t VALUES (4)',
      'RELEASE c',
      'ROLLBACK TO a',
      'SELECT * FROM t',
      'INSERT INTO t VALUES (5)',
      'RELEASE a',
      'SELECT * FROM t',
      'RELEASE a',
      'BEGIN',
      'SAVEPOINT s1',
      'CREATE TABLE u(y)',
      'ROLLBACK TO s1',
      'SELECT * FROM u',
      'INSERT INTO t VALUES (6)',
      'RELEASE s1',
      'COMMIT',
      'SELECT * FROM t',
    ]);
  });
});

describe('subqueries', () => {
  it('scalar, EXISTS and IN (SELECT), correlated or not', () => {
    check([
      'CREATE TABLE p(id INTEGER PRIMARY KEY, name TEXT)',
      'CREATE TABLE c(pid INT, v)',
      "INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c')",
      "INSERT INTO c VALUES (1, 10), (1, 20), (2, NULL), (NULL, 5)",
      'SELECT (SELECT max(v) FROM c), (SELECT name FROM p WHERE id = 2), (SELECT 1 WHERE 0)',
      'SELECT id, (SELECT count(*) FROM c WHERE c.pid = p.id) FROM p',
      'SELECT id FROM p WHERE EXISTS (SELECT 1 FROM c WHERE pid = p.id)',
      'SELECT id FROM p WHERE NOT EXISTS (SELECT 1 FROM c WHERE pid = id)',
      'SELECT id FROM p WHERE id IN (SELECT pid FROM c)',
      'SELECT id, id NOT IN (SELECT pid FROM c) FROM p',
      'SELECT id, id IN (SELECT pid FROM c WHERE pid IS NOT NULL) FROM p',
      "SELECT id, '1' IN (SELECT id FROM p), 1 IN (SELECT name FROM p), NULL IN (SELECT 1 WHERE 0) FROM p WHERE id = 1",
      'SELECT (SELECT id, name FROM p)',
      'UPDATE c SET v = (SELECT name FROM p WHERE id = c.pid) WHERE pid IN (SELECT id FROM p WHERE id < 2)',
      'SELECT * FROM c',
      'DELETE FROM p WHERE id NOT IN (SELECT pid FROM c WHERE pid IS NOT NULL)',
      'SELECT * FROM p',
      'INSERT INTO c SELECT id, (SELECT count(*) FROM c) FROM p',
      'SELECT * FROM c',
    ]);
  });
});

describe('constraint ON CONFLICT clauses', () => {
  it('apply unless the statement overrides them', () => {
    check([
      'CREATE TABLE t(id INTEGER PRIMARY KEY ON CONFLICT REPLACE, a UNIQUE ON CONFLICT IGNORE, b NOT NULL ON CONFLICT REPLACE DEFAULT 9, c)',
      "INSERT INTO t VALUES (1, 'x', 1, 'first')",
      "INSERT INTO t VALUES (1, 'y', 2, 'replaced by rowid')",
      "INSERT INTO t VALUES (2, 'y', 3, 'ignored: a is taken')",
      "INSERT INTO t VALUES (3, 'z', NULL, 'b gets its default')",
      'SELECT * FROM t ORDER BY id',
      "INSERT OR ABORT INTO t VALUES (4, 'y', 1, 'statement says abort')",
      "INSERT OR FAIL INTO t VALUES (5, 'w', NULL, 'fail')",
      'SELECT * FROM t ORDER BY id',
      'SELECT changes(), total_changes()',
    ]);
  });
});
