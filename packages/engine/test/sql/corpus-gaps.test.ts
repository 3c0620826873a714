// Differential tests (same SQL to Tandem and better-sqlite3) for features the corpora exercised
// that Tandem used to refuse: WITH on INSERT/UPDATE/DELETE, `x IN table`, and the ones below.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import { differences } from './differential.js';

function check(statements: (string | [string, SqlValue[]])[], options: { ordered?: boolean } = {}): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, statements, options)).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
}

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
