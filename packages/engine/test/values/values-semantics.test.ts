// Differential tests of value semantics: CAST, arithmetic, bitwise ops, REAL rendering and column
// affinity, each compared with SQLite (better-sqlite3) over a list of awkward values.

import { afterAll, describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/common/values.js';
import { affinityOfType, applyAffinity } from '../../src/values/affinity.js';
import { arithmetic, bitwise, bitwiseNot, negate, type ArithmeticOperator, type BitwiseOperator } from '../../src/values/arithmetic.js';
import { castValue, truthValue, type CastTarget } from '../../src/values/cast.js';
import { realToText } from '../../src/values/real-text.js';
import { awkwardValues, ExpressionOracle } from './oracle.js';

const oracle = new ExpressionOracle();
afterAll(() => oracle.close());
const values = awkwardValues();

function describeValue(v: SqlValue): string {
  if (v instanceof Uint8Array) return `x'${Buffer.from(v).toString('hex')}'`;
  return typeof v === 'string' ? JSON.stringify(v) : `${String(v)}${typeof v === 'number' ? 'r' : ''}`;
}

function same(actual: SqlValue, expected: SqlValue): boolean {
  if (actual instanceof Uint8Array && expected instanceof Uint8Array) return Buffer.from(actual).equals(Buffer.from(expected));
  if (typeof actual === 'number' && typeof expected === 'number') return Object.is(actual, expected) || (actual === 0 && expected === 0);
  return actual === expected;
}

function collectMismatches(label: string, compute: () => SqlValue, expected: () => SqlValue, out: string[]): void {
  let want: SqlValue;
  try {
    want = expected();
  } catch {
    return; // SQLite itself rejects this input (e.g. NaN binding); nothing to compare
  }
  const got = compute();
  if (!same(got, want)) out.push(`${label}: got ${describeValue(got)}, SQLite ${describeValue(want)}`);
}

describe('CAST', () => {
  for (const target of ['INTEGER', 'REAL', 'NUMERIC', 'TEXT', 'BLOB'] as CastTarget[]) {
    it(`CAST(x AS ${target}) matches SQLite for awkward values`, () => {
      const mismatches: string[] = [];
      for (const v of values) {
        collectMismatches(`CAST(${describeValue(v)} AS ${target})`, () => castValue(v, target), () => oracle.eval(`CAST(? AS ${target})`, v), mismatches);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('arithmetic and bitwise operators', () => {
  const operands = values.filter((v) => !(typeof v === 'number' && !Number.isFinite(v)) || true);
  for (const op of ['+', '-', '*', '/', '%'] as ArithmeticOperator[]) {
    it(`a ${op} b matches SQLite`, () => {
      const mismatches: string[] = [];
      for (const a of operands) for (const b of operands) {
        collectMismatches(`${describeValue(a)} ${op} ${describeValue(b)}`, () => arithmetic(op, a, b), () => oracle.eval(`? ${op} ?`, a, b), mismatches);
      }
      expect(mismatches.slice(0, 20)).toEqual([]);
    });
  }
  for (const op of ['&', '|', '<<', '>>'] as BitwiseOperator[]) {
    it(`a ${op} b matches SQLite`, () => {
      const mismatches: string[] = [];
      const shifts: SqlValue[] = [0n, 1n, 3n, 63n, 64n, 65n, -1n, -3n, -64n, -100n, '2', 1.9, null];
      for (const a of operands) for (const b of op.length === 2 ? shifts : operands) {
        collectMismatches(`${describeValue(a)} ${op} ${describeValue(b)}`, () => bitwise(op, a, b), () => oracle.eval(`? ${op} ?`, a, b), mismatches);
      }
      expect(mismatches.slice(0, 20)).toEqual([]);
    });
  }
  it('unary minus, ~ and truthiness match SQLite', () => {
    const mismatches: string[] = [];
    for (const a of operands) {
      collectMismatches(`-${describeValue(a)}`, () => negate(a), () => oracle.eval('-?', a), mismatches);
      collectMismatches(`~${describeValue(a)}`, () => bitwiseNot(a), () => oracle.eval('~?', a), mismatches);
      collectMismatches(`truth ${describeValue(a)}`, () => { const t = truthValue(a); return t === null ? null : t ? 1n : 0n; }, () => oracle.eval('CASE WHEN ? THEN 1 WHEN ? IS NULL THEN NULL ELSE 0 END', a, a), mismatches);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('REAL rendering', () => {
  it('renders chosen doubles byte for byte like SQLite', () => {
    const doubles = [0.1, 1e15, 1e16, 1e17, 123456789012345678, 0.1 + 0.2, -0, 1e-5, 1e-4, Infinity, -Infinity, 1.5, 100, 1e100, 1.7976931348623157e308, 5e-324, 1 / 3, 2 / 3, 0.1 + 0.7, 49.47, 9.999999999999999e22, 1e21, 2 ** 63, -2.5e-7];
    for (const d of doubles) expect([d, realToText(d)]).toEqual([d, oracle.eval("CAST(? AS TEXT)", d)]);
  });
  it('renders 20000 random doubles like SQLite', () => {
    const bits = new Float64Array(1);
    const words = new Uint32Array(bits.buffer);
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const mismatches: string[] = [];
    for (let i = 0; i < 20000; i++) {
      words[0] = random() * 2 ** 32;
      words[1] = random() * 2 ** 32;
      const candidates = [bits[0]!, Math.round(random() * 1e7) / 1000, random() * 10 ** Math.floor(random() * 40 - 20)];
      for (const d of candidates) {
        if (!Number.isFinite(d)) continue;
        const want = oracle.eval("''||?", d);
        if (realToText(d) !== want) mismatches.push(`${d}: ${realToText(d)} vs ${String(want)}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe('column affinity', () => {
  const types = ['INTEGER', 'INT', 'BIGINT', 'TEXT', 'VARCHAR(10)', 'CLOB', 'BLOB', '', 'REAL', 'DOUBLE', 'FLOAT', 'NUMERIC', 'DECIMAL(10,2)', 'BOOLEAN', 'DATE', 'CHARINT', 'POINT'];
  it('affinityOfType follows the five rules', () => {
    expect(types.map((t) => affinityOfType(t))).toEqual([
      'INTEGER', 'INTEGER', 'INTEGER', 'TEXT', 'TEXT', 'TEXT', 'BLOB', 'BLOB', 'REAL', 'REAL', 'REAL', 'NUMERIC', 'NUMERIC', 'NUMERIC', 'NUMERIC', 'INTEGER', 'INTEGER',
    ]);
  });
  it('stored values match what SQLite stores in a column of each type', () => {
    const mismatches: string[] = [];
    types.forEach((type, index) => {
      oracle.run(`CREATE TABLE t${index}(c ${type})`);
      for (const v of values) {
        collectMismatches(`${describeValue(v)} into ${type || '(none)'}`, () => applyAffinity(v, affinityOfType(type)), () => {
          oracle.run(`DELETE FROM t${index}`);
          oracle.run(`INSERT INTO t${index} VALUES (?)`, v);
          return oracle.eval(`(SELECT c FROM t${index})`);
        }, mismatches);
      }
    });
    expect(mismatches).toEqual([]);
  });
});
