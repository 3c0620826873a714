// Compiler behaviours found missing by the sqltest corpus, each checked against SQLite: UPDATE ...
// FROM name rules, ORDER BY / GROUP BY terms SQLite resolves but never codes, compound SELECT ties
// and ordering, EXISTS dropping ORDER BY and DISTINCT.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences, expectSameInMemory } from '../sql/differential.js';

/** Runs `setup` on both engines, then expects each query's result-column names to match SQLite's. */
function expectSameColumnNames(setup: readonly string[], queries: readonly string[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, setup)).toEqual([]);
    for (const sql of queries) {
      const { statement } = connection.prepare(sql);
      const names = statement!.columns.map((c) => c.name);
      statement!.finalize();
      expect([sql, names]).toEqual([sql, oracle.prepare(sql).columns().map((c) => c.name)]);
    }
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('UPDATE ... FROM: the FROM items form a nested FROM', () => {
  const schema = [
    'CREATE TABLE t1(a INTEGER PRIMARY KEY, b TEXT)',
    'CREATE TABLE s1(x INT, y TEXT)',
    'CREATE TABLE s2(x INT, z TEXT)',
    'CREATE TABLE s3(x INT, w TEXT)',
    'CREATE TABLE s4(q INT, w TEXT)',
    "INSERT INTO t1 VALUES (1, 'orig')",
    "INSERT INTO s1 VALUES (1, 'hello')",
    "INSERT INTO s2 VALUES (1, 'world')",
    "INSERT INTO s3 VALUES (1, 'extra')",
  ];

  it('raises ambiguous-column errors for USING names another item has', () => {
    expectSameInMemory([
      ...schema,
      'UPDATE t1 SET b = s1.y FROM s1 NATURAL JOIN s2 JOIN s3 ON s1.x = s3.x WHERE s1.x = t1.a',
      'UPDATE t1 SET b = s1.y FROM s1 JOIN s2 USING(x) JOIN s3 ON s1.x = s3.x WHERE s1.x = t1.a',
      'UPDATE t1 SET b = 1 FROM s1 JOIN s2 USING (x), s3',
      'UPDATE t1 SET b = 1 FROM s3, s1 JOIN s2 USING (x)',
      'UPDATE t1 SET b = 1 FROM s1 JOIN s2 USING (x) JOIN s4 ON 1',
      'UPDATE t1 SET b = 1 FROM s1 JOIN s2 USING (x) JOIN s3 USING (x)',
      'SELECT * FROM t1',
    ]);
  });

  it('raises ambiguous-column errors for duplicate names, qualified as SQLite expands them', () => {
    expectSameInMemory([
      ...schema,
      'CREATE VIEW v AS SELECT 1 AS x',
      'UPDATE t1 SET b = 1 FROM s1, s1',
      'UPDATE t1 SET b = 1 FROM s1 AS q JOIN s1 AS q USING (x)',
      'UPDATE t1 SET b = 1 FROM s1 AS q JOIN s2 AS q USING (x)',
      'UPDATE t1 SET b = 1 FROM s1 AS q JOIN s4 AS q USING (x)',
      'UPDATE t1 SET b = 1 FROM (SELECT 1 AS a) AS x, (SELECT 2 AS a) AS x',
      'UPDATE t1 SET b = 1 FROM (SELECT 1 AS a) AS x, s1 AS x',
      'UPDATE t1 SET b = 1 FROM v, v',
      'WITH c AS (SELECT 1 AS q) UPDATE t1 SET b = 1 FROM c, c',
      "UPDATE t1 SET b = 1 FROM json_each('[1]') AS j, json_each('[2]') AS j",
      'UPDATE t1 SET b = 1 FROM s1 AS q JOIN s1 AS q2 ON q.x = nope',
      'UPDATE t1 SET nope = 1 FROM s1, s1',
      'UPDATE t1 SET b = 1 FROM s1, s1 AS q JOIN s1 AS q USING (zz)',
      'UPDATE t1 SET b = s1.y FROM s1 AS u1 JOIN s2 AS u2 ON u1.x = u2.x WHERE t1.a = u1.x',
      'SELECT * FROM t1',
    ]);
  });

  it('keeps the target out of ON clauses, subqueries included', () => {
    expectSameInMemory([
      ...schema,
      'UPDATE t1 SET b = 1 FROM s1 JOIN s2 ON EXISTS (SELECT 1 WHERE t1.a = s1.x)',
      'UPDATE t1 SET b = 1 FROM s1 LEFT JOIN s2 ON (SELECT t1.a)',
      'UPDATE t1 SET b = s2.z FROM s1 JOIN s2 ON EXISTS (SELECT 1 WHERE s2.x = s1.x) WHERE t1.a = s1.x',
      'SELECT * FROM t1',
    ]);
  });
});

describe('ORDER BY and GROUP BY terms', () => {
  const schema = ['CREATE TABLE t(a, b, c)', 'INSERT INTO t VALUES (2, 10, 1), (1, 9, 2)', 'CREATE TABLE r(a INTEGER PRIMARY KEY, b TEXT)', "INSERT INTO r VALUES (1, 'x'), (2, 'y')"];

  it('reads +N, -N and 32-bit integers as column numbers, larger ones as constants', () => {
    expectSameInMemory([
      ...schema,
      'SELECT * FROM t ORDER BY +2',
      'SELECT * FROM t ORDER BY ++2 DESC',
      'SELECT * FROM t ORDER BY -1',
      'SELECT * FROM t ORDER BY -(1)',
      'SELECT * FROM t ORDER BY +0',
      'SELECT a, sum(b) FROM t GROUP BY +1',
      'SELECT a, sum(b) FROM t GROUP BY -1',
      'SELECT a FROM t ORDER BY 6641019685895816357, a DESC',
      'SELECT a FROM t ORDER BY 2147483648',
      'SELECT a FROM t GROUP BY 6641019685895816357',
      'SELECT a FROM t UNION SELECT 3 ORDER BY +1',
      'SELECT a FROM t UNION SELECT 3 ORDER BY -1',
      'SELECT a FROM t UNION SELECT 3 ORDER BY 6641019685895816357',
    ]);
  });

  it('never codes the ORDER BY of a one-row aggregate, but still resolves it', () => {
    expectSameInMemory([
      ...schema,
      'SELECT count(a) FROM t ORDER BY coalesce(a IN (SELECT a, b, c FROM t), b)',
      'SELECT count(*) FROM r ORDER BY (SELECT 1, 2)',
      'SELECT count(*) FROM r HAVING 1 ORDER BY (SELECT 1, 2)',
      'SELECT DISTINCT count(*) FROM r ORDER BY (SELECT 1, 2)',
      'SELECT count(*) FROM r ORDER BY nosuch',
      'SELECT count(*) FROM r ORDER BY 2',
      'SELECT b, count(*) FROM r GROUP BY b ORDER BY (SELECT 1, 2)',
    ]);
  });

  it('never codes the terms after the rowid of a single-table scan', () => {
    expectSameInMemory([
      ...schema,
      'SELECT a FROM r ORDER BY a DESC, b NOT IN (SELECT a, b FROM r)',
      'SELECT a FROM r ORDER BY rowid, b NOT IN (SELECT a, b FROM r)',
      'SELECT a FROM r ORDER BY rowid, max(b)',
      'SELECT a FROM r ORDER BY b, b NOT IN (SELECT a, b FROM r)',
      'SELECT a FROM r ORDER BY rowid, nosuch',
      'SELECT a FROM r ORDER BY rowid, 7',
    ]);
  });

  it('rejects an aggregate in the ORDER BY of a non-aggregate query', () => {
    expectSameInMemory([
      ...schema,
      'SELECT a FROM t ORDER BY min(a)',
      'SELECT a FROM t ORDER BY count(*)',
      'SELECT a FROM r ORDER BY max(b)',
      'DELETE FROM r',
      'SELECT a FROM r ORDER BY max(b)',
      'SELECT a FROM t ORDER BY min(a, b)',
      'SELECT count(*) FROM t ORDER BY min(a)',
      'SELECT a, count(*) FROM t GROUP BY a ORDER BY min(b)',
    ]);
  });

  it('drops ORDER BY and DISTINCT inside EXISTS', () => {
    expectSameInMemory([
      'CREATE TABLE t(x)',
      'INSERT INTO t VALUES (1), (1), (2)',
      'SELECT EXISTS (SELECT x FROM t ORDER BY abs(-9223372036854775807 - 1))',
      'SELECT EXISTS (SELECT x FROM t ORDER BY abs(-9223372036854775807 - 1) LIMIT 2)',
      'SELECT EXISTS (SELECT x FROM t ORDER BY nosuchcol)',
      'SELECT EXISTS (SELECT DISTINCT x FROM t ORDER BY x LIMIT 5 OFFSET 2)',
      'SELECT EXISTS (SELECT DISTINCT x FROM t LIMIT 5 OFFSET 2)',
      'SELECT 1 IN (SELECT x FROM t ORDER BY abs(-9223372036854775807 - 1))',
    ]);
  });
});

describe('compound SELECT', () => {
  it('sorts ties of a de-duplicating compound by the other columns', () => {
    expectSameInMemory([
      'CREATE TABLE t1(a INTEGER, b TEXT)',
      "INSERT INTO t1 VALUES (3, 'cherry'), (1, 'apple'), (5, 'elderberry')",
      'CREATE TABLE t3(x INTEGER, y TEXT)',
      "INSERT INTO t3 VALUES (10, 'zulu'), (1, 'alpha'), (5, 'echo')",
      'SELECT a, b FROM t1 UNION SELECT x, y FROM t3 ORDER BY 1',
      'SELECT a, b FROM t1 UNION SELECT x, y FROM t3 ORDER BY 1 DESC',
      'SELECT a, b FROM t1 INTERSECT SELECT a, b FROM t1 ORDER BY 1',
      'SELECT b AS fruit FROM t1 UNION ALL SELECT y FROM t3 ORDER BY t1.b',
      'SELECT b AS fruit FROM t1 AS q UNION ALL SELECT y FROM t3 ORDER BY q.b',
      'SELECT b AS fruit FROM t1 UNION ALL SELECT y FROM t3 ORDER BY t3.b',
    ]);
  });

  it('keeps, of rows equal under a collation, the one SQLite keeps', () => {
    expectSameInMemory([
      'CREATE TABLE t1(a TEXT COLLATE NOCASE, b TEXT COLLATE BINARY)',
      "INSERT INTO t1 VALUES ('abc', 'ABC'), ('ABC', 'abc'), ('def', 'DEF')",
      "SELECT a FROM t1 WHERE a = 'ABC' UNION SELECT b FROM t1 WHERE b = 'ABC'",
      "SELECT 'abc' COLLATE NOCASE UNION SELECT 'ABC' COLLATE NOCASE",
      "SELECT 'a' COLLATE NOCASE UNION SELECT 'A' COLLATE NOCASE UNION SELECT 'b' COLLATE NOCASE",
      "SELECT 'abc' UNION SELECT 'ABC' COLLATE NOCASE UNION SELECT 'def'",
      'SELECT a FROM t1 UNION SELECT b FROM t1',
      'SELECT b FROM t1 UNION SELECT a FROM t1',
      "SELECT a FROM t1 UNION ALL SELECT b FROM t1 UNION SELECT 'x'",
      'SELECT a FROM t1 INTERSECT SELECT b FROM t1',
      "SELECT a FROM t1 INTERSECT SELECT b FROM t1 UNION SELECT 'Def'",
      "SELECT b FROM t1 EXCEPT SELECT 'x' UNION SELECT a FROM t1",
      'SELECT a FROM t1 UNION SELECT b FROM t1 ORDER BY 1 DESC',
      'SELECT a FROM t1 UNION SELECT b FROM t1 LIMIT 2',
    ]);
  });
});

describe('PRAGMA full_column_names and short_column_names', () => {
  const schema = ['CREATE TABLE test1(f1 int, f2 int)', 'CREATE TABLE test2(t1 text, t2 text)', 'INSERT INTO test1 VALUES (11, 22)', "INSERT INTO test2 VALUES ('abc', 'xyz')", 'CREATE VIEW v AS SELECT f1 AS vv FROM test1'];
  const queries = [
    'SELECT f1 FROM test1 ORDER BY f2',
    "SELECT f1 AS 'f1' FROM test1",
    'SELECT * FROM test1 WHERE f1 == 11',
    'SELECT test1 . f1, test1 . f2, f1 + 1 FROM test1',
    'SELECT * FROM test1 a, test1 b',
    'SELECT a.f1, b.f2 FROM test1 a, test1 b',
    'SELECT b.* FROM test1 JOIN test1 AS b USING (f1)',
    'SELECT * FROM test1 JOIN test1 AS b USING (f1)',
    'SELECT f1, t1 FROM test1, test2',
    'SELECT rowid, oid FROM test1',
    'SELECT vv FROM v AS w',
    'SELECT * FROM v AS w',
    'SELECT q.f1 FROM (SELECT f1 FROM test1) AS q',
    'SELECT * FROM test1 a, (SELECT 5, 6)',
    'SELECT (SELECT 3), * FROM (SELECT 1 UNION SELECT 4), (SELECT 2)',
    'SELECT x FROM (SELECT 1 AS x)',
    'SELECT (SELECT f1 FROM test1)',
  ];
  it.each([
    ['full on', ['PRAGMA full_column_names = ON']],
    ['full on, short off', ['PRAGMA full_column_names = ON', 'PRAGMA short_column_names = OFF']],
    ['both off', ['PRAGMA short_column_names = OFF']],
    ['defaults', ['PRAGMA full_column_names = OFF', 'PRAGMA short_column_names = ON']],
  ])('names columns as SQLite does: %s', (_, pragmas) => {
    expectSameColumnNames([...schema, ...pragmas, 'PRAGMA full_column_names', 'PRAGMA short_column_names'], queries);
  });
});

describe('schema messages', () => {
  it('keeps the quoting of the name in "already exists"', () => {
    expectSameInMemory([
      'CREATE TABLE test2(a)',
      'CREATE TABLE "test2" (a)',
      'CREATE TABLE [test2] (a)',
      'CREATE TABLE `test2` (a)',
      'CREATE TABLE "te""st" (a)',
      'CREATE TABLE "te""st" (a)',
      'CREATE VIEW v AS SELECT 1',
      'CREATE VIEW "v" AS SELECT 1',
      'CREATE TABLE "V" (a)',
      'CREATE VIEW test2 AS SELECT 1',
      'CREATE INDEX "i1" ON test2(a)',
      'CREATE INDEX "i1" ON test2(a)',
      'CREATE TABLE "i1" (a)',
    ]);
  });

  it('refuses non-constant defaults and indexes on views', () => {
    expectSameInMemory([
      'CREATE TABLE t7 (x, y DEFAULT (x))',
      'CREATE TABLE t8 (x, y DEFAULT (1 + abs(-2)))',
      'CREATE TABLE t9 (x, y DEFAULT ((SELECT 1)))',
      'CREATE TABLE t11 (x, y DEFAULT (EXISTS (SELECT 1)))',
      'CREATE TABLE t13 (x, y DEFAULT (1 IN t8))',
      'CREATE TABLE t15 (x, y DEFAULT (true), z DEFAULT (CURRENT_TIME))',
      'CREATE TABLE t16 (x, y DEFAULT (rowid))',
      'CREATE TABLE t19 (x, [y z] DEFAULT (x))',
      'CREATE VIEW v AS SELECT 1 AS x',
      'CREATE INDEX idx1 ON v (x)',
      'CREATE INDEX idx2 ON nosuch (x)',
    ]);
  });
});

describe('savepoints', () => {
  it('refuse to release the outermost one while deferred foreign keys are violated', () => {
    expectSameInMemory([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p(id INTEGER PRIMARY KEY)',
      'CREATE TABLE c(pid INTEGER REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED)',
      'SAVEPOINT s',
      'INSERT INTO c VALUES (1)',
      'RELEASE s',
      'INSERT INTO p VALUES (1)',
      'RELEASE s',
      'SELECT count(*) FROM c',
    ]);
  });
});

describe('affinity of subqueries', () => {
  it('gives a scalar or IN subquery the affinity of its last SELECT', () => {
    expectSameInMemory([
      'CREATE TABLE tt (a TEXT)',
      "INSERT INTO tt VALUES ('5')",
      'CREATE TABLE ti (a INTEGER)',
      'INSERT INTO ti VALUES (5)',
      'CREATE TABLE t_real (b REAL)',
      'INSERT INTO t_real VALUES (638769.7645092034)',
      "INSERT INTO tt VALUES ('0iqxVenNBUPjXarV')",
      'SELECT (SELECT a FROM tt ORDER BY a LIMIT 1) > max(b, -829063) FROM t_real',
      'SELECT (SELECT a FROM tt LIMIT 1) > 5',
      "SELECT (SELECT b FROM t_real) = '638769.7645092034'",
      'SELECT 5 IN (SELECT a FROM tt UNION ALL SELECT 6)',
      'SELECT 5 IN (SELECT 6 UNION ALL SELECT a FROM tt)',
      "SELECT '5' IN (SELECT a FROM ti UNION ALL SELECT 'x')",
      "SELECT '5' IN (SELECT 'x' UNION ALL SELECT a FROM ti)",
      'SELECT (SELECT 6 UNION ALL SELECT a FROM tt) = 6',
      'DELETE FROM t_real WHERE (SELECT a FROM tt ORDER BY a LIMIT 1) > max(b, -829063)',
      'SELECT count(*) FROM t_real',
    ]);
  });

  it('combines the parts of a compound read as a table', () => {
    expectSameInMemory([
      'CREATE TABLE tt (a TEXT)',
      "INSERT INTO tt VALUES ('5')",
      'CREATE TABLE ti (a INTEGER)',
      'INSERT INTO ti VALUES (5)',
      'SELECT typeof(x), x = 5 FROM (SELECT a AS x FROM tt UNION ALL SELECT 5)',
      'SELECT typeof(x), x = 2 FROM (SELECT CAST(2 AS TEXT) AS x UNION ALL SELECT 2.0)',
      'SELECT typeof(x), x = 2 FROM (SELECT 2.0 AS x UNION ALL SELECT CAST(2 AS TEXT))',
      'SELECT typeof(x), x = 2 FROM (SELECT CAST(2 AS TEXT) AS x UNION ALL SELECT CAST(3 AS TEXT))',
      "SELECT typeof(x), x = '5' FROM (SELECT a AS x FROM ti UNION ALL SELECT 5.0)",
      "SELECT typeof(x), x = '5' FROM (SELECT 5.0 AS x UNION ALL SELECT a FROM ti)",
      "SELECT typeof(x), x = '5' FROM (SELECT CAST(5 AS INT) AS x UNION ALL SELECT CAST(5 AS INTEGER) UNION ALL SELECT CAST(5 AS TEXT))",
      "SELECT typeof(x), x = '5' FROM (SELECT CAST(5 AS REAL) AS x UNION ALL SELECT 6)",
      'WITH q(x) AS (SELECT a FROM tt UNION SELECT 5) SELECT typeof(x), x = 5 FROM q',
      'CREATE VIEW vq AS SELECT a AS x FROM tt UNION SELECT 5',
      'SELECT typeof(x), x = 5 FROM vq',
    ]);
  });
});

describe('aggregates of an enclosing query written in a subquery', () => {
  const schema = ['CREATE TABLE t(a)', 'INSERT INTO t VALUES (1), (2), (3)', 'CREATE TABLE u(b)', 'INSERT INTO u VALUES (10), (20)'];

  it('accumulates them in the query whose columns they read', () => {
    expectSameInMemory([
      ...schema,
      'SELECT (SELECT count(t.a)) FROM t',
      'SELECT (SELECT count(a)) FROM t',
      'SELECT (SELECT count(t.a) FROM u) FROM t',
      'SELECT (SELECT count(t.a)) FROM t WHERE a > 1',
      'SELECT (a > 1) AS g, (SELECT sum(t.a)) FROM t GROUP BY a > 1',
      'SELECT (SELECT (SELECT count(t.a) FROM u)) FROM t',
      'SELECT (SELECT 1 FROM u WHERE (SELECT count(t.a)) > 0) FROM t',
      'SELECT (SELECT count(t.a) FILTER (WHERE t.a > 1)) FROM t',
      'SELECT count(*), (SELECT max(t.a)) FROM t',
      'SELECT a, count(*) FROM t GROUP BY a ORDER BY (SELECT sum(t.a)) DESC',
      'SELECT a FROM t GROUP BY a HAVING (SELECT count(t.a)) > 0',
      'SELECT x FROM (SELECT (SELECT count(t.a)) AS x FROM t)',
    ]);
  });

  it('leaves in the subquery the aggregates that read its own columns', () => {
    expectSameInMemory([
      ...schema,
      'SELECT a, (SELECT count(u.b) FROM u) FROM t',
      'SELECT (SELECT count(b) FROM u) FROM t',
      'SELECT (SELECT sum(t.a) + count(u.b) FROM u) FROM t',
      'SELECT (SELECT (SELECT count(u.b)) FROM u) FROM t',
      'SELECT (SELECT count(*) FROM t)',
    ]);
  });

  it('rejects them where an aggregate may not be', () => {
    expectSameInMemory([
      ...schema,
      'SELECT a FROM t WHERE (SELECT count(t.a)) > 1',
      'SELECT count(*) FROM t WHERE (SELECT count(t.a)) > 1',
      'SELECT count(*) FROM t GROUP BY (SELECT count(t.a))',
      'SELECT a FROM t ORDER BY (SELECT count(t.a))',
      'SELECT (SELECT 1 FROM u WHERE count(t.a) > 0) FROM t',
    ]);
  });
});

describe('subqueries in the output of an aggregate query', () => {
  it('read the group values of the enclosing query columns they name', () => {
    expectSameInMemory([
      'CREATE TABLE t(g int, x int)',
      'INSERT INTO t VALUES (1, 10), (1, 20), (2, 5), (3, 50)',
      'SELECT g, sum(x) AS total FROM t GROUP BY g HAVING EXISTS (SELECT 1 FROM t t2 WHERE t2.g = t.g AND t2.x > 15) ORDER BY g',
      'SELECT g, sum(x) AS total FROM t GROUP BY g HAVING (SELECT max(t2.x) FROM t t2 WHERE t2.g = t.g) IS NOT NULL ORDER BY g',
      'SELECT g, sum(x) FROM t GROUP BY g ORDER BY (SELECT count(*) FROM t t2 WHERE t2.g = t.g AND t2.x >= 10) DESC, g DESC',
      'SELECT g, (SELECT sum(t2.x + t.g) FROM t t2) FROM t GROUP BY g',
      'SELECT g, sum(x) FROM t GROUP BY g HAVING (SELECT t.g) > 1',
      'SELECT 1 ORDER BY sum(exists (SELECT 1))',
      'SELECT 1 ORDER BY sum((SELECT 42))',
      'SELECT 1 ORDER BY sum(1), 2',
      'SELECT 1 ORDER BY nosuch',
    ]);
  });
});

describe('unaliased FROM subqueries', () => {
  it('are told apart in NATURAL and USING joins', () => {
    expectSameInMemory([
      "SELECT * FROM (SELECT 1 x, 'a' y) NATURAL JOIN (SELECT 1 x, 'b' z)",
      "SELECT * FROM (SELECT 1 x, 'a' y) JOIN (SELECT 1 x, 'b' z) USING (x)",
      'SELECT x FROM (SELECT 1 x), (SELECT 2 y)',
    ]);
  });
});

describe('columns added by ALTER TABLE', () => {
  it('read their default through the column affinity, in queries, indexes and integrity_check', () => {
    expectSameInMemory([
      'CREATE TABLE t6(a INTEGER PRIMARY KEY, b TEXT)',
      "INSERT INTO t6 VALUES (1, 'x'), (2, 'y'), (3, 'z')",
      'ALTER TABLE t6 ADD COLUMN c TEXT DEFAULT 0',
      'ALTER TABLE t6 ADD COLUMN d REAL DEFAULT 1',
      "ALTER TABLE t6 ADD COLUMN e INTEGER DEFAULT '5'",
      "ALTER TABLE t6 ADD COLUMN f NUMERIC DEFAULT '5.0'",
      'ALTER TABLE t6 ADD COLUMN g BLOB DEFAULT 7',
      'CREATE INDEX idx_t6_c ON t6(c)',
      'CREATE INDEX idx_t6_d ON t6(d, e DESC, f)',
      'PRAGMA integrity_check',
      'SELECT c, typeof(c), d, typeof(d), e, typeof(e), f, typeof(f), g, typeof(g) FROM t6',
      "SELECT a FROM t6 WHERE c = '0'",
      'SELECT a FROM t6 INDEXED BY idx_t6_c WHERE c = 0',
      'SELECT a FROM t6 INDEXED BY idx_t6_d WHERE d = 1 AND e = 5',
    ]);
  });
});
