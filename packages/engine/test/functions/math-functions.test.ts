// Math functions (acos..trunc, log forms, pow, mod, pi): same storage class as SQLite for a grid of
// numeric, text and blob arguments, NULL for domain errors, and the same REAL value -- exactly for
// the exactly-rounded operations, within 2 ulp for transcendental functions (V8's fdlibm and the
// platform libm SQLite links differ in the last bit for some inputs).

import { afterAll, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { formatOutcome, runOracle, runTandem } from '../sql/differential.js';
import { compareAll, grid, openPair } from './support.js';

const pair = openPair();
afterAll(() => pair.close());

const VALUES = ['NULL', '0', '1', '-1', '2', '10', '-7', '0.5', '-0.5', '0.9999', '1.5', '3.14159', '-2.75', '100.0', '1e10', '-1e-10', '1e308', '9223372036854775807', "'2'", "'0.25'", "'3.7abc'", "'abc'", "' 4 '", "x'32'", "'1e3'", "'3.0'"];
const EXACT_UNARY = ['ceil', 'ceiling', 'floor', 'trunc', 'sqrt', 'degrees', 'radians'];
const TRANSCENDENTAL_UNARY = ['acos', 'asin', 'atan', 'acosh', 'asinh', 'atanh', 'cos', 'sin', 'tan', 'cosh', 'sinh', 'tanh', 'exp', 'ln', 'log', 'log10', 'log2'];

function ulpDistance(a: number, b: number): number {
  if (a === b) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, Math.abs(a));
  view.setFloat64(8, Math.abs(b));
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8)));
}

/** Differences beyond `maxUlp` between the engines (storage classes must match exactly). */
function approximateDifferences(statements: string[], maxUlp: number): string[] {
  const diffs: string[] = [];
  for (const sql of statements) {
    const want = runOracle(pair.oracle, sql);
    const got = runTandem(pair.tandem, sql);
    if ('rows' in want && 'rows' in got && want.rows.length === got.rows.length) {
      const close = want.rows.every((row, r) =>
        row.every((w: SqlValue, c) => {
          const g = got.rows[r]![c]!;
          if (typeof w === 'number' && typeof g === 'number') return ulpDistance(w, g) <= maxUlp;
          return formatOutcome({ rows: [[w]] }) === formatOutcome({ rows: [[g]] });
        }),
      );
      if (close) continue;
    }
    diffs.push(`${sql}\n  tandem: ${formatOutcome(got)}\n  sqlite: ${formatOutcome(want)}`);
  }
  return diffs;
}

describe('math functions agree with SQLite', () => {
  it('exact unary functions (integral results, sqrt, degrees/radians)', () => {
    expect(compareAll(pair, EXACT_UNARY.flatMap((f) => grid(f, 1, VALUES)))).toEqual([]);
  });
  it('transcendental unary functions within 2 ulp, NULL exactly where SQLite gives NULL', () => {
    expect(approximateDifferences(TRANSCENDENTAL_UNARY.flatMap((f) => grid(f, 1, VALUES)), 2)).toEqual([]);
  });
  it('binary functions: mod exactly, pow/atan2/log(B,X) within 2 ulp', () => {
    expect(compareAll(pair, grid('mod', 2, VALUES))).toEqual([]);
    expect(approximateDifferences(['atan2', 'pow', 'power', 'log'].flatMap((f) => grid(f, 2, VALUES)), 2)).toEqual([]);
  });
  it('pi and arity errors', () => {
    expect(compareAll(pair, ['SELECT pi(), typeof(pi())', 'SELECT pi(1)', 'SELECT sin()', 'SELECT log(1, 2, 3)', 'SELECT mod(7, 0), mod(-7, 3), mod(7.5, -2)', "SELECT log(2, '3.7abc'), log('abc', 8), log(1, 8), log(0.5, 8)"])).toEqual([]);
  });
});
