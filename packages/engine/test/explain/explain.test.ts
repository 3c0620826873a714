// EXPLAIN (Tandem's bytecode under SQLite's column names) and EXPLAIN QUERY PLAN (SQLite's
// wording, the same tree as better-sqlite3's wherever Tandem's plan is SQLite's; where the plans
// differ, the lines describe the plan Tandem runs).

import BetterSqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from '../../src/index.js';
import type { SqlValue } from '../../src/common/values.js';
import type { Connection } from '../../src/engine/types.js';
import { openConnection } from '../../src/internal.js';
import { runTandem } from '../sql/differential.js';

const SETUP =
  'CREATE TABLE t(a, b, c); CREATE INDEX ta ON t(a); CREATE INDEX tab ON t(a, b);' +
  'CREATE TABLE u(x INTEGER PRIMARY KEY, y); CREATE VIEW v AS SELECT a, count(*) n FROM t GROUP BY a';

/** The plan as the sqlite3 shell draws it: one line per row, indented under its parent. */
function drawPlan(rows: readonly (readonly unknown[])[]): string[] {
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((row) => {
    const level = (depth.get(Number(row[1])) ?? 0) + 1;
    depth.set(Number(row[0]), level);
    return `${'  '.repeat(level)}${String(row[3])}`;
  });
}

let connection: Connection;
let oracle: BetterSqlite.Database;
beforeAll(() => {
  connection = openConnection(':memory:');
  connection.exec(SETUP);
  oracle = new BetterSqlite(':memory:');
  oracle.exec(SETUP);
});
afterAll(() => {
  connection.close();
  oracle.close();
});

function ourPlan(sql: string): string[] {
  const outcome = runTandem(connection, `EXPLAIN QUERY PLAN ${sql}`);
  if ('error' in outcome) throw new Error(outcome.error.message);
  return drawPlan(outcome.rows);
}

function sqlitePlan(sql: string): string[] {
  return drawPlan(oracle.prepare(`EXPLAIN QUERY PLAN ${sql}`).raw().all() as unknown[][]);
}

describe('EXPLAIN', () => {
  it("lists the program with SQLite's columns, without running it", () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t(a)');
      const statement = db.prepare('EXPLAIN INSERT INTO t VALUES (1)');
      expect(statement.reader).toBe(true);
      expect(statement.columns().map((c) => c.name)).toEqual(['addr', 'opcode', 'p1', 'p2', 'p3', 'p4', 'p5', 'comment']);
      const rows = statement.all() as Record<string, unknown>[];
      expect(rows.map((r) => r.addr)).toEqual(rows.map((_, i) => i));
      expect(rows.some((r) => r.opcode === 'Insert')).toBe(true);
      expect(rows.at(-1)!.opcode).toBe('Halt');
      for (const row of rows) {
        expect(typeof row.opcode).toBe('string');
        expect(row.p4 === null || typeof row.p4 === 'string').toBe(true);
        expect([row.p1, row.p2, row.p3, row.p5].every((p) => typeof p === 'number')).toBe(true);
      }
      db.exec('EXPLAIN DROP TABLE t');
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('names every opcode a real program uses', () => {
    const statements = [
      'SELECT a, count(*) FROM t WHERE b > 1 GROUP BY a ORDER BY 2 DESC',
      'SELECT * FROM t WHERE c IN (SELECT y FROM u) UNION SELECT x, y, 1 FROM u',
      'UPDATE t SET c = c || ? WHERE a = 1',
      'DELETE FROM u WHERE x BETWEEN 1 AND 5',
      'CREATE INDEX tc ON t(c)',
      'ALTER TABLE t ADD COLUMN d',
      'PRAGMA integrity_check',
    ];
    for (const sql of statements) {
      const outcome = runTandem(connection, `EXPLAIN ${sql}`);
      if ('error' in outcome) throw new Error(outcome.error.message);
      const names = outcome.rows.map((r) => r[1] as SqlValue);
      expect(names.filter((n) => typeof n !== 'string' || n.startsWith('Opcode')), sql).toEqual([]);
    }
  });
});

describe('EXPLAIN QUERY PLAN', () => {
  it("has SQLite's columns", () => {
    const db = new Database(':memory:');
    try {
      expect(db.prepare('EXPLAIN QUERY PLAN SELECT 1').columns().map((c) => c.name)).toEqual(['id', 'parent', 'notused', 'detail']);
    } finally {
      db.close();
    }
  });

  // Plans Tandem shares with SQLite: the trees must be the same.
  const samePlans = [
    'SELECT * FROM t',
    'SELECT * FROM t AS z WHERE c = 1',
    'SELECT * FROM t WHERE a = 1 AND b > 2',
    'SELECT * FROM u WHERE x = 5',
    'SELECT * FROM u WHERE x > 5 AND x < 9',
    'SELECT * FROM u WHERE x > 5',
    'SELECT * FROM t ORDER BY c',
    'SELECT * FROM t ORDER BY a',
    'SELECT * FROM t ORDER BY a LIMIT 2',
    'SELECT c, count(*) FROM t GROUP BY c',
    'SELECT c, count(*) FROM t GROUP BY c ORDER BY 2',
    'SELECT DISTINCT c FROM t',
    'SELECT * FROM t WHERE c = (SELECT y FROM u WHERE x = t.a)',
    'SELECT * FROM t WHERE a IN (SELECT x FROM u WHERE y = t.b)',
    'SELECT * FROM t, u WHERE t.a = u.x',
    'SELECT * FROM t WHERE a = 1 OR b = 2',
    'SELECT * FROM t WHERE c IN (1, 2, 3)',
    'SELECT 1',
    'SELECT (SELECT 1)',
    'SELECT 1 UNION ALL SELECT 2',
    'SELECT (SELECT y FROM u) FROM u',
    'INSERT INTO t SELECT * FROM t',
    'INSERT INTO t SELECT 1, 2, 3',
    'INSERT INTO t VALUES (1, 2, 3)',
    'INSERT INTO t VALUES (1, 2, 3), (4, 5, 6)',
    'VALUES (1)',
    'VALUES (1), (2), (3)',
    'SELECT 1 UNION ALL VALUES (2), (3)',
    'UPDATE t SET c = 1 WHERE a = 2',
    'DELETE FROM u WHERE x = 1',
  ];
  it.each(samePlans)('%s', (sql) => {
    expect(ourPlan(sql)).toEqual(sqlitePlan(sql));
  });

  // Where Tandem plans differently, the lines say what Tandem does.
  it('describes materialized subqueries, views and CTEs (SQLite would use co-routines)', () => {
    expect(ourPlan('SELECT * FROM (SELECT c, count(*) FROM t GROUP BY c) s, u')).toEqual([
      'MATERIALIZE s',
      '  SCAN t',
      '  USE TEMP B-TREE FOR GROUP BY',
      'SCAN s',
      'SCAN u',
    ]);
    expect(ourPlan('SELECT * FROM v')).toEqual(['MATERIALIZE v', '  SCAN t', '  USE TEMP B-TREE FOR GROUP BY', 'SCAN v']);
    expect(ourPlan('WITH w AS (SELECT * FROM u) SELECT * FROM w')).toEqual(['MATERIALIZE w', '  SCAN u', 'SCAN w']);
  });

  it('describes compound queries combined in temp b-trees, and EXISTS as a subquery', () => {
    expect(ourPlan('SELECT a FROM t UNION SELECT y FROM u')).toEqual([
      'COMPOUND QUERY',
      '  LEFT-MOST SUBQUERY',
      '    SCAN t',
      '  UNION USING TEMP B-TREE',
      '    SCAN u',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
    expect(ourPlan('SELECT a FROM t EXCEPT SELECT y FROM u')[3]).toBe('  EXCEPT USING TEMP B-TREE');
    expect(ourPlan('SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE x = t.a)')).toEqual([
      'SCAN t',
      'CORRELATED SCALAR SUBQUERY 1',
      '  SEARCH u USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
    expect(ourPlan('SELECT (SELECT max(y) FROM u), * FROM t')).toEqual(['SCAN t', 'SCALAR SUBQUERY 1', '  SEARCH u']); // a min/max query: SQLite says SEARCH
  });

  it('numbers subqueries as SQLite does (inner SELECTs first)', () => {
    const sql = 'SELECT (SELECT 1), (SELECT (SELECT 2) FROM u) FROM t WHERE a IN (SELECT x FROM u)';
    expect(ourPlan(sql).filter((l) => l.includes('SCALAR SUBQUERY'))).toEqual(sqlitePlan(sql).filter((l) => l.includes('SCALAR SUBQUERY')));
    expect(ourPlan(sql)).toContain('LIST SUBQUERY 4');
  });

  it('does not run the statement', () => {
    runTandem(connection, 'EXPLAIN QUERY PLAN DELETE FROM t');
    runTandem(connection, "INSERT INTO t VALUES (1, 2, 'x')");
    runTandem(connection, 'EXPLAIN QUERY PLAN DELETE FROM t');
    expect(runTandem(connection, 'SELECT count(*) FROM t')).toEqual({ rows: [[1n]] });
  });
});
