// The rest of SELECT against SQLite: joins of every kind, compound SELECT, VALUES and subqueries
// in FROM, WITH / WITH RECURSIVE, and views. Results (values, storage classes, errors) must match.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from './differential.js';

const SETUP = [
  'CREATE TABLE a(id INTEGER PRIMARY KEY, x INTEGER, name TEXT)',
  'CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER, x INTEGER, note TEXT COLLATE NOCASE)',
  'CREATE INDEX b_a ON b(a_id)',
  'CREATE TABLE c(k TEXT, v REAL)',
  "INSERT INTO a VALUES (1, 10, 'one'), (2, 20, 'two'), (3, NULL, 'three'), (4, 10, NULL)",
  "INSERT INTO b VALUES (1, 1, 10, 'A'), (2, 1, 11, 'b'), (3, 2, 20, 'C'), (4, 9, NULL, 'a'), (5, NULL, 10, NULL)",
  "INSERT INTO c VALUES ('one', 1.5), ('two', 2), ('zzz', NULL), ('one', 3)",
];

function check(statements: string[], ordered = true): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    const diffs = differences(connection, oracle, [...SETUP, ...statements], { ordered });
    expect(diffs.join('\n\n')).toBe('');
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('joins', () => {
  it('inner, comma and cross joins with ON and WHERE, using the index on the inner table', () => {
    check([
      'SELECT a.id, b.id, b.x FROM a JOIN b ON b.a_id = a.id ORDER BY 1, 2',
      'SELECT a.id, b.id FROM a, b WHERE a.x = b.x ORDER BY 1, 2',
      'SELECT count(*) FROM a CROSS JOIN b',
      'SELECT a.name, b.note FROM a INNER JOIN b ON a.id = b.a_id AND b.x > 10 ORDER BY 1, 2',
      'SELECT * FROM a JOIN b ON a.id = b.a_id ORDER BY a.id, b.id',
      'SELECT b.*, a.name FROM a JOIN b ON a.id = b.a_id ORDER BY b.id',
      'SELECT a.id, b.id, c.k FROM a JOIN b ON b.a_id = a.id JOIN c ON c.k = a.name ORDER BY 1, 2, 3',
      'SELECT a.x, sum(b.x), count(*) FROM a JOIN b ON a.id = b.a_id GROUP BY a.x ORDER BY 1',
      "SELECT a1.id, a2.id FROM a a1, a a2 WHERE a1.x = a2.x AND a1.id < a2.id ORDER BY 1",
    ]);
  });
  it('LEFT JOIN: ON filters the right side, WHERE filters joined rows', () => {
    check([
      'SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id ORDER BY 1, 2',
      'SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id AND b.x > 10 ORDER BY 1, 2',
      'SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id WHERE b.x > 10 ORDER BY 1, 2',
      'SELECT a.id FROM a LEFT JOIN b ON b.a_id = a.id WHERE b.id IS NULL ORDER BY 1',
      'SELECT a.id, b.id, c.k FROM a LEFT JOIN b ON b.a_id = a.id LEFT JOIN c ON c.k = a.name ORDER BY 1, 2, 3',
      'SELECT a.id, count(b.id) FROM a LEFT JOIN b ON b.a_id = a.id GROUP BY a.id ORDER BY 1',
      'SELECT * FROM a LEFT OUTER JOIN c ON a.name = c.k ORDER BY a.id, c.v',
    ]);
  });
  it('RIGHT and FULL joins add the unmatched rows of the right side (WHERE still filters them)', () => {
    check([
      'SELECT a.id, b.id FROM a RIGHT JOIN b ON b.a_id = a.id',
      'SELECT a.id, b.id FROM a FULL JOIN b ON b.a_id = a.id',
      'SELECT a.id, b.id FROM a RIGHT JOIN b ON b.a_id = a.id WHERE b.x >= 10',
      'SELECT a.id, b.id FROM a FULL OUTER JOIN b ON b.a_id = a.id AND a.x = 10 WHERE a.id IS NULL OR b.id IS NULL',
      'SELECT a.name, c.k, c.v FROM a RIGHT JOIN c ON a.name = c.k',
      'SELECT a.id, s.n FROM a RIGHT JOIN (SELECT x AS n FROM b) s ON s.n = a.x',
      'SELECT count(*), count(a.id), count(b.id) FROM a FULL JOIN b ON a.id = b.a_id',
      'SELECT a.id, b.id FROM (SELECT * FROM a WHERE 0) a RIGHT JOIN b ON 1',
    ], false);
  });
  it('USING and NATURAL coalesce their columns in *; ambiguity errors', () => {
    check([
      'SELECT * FROM a JOIN b USING (id) ORDER BY id',
      'SELECT id, x FROM a JOIN b USING (id, x) ORDER BY id',
      'SELECT * FROM a NATURAL JOIN b ORDER BY 1',
      'SELECT * FROM a LEFT JOIN b USING (id) ORDER BY 1',
      'SELECT x FROM a JOIN b ON a.id = b.id',
      'SELECT a.id FROM a JOIN b USING (nope)',
      'SELECT zz.* FROM a JOIN b ON 1',
      'SELECT rowid FROM a, b',
    ]);
  });
});

describe('compound SELECT', () => {
  it('UNION, UNION ALL, INTERSECT, EXCEPT with ORDER BY and LIMIT', () => {
    check([
      'SELECT x FROM a UNION SELECT x FROM b',
      'SELECT x FROM a UNION ALL SELECT x FROM b ORDER BY 1',
      'SELECT x FROM a INTERSECT SELECT x FROM b',
      'SELECT x FROM a EXCEPT SELECT x FROM b',
      'SELECT x AS y, name FROM a UNION SELECT x, note FROM b ORDER BY y DESC, 2 LIMIT 4 OFFSET 1',
      'SELECT x FROM a UNION SELECT x FROM b UNION ALL SELECT 99 ORDER BY x',
      'SELECT x, name FROM a UNION SELECT x FROM b',
      'SELECT x FROM a UNION SELECT x FROM b ORDER BY 2',
      'SELECT x FROM a UNION SELECT x FROM b ORDER BY nosuch',
      "SELECT 1, 'a' UNION ALL SELECT 2.5, x'01' UNION SELECT NULL, NULL",
      'SELECT (SELECT x FROM a UNION SELECT 5 ORDER BY 1 DESC LIMIT 1)',
      'SELECT id FROM a WHERE x IN (SELECT x FROM b EXCEPT SELECT 11) ORDER BY id',
    ]);
  });
  it('VALUES as a query, with ORDER BY and LIMIT', () => {
    check([
      "VALUES (1, 'x'), (2, 'y')",
      'VALUES (3), (1), (2) ORDER BY 1 LIMIT 2',
      'SELECT * FROM (VALUES (1, 2), (3, 4)) ORDER BY column2 DESC',
    ]);
  });
});

describe('subqueries in FROM, CTEs and views', () => {
  it('subqueries in FROM, joined and correlated through the outer query', () => {
    check([
      'SELECT s.n, s.total FROM (SELECT a_id AS n, sum(x) AS total FROM b GROUP BY a_id) AS s ORDER BY 1',
      'SELECT a.name, s.c FROM a JOIN (SELECT a_id, count(*) AS c FROM b GROUP BY a_id) s ON s.a_id = a.id ORDER BY 1',
      'SELECT * FROM (SELECT 1 AS q, 2 AS q)',
      'SELECT id, (SELECT count(*) FROM (SELECT * FROM b WHERE b.a_id = a.id)) FROM a ORDER BY id',
      'SELECT typeof(v), v FROM (SELECT v FROM c) ORDER BY 2',
    ]);
  });
  it('WITH, column lists, several references, recursion with UNION / UNION ALL and LIMIT', () => {
    check([
      'WITH t(n) AS (SELECT x FROM a) SELECT n FROM t ORDER BY n',
      'WITH t AS (SELECT id, x FROM a), u AS (SELECT * FROM t WHERE x > 5) SELECT t.id, u.id FROM t JOIN u ON t.x = u.x ORDER BY 1, 2',
      'WITH RECURSIVE cnt(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cnt WHERE n < 10) SELECT sum(n), count(*) FROM cnt',
      'WITH RECURSIVE cnt(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cnt LIMIT 5) SELECT n FROM cnt',
      'WITH RECURSIVE r(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM r) SELECT n FROM r',
      'WITH RECURSIVE fib(a, b) AS (SELECT 0, 1 UNION ALL SELECT b, a + b FROM fib WHERE b < 100) SELECT a FROM fib',
      'WITH t(a, b) AS (SELECT 1) SELECT * FROM t',
      'WITH t AS MATERIALIZED (SELECT 7 AS v) SELECT v FROM t',
      'SELECT (WITH q AS (SELECT 3) SELECT * FROM q)',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n LIMIT 4',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT a.id, n.i FROM a JOIN n ON n.i = a.id LIMIT 3',
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT a.id, n.i FROM a, n ORDER BY 1, 2',
    ]);
  });
  it('CREATE VIEW, selecting from views, DROP VIEW and view errors', () => {
    check([
      'CREATE VIEW v AS SELECT a.id, a.name, b.x FROM a LEFT JOIN b ON b.a_id = a.id',
      'SELECT * FROM v ORDER BY id, x',
      'CREATE VIEW w(k, total) AS SELECT id, x * 2 FROM a',
      'SELECT k, total FROM w WHERE total > 20 ORDER BY k',
      'SELECT v.id, w.total FROM v JOIN w ON v.id = w.k ORDER BY 1, 2',
      'CREATE VIEW v AS SELECT 1',
      'CREATE VIEW IF NOT EXISTS v AS SELECT 1',
      'SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name',
      'INSERT INTO v VALUES (1, 2, 3)',
      'DROP TABLE v',
      'DROP VIEW a',
      'DROP VIEW v',
      'SELECT * FROM v',
      'DROP VIEW IF EXISTS v',
      'DROP VIEW v',
      'CREATE VIEW bad(p) AS SELECT 1, 2',
      'SELECT * FROM bad',
    ]);
  });
});
