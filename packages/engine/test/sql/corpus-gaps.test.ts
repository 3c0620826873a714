// Differential tests (same SQL to Tandem and better-sqlite3) for features the corpora exercised
// that Tandem used to refuse: WITH on INSERT/UPDATE/DELETE, `x IN table`, and the ones below.

import { describe, it } from 'vitest';
import { expectSameInMemory } from './differential.js';

const check = expectSameInMemory;

describe('WITH clauses on INSERT, UPDATE and DELETE', () => {
  it('binds the CTEs for the whole statement', () => {
    check([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b)',
      'WITH x(a) AS (VALUES (1), (2), (3)) INSERT INTO t SELECT a, a * 10 FROM x',
      'WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 6) INSERT INTO t(a, b) SELECT i, i FROM n RETURNING a, b',
      'WITH y AS (SELECT 100 AS v) UPDATE t SET b = (SELECT v FROM y) WHERE a IN (SELECT a - 98 FROM y, t WHERE a = 1)',
      'WITH z AS (SELECT 2 AS v UNION SELECT 5) DELETE FROM t WHERE a IN z',
      'WITH z(v) AS (SELECT 3) UPDATE t SET b = b + 1 FROM z WHERE t.a = z.v RETURNING *',
      'SELECT * FROM t ORDER BY a',
      'WITH t AS (SELECT 1) INSERT INTO t VALUES (50, 50)',
      'SELECT count(*) FROM t',
    ]);
  });
  it('rejects a duplicate CTE name', () => {
    check(['CREATE TABLE t(a)', 'WITH a AS (SELECT 1), A AS (SELECT 2) SELECT * FROM a', 'WITH q AS (SELECT 1), q AS (SELECT 2) DELETE FROM t']);
  });
});

describe('x IN table', () => {
  it('reads the table, a CTE or a table-valued function as a one-column subquery', () => {
    check([
      'CREATE TABLE t(a, b)',
      'CREATE TABLE u(x)',
      'INSERT INTO t VALUES (1, 2), (2, 3), (NULL, 4)',
      'INSERT INTO u VALUES (2), (NULL)',
      'SELECT 1 IN u, 2 IN u, 3 NOT IN u, NULL IN u',
      'SELECT a FROM t WHERE a IN main.u',
      'SELECT a, a NOT IN u FROM t ORDER BY b',
      'WITH c(v) AS (VALUES (1), (4)) SELECT a FROM t WHERE a IN c',
      'SELECT 5 IN t',
      'SELECT 1 IN nosuch',
      "SELECT 7 IN json_each('[1,7]')",
    ]);
  });
});

describe('INDEXED BY and NOT INDEXED', () => {
  it('walks the named index, or no index, with the same rows and order as SQLite', () => {
    check([
      'CREATE TABLE t(a, b, c)',
      'CREATE INDEX ta ON t(a)',
      'CREATE INDEX tb ON t(b)',
      'CREATE TABLE other(x)',
      'CREATE INDEX ox ON other(x)',
      'INSERT INTO t VALUES (3, 1, 1), (1, 2, 3), (2, 3, 2)',
      'SELECT * FROM t INDEXED BY ta',
      'SELECT * FROM t INDEXED BY tb WHERE a = 1',
      'SELECT * FROM t INDEXED BY tb WHERE c > 1',
      'SELECT * FROM t INDEXED BY ta WHERE rowid = 2',
      'SELECT * FROM t AS x INDEXED BY tb ORDER BY a',
      'SELECT * FROM t INDEXED BY tb ORDER BY b DESC',
      'SELECT * FROM t NOT INDEXED WHERE a > 1',
      'SELECT t.a, o.x FROM other AS o, t INDEXED BY tb WHERE t.b = o.x',
      'SELECT * FROM t INDEXED BY nosuch',
      'SELECT * FROM t INDEXED BY ox',
      'UPDATE t INDEXED BY ta SET c = 9 WHERE b = 2',
      'UPDATE t NOT INDEXED SET c = c + 1 FROM other WHERE t.a = other.x',
      'DELETE FROM t INDEXED BY zz WHERE 1',
      'DELETE FROM t NOT INDEXED WHERE a = 3 RETURNING *',
      'SELECT * FROM t',
    ]);
  });
});

describe('DISTINCT aggregates', () => {
  it('take exactly one argument', () => {
    check(["SELECT group_concat(DISTINCT 1, ':')", 'SELECT count(DISTINCT)', 'SELECT max(DISTINCT 1, 2)']);
  });
});

describe('aggregate FILTER clauses', () => {
  it('feed an aggregate only the rows that pass', () => {
    check([
      'CREATE TABLE t(g, x)',
      "INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 3), ('b', NULL), ('a', 5)",
      "SELECT count(*) FILTER (WHERE x > 1), sum(x) FILTER (WHERE g = 'a'), count(*) FROM t",
      "SELECT g, min(x) FILTER (WHERE x > 1), max(x) FILTER (WHERE x < 5), group_concat(x) FILTER (WHERE x % 2 = 1) FROM t GROUP BY g",
      'SELECT g, count(DISTINCT x) FILTER (WHERE x IS NOT NULL) FROM t GROUP BY g HAVING count(*) FILTER (WHERE x > 2) > 0',
      'SELECT count(*) FILTER (WHERE x > 100), sum(x) FILTER (WHERE 0) FROM t',
      'SELECT abs(x) FILTER (WHERE 1) FROM t',
      'SELECT count(*) FILTER (WHERE count(*) > 1) FROM t',
    ]);
  });
});

describe('IS TRUE and IS FALSE', () => {
  it('test the truth value, unless TRUE or FALSE names a column', () => {
    check([
      "SELECT 2 IS TRUE, 0.5 IS TRUE, '1' IS TRUE, 'x' IS FALSE, 2 IS NOT TRUE, NULL IS TRUE, NULL IS NOT FALSE, NULL IS FALSE, 0 IS NOT FALSE",
      'CREATE TABLE t(true, x)',
      'INSERT INTO t VALUES (0, 5)',
      'SELECT x IS true FROM t',
      'CREATE TABLE u(x)',
      "INSERT INTO u VALUES (1), (8), (0), ('hello'), (NULL), (0.0)",
      'SELECT x FROM u WHERE x IS TRUE',
      'SELECT x FROM u WHERE x IS FALSE',
      'SELECT x FROM u WHERE x IS NOT TRUE',
      'SELECT 2 IS TRUE COLLATE NOCASE, 2 IS (TRUE) COLLATE NOCASE, 0 IS FALSE COLLATE NOCASE, 3 IS NOT (FALSE)',
    ]);
  });
});

describe('collations in DISTINCT, compound SELECTs and subqueries', () => {
  it('dedupe and compare by the column collation', () => {
    check([
      'CREATE TABLE t(a TEXT COLLATE NOCASE, b TEXT)',
      "INSERT INTO t VALUES ('a', 'A'), ('A', 'a'), ('b', 'B')",
      'SELECT DISTINCT a FROM t',
      'SELECT DISTINCT b FROM t',
      'SELECT b FROM t UNION SELECT a FROM t',
      'SELECT a FROM t INTERSECT SELECT b FROM t',
      "SELECT 'abc' COLLATE NOCASE EXCEPT SELECT 'ABC' COLLATE BINARY",
      "SELECT 'abc  ' COLLATE RTRIM INTERSECT SELECT 'abc' COLLATE RTRIM",
      "WITH c AS (SELECT a FROM t) SELECT * FROM c WHERE a = 'B'",
      'WITH c AS (SELECT b COLLATE NOCASE AS x FROM t) SELECT x FROM c GROUP BY x',
      "SELECT x FROM (SELECT a AS x FROM t) WHERE x = 'A' ORDER BY x",
      'SELECT * FROM (SELECT a FROM t UNION ALL SELECT b FROM t) ORDER BY 1',
    ]);
  });
});

describe('row values', () => {
  it('compare, BETWEEN and IN element by element with SQLite NULL rules', () => {
    check([
      'SELECT (1, NULL) = (2, NULL), (1, NULL) <> (2, NULL), (1, 2) < (NULL, 3), (1, NULL) < (2, 0), (1, NULL) < (1, 0), (1, 2) IS (1, 2), (1, NULL) IS (1, NULL), (1, 2) IS NOT (1, 3), (1, 2) BETWEEN (0, 0) AND (3, 3)',
      "SELECT (1, 2, 3) > (1, 2, 2), (1, 2, 3) >= (1, 2, 3), ('a', 1) < ('b', 0)",
      'SELECT (1, 2) IN ((1, 2)), (1, 2) IN (), (1, 2) IN ((1, NULL)), (1, 2) NOT IN ((1, NULL), (3, 4)), (1, 2) NOT IN ((2, NULL))',
      'SELECT (1, 2) IN ((1, 2, 3))',
      'SELECT (1, 2) IN (1, 2)',
      'SELECT (1, 2) = (1, 2, 3)',
      'SELECT (1, 2) = 1',
      "SELECT count(*) > ('abc', 'def')",
      'SELECT (1, 2) BETWEEN 1 AND 2',
      'SELECT 1 IN ((1, 2))',
      'CREATE TABLE t(a, b)',
      'INSERT INTO t VALUES (1, 2), (3, 4), (1, 5)',
      'SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))',
      'SELECT * FROM t WHERE (a, b) > (1, 2) ORDER BY 1, 2',
      'SELECT * FROM t WHERE (a, b) IN (SELECT a, b + 0 FROM t WHERE a = 1)',
      'SELECT * FROM t WHERE (a, b) IN (VALUES (1, 2), (3, 4))',
      'SELECT (1, 2) IN (SELECT 1, 2), (1, NULL) IN (SELECT 1, 2), (NULL, 1) IN (SELECT 2, 1), (NULL, 1) IN (SELECT 2, 3)',
      'SELECT (1, 2) IN (SELECT 1, NULL), (1, 2) NOT IN (SELECT 1, NULL), (1, 2) NOT IN (SELECT 3, NULL), (NULL, NULL) IN (SELECT 1, 1 WHERE 0)',
      'SELECT (1, 2) IN (SELECT 1)',
    ]);
  });
});

describe('comparison affinity', () => {
  it('a column without a declared type has BLOB affinity, which TEXT does not convert', () => {
    check([
      'CREATE TABLE t(a, b)',
      'INSERT INTO t VALUES (1, 2), (3, 4)',
      'CREATE TABLE u(x TEXT, y)',
      "INSERT INTO u VALUES ('1', 2), ('3', NULL)",
      "SELECT a = x, a IN (SELECT x FROM u), x = 1, a = '1', x > a FROM t, u",
      'SELECT (a, b) IN (SELECT x, y FROM u) FROM t',
      'SELECT * FROM (SELECT a FROM t) AS s, u WHERE s.a = u.x',
      'SELECT * FROM (SELECT 1 AS k) AS s, u WHERE s.k = u.x',
      'WITH c(k) AS (SELECT 3) SELECT * FROM c, u WHERE c.k = u.x',
      'CREATE VIEW v AS SELECT a, a + 0 AS z FROM t',
      'SELECT * FROM v, u WHERE v.a = u.x OR v.z = u.x',
    ]);
  });
});

describe('recursive CTEs that used to loop forever', () => {
  it('reject aggregates and several references in the recursive SELECT', () => {
    check([
      'WITH seq(x) AS (VALUES (1) UNION ALL SELECT a.x + b.x FROM seq AS a, seq AS b) SELECT x FROM seq',
      'WITH seq(x) AS (VALUES (1) UNION ALL SELECT max(x) FROM seq) SELECT x FROM seq',
      'WITH seq(x) AS (VALUES (1) UNION ALL SELECT x + 1 FROM seq GROUP BY x) SELECT x FROM seq',
    ]);
  });
  it('read the current row without affinity, and UNION dedupes by the anchor collation', () => {
    check([
      'CREATE TABLE anchor(a INT)',
      'INSERT INTO anchor VALUES (1)',
      "WITH RECURSIVE c(x) AS (SELECT a FROM anchor UNION ALL SELECT '2' FROM c WHERE x < 3) SELECT count(*) FROM c",
      "WITH seq(x) AS (VALUES ('a' COLLATE NOCASE) UNION SELECT upper(x) FROM seq) SELECT x FROM seq",
      "WITH RECURSIVE c(x) AS (SELECT 'a' COLLATE NOCASE UNION SELECT 'A' FROM c) SELECT x FROM c",
    ]);
  });
});

describe('CREATE VIEW', () => {
  it('accepts unknown names and reports them when the view is used', () => {
    check([
      'CREATE VIEW v AS SELECT * FROM nosuch',
      'CREATE VIEW v2 AS SELECT nosuchcol',
      'CREATE TABLE t(a)',
      'CREATE VIEW v3 AS SELECT b FROM t',
      'SELECT * FROM v',
      'SELECT * FROM v2',
      'SELECT * FROM v3',
      'CREATE VIEW v7 AS SELECT ?',
      'CREATE VIEW v8 AS SELECT * FROM v8',
      'SELECT * FROM v8',
      'CREATE VIEW v10 AS SELECT * FROM t, later',
      'SELECT * FROM v10',
      'CREATE TABLE later(q)',
      'INSERT INTO t VALUES (1)',
      'INSERT INTO later VALUES (2)',
      'SELECT * FROM v10',
    ]);
  });
});
