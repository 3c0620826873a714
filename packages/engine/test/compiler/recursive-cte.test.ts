// Recursive CTEs run as SQLite's generateWithRecursiveQuery does (compiler/recursive-cte.ts): a
// queue that is FIFO or, with ORDER BY, a priority queue; OFFSET/LIMIT on the rows output; several
// recursive SELECTs; UNION de-duplication; and SQLite's errors for the shapes it refuses.

import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { runInSlices } from '../support/run-in-slices.js';
import { expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

describe('recursive CTE queue order', () => {
  it('ORDER BY turns the queue into a priority queue (depth-first vs breadth-first)', () => {
    check([
      'CREATE TABLE edge(parent INTEGER, child INTEGER)',
      'INSERT INTO edge VALUES (1,2), (1,3), (2,4), (2,5), (3,6), (5,7)',
      'WITH path(node, depth) AS (VALUES(1, 0) UNION ALL SELECT child, depth + 1 FROM edge JOIN path ON edge.parent = path.node ORDER BY 2 DESC, 1) SELECT node, depth FROM path',
      'WITH path(node, depth) AS (VALUES(1, 0) UNION ALL SELECT child, depth + 1 FROM edge JOIN path ON edge.parent = path.node ORDER BY 2, 1 DESC) SELECT node, depth FROM path',
    ]);
  });

  it('extraction order with LIMIT picks different rows than FIFO would', () => {
    check([
      'WITH t(x) AS (SELECT 5 UNION ALL SELECT 1 UNION ALL SELECT x + 1 FROM t WHERE x < 7 ORDER BY x DESC LIMIT 6) SELECT x FROM t',
      'WITH t(x) AS (SELECT 5 UNION ALL SELECT 1 UNION ALL SELECT x + 1 FROM t WHERE x < 7 LIMIT 6) SELECT x FROM t',
      'WITH t(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM t ORDER BY x LIMIT 6) SELECT x FROM t',
      "WITH t(x, s) AS (SELECT 1, 'a' UNION ALL SELECT 1, 'b' UNION ALL SELECT x + 1, s FROM t WHERE x < 3 ORDER BY x) SELECT x, s FROM t",
      "WITH t(l, p) AS (VALUES('null', NULL), ('one', 1), ('zero', 0) UNION ALL SELECT l, p FROM t WHERE 0 ORDER BY 2 DESC NULLS FIRST) SELECT l FROM t",
      "WITH t(s) AS (VALUES('b'), ('A'), ('c') UNION ALL SELECT s || 'x' FROM t WHERE length(s) < 2 ORDER BY 1 COLLATE NOCASE DESC) SELECT s FROM t",
    ]);
  });

  it('OFFSET skips output rows but still expands them; LIMIT counts output rows', () => {
    check([
      'WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t LIMIT 5 OFFSET 5) SELECT x FROM t',
      'WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t WHERE x < 20 LIMIT 2 + 3 OFFSET 1 + 1) SELECT x FROM t',
      'WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t WHERE x < 3 LIMIT 10 OFFSET 20) SELECT count(*) FROM t',
      'WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t LIMIT 0) SELECT count(*) FROM t',
      'WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t WHERE x < 9 LIMIT 4) SELECT x FROM t WHERE x % 2 = 0',
      "WITH t(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM t LIMIT 'a') SELECT x FROM t",
    ]);
  });

  it('limits reset for each run of a correlated subquery', () => {
    check([
      'CREATE TABLE bounds(n INTEGER)',
      'INSERT INTO bounds VALUES (3), (5), (2)',
      'SELECT n, (WITH RECURSIVE r(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM r WHERE x < bounds.n LIMIT 3 OFFSET 1) SELECT group_concat(x) FROM r) FROM bounds',
      'SELECT n, (WITH RECURSIVE r(x) AS (VALUES(bounds.n) UNION SELECT x - 1 FROM r WHERE x > 0 ORDER BY 1 DESC) SELECT group_concat(x) FROM r) FROM bounds',
    ]);
  });
});

describe('recursive CTE shapes', () => {
  it('several recursive SELECTs each expand every row', () => {
    check([
      'WITH t(x) AS (VALUES(0) UNION ALL SELECT x + 1 FROM t WHERE x < 2 UNION ALL SELECT x + 10 FROM t WHERE x < 20) SELECT x FROM t LIMIT 12',
      'WITH t(x, d) AS (SELECT 1, 0 UNION ALL SELECT x * 2, d + 1 FROM t WHERE d < 3 UNION ALL SELECT x * 3, d + 1 FROM t WHERE d < 3 ORDER BY d DESC, x) SELECT x, d FROM t',
    ]);
  });

  it('UNION drops rows queued before, comparing by the left-most explicit collation', () => {
    check([
      "WITH t(x) AS (SELECT '1' UNION SELECT 1 FROM t UNION SELECT NULL FROM t) SELECT quote(x), typeof(x) FROM t",
      "WITH t(x) AS (VALUES('a') UNION SELECT upper(x) COLLATE nocase FROM t) SELECT x FROM t",
      'WITH t(x) AS (VALUES(1), (1), (2) UNION SELECT (x + 1) % 4 FROM t) SELECT x FROM t',
      'CREATE TABLE e(a, b)',
      'INSERT INTO e VALUES (1, 2), (2, 3), (3, 1), (2, 4)',
      'WITH r(n) AS (VALUES(1) UNION SELECT b FROM e JOIN r ON e.a = r.n) SELECT n FROM r',
    ]);
  });

  it('later CTEs and nested WITH clauses are visible in a recursive CTE', () => {
    check([
      'WITH RECURSIVE s(y) AS (SELECT x * 10 FROM q), q(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM q WHERE x < 3) SELECT y FROM s',
      'WITH RECURSIVE o(x) AS (WITH i(y) AS (SELECT 2) SELECT y FROM i UNION ALL SELECT x * 2 FROM o WHERE x < 20) SELECT x FROM o',
      'WITH RECURSIVE t(a, b) AS (WITH t(x) AS (VALUES (1)) SELECT x, x FROM t ORDER BY 1 LIMIT 5) SELECT * FROM t AS p, t AS q',
    ]);
  });
});

describe('recursive CTE errors', () => {
  it('matches SQLite for references outside the recursive FROM', () => {
    check([
      'CREATE TABLE t(x)',
      'CREATE TABLE p(a)',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT (SELECT x FROM s)) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT x FROM s WHERE x IN (SELECT x FROM s)) SELECT x FROM s',
      'WITH RECURSIVE a(x) AS (SELECT x FROM b), b(x) AS (SELECT x FROM a) SELECT x FROM a',
      'WITH s(x) AS (SELECT x FROM s UNION ALL SELECT 1) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM s WHERE x < 3 UNION ALL SELECT 100) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION SELECT x FROM s UNION ALL SELECT x FROM s) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) EXCEPT SELECT x FROM s) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT s.x FROM s, s AS u) SELECT x FROM s',
      'WITH RECURSIVE c(x, m) AS (WITH t AS (SELECT max(x) AS m FROM c) SELECT 1, 0 UNION ALL SELECT x + 1, (SELECT m FROM t) FROM c WHERE x < 4) SELECT * FROM c',
      'WITH RECURSIVE w(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM w WHERE x < 3 WINDOW win AS (PARTITION BY (SELECT max(x) FROM w))) SELECT * FROM w',
      'WITH t AS (SELECT * FROM t) SELECT * FROM t',
      'WITH c(x) AS (VALUES(1)) SELECT * FROM c(7)',
      'WITH RECURSIVE c(x, y, z) AS (VALUES(1, 2, 3) UNION ALL SELECT x, 4, 5 FROM p RIGHT JOIN c(x)) SELECT * FROM c',
    ]);
  });

  it('matches SQLite for aggregates, windows and ORDER BY terms', () => {
    check([
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT sum(x) FROM s) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM s GROUP BY x) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT count(*) FROM s UNION ALL SELECT x + 1 FROM s) SELECT x FROM s LIMIT 3',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT row_number() OVER () FROM s) SELECT x FROM s LIMIT 3',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM s WHERE x < 3 ORDER BY 2) SELECT x FROM s',
      'WITH s(x) AS (SELECT 1 AS a UNION ALL SELECT x + 1 AS b FROM s WHERE x < 4 ORDER BY x) SELECT x FROM s',
      'WITH s(x) AS (SELECT 1 AS a UNION ALL SELECT x + 1 AS b FROM s WHERE x < 4 ORDER BY b DESC) SELECT x FROM s',
      'WITH s(x) AS (SELECT 1 UNION ALL SELECT s.x + 1 FROM s WHERE s.x < 5 ORDER BY s.x + 1 DESC) SELECT x FROM s',
      'WITH s(x) AS (VALUES(1) UNION ALL SELECT x + 1 FROM s WHERE x < 3 UNION ALL SELECT x, x FROM s) SELECT x FROM s',
      'WITH s(x, y) AS (VALUES(1) UNION ALL SELECT x + 1 FROM s WHERE x < 3) SELECT x FROM s',
    ]);
  });

  it('AS MATERIALIZED computes the rows once for every reference (unless correlated)', () => {
    check([
      'CREATE TABLE b(n)',
      'INSERT INTO b VALUES (1), (2), (3)',
      'WITH t AS MATERIALIZED (SELECT random() AS r) SELECT (SELECT r FROM t) = (SELECT r FROM t) AS same',
      'WITH t AS MATERIALIZED (SELECT random() AS r UNION ALL SELECT random()) SELECT count(*), sum(a.r = b.r) FROM t a, t b',
      'WITH t AS MATERIALIZED (SELECT random() AS r) SELECT count(DISTINCT (SELECT r FROM t)) FROM b',
      'SELECT n, (WITH t AS MATERIALIZED (SELECT n * 10 AS r) SELECT (SELECT r FROM t) + (SELECT r FROM t)) FROM b',
      'WITH t(x) AS MATERIALIZED (SELECT n FROM b) SELECT t.x, u.x FROM t, t AS u WHERE u.x >= t.x',
    ]);
  });

  it('refuses duplicate CTE names while parsing, even in a view', () => {
    check(['CREATE TABLE d(x)', 'CREATE VIEW v AS WITH c AS (SELECT 1), c AS (SELECT 2) SELECT * FROM d', 'WITH c AS (SELECT 1), C AS (SELECT 2) SELECT 1']);
  });
});

describe('recursive CTE in time slices', () => {
  it('yields between queue operations and resumes with the same rows', () => {
    const connection = openConnection(':memory:');
    const run = (sql: string, sliced: boolean) => runInSlices(connection, sql, sliced);
    try {
      for (const sql of [
        'WITH RECURSIVE s(n, acc) AS (SELECT 1, 7 UNION ALL SELECT n + 1, (acc * 31 + n) % 1000003 FROM s WHERE n < 3000) SELECT count(*), sum(acc), max(acc) FROM s',
        'WITH RECURSIVE s(n) AS (SELECT 1 UNION SELECT (n * 7) % 1009 FROM s UNION SELECT (n * 11) % 1009 FROM s ORDER BY 1 DESC LIMIT 900 OFFSET 3) SELECT group_concat(n) FROM s',
      ]) {
        const whole = run(sql, false);
        const sliced = run(sql, true);
        expect(sliced.yields).toBeGreaterThan(100);
        expect(sliced.rows).toEqual(whole.rows);
      }
    } finally {
      connection.close();
    }
    check(['WITH RECURSIVE s(n) AS (SELECT 1 UNION SELECT (n * 7) % 1009 FROM s UNION SELECT (n * 11) % 1009 FROM s ORDER BY 1 DESC LIMIT 900 OFFSET 3) SELECT n FROM s']);
  });
});
