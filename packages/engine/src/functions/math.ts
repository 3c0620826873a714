// SQLite's math functions (func.c, SQLITE_ENABLE_MATH_FUNCTIONS): arguments must be numeric
// (INTEGER, REAL or TEXT that looks like a number) or the result is NULL; a NaN result (domain
// error) is NULL as sqlite3_result_double makes it.

import type { SqlValue } from '../common/values.js';
import { toReal } from '../values/cast.js';
import { numericArg, scalar } from './define.js';
import type { FunctionRegistry, ScalarEntry } from './registry.js';

/** sqlite3_result_double: NaN becomes NULL. */
const real = (r: number): SqlValue => (r !== r ? null : r);

function isNumeric(v: SqlValue): v is bigint | number {
  return typeof v === 'bigint' || typeof v === 'number';
}

function unary(name: string, fn: (x: number) => number): ScalarEntry {
  return scalar(name, 1, ([x]) => {
    const v = numericArg(x!);
    return isNumeric(v) ? real(fn(toReal(v))) : null;
  });
}

function binary(name: string, fn: (x: number, y: number) => number): ScalarEntry {
  return scalar(name, 2, ([x, y]) => {
    const a = numericArg(x!);
    const b = numericArg(y!);
    return isNumeric(a) && isNumeric(b) ? real(fn(toReal(a), toReal(b))) : null;
  });
}

/** ceil/floor/trunc: INTEGER passes through unchanged, REAL is rounded, anything else is NULL. */
function integral(name: string, fn: (x: number) => number): ScalarEntry {
  return scalar(name, 1, ([x]) => {
    const v = numericArg(x!);
    if (typeof v === 'bigint') return v;
    return typeof v === 'number' ? real(fn(v)) : null;
  });
}

/** log(X), log(B, X), ln, log10, log2 with SQLite's checks (including its reuse of argv[0]'s type). */
function logarithm(args: readonly SqlValue[], base: (x: number) => number): SqlValue {
  const first = numericArg(args[0]!);
  if (!isNumeric(first)) return null;
  let x = toReal(first);
  if (x <= 0) return null;
  if (args.length === 2) {
    const b = Math.log(x);
    if (b <= 0) return null;
    x = toReal(args[1]!);
    if (x <= 0) return null;
    return real(Math.log(x) / b);
  }
  return real(base(x));
}

/** C's fmod: the sign follows the dividend (JS % on numbers is exactly fmod). */
const fmod = (x: number, y: number): number => x % y;

export function registerMathFunctions(registry: FunctionRegistry): void {
  const fns: ScalarEntry[] = [
    unary('acos', Math.acos),
    unary('asin', Math.asin),
    unary('atan', Math.atan),
    unary('acosh', Math.acosh),
    unary('asinh', Math.asinh),
    unary('atanh', Math.atanh),
    unary('cos', Math.cos),
    unary('sin', Math.sin),
    unary('tan', Math.tan),
    unary('cosh', Math.cosh),
    unary('sinh', Math.sinh),
    unary('tanh', Math.tanh),
    unary('exp', Math.exp),
    unary('sqrt', Math.sqrt),
    unary('degrees', (x) => x * (180 / Math.PI)),
    unary('radians', (x) => x * (Math.PI / 180)),
    binary('atan2', Math.atan2),
    binary('pow', Math.pow),
    binary('power', Math.pow),
    binary('mod', fmod),
    integral('ceil', Math.ceil),
    integral('ceiling', Math.ceil),
    integral('floor', Math.floor),
    integral('trunc', Math.trunc),
    scalar('ln', 1, (args) => logarithm(args, Math.log)),
    scalar('log', 1, (args) => logarithm(args, Math.log10)),
    scalar('log', 2, (args) => logarithm(args, Math.log10)),
    scalar('log10', 1, (args) => logarithm(args, Math.log10)),
    scalar('log2', 1, (args) => logarithm(args, Math.log2)),
    scalar('pi', 0, () => Math.PI),
  ];
  for (const fn of fns) registry.addScalar(fn);
}
