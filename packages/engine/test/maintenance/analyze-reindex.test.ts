// ANALYZE (sqlite_stat1 content compared with SQLite's for the same data) and REINDEX (indexes
// rebuilt, errors as SQLite's), differential against better-sqlite3.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/internal.js';
import { differences } from '../sql/differential.js';

const STAT1 = 'SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx';

function expectSame(script: readonly string[]): void {
  const connection = openConnection(':memory:');
  const oracle = new Database(':memory:');
  try {
    expect(differences(connection, oracle, script)).toEqual([]);
  } finally {
    connection.close();
    oracle.close();
  }
}

const DATA = [
  'CREATE TABLE t(a, b, c TEXT COLLATE NOCASE)',
  'CREATE INDEX ta ON t(a)',
  'CREATE INDEX tab ON t(a, b DESC)',
  'CREATE INDEX tc ON t(c)',
  'CREATE INDEX part ON t(b) WHERE b > 1',
  'CREATE TABLE empty(x)',
  'CREATE INDEX empty_x ON empty(x)',
  'CREATE TABLE plain(x)',
  'CREATE TABLE onlypartial(x, y)',
  'CREATE INDEX op ON onlypartial(x) WHERE x IS NOT NULL',
  'CREATE TABLE u(p UNIQUE, q PRIMARY KEY)',
  'INSERT INTO plain VALUES (1), (2), (3)',
  'INSERT INTO onlypartial VALUES (1, 1), (NULL, 2), (NULL, 3)',
  "INSERT INTO u VALUES (1, 'a'), (2, 'b'), (NULL, 'c'), (NULL, 'd')",
  ...Array.from({ length: 60 }, (_, i) => `INSERT INTO t VALUES (${i % 7}, ${i % 3 === 0 ? 'NULL' : i % 3}, '${i % 2 ? 'X' : 'x'}${i % 5}')`),
];

describe('ANALYZE', () => {
  it('writes the sqlite_stat1 rows SQLite writes', () => {
    expectSame([...DATA, 'ANALYZE', STAT1, 'SELECT count(*) FROM sqlite_schema WHERE name = \'sqlite_stat1\'']);
  });

  it('re-analyzes one table or one index, replacing only their rows', () => {
    expectSame([
      ...DATA,
      'ANALYZE',
      'DELETE FROM t WHERE a = 1',
      'INSERT INTO plain VALUES (4)',
      'ANALYZE t',
      STAT1,
      'DELETE FROM t WHERE a = 2',
      'ANALYZE tab',
      STAT1,
      'ANALYZE main.plain',
      'ANALYZE main',
      STAT1,
      'ANALYZE temp',
      'ANALYZE nope',
      'ANALYZE other.t',
    ]);
  });

  it('creates sqlite_stat1 on first use, also for a single table', () => {
    expectSame([...DATA, 'ANALYZE u', STAT1, "SELECT sql FROM sqlite_schema WHERE name = 'sqlite_stat1'"]);
  });
});

describe('REINDEX', () => {
  it('rebuilds indexes that still serve queries, by table, index, collation or all', () => {
    expectSame([
      ...DATA,
      'REINDEX',
      'REINDEX t',
      'REINDEX ta',
      'REINDEX main.tc',
      'REINDEX nocase',
      'REINDEX binary',
      'SELECT a, b FROM t WHERE a = 3 ORDER BY b',
      "SELECT count(*) FROM t WHERE c = 'x1'",
      'SELECT b FROM t WHERE b > 1 ORDER BY b LIMIT 3',
      'PRAGMA integrity_check',
      'REINDEX nope',
      'REINDEX main.nope',
      'REINDEX other.t',
    ]);
  });
});
