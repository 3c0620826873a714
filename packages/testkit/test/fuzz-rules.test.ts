// The differential fuzzer's comparison rules and the random SQL generator, on better-sqlite3 only:
// engines that agree pass (random() and the clock included), and every kind of disagreement is caught.

import { describe, expect, it } from 'vitest';
import { DriverError, openSqlite, type SqlDriver } from '../src/driver.js';
import { runScript, scriptStatements } from '../src/fuzzdata/compare.js';
import { nullParameters } from '../src/fuzzdata/params.js';
import { randomCaseStatements } from '../src/randomsql/case.js';
import { alteringDriver } from './helpers.js';

const SCRIPT = `
  CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL);
  INSERT INTO t VALUES (1, 'x', 1.5), (2, 'y', NULL), (3, 'z', 2.0);
  SELECT a, b, c FROM t ORDER BY a;
  SELECT b FROM t WHERE a > 1;
  SELECT * FROM nosuch;
`;

const wrap = (alter: Parameters<typeof alteringDriver>[1]) => () => alteringDriver(openSqlite(), alter);
const run = (script: string, engine: () => SqlDriver = () => openSqlite()) => runScript(scriptStatements(script), engine, () => openSqlite());

describe('fuzz comparison rules', () => {
  it('engines that agree pass, errors included', () => {
    expect(run(SCRIPT).diffs).toEqual([]);
  });

  it('a wrong value is a rows divergence', () => {
    const r = run(SCRIPT, wrap({ value: (v) => (v === 'y' ? 'Y' : v) }));
    expect(r.diffs.map((d) => [d.index, d.kind])).toEqual([
      [2, 'rows'],
      [3, 'rows'],
    ]);
  });

  it('a wrong storage type with an equal number is a typeof divergence', () => {
    const r = run(SCRIPT, wrap({ value: (v) => (v === 3n ? 3 : v) }));
    expect(r.diffs.map((d) => d.kind)).toEqual(['typeof']);
  });

  it('rows out of ORDER BY order are an order divergence; without ORDER BY the order is free', () => {
    const reverse = wrap({ rows: (rows) => [...rows].reverse() });
    expect(run(SCRIPT, reverse).diffs.map((d) => [d.index, d.kind])).toEqual([[2, 'order']]);
  });

  it('an error on one side only is an error divergence', () => {
    const failing = wrap({ error: (sql) => (sql.startsWith('SELECT b') ? new DriverError('SQLITE_ERROR', 'boom') : null) });
    expect(run(SCRIPT, failing).diffs.map((d) => [d.index, d.kind])).toEqual([[3, 'error']]);
  });

  it('an exception that is not an SQL error is a crash, even where SQLite fails too', () => {
    const crashing = wrap({ error: (sql) => (sql.includes('nosuch') ? new TypeError('undefined is not a function') : null) });
    const r = run(SCRIPT, crashing);
    expect(r.diffs.map((d) => [d.index, d.kind])).toEqual([[4, 'crash']]);
    expect(r.diffs[0]!.detail).toContain('CRASH');
  });

  it('random() and the clock are exempt only where SQLite disagrees with itself', () => {
    const random = `
      CREATE TABLE r(a, b);
      INSERT INTO r VALUES (random(), 1), (randomblob(4), 2);
      SELECT a, typeof(a), b FROM r ORDER BY b;
      SELECT random();`;
    const r = run(random);
    expect(r.diffs).toEqual([]);
    expect(r.nondeterministic).toBe(2);
    // Not a blanket skip: after random(), error-or-not still counts (constraint collisions aside)...
    const failing = wrap({ error: (sql) => (sql.startsWith('SELECT a,') ? new DriverError('SQLITE_ERROR', 'boom') : null) });
    expect(run(random, failing).diffs.map((d) => d.kind)).toEqual(['error']);
    // ...and a clock value SQLite agrees on (the engine runs between its two runs) is compared.
    const clock = "SELECT date('now') = date('now'), length(datetime('now')), CURRENT_DATE;";
    expect(run(clock).diffs).toEqual([]);
    const wrongClock = wrap({ value: (v) => (v === 19n ? 20n : v) });
    expect(run(clock, wrongClock).diffs.map((d) => d.kind)).toEqual(['rows']);
  });

  it('EXPLAIN listings are compared by error-or-not and column count only', () => {
    const other = wrap({ value: (v, sql) => (sql.startsWith('EXPLAIN') && typeof v === 'string' ? `${v}!` : v) });
    expect(run('CREATE TABLE t(a); EXPLAIN SELECT * FROM t;', other).diffs).toEqual([]);
  });

  it('unbound parameters are bound to NULL, as in SQLite\'s fuzz harness', () => {
    expect(nullParameters('SELECT 1')).toEqual([]);
    expect(nullParameters("SELECT ?, ?3, :a, @a, $b, #c, '?', \"$x\", a$b -- ?\n")).toEqual([null, null, { 3: null, a: null, b: null, c: null }]);
    expect(run('SELECT ?, ?5, :x, $y;').diffs).toEqual([]);
  });
});

describe('random SQL generator', () => {
  it('is deterministic per seed', () => {
    expect(randomCaseStatements(7).map((s) => s.sql)).toEqual(randomCaseStatements(7).map((s) => s.sql));
    expect(randomCaseStatements(7).map((s) => s.sql)).not.toEqual(randomCaseStatements(8).map((s) => s.sql));
  });

  it('covers the required SQL forms across a few seeds', () => {
    const sql = Array.from({ length: 30 }, (_, i) => randomCaseStatements(i + 1).map((s) => s.sql)).flat().join('\n');
    const forms = [
      'WITHOUT ROWID', 'CREATE UNIQUE INDEX', ' WHERE c', 'lower(c', 'INTEGER PRIMARY KEY', 'NULL', '9223372036854775807', 'x\'',
      'LEFT JOIN', 'RIGHT JOIN', 'FULL JOIN', 'CROSS JOIN', 'USING (c0)', ' AND ', ' OR ', ' IN (', 'BETWEEN', 'LIKE', 'GLOB', ' IS ',
      'GROUP BY', 'HAVING', 'ORDER BY', 'LIMIT', 'OFFSET', 'DISTINCT', 'UNION', 'INTERSECT', 'EXCEPT', 'EXISTS (SELECT', 'WITH w',
      'OVER (', 'CASE WHEN', 'CAST(', 'coalesce(', 'count(', 'group_concat(', 'FILTER (WHERE', 'NULLS ', 'COLLATE NOCASE',
      'INSERT OR IGNORE', 'ON CONFLICT', 'UPDATE t', 'DELETE FROM', 'RETURNING',
    ];
    expect(forms.filter((f) => !sql.includes(f))).toEqual([]);
  });

  it('SQLite agrees with itself on every generated statement (the comparison rules leave no freedom to plans)', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const r = runScript(randomCaseStatements(seed), () => openSqlite(), () => openSqlite());
      expect(r.diffs, `seed ${seed}`).toEqual([]);
    }
  });

  it('most generated statements run without error on SQLite', () => {
    let statements = 0;
    let errors = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const db = openSqlite();
      for (const s of randomCaseStatements(seed)) {
        statements++;
        try {
          db.query(s.sql);
        } catch {
          errors++;
        }
      }
      db.close();
    }
    expect(errors / statements).toBeLessThan(0.08);
  });
});
