// SQLite's arithmetic and bitwise operators on engine values: NULL propagates, TEXT/BLOB operands
// are converted numerically (values/cast.ts), INTEGER overflow falls back to REAL, division or
// remainder by zero yields NULL, and a NaN result becomes NULL.

import { MAX_INT64, MIN_INT64, type SqlValue } from '../common/values.js';
import { toInteger, toNumber } from './cast.js';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type BitwiseOperator = '&' | '|' | '<<' | '>>';

function fitsInt64(v: bigint): boolean {
  return v >= MIN_INT64 && v <= MAX_INT64;
}

function realResult(r: number): SqlValue {
  return r !== r ? null : r;
}

/** a <op> b for + - * / %. */
export function arithmetic(op: ArithmeticOperator, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  const x = toNumber(a);
  const y = toNumber(b);
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    let result: bigint;
    switch (op) {
      case '+':
        result = x + y;
        break;
      case '-':
        result = x - y;
        break;
      case '*':
        result = x * y;
        break;
      case '/':
        if (y === 0n) return null;
        if (x === MIN_INT64 && y === -1n) return Number(x) / -1;
        return x / y; // bigint division truncates toward zero, as C does
      case '%':
        if (y === 0n) return null;
        if (y === -1n) return 0n;
        return x % y;
    }
    if (fitsInt64(result)) return result;
    return realResult(op === '*' ? Number(x) * Number(y) : op === '+' ? Number(x) + Number(y) : Number(x) - Number(y));
  }
  const rx = Number(x);
  const ry = Number(y);
  switch (op) {
    case '+':
      return realResult(rx + ry);
    case '-':
      return realResult(rx - ry);
    case '*':
      return realResult(rx * ry);
    case '/':
      if (ry === 0) return null;
      return realResult(rx / ry);
    case '%': {
      // SQLite takes the INTEGER view of the original operands here ('1e3' counts as 1).
      const ix = toInteger(a);
      let iy = toInteger(b);
      if (iy === 0n) return null;
      if (iy === -1n) iy = 1n;
      return Number(ix % iy);
    }
  }
}

/** a <op> b for & | << >> (operands as INTEGER; shifts by >= 64 saturate; negative shifts reverse). */
export function bitwise(op: BitwiseOperator, a: SqlValue, b: SqlValue): SqlValue {
  if (a === null || b === null) return null;
  const x = toInteger(a);
  const y = toInteger(b);
  switch (op) {
    case '&':
      return BigInt.asIntN(64, x & y);
    case '|':
      return BigInt.asIntN(64, x | y);
    case '<<':
    case '>>': {
      let left = op === '<<';
      let shift = y;
      if (shift < 0n) {
        left = !left;
        shift = shift > -64n ? -shift : 64n;
      }
      if (shift >= 64n) return left || x >= 0n ? 0n : -1n;
      return left ? BigInt.asIntN(64, x << shift) : x >> shift;
    }
  }
}

/** ~a. */
export function bitwiseNot(a: SqlValue): SqlValue {
  return a === null ? null : BigInt.asIntN(64, ~toInteger(a));
}

/** -a: INTEGER negation overflowing to REAL for MIN_INT64; TEXT converted numerically. */
export function negate(a: SqlValue): SqlValue {
  if (a === null) return null;
  const x = toNumber(a);
  if (typeof x === 'bigint') return x === MIN_INT64 ? -Number(x) : -x;
  return 0 - x; // SQLite computes -x as 0 - x, so -(0.0) is +0.0, not -0.0
}
