// SQLite's ordering of values (sqlite3MemCompare): NULL < numbers < TEXT < BLOB; INTEGER and
// REAL compare by numeric value exactly; TEXT by a collation; BLOB by bytes. This is the single
// place this rule lives: sorting, index keys, comparisons and min()/max() all call it.

import type { SqlValue } from '../common/values.js';
import { binaryCollation, type Collation } from './collation.js';

const TWO_POW_63 = 9223372036854775808; // 2^63 as a double, exactly representable

/** Orders an INTEGER and a REAL by exact numeric value (NaN never reaches here: SQLite stores it as NULL). */
export function compareIntegerReal(i: bigint, r: number): number {
  if (r !== r) return 1;
  if (r >= TWO_POW_63) return -1;
  if (r < -TWO_POW_63) return 1;
  // r is within int64 range: compare the truncated integer part, then the fraction.
  const truncated = Math.trunc(r);
  const ri = BigInt(truncated);
  if (i < ri) return -1;
  if (i > ri) return 1;
  const fraction = r - truncated;
  return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}

export function compareBlobs(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function rank(value: SqlValue): number {
  switch (typeof value) {
    case 'bigint':
    case 'number':
      return 1;
    case 'string':
      return 2;
    default:
      return value === null ? 0 : 3;
  }
}

/** Compares two values under SQLite's rules; TEXT uses `collation` (BINARY when omitted). */
export function compareValues(a: SqlValue, b: SqlValue, collation: Collation = binaryCollation): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint') {
    if (tb === 'bigint') return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    if (tb === 'number') return compareIntegerReal(a as bigint, b as number);
  } else if (ta === 'number') {
    if (tb === 'number') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    if (tb === 'bigint') return -compareIntegerReal(b as bigint, a as number);
  } else if (ta === 'string' && tb === 'string') {
    return collation(a as string, b as string);
  }
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) return compareBlobs(a as Uint8Array, b as Uint8Array);
  return 0; // both NULL
}
