// Aggregate queries give SQLite's answers where they used not to: correlated subqueries that read an
// outer GROUP BY query's columns through a FROM subquery, CTE or ON clause (and its aggregates in an
// aggregate subquery's WHERE), DISTINCT aggregates under the argument's collation, and which row a
// group shows (the min()/max() row, GROUP BY an alias, the order of an index SQLite walks).

import { describe, it } from 'vitest';
import { expectSameInMemory } from '../sql/differential.js';

const t = ['CREATE TABLE t(a, b)', 'INSERT INTO t VALUES (1, 10), (1, 11), (2, 20), (3, 30), (3, 31)'];

describe('correlated subqueries in a GROUP BY query', () => {
  it('read the outer columns through a FROM subquery, a CTE or an ON clause', () => {
    expectSameInMemory([
      ...t,
      'SELECT a, (SELECT count(*) FROM (SELECT * FROM t AS u WHERE u.a = t.a)) FROM t GROUP BY a',
      'SELECT a, (SELECT count(*) FROM (SELECT * FROM t AS u WHERE u.a = t.a)) FROM t GROUP BY b',
      'SELECT a, (SELECT x FROM (SELECT t.a * 10 AS x)) FROM t GROUP BY a',
      'SELECT a, (SELECT x FROM (VALUES (t.a))) FROM t GROUP BY a',
      'SELECT a, (WITH c AS (SELECT * FROM t AS u WHERE u.a = t.a) SELECT count(*) FROM c) FROM t GROUP BY a',
      'SELECT a, (SELECT group_concat(b) FROM (SELECT * FROM t AS u WHERE u.a = t.a ORDER BY b DESC)) FROM t GROUP BY a',
      'SELECT a, (SELECT count(*) FROM (SELECT * FROM t AS u WHERE u.a = t.a UNION ALL SELECT 1, 2)) FROM t GROUP BY a',
      'SELECT a, (SELECT count(*) FROM t AS u JOIN t AS v ON v.a = t.a) FROM t GROUP BY a',
      'SELECT a, (SELECT count(*) FROM (SELECT * FROM t AS u WHERE u.a = t.a) AS d JOIN t AS w ON w.a = d.a) FROM t GROUP BY a',
      'SELECT a FROM t GROUP BY a HAVING (SELECT count(*) FROM (SELECT * FROM t AS u WHERE u.a = t.a)) > 1',
    ]);
  });

  it("bind an outer aggregate in an aggregate subquery's WHERE or ON to the outer query", () => {
    expectSameInMemory([
      ...t,
      'SELECT a, (SELECT count(*) FROM t AS u WHERE u.b < max(t.b)) FROM t GROUP BY a',
      'SELECT (SELECT sum(u.b) FROM t AS u WHERE u.a = t.a AND u.b < max(t.b)) FROM t GROUP BY a',
      'SELECT (SELECT count(*) FROM t AS u WHERE max(t.b)) FROM t',
      'SELECT (SELECT count(*) FROM t AS u JOIN t AS v ON v.a = u.a AND u.b < max(t.b)) FROM t GROUP BY a',
      // A non-aggregate subquery may not hold one there (SQLite: misuse).
      'SELECT (SELECT u.b FROM t AS u WHERE u.b < max(t.b)) FROM t GROUP BY a',
      'SELECT (SELECT 1 FROM t AS u WHERE max(t.b) > 0) FROM t',
      // An aggregate query's own aggregate in its WHERE (SQLite's wording differs from a plain query's).
      'SELECT count(*) FROM t WHERE count(*) > 0',
      'SELECT a, count(*) FROM t WHERE max(b) > 0 GROUP BY a',
      'SELECT a FROM t WHERE max(b) > 0',
      'SELECT (SELECT count(*) FROM t AS u WHERE max(u.b) > 0) FROM t',
    ]);
  });
});

describe('DISTINCT aggregates', () => {
  it("compare the argument under its collation", () => {
    expectSameInMemory([
      'CREATE TABLE n(x TEXT COLLATE NOCASE, y TEXT COLLATE RTRIM, z, g)',
      "INSERT INTO n VALUES ('a', 'p', 1, 1), ('A', 'p ', 1.0, 1), ('b', 'q', '1', 2), ('B', 'q  ', 2, 2), ('b', NULL, NULL, 1), (NULL, 'Q', 2.0, 2)",
      'SELECT count(DISTINCT x), group_concat(DISTINCT x), count(DISTINCT x COLLATE binary) FROM n',
      'SELECT count(DISTINCT y), group_concat(DISTINCT y), count(DISTINCT y COLLATE nocase) FROM n',
      'SELECT count(DISTINCT z COLLATE nocase), sum(DISTINCT z), count(DISTINCT z) FROM n',
      'SELECT g, count(DISTINCT x), group_concat(DISTINCT x), sum(DISTINCT length(x)), avg(DISTINCT x) FROM n GROUP BY g',
      'SELECT g, count(DISTINCT upper(x)), count(DISTINCT lower(x) COLLATE nocase) FROM n GROUP BY g',
      'SELECT count(DISTINCT x) FILTER (WHERE g = 1), total(DISTINCT x), group_concat(DISTINCT y, \';\') FROM n',
      'SELECT (SELECT count(DISTINCT n.x) FROM n AS m) FROM n GROUP BY g',
    ]);
  });
});

describe('the row a group shows', () => {
  const ties = [
    'CREATE TABLE n(x TEXT COLLATE NOCASE, y, w TEXT)',
    "INSERT INTO n VALUES ('ab', 1, 'ab'), ('AB', 2, 'AB'), ('Ab', 3, 'Ab'), ('cd', 4, 'cd'), ('CD', 5, 'CD'), ('cD', 6, 'cD'), ('ef', 7, 'ef')",
  ];
  const queries = [
    'SELECT x, count(*) FROM n GROUP BY x',
    'SELECT x, count(*), y FROM n GROUP BY x ORDER BY x DESC',
    'SELECT x, max(y) FROM n GROUP BY x',
    'SELECT x, min(y) FROM n GROUP BY x ORDER BY x DESC',
    'SELECT x, json_group_array(y) FROM n GROUP BY x ORDER BY x DESC',
    'SELECT x AS k, count(*) FROM n GROUP BY k',
    'SELECT w AS k, count(*) FROM n GROUP BY k COLLATE nocase',
    'SELECT x FROM n GROUP BY x ORDER BY x DESC',
    'SELECT w, group_concat(y) FROM n GROUP BY w COLLATE nocase ORDER BY 1 DESC',
  ];

  it('is the min()/max() row, or the first row read, under NOCASE ties', () => {
    expectSameInMemory([...ties, ...queries]);
  });

  it('follows the order of the index SQLite walks for GROUP BY', () => {
    expectSameInMemory([...ties, 'CREATE INDEX nx ON n(x)', 'CREATE INDEX nw ON n(w COLLATE nocase)', ...queries]);
    expectSameInMemory([
      'CREATE TABLE m(x, y, z)',
      "INSERT INTO m VALUES (1, 3, 'a'), (1, 1, 'b'), (2, 2, 'c'), (1, 2, 'd'), (2, 1, 'e')",
      'CREATE INDEX mxy ON m(x, y)',
      'SELECT x, y, z FROM m GROUP BY x',
      'SELECT x, group_concat(z) FROM m GROUP BY x',
      'SELECT x, group_concat(z) FROM m GROUP BY x ORDER BY x DESC',
      'SELECT x, z, count(*) FROM m GROUP BY x ORDER BY x DESC',
    ]);
  });
});
