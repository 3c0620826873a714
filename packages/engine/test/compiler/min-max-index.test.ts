// SQLite's min/max optimisation (compiler/min-max.ts): a lone min(x)/max(x) without GROUP BY reads
// one end of an index on x (after an equality prefix) instead of the whole range. Results must be
// SQLite's: NULLs skipped by min, mixed types, DESC indexes, collations the index does not share,
// empty ranges, bare columns from the extreme row; and EXPLAIN QUERY PLAN must say what SQLite says.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Tandem from '../../src/index.js';
import { expectSameInMemory } from '../sql/differential.js';

const setup = [
  'CREATE TABLE t(a, x, y, z TEXT COLLATE NOCASE, n NOT NULL, w)',
  'CREATE INDEX ix ON t(x)',
  'CREATE INDEX iax ON t(a, x)',
  'CREATE INDEX iz ON t(z)',
  'CREATE INDEX iyd ON t(y DESC)',
  'CREATE INDEX ie ON t(abs(a) + 0)',
  'CREATE TABLE u(a, b)',
  'CREATE INDEX ub ON u(b COLLATE NOCASE)',
  "INSERT INTO t VALUES (1, NULL, NULL, 'b', 1, 'r1'), (1, 5, 3, 'A', 2, 'r2'), (1, 'text', 'x', 'a', 3, 'r3'), (1, x'00', 2.5, 'C', 4, 'r4')",
  "INSERT INTO t VALUES (2, 2.5, NULL, NULL, 5, 'r5'), (2, -7, 9, 'B', 6, 'r6'), (2, NULL, -1, 'c', 7, 'r7'), (3, NULL, NULL, NULL, 8, 'r8')",
  "INSERT INTO t VALUES (4, 10, 1, 'x', 9, 'r9'), (4, 10, 1, 'X', 10, 'r10')",
  "INSERT INTO u VALUES (1, 'b'), (2, 'B'), (3, 'a'), (4, 'C'), (5, NULL)",
];

const queries = [
  'SELECT min(x) FROM t', 'SELECT max(x) FROM t', 'SELECT min(x), w FROM t', 'SELECT max(x), w FROM t', 'SELECT w, max(x), a FROM t',
  'SELECT max(x) FROM t WHERE a = 1', 'SELECT min(x) FROM t WHERE a = 1', 'SELECT min(x), w FROM t WHERE a = 2', 'SELECT max(x), w FROM t WHERE a = 2',
  'SELECT min(x), w FROM t WHERE a = 3', 'SELECT max(x), w FROM t WHERE a = 3', 'SELECT min(x), w FROM t WHERE a = 99', 'SELECT max(x), w FROM t WHERE a = 99',
  'SELECT max(x), w FROM t WHERE a = 4', 'SELECT min(x), w FROM t WHERE a = 4', "SELECT max(x) FROM t WHERE a = '1'", 'SELECT max(x) FROM t WHERE a = NULL',
  'SELECT min(x) FROM t WHERE x > 0', 'SELECT max(x) FROM t WHERE x < 6', 'SELECT max(x) FROM t WHERE a = 1 AND x < 6', 'SELECT min(x) FROM t WHERE a = 2 AND x > -100',
  'SELECT max(x) FROM t WHERE x > 1000', 'SELECT min(x) FROM t WHERE x < -1000', 'SELECT min(x), w FROM t WHERE w > \'r5\'', 'SELECT max(x), w FROM t WHERE n > 3',
  'SELECT min(y), w FROM t', 'SELECT max(y), w FROM t', 'SELECT max(z), w FROM t', 'SELECT min(z), w FROM t', 'SELECT max(z COLLATE BINARY), w FROM t',
  'SELECT max(b), a FROM u', 'SELECT min(b), a FROM u', 'SELECT max(b COLLATE NOCASE), a FROM u', 'SELECT min(b COLLATE NOCASE), a FROM u',
  'SELECT min(n), w FROM t', 'SELECT max(n), w FROM t', 'SELECT max(rowid) FROM t', 'SELECT min(rowid), w FROM t', 'SELECT max(x) + 1 FROM t',
  'SELECT min(DISTINCT x) FROM t', 'SELECT max(x) FILTER (WHERE a = 2) FROM t', 'SELECT max(x), count(*) FROM t', 'SELECT max(x) FROM t HAVING max(x) > 0',
  'SELECT max(x) FROM t GROUP BY a', 'SELECT a, max(x) FROM t WHERE a = 1', 'SELECT max(x) FROM t WHERE 0', 'SELECT typeof(max(x)), typeof(min(x)) FROM t',
  'SELECT (SELECT max(x) FROM t AS s WHERE s.a = u.a) FROM u', 'SELECT max(x) FROM t INDEXED BY iax WHERE a = 2', 'SELECT min(x) FROM t NOT INDEXED',
  'SELECT min(abs(a) + 0), w FROM t', 'SELECT max(abs(a) + 0), w FROM t', 'SELECT min(x), max(x) FROM t', 'SELECT min(x) FROM t WHERE a IN (1, 2)',
];

describe('min/max index search', () => {
  it('returns what SQLite returns', () => {
    expectSameInMemory([...setup, ...queries]);
  });

  it('keeps working as the table changes (all NULL, empty)', () => {
    expectSameInMemory([...setup, 'UPDATE t SET x = NULL', ...queries, 'DELETE FROM t', 'DELETE FROM u', ...queries]);
  });

  it('plans as SQLite does', () => {
    const connection = new Tandem(':memory:');
    const oracle = new Database(':memory:');
    for (const sql of setup) {
      connection.exec(sql);
      oracle.exec(sql);
    }
    const plan = (db: { prepare(sql: string): { all(): unknown[] } }, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
    const planned = [
      'SELECT min(x) FROM t', 'SELECT max(x) FROM t', 'SELECT max(x) FROM t WHERE a = 1', 'SELECT min(x) FROM t WHERE a = 1', 'SELECT max(x), w FROM t',
      'SELECT min(x) FROM t WHERE x > 1', 'SELECT max(x) FROM t WHERE x < 1', 'SELECT max(x) FROM t WHERE a = 1 AND x < 1', 'SELECT max(rowid) FROM t',
      'SELECT min(n) FROM t', 'SELECT max(x) + 1 FROM t', 'SELECT min(DISTINCT x) FROM t', 'SELECT a, max(x) FROM t WHERE a = 1',
      'SELECT max(b COLLATE NOCASE) FROM u', 'SELECT max(z) FROM t',
    ];
    for (const sql of planned) expect(plan(connection, sql), sql).toEqual(plan(oracle, sql));
    connection.close();
    oracle.close();
  });
});
