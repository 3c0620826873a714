// Operator precedence and associativity: each expression is evaluated by SQLite as written and
// in the fully parenthesized form printed from our AST; the results must be identical.

import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../src/parser/parser.js';
import { printExpr } from '../../src/parser/print.js';
import { openOracle } from './syntax-oracle.js';

const EXPRESSIONS: readonly string[] = [
  '1 - 2 - 3', '2 * 3 + 4', '2 + 3 * 4', '12 / 2 / 3', '7 % 4 * 3', '2 * 7 % 4',
  '1 = 1 = 0', '0 = 1 = 0', '1 == 2 != 0', '1 <> 1 = 0', '2 < 3 = 1', '1 = 2 < 3', '3 > 2 > 1', '1 < 2 < 3',
  'NOT 0 = 1', 'NOT 1 AND 0', 'NOT 0 OR 1', 'NOT NOT 0', '0 AND 0 OR 1', '1 OR 0 AND 0', '0 OR 1 AND 0 OR 0',
  '5 & 3 | 8', '5 | 3 & 1', '1 << 2 + 1', '1 + 1 << 2', '8 >> 1 >> 1', '1 << 2 >> 1', '6 & 3 << 1',
  "'a' || 1 + 2", "1 + 2 || 3", "'x' || 2 * 3", '-2 || 3', "- '3' || 4", '~1 + 1', '~ 1 || 2', '- - 3', '-(-3)',
  "'abc' LIKE 'a%' = 1", "1 = 'abc' LIKE 'a%'", "'abc' LIKE 'A%' AND 0", "'ab' || 'c' LIKE 'abc'", "'a' NOT LIKE 'b' = 1",
  "'abc' GLOB 'a*' || ''", "'a_c' LIKE 'a!_c' ESCAPE '!' = 1", "NOT 'a' LIKE 'b'",
  '2 BETWEEN 1 AND 3 = 1', '1 = 2 BETWEEN 0 AND 1', '5 BETWEEN 1 + 1 AND 2 * 3', '5 NOT BETWEEN 1 AND 3 AND 1',
  '2 BETWEEN 1 AND 3 AND 0', 'NOT 2 BETWEEN 1 AND 3',
  '1 IN (1, 2) = 1', '1 = 1 IN (1)', '3 NOT IN (1, 2) AND 0', '1 + 1 IN (2)', 'NOT 1 IN (2)',
  '1 IS 1 = 1', '1 = 1 IS 0', 'NULL IS NULL = 1', '1 IS NOT 2 AND 0', '2 IS NOT DISTINCT FROM 2 = 1', '1 IS DISTINCT FROM 2 || 0',
  'NULL ISNULL = 1', '1 NOTNULL + 1', '1 NOT NULL = 1', '1 + 1 ISNULL', 'NOT NULL IS NULL',
  "'a' COLLATE nocase = 'A'", "'A' = 'a' COLLATE nocase", "'b' || 'A' COLLATE nocase = 'Ba'", "-1 COLLATE binary",
  "'[1,2]' -> 1 || 'x'", "'{\"a\":[5]}' ->> '$.a' -> 0", "'[1,2]' ->> 0 + 1", "'[\"1\"]' ->> 0 || 2",
  'CASE WHEN 1 THEN 2 ELSE 3 END + 1', 'CASE 1 WHEN 1 THEN 2 END * 3', 'CAST(1 + 1 AS TEXT) || 1', '(1, 2) = (1, 2) AND 1',
  '9223372036854775807 + 0', '-9223372036854775808', '- 9223372036854775808', '9223372036854775808', '-9223372036854775807 - 1',
  '0x7FFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFF', '-0x10', '1e308 * 10', '.5 + 1.', '1_000 + 0x1_0', "x'41' || ''",
  "1 + 2 - 3 * 4 / 5 % 6 || 7 & 8 | 9 << 1 >> 1 < 10 <= 11 > 12 >= 13 = 14 != 15 AND 16 OR 17",
  "NOT 1 + 1 = 2 AND NOT 0 OR NOT 1 BETWEEN 2 AND 3",
  'EXISTS (SELECT 1) + 1', '(SELECT 2) * 3', "1 IN (SELECT 1 UNION SELECT 2) = 1", 'true + true', 'false IS NOT true',
];

describe('operator precedence matches SQLite', () => {
  it('evaluates identically as written and as printed from the AST', () => {
    const db = openOracle();
    db.defaultSafeIntegers(true);
    const evaluate = (sql: string): unknown => {
      try {
        return db.prepare(`SELECT ${sql} AS v, typeof(${sql}) AS t`).get();
      } catch (error) {
        return `error: ${(error as Error).message}`;
      }
    };
    const mismatches: string[] = [];
    for (const text of EXPRESSIONS) {
      const printed = printExpr(parseExpression(text));
      const a = evaluate(text);
      const b = evaluate(printed);
      if (JSON.stringify(a, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)) !== JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))) {
        mismatches.push(`${text}  =>  ${printed}: ${String(JSON.stringify(a, (_k, v) => String(v)))} vs ${String(JSON.stringify(b, (_k, v) => String(v)))}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('groups operators as parse.y says', () => {
    const cases: [string, string][] = [
      ['1 - 2 - 3', '((1 - 2) - 3)'],
      ['a = b = c', '(("a" = "b") = "c")'],
      ['NOT a = b', '(NOT ("a" = "b"))'],
      ['NOT a AND b', '((NOT "a") AND "b")'],
      ['a < b = c', '(("a" < "b") = "c")'],
      ['a = b LIKE c', '(("a" = "b") LIKE "c")'],
      ['a LIKE b ESCAPE c = d', '(("a" LIKE "b" ESCAPE "c") = "d")'],
      ['a || b -> c', '(("a" || "b") -> "c")'],
      ['-a * b', '((-"a") * "b")'],
      ['-a COLLATE x', '((-"a") COLLATE "x")'],
      ['a + b COLLATE x', '("a" + ("b" COLLATE "x"))'],
      ['a & b + c', '("a" & ("b" + "c"))'],
      ['a AND b NOT NULL', '("a" AND ("b" NOTNULL))'],
      ['a = b NOT NULL', '(("a" = "b") NOTNULL)'],
      ['a IS NULL', '("a" ISNULL)'],
      ['a IS NOT NULL', '("a" NOTNULL)'],
      ['x BETWEEN 1 AND 2 AND 3', '(("x" BETWEEN 1 AND 2) AND 3)'],
      ['x BETWEEN 1 + 1 AND 2 * 3', '("x" BETWEEN (1 + 1) AND (2 * 3))'],
    ];
    for (const [text, expected] of cases) expect(printExpr(parseExpression(text)), text).toBe(expected);
  });
});
