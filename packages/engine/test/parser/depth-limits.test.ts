// Deep nesting and long chains: the parser must finish quickly with SQLite's own verdict
// ("Recursion limit", "Expression tree is too large ...", or success), never a JS stack overflow.

import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../src/parser/parser.js';
import { openOracle, sqliteVerdict } from './syntax-oracle.js';

function ours(sql: string): string {
  try {
    parseStatement(sql);
    return 'ok';
  } catch (error) {
    expect(error).toHaveProperty('code', 'SQLITE_ERROR');
    return (error as Error).message;
  }
}

function theirs(db: ReturnType<typeof openOracle>, sql: string): string {
  const verdict = sqliteVerdict(db, sql);
  return verdict.kind === 'ok' ? 'ok' : verdict.message;
}

const SHAPES: Record<string, (n: number) => string> = {
  parentheses: (n) => 'SELECT ' + '('.repeat(n) + '1' + ')'.repeat(n),
  'parentheses after +': (n) => 'SELECT 1+' + '('.repeat(n) + '1' + ')'.repeat(n),
  'nested calls': (n) => 'SELECT ' + 'abs('.repeat(n) + '1' + ')'.repeat(n),
  'right-nested +': (n) => 'SELECT ' + '1+('.repeat(n) + '1' + ')'.repeat(n),
  'nested CASE': (n) => 'SELECT ' + 'CASE WHEN 1 THEN '.repeat(n) + '1' + ' END'.repeat(n),
  'FROM subqueries': (n) => 'SELECT * FROM ' + '(SELECT * FROM '.repeat(n) + 't' + ')'.repeat(n),
  'NOT chain': (n) => 'SELECT ' + 'NOT '.repeat(n) + '1',
  'unary minus chain': (n) => 'SELECT ' + '- '.repeat(n) + '1',
  '+ chain': (n) => 'SELECT 1' + '+1'.repeat(n),
  'AND chain': (n) => 'SELECT 1' + ' AND 1'.repeat(n),
  'OR chain': (n) => 'SELECT 1' + ' OR 1'.repeat(n),
  '|| chain': (n) => "SELECT 'a'" + "||'a'".repeat(n),
  'compound SELECT': (n) => 'SELECT 1' + ' UNION SELECT 1'.repeat(n),
  'IN list': (n) => 'SELECT 1 IN (' + '1,'.repeat(n) + '1)',
  'function arguments': (n) => 'SELECT max(' + '1,'.repeat(n) + '1)',
  'COLLATE chain': (n) => 'SELECT 1' + ' COLLATE nocase'.repeat(n),
  'VALUES rows': (n) => 'VALUES (1)' + ',(1)'.repeat(n),
};

describe('depth limits match SQLite and never overflow the JS stack', () => {
  const db = openOracle('CREATE TABLE t(a)');
  for (const [name, build] of Object.entries(SHAPES)) {
    it(name, () => {
      const sizes = [10, 100, 400, 415, 416, 498, 499, 500, 501, 831, 832, 998, 999, 1000, 1001, 2491, 2492, 2493, 2494, 2500, 10_000];
      const mismatches: string[] = [];
      for (const n of sizes) {
        const sql = build(n);
        const a = ours(sql);
        const b = theirs(db, sql);
        if (a !== b) mismatches.push(`n=${n}: ours ${a}, sqlite ${b}`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('100,000-term chains and 10,000-deep parentheses finish quickly', () => {
    const started = performance.now();
    expect(ours('SELECT 1' + '+1'.repeat(100_000))).toBe('Expression tree is too large (maximum depth 1000)');
    expect(ours('SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000))).toBe('Recursion limit');
    expect(ours('SELECT ' + '(SELECT '.repeat(500) + '1' + ')'.repeat(500))).not.toBe('');
    expect(ours('VALUES (1)' + ',(1)'.repeat(100_000))).toBe('ok');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
