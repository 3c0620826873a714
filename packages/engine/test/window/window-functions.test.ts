// Window functions against SQLite: every built-in window function, aggregates over frames of
// every kind (ROWS/RANGE/GROUPS, offsets, EXCLUDE), FILTER, named and derived windows, several
// windows in one SELECT, windows over GROUP BY, in subqueries and CTEs, and SQLite's errors.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const SETUP = [
  'CREATE TABLE t(id INTEGER PRIMARY KEY, g TEXT, a INTEGER, b REAL, s TEXT COLLATE NOCASE)',
  "INSERT INTO t VALUES (1,'x',3,1.5,'b'),(2,'y',1,NULL,'A'),(3,'x',2,2.25,'a'),(4,'x',1,-1.0,NULL),(5,'y',3,0.1,'B'),(6,'y',2,7.0,'c'),(7,NULL,NULL,3.5,'a'),(8,'x',3,0.2,'d'),(9,'z',5,1e10,'e'),(10,'y',NULL,-0.3,'C')",
];

function check(statements: (string | [string, SqlValue[]])[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    const diffs = differences(connection, oracle, [...SETUP, ...statements]);
    expect(diffs.join('\n\n')).toBe('');
  } finally {
    connection.close();
    oracle.close();
  }
}

describe('window functions', () => {
  it('ranking functions', () => {
    check([
      'SELECT id, row_number() OVER (ORDER BY id) FROM t',
      'SELECT id, a, row_number() OVER (PARTITION BY g ORDER BY a), rank() OVER (PARTITION BY g ORDER BY a), dense_rank() OVER (PARTITION BY g ORDER BY a) FROM t',
      'SELECT id, a, percent_rank() OVER (ORDER BY a), cume_dist() OVER (ORDER BY a) FROM t',
      'SELECT id, a, percent_rank() OVER (PARTITION BY g ORDER BY a), cume_dist() OVER (PARTITION BY g ORDER BY a DESC) FROM t',
      'SELECT id, ntile(3) OVER (ORDER BY id), ntile(4) OVER (PARTITION BY g ORDER BY id), ntile(20) OVER (ORDER BY a, id) FROM t',
      'SELECT id, row_number() OVER (), rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER () FROM t',
      'SELECT id, ntile(0) OVER (ORDER BY id) FROM t',
      "SELECT id, ntile('x') OVER (ORDER BY id) FROM t",
      'SELECT id, rank() OVER (ORDER BY s), dense_rank() OVER (ORDER BY s COLLATE BINARY) FROM t',
    ]);
  });

  it('value functions', () => {
    check([
      'SELECT id, lag(a) OVER (ORDER BY id), lead(a) OVER (ORDER BY id) FROM t',
      "SELECT id, lag(a, 2) OVER (PARTITION BY g ORDER BY id), lead(a, 2, 'none') OVER (PARTITION BY g ORDER BY id), lag(a, 0) OVER (ORDER BY id) FROM t",
      "SELECT id, lag(a, -1) OVER (ORDER BY id), lead(a, 1.0) OVER (ORDER BY id), lag(a, '1') OVER (ORDER BY id), lag(a, 0.5, 'd') OVER (ORDER BY id), lag(a, NULL, 9) OVER (ORDER BY id) FROM t",
      'SELECT id, first_value(a) OVER (ORDER BY id), last_value(a) OVER (ORDER BY id), nth_value(a, 2) OVER (ORDER BY id) FROM t',
      'SELECT id, first_value(b) OVER w, last_value(b) OVER w, nth_value(b, 3) OVER w FROM t WINDOW w AS (PARTITION BY g ORDER BY a ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING)',
      'SELECT id, nth_value(a, 0) OVER (ORDER BY id) FROM t',
      'SELECT id, nth_value(a, 1.5) OVER (ORDER BY id) FROM t',
      'SELECT id, last_value(a) OVER (ORDER BY a RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM t',
    ]);
  });

  it('aggregates over frames', () => {
    const frames = [
      '',
      'ORDER BY id',
      'ORDER BY a',
      'PARTITION BY g ORDER BY a, id',
      'ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING',
      'ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING',
      'ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING',
      'ORDER BY id ROWS BETWEEN 3 FOLLOWING AND 1 FOLLOWING',
      'ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING',
      'ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING',
      'ORDER BY a DESC RANGE BETWEEN 1 PRECEDING AND CURRENT ROW',
      'ORDER BY a RANGE BETWEEN 2 FOLLOWING AND 3 FOLLOWING',
      'ORDER BY a RANGE BETWEEN 2 PRECEDING AND 1 PRECEDING',
      'ORDER BY b RANGE BETWEEN 0.5 PRECEDING AND 2 FOLLOWING',
      'ORDER BY a NULLS LAST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING',
      'ORDER BY a DESC NULLS FIRST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING',
      'ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING',
      'ORDER BY a GROUPS BETWEEN CURRENT ROW AND 2 FOLLOWING',
      'ORDER BY a GROUPS 1 PRECEDING',
      'ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW',
      'ORDER BY a ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE GROUP',
      'ORDER BY a RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES',
      'ORDER BY a GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS',
      'PARTITION BY g ORDER BY s ROWS UNBOUNDED PRECEDING',
      'PARTITION BY g EXCLUDE TIES',
    ];
    const statements: string[] = [];
    for (const f of frames) {
      statements.push(
        `SELECT id, count(*) OVER (${f}), count(a) OVER (${f}), sum(a) OVER (${f}), total(b) OVER (${f}), avg(b) OVER (${f}) FROM t`,
        `SELECT id, min(a) OVER (${f}), max(s) OVER (${f}), group_concat(s) OVER (${f}), group_concat(a, '-') OVER (${f}) FROM t`,
        `SELECT id, json_group_array(a) OVER (${f}), json_group_object(s, a) OVER (${f}), first_value(s) OVER (${f}), nth_value(id, 2) OVER (${f}), last_value(b) OVER (${f}) FROM t`,
      );
    }
    check(statements);
  });

  it('FILTER, named windows, several windows, ORDER BY and LIMIT', () => {
    check([
      'SELECT id, sum(a) FILTER (WHERE a > 1) OVER (ORDER BY id), count(*) FILTER (WHERE b < 1) OVER (ORDER BY id ROWS 2 PRECEDING) FROM t',
      'SELECT id, max(b) FILTER (WHERE id % 2) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t',
      'SELECT id, sum(a) OVER w, row_number() OVER w FROM t WINDOW w AS (PARTITION BY g ORDER BY id)',
      'SELECT id, sum(a) OVER (w ROWS 1 PRECEDING) FROM t WINDOW w AS (PARTITION BY g ORDER BY id)',
      'SELECT id, sum(a) OVER (w ORDER BY id) FROM t WINDOW w AS (PARTITION BY g)',
      'SELECT id, sum(a) OVER v FROM t WINDOW w AS (PARTITION BY g), v AS (w ORDER BY a)',
      'SELECT id, a, g, row_number() OVER (ORDER BY a), row_number() OVER (ORDER BY g), row_number() OVER (ORDER BY b DESC) FROM t',
      'SELECT id, row_number() OVER (ORDER BY b DESC), sum(a) OVER (PARTITION BY g), row_number() OVER () FROM t',
      'SELECT id, a FROM t ORDER BY row_number() OVER (ORDER BY b DESC)',
      'SELECT id, rank() OVER (ORDER BY a) AS r FROM t ORDER BY r DESC, id LIMIT 4 OFFSET 1',
      'SELECT DISTINCT g, count(*) OVER (PARTITION BY g) FROM t',
      'SELECT id, a + row_number() OVER (ORDER BY id) * 10, coalesce(lag(s) OVER (ORDER BY id), s) FROM t',
      'SELECT id, sum(a) OVER (ORDER BY id) FROM t WHERE a > 1',
      'SELECT id, sum(a) OVER (ORDER BY id) FROM t WHERE 0',
    ]);
  });

  it('over aggregate queries, subqueries and CTEs', () => {
    check([
      'SELECT g, count(*), sum(count(*)) OVER (ORDER BY g), rank() OVER (ORDER BY count(*) DESC) FROM t GROUP BY g',
      'SELECT g, sum(a), avg(sum(a)) OVER () FROM t GROUP BY g HAVING count(*) > 1',
      'SELECT count(*), row_number() OVER () FROM t',
      'SELECT * FROM (SELECT id, row_number() OVER (PARTITION BY g ORDER BY id DESC) AS rn FROM t) WHERE rn = 1 ORDER BY id',
      'WITH r AS (SELECT id, g, lag(id) OVER (PARTITION BY g ORDER BY id) AS prev FROM t) SELECT * FROM r ORDER BY id',
      'SELECT id, (SELECT count(*) OVER () FROM t AS u WHERE u.g = t.g LIMIT 1) FROM t',
      'SELECT x, sum(x) OVER (ORDER BY x ROWS 1 PRECEDING) FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 4)',
    ]);
  });

  it('in compound SELECTs, IN subqueries, INSERT ... SELECT and views; edge offsets', () => {
    check([
      'SELECT row_number() OVER (ORDER BY id) AS rn FROM t UNION ALL SELECT 10 ORDER BY 1',
      'SELECT id FROM t WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY a DESC) rn FROM t) WHERE rn < 3) ORDER BY id',
      'CREATE TABLE u(x, y)',
      'INSERT INTO u SELECT id, sum(a) OVER (ORDER BY id) FROM t',
      'SELECT * FROM u',
      'CREATE VIEW v AS SELECT id, lag(a) OVER (ORDER BY id) AS p FROM t',
      'SELECT * FROM v WHERE p IS NOT NULL',
      'SELECT id, sum(a) OVER win FROM t WINDOW win AS (ORDER BY id), win AS (ORDER BY a)',
      'SELECT a, sum(a) OVER () FROM t GROUP BY a ORDER BY a',
      'SELECT DISTINCT sum(a) OVER (PARTITION BY g) FROM t ORDER BY 1',
      'SELECT typeof(percent_rank() OVER ()), typeof(cume_dist() OVER ()), typeof(ntile(2) OVER ()) FROM t',
      'SELECT count(*) OVER (ORDER BY b COLLATE NOCASE), first_value(id) OVER (ORDER BY b DESC NULLS LAST) FROM t',
      'SELECT id, nth_value(a, 2) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM t LIMIT 2',
      'SELECT id, ntile(id) OVER (ORDER BY id) FROM t',
      "SELECT id, lead(a, id - 1, 'd') OVER (ORDER BY id) FROM t",
      'SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 9223372036854775807 PRECEDING AND 9223372036854775807 FOLLOWING) FROM t',
      'SELECT sum(id) OVER (ORDER BY id RANGE BETWEEN 9223372036854775807 PRECEDING AND 1e300 FOLLOWING) FROM t',
      'SELECT avg(b) OVER (ORDER BY a RANGE BETWEEN 0.5 PRECEDING AND 0.5 FOLLOWING) FROM t',
      'SELECT g, count(*) FROM t GROUP BY g HAVING rank() OVER (ORDER BY count(*)) = 1',
      'SELECT row_number() OVER () FROM t ORDER BY count(*)',
      'WITH RECURSIVE seq(x) AS (VALUES(1) UNION ALL SELECT row_number() OVER () FROM seq) SELECT x FROM seq',
      ['SELECT id, sum(a) OVER (ORDER BY id ROWS BETWEEN ? PRECEDING AND ? FOLLOWING) FROM t', [0n, 2n]],
      "SELECT id, sum(a) OVER (ORDER BY id ROWS 1+1 PRECEDING), sum(a) OVER (ORDER BY id ROWS CAST('1' AS INTEGER) PRECEDING) FROM t",
      'SELECT id, sum((SELECT max(a) FROM t)) OVER (ORDER BY id), (SELECT count(*) FROM t u WHERE u.a < t.a) + row_number() OVER (ORDER BY id) FROM t',
      'SELECT id, percent_rank() OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM t',
      'SELECT id, first_value(a) OVER w, sum(a) OVER (w RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM t WINDOW w AS (PARTITION BY g ORDER BY a)',
      'SELECT id, count(*) OVER (ORDER BY a, b GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) FROM t',
    ]);
  });

  it('without FROM, in UPDATE and DELETE subqueries, with JSON results', () => {
    check([
      'SELECT row_number() OVER ()',
      'SELECT sum(1) OVER (), count(*) OVER () WHERE 0',
      'SELECT count(*), row_number() OVER ()',
      'SELECT json_array(json_group_array(a) OVER (ORDER BY id)) FROM t',
      "SELECT id, json_group_object(g, a) OVER (ORDER BY id ROWS 1 PRECEDING) -> '$.x' FROM t",
      'UPDATE t SET b = (SELECT rn FROM (SELECT id AS i, row_number() OVER (ORDER BY a DESC) AS rn FROM t) WHERE i = t.id)',
      'DELETE FROM t WHERE id IN (SELECT id FROM (SELECT id, rank() OVER (PARTITION BY g ORDER BY id DESC) r FROM t) WHERE r > 1)',
      'SELECT * FROM t',
      'SELECT g, group_concat(a) OVER (PARTITION BY g) FROM t WHERE id > 1 ORDER BY g DESC',
      'SELECT id, sum(id) OVER (ORDER BY id), avg(id) OVER (ORDER BY id DESC) FROM t ORDER BY 2 DESC LIMIT 1',
    ]);
  });

  it('min/max over sliding frames: equal values (1 and 1.0, NOCASE) resolve as in SQLite', () => {
    check([
      'CREATE TABLE e(id INTEGER PRIMARY KEY, x, s TEXT COLLATE NOCASE)',
      "INSERT INTO e VALUES (1,1,'a'),(2,1.0,'A'),(3,2,'b'),(4,2.0,'B'),(5,1,'a'),(6,NULL,NULL),(7,1.0,'A'),(8,2,'b')",
      'SELECT id, max(x) OVER w, min(x) OVER w, max(s) OVER w, min(s) OVER w, typeof(max(x) OVER w) FROM e WINDOW w AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)',
      'SELECT id, max(x) OVER w, min(x) OVER w, max(s) OVER w, min(s) OVER w FROM e WINDOW w AS (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)',
      'SELECT id, max(x) OVER w, min(x) OVER w, max(s) OVER w, min(s) OVER w FROM e WINDOW w AS (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW)',
      'SELECT id, max(x) OVER w, min(s) OVER w FROM e WINDOW w AS (ORDER BY s RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)',
      'SELECT id, max(x) OVER w, min(s COLLATE BINARY) OVER w FROM e WINDOW w AS (ORDER BY s GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW)',
    ]);
  });

  it("SQLite's errors", () => {
    check([
      'SELECT id FROM t WHERE row_number() OVER () > 1',
      'SELECT id FROM t GROUP BY row_number() OVER ()',
      'SELECT row_number() FROM t',
      'SELECT lag(a) FROM t',
      'SELECT sum(row_number() OVER ()) FROM t',
      'SELECT sum(row_number() OVER ()) OVER () FROM t',
      'SELECT id, row_number() OVER w FROM t',
      'SELECT id, sum(a) OVER (w) FROM t WINDOW v AS ()',
      'SELECT row_number() FILTER (WHERE a > 1) OVER () FROM t',
      'SELECT abs(a) OVER () FROM t',
      'SELECT count(DISTINCT a) OVER () FROM t',
      'SELECT group_concat(s ORDER BY a) OVER () FROM t',
      'SELECT sum(a) OVER (ORDER BY a, b RANGE 1 PRECEDING) FROM t',
      'SELECT sum(a) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 1.5 FOLLOWING) FROM t',
      "SELECT sum(a) OVER (ORDER BY a RANGE BETWEEN 'x' PRECEDING AND CURRENT ROW) FROM t",
      'SELECT sum(a) OVER (ORDER BY a RANGE BETWEEN -2 PRECEDING AND CURRENT ROW) FROM t',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN a PRECEDING AND CURRENT ROW) FROM t',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t WHERE 0',
      'SELECT sum(a) OVER (w ROWS 1 PRECEDING) FROM t WINDOW w AS (ORDER BY id ROWS 2 PRECEDING)',
      'SELECT sum(a) OVER (w PARTITION BY g) FROM t WINDOW w AS (ORDER BY id)',
      'SELECT sum(a) OVER (w ORDER BY g) FROM t WINDOW w AS (ORDER BY id)',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t',
      'SELECT sum(a) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND CURRENT ROW) FROM t',
      'SELECT nth_value(a, 0) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM t',
    ]);
  });
});
