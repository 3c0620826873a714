// SELECT count(*) FROM t answered from the b-tree's cell counts (compiler/simple-count.ts, the
// Count opcode): the same counts as SQLite on every tree shape, and the ordinary aggregate
// whenever the query is anything more than that.

import BetterSqlite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import { openConnection } from '../../src/internal.js';
import { expectSameInMemory } from './differential.js';

/** Rows with payloads wide enough that a few thousand of them make trees three levels deep. */
const fill = (table: string, n: number) =>
  `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n}) INSERT INTO ${table} SELECT i, printf('%0200d', i), i % 7 FROM s`;

describe('simple count', () => {
  it('counts rowid and WITHOUT ROWID trees of every depth as SQLite does', () => {
    expectSameInMemory([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c)',
      'CREATE TABLE w(a, b, c, PRIMARY KEY (b, a)) WITHOUT ROWID',
      'CREATE INDEX tc ON t(c)',
      'SELECT count(*) FROM t',
      'SELECT count(*) FROM w',
      "INSERT INTO t VALUES (1, 'x', 1)",
      "INSERT INTO w VALUES (1, 'x', 1)",
      'SELECT count(*) FROM t',
      'SELECT count(*) FROM w',
      fill('t', 3000).replace('SELECT i,', 'SELECT i + 1,'),
      fill('w', 3000).replace('SELECT i,', 'SELECT i + 1,'),
      'SELECT count(*) FROM t',
      'SELECT count(*) FROM w',
      'DELETE FROM t WHERE a % 3 = 0',
      'DELETE FROM w WHERE a % 5 = 0',
      'SELECT count(*) FROM t',
      'SELECT count(*) FROM w',
      'SELECT count(*) AS n FROM main.t',
      'SELECT COUNT(*) FROM t AS x',
      'SELECT count(*) FROM sqlite_schema',
    ]);
  });

  it('sees the uncommitted rows of the transaction and keeps every other count form', () => {
    expectSameInMemory([
      'CREATE TABLE t(a INTEGER PRIMARY KEY, b, c)',
      fill('t', 500),
      'BEGIN',
      'DELETE FROM t WHERE a > 400',
      "INSERT INTO t VALUES (1000, NULL, NULL), (1001, 'y', 2)",
      'SELECT count(*) FROM t',
      'SELECT (SELECT count(*) FROM t) + 1',
      'SELECT count(*) FROM t LIMIT 0',
      'SELECT count(*) FROM t LIMIT 1 OFFSET 1',
      'SELECT count(*) FROM t ORDER BY 1',
      'SELECT DISTINCT count(*) FROM t',
      'SELECT count(*) FROM t WHERE c = 2',
      'SELECT count(*) FROM t HAVING count(*) > 5',
      'SELECT count(*), count(b) FROM t',
      'SELECT count(b) FROM t',
      'SELECT count(*) FROM t GROUP BY c ORDER BY c',
      'SELECT count(*) FILTER (WHERE c = 1) FROM t',
      'SELECT count(*) + 0 FROM t',
      'ROLLBACK',
      'SELECT count(*) FROM t',
      'CREATE VIEW v AS SELECT * FROM t WHERE c = 3',
      'SELECT count(*) FROM v',
      'SELECT count(*) FROM (SELECT * FROM t LIMIT 7)',
      'SELECT count(*) FROM t INDEXED BY sqlite_autoindex_t_1',
    ]);
  });

  it('compiles to the Count opcode only for the plain form', () => {
    const connection = openConnection(':memory:');
    try {
      connection.exec('CREATE TABLE t(a, b)');
      const opcodes = (sql: string) => {
        const { statement } = connection.prepare(`EXPLAIN ${sql}`);
        const rows: string[] = [];
        while (statement!.step() === 1) rows.push(String(statement!.row()[1]));
        statement!.finalize();
        return rows;
      };
      expect(opcodes('SELECT count(*) FROM t')).toContain('Count');
      expect(opcodes('SELECT count(*) FROM t WHERE a = 1')).not.toContain('Count');
      expect(opcodes('SELECT count(a) FROM t')).not.toContain('Count');
    } finally {
      connection.close();
    }
  });

  it('calls a user-defined count() instead, as SQLite does', () => {
    const both = [new Database(':memory:'), new BetterSqlite(':memory:')] as unknown as BetterSqlite.Database[];
    const answers = both.map((db) => {
      db.exec('CREATE TABLE t(a); INSERT INTO t VALUES (1), (2), (3)');
      db.aggregate('count', { start: 100, step: (n: number) => n + 1 });
      const answer = db.prepare('SELECT count(*) FROM t').pluck().get();
      db.close();
      return answer;
    });
    expect(answers).toEqual([103, 103]);
  });
});
