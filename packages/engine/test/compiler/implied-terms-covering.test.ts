// WHERE terms an index or rowid seek already guarantees are not re-checked per row, and index
// loops whose row reads the index covers skip the table lookup (SQLite's covering index). Both
// must leave results exactly as SQLite's: NULL keys and NULL column values, affinity, collation,
// BETWEEN with one bound used, outer joins, correlated subqueries, upper-bound-only ranges.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Tandem from '../../src/index.js';
import { openConnection } from '../../src/engine/connection.js';
import { differences } from '../sql/differential.js';

const setup = [
  'CREATE TABLE t(id INTEGER PRIMARY KEY, a INT, b TEXT COLLATE NOCASE, c REAL, d)',
  'CREATE INDEX t_ab ON t(a, b)',
  'CREATE INDEX t_b ON t(b)',
  'CREATE INDEX t_dc ON t(d, c)',
  'CREATE TABLE u(k INTEGER PRIMARY KEY, ref INT, tag TEXT)',
  'CREATE INDEX u_ref ON u(ref, tag)',
];

function fill(): string[] {
  const out: string[] = [];
  for (let i = 1; i <= 400; i++) {
    // NULLs, reals, numeric text and plain text in the indexed columns: every comparison class occurs.
    const a = i % 9 === 0 ? 'NULL' : i % 13 === 0 ? `${(i % 30) + 0.5}` : i % 17 === 0 ? `'${i % 30}'` : i % 23 === 0 ? "'x'" : `${(i * 7) % 30}`;
    const b = i % 11 === 0 ? 'NULL' : `'${i % 3 === 0 ? 'K' : 'k'}${i % 7}'`;
    const c = i % 10 === 0 ? 'NULL' : `${i / 8}`;
    const d = i % 5 === 0 ? 'NULL' : i % 4 === 0 ? `'${i % 6}'` : `${i % 6}`;
    out.push(`INSERT INTO t VALUES (${i}, ${a}, ${b}, ${c}, ${d})`);
  }
  for (let k = 1; k <= 120; k++) out.push(`INSERT INTO u VALUES (${k}, ${k % 12 === 0 ? 'NULL' : (k * 5) % 41}, ${k % 4 === 0 ? 'NULL' : `'g${k % 3}'`})`);
  return out;
}

function pair(): { connection: ReturnType<typeof openConnection>; oracle: Database.Database } {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  for (const sql of [...setup, ...fill()]) {
    connection.exec(sql);
    oracle.exec(sql);
  }
  return { connection, oracle };
}

type Query = string | [string, (bigint | number | string | null)[]];

describe('implied WHERE terms and covering index scans match SQLite', () => {
  it('index equalities and ranges, with NULL, real, text and numeric-text keys', () => {
    const { connection, oracle } = pair();
    const queries: Query[] = [];
    for (const v of [7, 7.5, 8.0, '7', '7.0', 'x', 'X', null, -1, 1e300]) {
      queries.push([`SELECT id, a FROM t WHERE a = ? ORDER BY id`, [v]]);
      queries.push([`SELECT count(*), sum(a) FROM t WHERE a = ?`, [v]]);
      queries.push([`SELECT a, b FROM t WHERE a = ? AND b = 'k3' ORDER BY 1, 2`, [v]]);
      queries.push([`SELECT id FROM t WHERE a < ? ORDER BY id`, [v]]);
      queries.push([`SELECT a FROM t WHERE a <= ? ORDER BY a`, [v]]);
      queries.push([`SELECT a, id FROM t WHERE a < ? ORDER BY a DESC, id DESC LIMIT 11`, [v]]);
      queries.push([`SELECT a FROM t WHERE a > ? ORDER BY a DESC`, [v]]);
      queries.push([`SELECT count(*) FROM t WHERE a >= ? AND a < 20`, [v]]);
      queries.push([`SELECT count(*), min(a), max(a) FROM t WHERE a BETWEEN ? AND 25`, [v]]);
      queries.push([`SELECT id FROM t WHERE a BETWEEN 3 AND ? AND a > 4 ORDER BY id`, [v]]);
      queries.push([`SELECT id, c FROM t WHERE d = ? AND c > 10 ORDER BY id`, [v]]);
      queries.push([`SELECT d, c FROM t WHERE d = ? AND c < 20 ORDER BY c`, [v]]);
      queries.push([`SELECT id FROM t WHERE rowid = ?`, [v]]);
      queries.push([`SELECT id FROM t WHERE id > ? AND id <= 20 ORDER BY id`, [v]]);
      queries.push([`SELECT id FROM t WHERE id < ? ORDER BY id DESC LIMIT 5`, [v]]);
    }
    queries.push("SELECT id, b FROM t WHERE b = 'K3' ORDER BY id");
    queries.push("SELECT b, count(*) FROM t WHERE b > 'k2' AND b < 'K5' GROUP BY b ORDER BY b");
    queries.push("SELECT id FROM t WHERE b = 'k3' COLLATE BINARY ORDER BY id");
    queries.push("SELECT id FROM t WHERE a = '07' ORDER BY id");
    queries.push('SELECT id FROM t WHERE a = 3 AND a = 4');
    queries.push('SELECT id FROM t WHERE a > 3 AND a > 20 AND a < 25 AND a < 29 ORDER BY id');
    expect(differences(connection, oracle, queries)).toEqual([]);
  });

  it('covering scans: every read of the row from the index, and reads that need the table', () => {
    const { connection, oracle } = pair();
    const queries = [
      'SELECT a, b, rowid FROM t WHERE a > 10 ORDER BY a, b, rowid',
      'SELECT a, id FROM t WHERE a = 4 ORDER BY id',
      'SELECT a, c FROM t WHERE a = 4 ORDER BY id',
      'SELECT a, count(*), count(b), max(b) FROM t WHERE a BETWEEN 2 AND 9 GROUP BY a ORDER BY a',
      'SELECT d, c, typeof(c), typeof(d) FROM t WHERE d = 2 ORDER BY c',
      'SELECT max(c) FROM t WHERE d = 3',
      'SELECT t.id, u.k, u.tag FROM t LEFT JOIN u ON u.ref = t.a AND u.tag = t.b ORDER BY 1, 2',
      'SELECT t.id, u.tag FROM t LEFT JOIN u ON u.ref = t.a WHERE u.tag IS NULL ORDER BY 1, 2',
      'SELECT u.k, (SELECT count(*) FROM t WHERE t.a = u.ref), EXISTS (SELECT 1 FROM t WHERE t.a = u.ref AND t.b = u.tag) FROM u ORDER BY 1',
      'SELECT u.k, (SELECT max(b) FROM t WHERE t.a = u.ref) FROM u ORDER BY 1',
      'SELECT u.k, t.id FROM u JOIN t ON t.a = u.ref WHERE t.b > u.tag ORDER BY 1, 2',
      'SELECT DISTINCT a FROM t WHERE a < 12 ORDER BY a',
      'SELECT a FROM t WHERE a > 5 UNION SELECT ref FROM u WHERE ref < 9 ORDER BY 1',
    ];
    expect(differences(connection, oracle, queries)).toEqual([]);
  });

  it('UPDATE and DELETE through an index still see the rows SQLite sees', () => {
    const { connection, oracle } = pair();
    const statements = [
      'UPDATE t SET a = a + 1 WHERE a BETWEEN 3 AND 6',
      'SELECT id, a FROM t WHERE a BETWEEN 2 AND 8 ORDER BY id',
      'DELETE FROM t WHERE a < 2',
      'SELECT count(*), sum(a) FROM t',
      "UPDATE t SET b = 'z' WHERE a = 10 AND b = 'k1'",
      "SELECT id, b FROM t WHERE b = 'Z' ORDER BY id",
    ];
    expect(differences(connection, oracle, statements)).toEqual([]);
  });

  it('plans name the covering index as SQLite does', () => {
    const connection = new Tandem(':memory:');
    const oracle = new Database(':memory:');
    for (const sql of setup) {
      connection.exec(sql);
      oracle.exec(sql);
    }
    const plan = (db: { prepare(sql: string): { all(): unknown[] } }, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
    for (const sql of ['SELECT count(*) FROM t WHERE a > 5', 'SELECT a, b FROM t WHERE a = 5', 'SELECT c FROM t WHERE d = 1', 'SELECT c FROM t WHERE a = 5']) {
      expect(plan(connection, sql), sql).toEqual(plan(oracle, sql));
    }
  });
});
