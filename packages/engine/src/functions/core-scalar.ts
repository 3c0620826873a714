// Core scalar functions of the first slice: abs, coalesce, ifnull, length, lower, upper, typeof,
// substr, nullif, min/max (scalar), random, changes, total_changes, last_insert_rowid,
// sqlite_version, quote, hex, iif. Semantics follow SQLite's func.c.

import { SqliteError } from '../common/errors.js';
import { compileOptionGet, compileOptionUsed } from '../common/compile-options.js';
import { MIN_INT64, typeName, type SqlValue } from '../common/values.js';
import { textToBlob, toInteger, toReal, valueToText } from '../values/cast.js';
import { truthValue } from '../values/cast.js';
import { compareValues } from '../values/compare.js';
import { realToText } from '../values/real-text.js';
import { cText, passThrough, scalar } from './define.js';
import type { FunctionRegistry, ScalarEntry } from './registry.js';

function hexOf(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** substr(X, start[, length]) with SQLite's rules for 0, negative starts and negative lengths. */
function substr(args: readonly SqlValue[]): SqlValue {
  const [x, startArg, lengthArg] = args;
  if (x === null || startArg === null || (args.length === 3 && lengthArg === null)) return null;
  const isBlob = x instanceof Uint8Array;
  if (isBlob && x.length === 0) return null; // sqlite3_value_blob() of an empty blob is a null pointer
  const units: (string | number)[] | Uint8Array = isBlob ? x : codePoints(cText(x!));
  const len = units.length;
  let p1 = Number(toInteger(startArg!));
  let p2 = args.length === 3 ? Number(toInteger(lengthArg!)) : 1_000_000_000;
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  } else if (p1 > 0) {
    p1--;
  } else if (p2 > 0) {
    p2--;
  }
  if (p2 < 0) {
    p1 += p2;
    p2 = -p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  const end = Math.min(p1 + Math.max(p2, 0), len);
  if (isBlob) return (units as Uint8Array).slice(Math.min(p1, len), Math.max(end, Math.min(p1, len)));
  return (units as string[]).slice(p1, Math.max(end, p1)).join('');
}

function quote(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return realToText(value);
  if (typeof value === 'string') return `'${cText(value).replace(/'/g, "''")}'`;
  return `X'${hexOf(value)}'`;
}

function asciiCase(text: string, upper: boolean): string {
  return upper ? text.replace(/[a-z]/g, (c) => c.toUpperCase()) : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Which argument scalar min() (sign -1) or max() (1) returns: -1 (NULL) when any is NULL. */
function extremum(sign: 1 | -1) {
  return (args: readonly SqlValue[]): number => {
    let best = -1;
    for (let i = 0; i < args.length; i++) {
      const v = args[i]!;
      if (v === null) return -1;
      if (i === 0 || sign * compareValues(v, args[best]!) > 0) best = i;
    }
    return best;
  };
}

export function registerCoreScalars(registry: FunctionRegistry): void {
  const fns: ScalarEntry[] = [
    scalar('abs', 1, ([x]) => {
      if (x === null) return null;
      if (typeof x === 'bigint') {
        if (x === MIN_INT64) throw new SqliteError('integer overflow');
        return x < 0n ? -x : x;
      }
      return Math.abs(toReal(x!));
    }),
    passThrough('coalesce', -1, (args) => args.findIndex((v) => v !== null), { minArgs: 2 }),
    passThrough('ifnull', 2, ([a]) => (a !== null ? 0 : 1)),
    passThrough('iif', 3, ([c]) => (truthValue(c!) ? 1 : 2)),
    scalar('length', 1, ([x]) => {
      if (x === null) return null;
      if (x instanceof Uint8Array) return BigInt(x.length);
      const text = valueToText(x!);
      const nul = text.indexOf('\u0000');
      return BigInt(codePoints(nul >= 0 ? text.slice(0, nul) : text).length);
    }),
    scalar('lower', 1, ([x]) => (x === null ? null : asciiCase(valueToText(x!), false))),
    scalar('upper', 1, ([x]) => (x === null ? null : asciiCase(valueToText(x!), true))),
    scalar('typeof', 1, ([x]) => typeName(x!)),
    scalar('substr', 2, substr),
    scalar('substr', 3, substr),
    scalar('substring', 2, substr),
    scalar('substring', 3, substr),
    passThrough('nullif', 2, ([a, b]) => (compareValues(a!, b!) === 0 && a !== null && b !== null ? -1 : 0)),
    passThrough('min', -1, extremum(-1), { minArgs: 2 }),
    passThrough('max', -1, extremum(1), { minArgs: 2 }),
    scalar('random', 0, () => BigInt.asIntN(64, (BigInt(Math.floor(Math.random() * 2 ** 32)) << 32n) | BigInt(Math.floor(Math.random() * 2 ** 32))), { deterministic: false }),
    scalar('changes', 0, (_args, host) => BigInt(host.changes), { deterministic: false }),
    scalar('total_changes', 0, (_args, host) => BigInt(host.totalChanges), { deterministic: false }),
    scalar('last_insert_rowid', 0, (_args, host) => host.lastInsertRowid, { deterministic: false }),
    scalar('sqlite_version', 0, () => '3.53.2'),
    scalar('sqlite_compileoption_used', 1, ([x]) => (x === null ? null : compileOptionUsed(valueToText(x!)) ? 1n : 0n)),
    // sqlite3_value_int: the low 32 bits of the integer value.
    scalar('sqlite_compileoption_get', 1, ([x]) => compileOptionGet(Number(BigInt.asIntN(32, toInteger(x ?? null))))),
    scalar('quote', 1, ([x]) => quote(x!)),
    scalar('hex', 1, ([x]) => {
      if (x === null) return '';
      return hexOf(x instanceof Uint8Array ? x : textToBlob(valueToText(x!)));
    }),
  ];
  for (const fn of fns) registry.addScalar(fn);
}
