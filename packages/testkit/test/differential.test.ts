// The differential helper passes when two engines agree and reports every kind of disagreement.

import { describe, expect, it } from 'vitest';
import { assertSameResults, compareDrivers, formatReport } from '../src/differential.js';
import { DriverError, openSqlite, type SqlDriver } from '../src/driver.js';
import { alteringDriver } from './helpers.js';

const SCRIPT = `
  CREATE TABLE t(a INTEGER, b REAL, c TEXT, d BLOB);
  INSERT INTO t VALUES (1, 1.5, 'x', x'00ff'), (2, NULL, 'y', NULL), (3, -0.25, '', x'');
  SELECT a, b, c, d FROM t ORDER BY a;
  SELECT count(*), sum(b), typeof(sum(a)) FROM t;
  SELECT * FROM missing_table;
`;

function pair(alter?: Parameters<typeof alteringDriver>[1]): [SqlDriver, SqlDriver] {
  const left = openSqlite();
  return [alter ? alteringDriver(left, alter) : left, openSqlite()];
}

describe('differential helper', () => {
  it('passes when both engines agree, errors included', () => {
    const [left, right] = pair();
    const report = compareDrivers(SCRIPT, left, right);
    expect(report.statements).toBe(5);
    expect(report.ok).toBe(true);
    expect(() => assertSameResults(report)).not.toThrow();
  });

  it('detects a wrong value', () => {
    const [left, right] = pair({ value: (v) => (v === 2n ? 20n : v) });
    const report = compareDrivers(SCRIPT, left, right);
    expect(report.ok).toBe(false);
    expect(formatReport(report)).toContain('row 1 column 0: altered-sqlite 20 (integer), sqlite 2 (integer)');
    expect(() => assertSameResults(report)).toThrow(/statements differ/);
  });

  it('detects a wrong storage type with an equal numeric value', () => {
    const [left, right] = pair({ value: (v) => (v === 1n ? 1 : v) });
    const report = compareDrivers(SCRIPT, left, right);
    expect(report.diffs.map((d) => d.index)).toEqual([2]);
    expect(report.diffs[0]!.problems[0]).toContain('1 (real), sqlite 1 (integer)');
  });

  it('detects a blob that differs by one byte', () => {
    const [left, right] = pair({ value: (v) => (v instanceof Uint8Array && v.length === 2 ? Uint8Array.of(0, 0xfe) : v) });
    expect(compareDrivers(SCRIPT, left, right).ok).toBe(false);
  });

  it('detects a wrong row order, and tolerates it with `unordered` only when there is no ORDER BY', () => {
    const reverse = { rows: (rows: unknown[][]) => [...rows].reverse() as never };
    const script = 'CREATE TABLE t(a); INSERT INTO t VALUES (1),(2),(3); SELECT a FROM t; SELECT a FROM t ORDER BY a';
    const [l1, r1] = pair(reverse);
    expect(compareDrivers(script, l1, r1).diffs.map((d) => d.index)).toEqual([2, 3]);
    const [l2, r2] = pair(reverse);
    expect(compareDrivers(script, l2, r2, { unordered: true }).diffs.map((d) => d.index)).toEqual([3]);
  });

  it('detects a missing row even when rows are compared as a multiset', () => {
    const [left, right] = pair({ rows: (rows) => rows.slice(1) });
    const report = compareDrivers('SELECT 1 UNION ALL SELECT 1', left, right, { unordered: true });
    expect(report.diffs[0]!.problems.join('\n')).toContain('appears 1 more time(s) in sqlite');
  });

  it('detects an error on one side only, and a different error code or message', () => {
    const onlyLeft = pair({ error: (sql) => (sql.startsWith('SELECT count') ? new DriverError('SQLITE_ERROR', 'boom') : null) });
    expect(compareDrivers(SCRIPT, ...onlyLeft).diffs[0]!.problems[0]).toContain('only altered-sqlite failed: SQLITE_ERROR: boom');
    const otherMessage = pair({ error: (sql) => (sql.includes('missing_table') ? new DriverError('SQLITE_ERROR', 'no such table: other') : null) });
    const report = compareDrivers(SCRIPT, ...otherMessage);
    expect(report.diffs[0]!.problems).toEqual(['error message: altered-sqlite "no such table: other", sqlite "no such table: missing_table"']);
    expect(compareDrivers(SCRIPT, ...pair({ error: (sql) => (sql.includes('missing_table') ? new DriverError('SQLITE_ERROR', 'x') : null) }), { compareMessages: false }).ok).toBe(true);
  });

  it('detects different column names', () => {
    const left = openSqlite();
    const renamed: SqlDriver = { ...left, name: 'renamed', query: (sql, p) => ({ ...left.query(sql, p), columns: ['other'] }) };
    expect(compareDrivers('SELECT 1 AS a', renamed, openSqlite()).diffs[0]!.problems[0]).toBe('columns: renamed [other], sqlite [a]');
  });
});
