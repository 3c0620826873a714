// CREATE TABLE ... AS SELECT against SQLite: the column names and types SQLite derives (and the
// sqlite_schema text it writes), the rows copied, IF NOT EXISTS, and what is refused.

import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { openConnection } from '../../src/internal.js';
import { runTandem, expectSameInMemory } from '../sql/differential.js';

const check = expectSameInMemory;

const BASE = [
  'CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL, d NUMERIC, e BLOB, f, g VARCHAR(10))',
  "INSERT INTO t VALUES (1, 'x', 1.5, 2, x'01', 3, 'g'), (2, 'y', 2.0, '3.5', NULL, 'f', 7), (5, NULL, NULL, NULL, x'', 2.5, NULL)",
  'CREATE TABLE u(k INT, v)',
  "INSERT INTO u VALUES (1, 'one'), (2, 'two'), (9, 'nine')",
];

const schemaAndRows = (name: string): string[] => [
  `SELECT sql FROM sqlite_schema WHERE name = '${name}'`,
  `SELECT rowid, * FROM "${name}" ORDER BY rowid`,
  `SELECT * FROM pragma_table_info('${name}')`,
];

describe('CREATE TABLE ... AS SELECT', () => {
  it('types columns by their affinity, one line or many as SQLite formats them', () => {
    check([
      ...BASE,
      'CREATE TABLE c1 AS SELECT * FROM t',
      ...schemaAndRows('c1'),
      'CREATE TABLE c2 AS SELECT a, b AS x FROM t',
      ...schemaAndRows('c2'),
      'CREATE TABLE c3 AS SELECT * FROM t WHERE 0',
      ...schemaAndRows('c3'),
      'CREATE TABLE c4 AS SELECT a, b, c FROM t ORDER BY a DESC LIMIT 2',
      ...schemaAndRows('c4'),
    ]);
  });

  it('names columns as SQLite does: aliases, spans, rowid, COLLATE, true/false, duplicates, quoting', () => {
    check([
      ...BASE,
      "CREATE TABLE n1 AS SELECT a, b AS 'b c', a+1, CAST(f AS TEXT), CAST(f AS FLOAT) x, f COLLATE NOCASE, rowid, oid, true, 1 AS a, a FROM t",
      ...schemaAndRows('n1'),
      'CREATE TABLE "select" AS SELECT 1 AS "order", 2 AS _x, 3 AS "x""y", 4 AS "1a", 5 AS "é", 6 AS "", 7 AS key',
      ...schemaAndRows('select'),
      'CREATE TABLE averyveryverylongtablenamethatislong AS SELECT 1 AS abcdefghijklmn, 2 AS bcdefghijklmno',
      ...schemaAndRows('averyveryverylongtablenamethatislong'),
      'CREATE TABLE n2 AS SELECT +a, likely(b), -a, a COLLATE NOCASE AS z, b AS B, t.c, count(*) FROM t GROUP BY a',
      ...schemaAndRows('n2'),
      'CREATE TABLE n3 AS SELECT 1, 1, 1, 1 AS "1:1"',
      ...schemaAndRows('n3'),
      'CREATE TABLE n4 AS SELECT u.rowid, k AS K, v FROM u',
      ...schemaAndRows('n4'),
    ]);
  });

  it('reads joins, subqueries in FROM, views, CTEs and aggregates', () => {
    check([
      ...BASE,
      'CREATE VIEW w AS SELECT a AS va, b || \'!\' AS vb, CAST(a AS TEXT) AS vc FROM t',
      'CREATE TABLE j1 AS SELECT t.a, u.v, t.c * u.k AS prod FROM t JOIN u ON u.k = t.a',
      ...schemaAndRows('j1'),
      'CREATE TABLE j2 AS SELECT x FROM (SELECT a AS x FROM t)',
      ...schemaAndRows('j2'),
      'CREATE TABLE j3 AS SELECT * FROM w',
      ...schemaAndRows('j3'),
      'CREATE TABLE j4 AS WITH r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT n, n * n AS sq FROM r',
      ...schemaAndRows('j4'),
      'CREATE TABLE j5 AS SELECT f, count(*) AS n, sum(c) FROM t GROUP BY f',
      ...schemaAndRows('j5'),
      'CREATE TABLE j6 AS VALUES (1, \'a\'), (2, \'b\')',
      ...schemaAndRows('j6'),
    ]);
  });

  it('types compound SELECT columns across the arms', () => {
    check([
      ...BASE,
      "CREATE TABLE k1 AS SELECT 'a' UNION SELECT 1",
      ...schemaAndRows('k1'),
      'CREATE TABLE k2 AS SELECT b FROM t UNION SELECT 1',
      ...schemaAndRows('k2'),
      'CREATE TABLE k3 AS SELECT a, b FROM t UNION ALL SELECT k, v FROM u',
      ...schemaAndRows('k3'),
      "CREATE TABLE k4 AS SELECT NULL AS z UNION ALL SELECT b FROM t UNION ALL SELECT 'q'",
      ...schemaAndRows('k4'),
      'CREATE TABLE k5 AS SELECT CAST(f AS INT) AS ci FROM t UNION SELECT k FROM u',
      ...schemaAndRows('k5'),
      "CREATE TABLE k6 AS SELECT c FROM t EXCEPT SELECT 'x' || k FROM u",
      ...schemaAndRows('k6'),
    ]);
  });

  it('respects IF NOT EXISTS and name clashes, and copies into a table that then works normally', () => {
    check([
      ...BASE,
      'CREATE TABLE c1 AS SELECT * FROM u',
      'CREATE TABLE IF NOT EXISTS c1 AS SELECT 1',
      'CREATE TABLE c1 AS SELECT 1',
      'CREATE TABLE t AS SELECT 1',
      'CREATE TABLE sqlite_x AS SELECT 1',
      'CREATE TABLE bad AS SELECT nope FROM u',
      "SELECT name FROM sqlite_schema WHERE name = 'bad'",
      "INSERT INTO c1 VALUES (10, 'ten')",
      'UPDATE c1 SET v = upper(v) WHERE k > 1',
      'CREATE INDEX c1_v ON c1(v)',
      "SELECT * FROM c1 WHERE v = 'TWO'",
      ...schemaAndRows('c1'),
      'PRAGMA integrity_check',
    ]);
  });

  it('refuses a fifth column of one name, whose name SQLite picks at random', () => {
    const connection = openConnection(':memory:');
    try {
      expect(runTandem(connection, 'CREATE TABLE r AS SELECT 1 AS a, 2 AS a, 3 AS a, 4 AS a, 5 AS a, 6 AS a')).toEqual({
        error: { code: 'SQLITE_ERROR', message: 'not supported by Tandem yet: CREATE TABLE ... AS SELECT with more than four columns of one name' },
      });
    } finally {
      connection.close();
    }
  });

  it('copies random data exactly', () => {
    let seed = 99;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pool: SqlValue[] = [null, 0n, -3n, 77n, 2.5, 1e100, '', 'text', '42', new Uint8Array([65, 66])];
    const statements: (string | [string, SqlValue[]])[] = ['CREATE TABLE src(i INTEGER, r REAL, t TEXT, n NUMERIC, x)'];
    for (let i = 0; i < 60; i++) {
      const pick = (): SqlValue => pool[Math.floor(random() * pool.length)]!;
      statements.push(['INSERT INTO src VALUES (?, ?, ?, ?, ?)', [pick(), pick(), pick(), pick(), pick()]]);
    }
    statements.push('CREATE TABLE dst AS SELECT *, i + 1 AS i1, t || x AS tx, typeof(r) AS tr FROM src WHERE rowid % 3 <> 0');
    statements.push(...schemaAndRows('dst'));
    statements.push('SELECT quote(i), quote(r), quote(t), quote(n), quote(x), quote(i1), quote(tx), tr FROM dst ORDER BY rowid');
    check(statements);
  });
});
