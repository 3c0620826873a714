// The sqllogictest runner on small inline scripts: it passes correct expectations and catches each
// kind of deliberate mismatch (value, type, order, hash, label, statement outcome, column count).

import { describe, expect, it } from 'vitest';
import { openSqlite, DriverError } from '../src/driver.js';
import { parseSlt } from '../src/slt/parse.js';
import { renderSltValue } from '../src/slt/render.js';
import { md5Values, runSltScript } from '../src/slt/run.js';
import { alteringDriver } from './helpers.js';

const SETUP = `statement ok
CREATE TABLE t1(a INTEGER, b TEXT, c REAL)

statement ok
INSERT INTO t1 VALUES(1,'one',1.5),(2,'two',2.25),(3,'',NULL)
`;

function run(body: string, options = {}) {
  return runSltScript(`${SETUP}\n${body}`, openSqlite(), options);
}

function expectOneFailure(body: string, message: RegExp): void {
  const result = run(body);
  expect(result.failed).toBe(1);
  expect(result.failures[0]!.message).toMatch(message);
}

describe('sqllogictest runner', () => {
  it('passes correct expectations in every sort mode', () => {
    const result = run(`
hash-threshold 20

query ITR nosort
SELECT a, b, c FROM t1 ORDER BY a
----
1
one
1.500
2
two
2.250
3
(empty)
NULL

query I rowsort
SELECT a FROM t1 WHERE a > 1
----
2
3

query T valuesort
SELECT b || 'x' FROM t1
----
onex
twox
x

query I nosort
SELECT a FROM t1 WHERE a > 5
----
`);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(6);
  });

  it('catches a wrong value', () => {
    expectOneFailure('query I nosort\nSELECT a FROM t1 ORDER BY a\n----\n1\n2\n4\n', /value 3: expected "4", got "3"/);
  });

  it('catches a wrong type (an INTEGER where a REAL is expected renders differently)', () => {
    expectOneFailure("query T nosort\nSELECT CAST(2 AS REAL)\n----\n2\n", /expected "2", got "2.0"/);
  });

  it('catches a wrong row order in nosort mode, and accepts it with rowsort', () => {
    expectOneFailure('query I nosort\nSELECT a FROM t1 ORDER BY a DESC\n----\n1\n2\n3\n', /value 1/);
    expect(run('query I rowsort\nSELECT a FROM t1 ORDER BY a DESC\n----\n1\n2\n3\n').failed).toBe(0);
  });

  it('catches missing and extra rows (stricter than the reference runner)', () => {
    expectOneFailure('query I nosort\nSELECT a FROM t1 ORDER BY a\n----\n1\n2\n', /3 values, expected 2/);
    expectOneFailure('query I nosort\nSELECT a FROM t1 WHERE a < 3 ORDER BY a\n----\n1\n2\n3\n', /2 values, expected 3/);
  });

  it('compares results over the hash threshold as an MD5 of the rendered values', () => {
    const good = md5Values(['1', 'one', '2', 'two', '3', '(empty)']);
    expect(run(`hash-threshold 4\n\nquery IT rowsort\nSELECT a, b FROM t1\n----\n6 values hashing to ${good}\n`).failed).toBe(0);
    const bad = good.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expectOneFailure(`hash-threshold 4\n\nquery IT rowsort\nSELECT a, b FROM t1\n----\n6 values hashing to ${bad}\n`, /wrong result hash/);
  });

  it('checks that queries with the same label hash alike, even when one is skipped', () => {
    expect(run('query I rowsort label-a\nSELECT a FROM t1\n----\n1\n2\n3\n\nquery I rowsort label-a\nSELECT a FROM t1 ORDER BY a DESC\n----\n1\n2\n3\n').failed).toBe(0);
    expectOneFailure('query I rowsort label-a\nSELECT a FROM t1\n----\n1\n2\n3\n\nquery I rowsort label-a\nSELECT a + 1 FROM t1\n----\n2\n3\n4\n', /labeled result \[label-a\]/);
    expectOneFailure('query I rowsort label-b\nSELECT a FROM t1\n----\n1\n2\n3\n\nskipif sqlite\nquery I rowsort label-b\nSELECT 0\n----\n9\n', /labeled result \[label-b\]/);
  });

  it('checks statement outcomes', () => {
    expectOneFailure('statement ok\nINSERT INTO nowhere VALUES(1)\n', /statement failed: SQLITE_ERROR: no such table: nowhere/);
    expectOneFailure('statement error\nINSERT INTO t1 VALUES(4, 4, 4)\n', /an error was expected/);
    expect(run('statement error\nINSERT INTO nowhere VALUES(1)\n').failed).toBe(0);
  });

  it('fails a query that does not prepare, or returns the wrong number of columns', () => {
    expectOneFailure('query I nosort\nSELECT nope FROM t1\n----\n1\n', /query failed: SQLITE_ERROR: no such column: nope/);
    expectOneFailure('query II nosort\nSELECT a FROM t1\n----\n1\n', /wrong number of result columns: expected 2 but got 1/);
  });

  it('keeps the rows produced before a query fails while stepping', () => {
    const body = 'query I nosort\nSELECT CASE WHEN a = 3 THEN abs(a - 9223372036854775807 - 4) ELSE a END FROM t1\n----\n1\n2\n';
    expect(run(body).failures).toEqual([]);
  });

  it('applies skipif / onlyif to any record, halt included', () => {
    const result = run('onlyif mysql\nhalt\n\nskipif sqlite\nquery I nosort\nSELECT 1\n----\n2\n\nonlyif sqlite\nquery I nosort\nSELECT 1\n----\n1\n\nhalt\n\nquery I nosort\nSELECT 1\n----\n5\n');
    expect(result).toMatchObject({ passed: 3, failed: 0, skipped: 2, halted: true });
  });

  it('fails an engine crash even where an error was expected', () => {
    const crashing = alteringDriver(openSqlite(), { error: (sql) => (sql.includes('boom') ? new DriverError('JS_TypeError', 'x is undefined') : null) });
    const result = runSltScript('statement error\nSELECT boom\n', crashing);
    expect(result.failures[0]!.message).toMatch(/engine crashed/);
  });

  it('fails a whole corpus-style script when the engine alters one value', () => {
    const script = `${SETUP}\nquery IT rowsort\nSELECT a, b FROM t1\n----\n1\none\n2\ntwo\n3\n(empty)\n`;
    const altered = alteringDriver(openSqlite(), { value: (v) => (v === 'two' ? 'tw0' : v) });
    expect(runSltScript(script, openSqlite()).failed).toBe(0);
    expect(runSltScript(script, altered).failed).toBe(1);
  });
});

describe('sqllogictest value rendering', () => {
  it('renders like slt_sqlite.c', () => {
    expect(renderSltValue(null, 'I')).toBe('NULL');
    expect(renderSltValue('', 'T')).toBe('(empty)');
    expect(renderSltValue('a\tb', 'T')).toBe('a@b');
    expect(renderSltValue('é', 'T')).toBe('@@');
    expect(renderSltValue(4294967297n, 'I')).toBe('1');
    expect(renderSltValue(-7.9, 'I')).toBe('-7');
    expect(renderSltValue('12abc', 'I')).toBe('12');
    expect(renderSltValue(2n, 'R')).toBe('2.000');
    expect(renderSltValue('x', 'R')).toBe('0.000');
    expect(renderSltValue(0.1 + 0.2, 'T')).toBe('0.30000000000000004');
    expect(renderSltValue(Uint8Array.of(0x41, 0x01), 'T')).toBe('A@');
  });

  it('parses records the way sqllogictest.c does', () => {
    const records = parseSlt('# comment\nquery IT rowsort a-very-long-label-beyond-20\nSELECT 1,\n# inside\n  2\n----\n1\n2\n\n   \nstatement ok\nSELECT 1\r\n');
    expect(records).toMatchObject([
      { kind: 'query', types: 'IT', sortMode: 'rowsort', label: 'a-very-long-label-be', sql: 'SELECT 1,\n  2', expected: ['1', '2'], line: 2 },
      { kind: 'statement', expectError: false, sql: 'SELECT 1' },
    ]);
  });
});
