// Column affinity: derived from a declared type name (SQLite's five rules, in order) and applied
// to values stored into a column or compared against one.

import { MAX_INT64, MIN_INT64, type SqlValue } from '../common/values.js';
import { blobToText, valueToText } from './cast.js';
import { parseInteger, parseReal, realSameAsInt, realToInteger } from './number-parse.js';

export const enum Affinity {
  Blob = 'BLOB',
  Text = 'TEXT',
  Numeric = 'NUMERIC',
  Integer = 'INTEGER',
  Real = 'REAL',
}

/** The affinity of a declared column type (sqlite3AffinityType); no type at all -> BLOB. */
export function affinityOfType(declaredType: string | null | undefined): Affinity {
  if (!declaredType) return Affinity.Blob;
  const type = declaredType.toUpperCase();
  if (type.includes('INT')) return Affinity.Integer;
  if (type.includes('CHAR') || type.includes('CLOB') || type.includes('TEXT')) return Affinity.Text;
  if (type.includes('BLOB')) return Affinity.Blob;
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return Affinity.Real;
  return Affinity.Numeric;
}

/** The affinity CAST(x AS type) converts to: as a declared type's, except that no type name at all is NUMERIC (sqlite3AffinityType). */
export function castAffinity(typeName: string): Affinity {
  return typeName.trim() === '' ? Affinity.Numeric : affinityOfType(typeName);
}

/** true for the affinities that convert text to numbers (NUMERIC, INTEGER, REAL). */
export function isNumericAffinity(affinity: Affinity): boolean {
  return affinity === Affinity.Numeric || affinity === Affinity.Integer || affinity === Affinity.Real;
}

/**
 * applyNumericAffinity: TEXT that is wholly a well-formed number becomes INTEGER (when written as
 * an integer that fits) or REAL; REAL becomes INTEGER when `tryForInteger` and it is exactly
 * integral within +-2^51. Anything else is returned unchanged.
 */
export function numericFromText(text: string, tryForInteger: boolean): SqlValue {
  const real = parseReal(text);
  if (!real.whole) return text;
  if (!real.fractionalForm && !real.manyDigits) {
    const truncated = realToInteger(real.value);
    if (realSameAsInt(real.value, truncated)) return truncated;
    const integer = parseInteger(text);
    if (integer.rc === 0) return integer.value;
  }
  return tryForInteger ? integerAffinity(real.value) : real.value;
}

/** sqlite3VdbeIntegerAffinity: a REAL that is exactly an integer strictly inside int64 becomes INTEGER. */
export function integerAffinity(r: number): bigint | number {
  // The usual case (a JS integer bound to an INTEGER column): exact, far inside int64.
  if (Number.isSafeInteger(r)) return BigInt(r);
  const truncated = realToInteger(r);
  return r === Number(truncated) && truncated > MIN_INT64 && truncated < MAX_INT64 ? truncated : r;
}

/** Applies `affinity` to a value being stored into a column (OP_Affinity / OP_MakeRecord). */
export function applyAffinity(value: SqlValue, affinity: Affinity): SqlValue {
  switch (affinity) {
    case Affinity.Blob:
      return value;
    case Affinity.Text:
      if (typeof value === 'bigint' || typeof value === 'number') return valueToText(value);
      return value;
    case Affinity.Numeric:
    case Affinity.Integer:
      if (typeof value === 'string') return numericFromText(value, true);
      if (typeof value === 'number') return integerAffinity(value);
      return value;
    case Affinity.Real:
      if (typeof value === 'string') {
        const numeric = numericFromText(value, false);
        return typeof numeric === 'bigint' ? Number(numeric) : numeric;
      }
      if (typeof value === 'bigint') return Number(value);
      return value;
  }
}

/**
 * Affinity for a comparison (OP_Eq etc.): with a numeric affinity, TEXT operands that look like
 * numbers become numbers; with TEXT affinity, numeric operands become TEXT.
 */
export function applyComparisonAffinity(value: SqlValue, affinity: Affinity | null): SqlValue {
  if (affinity === null || affinity === Affinity.Blob) return value;
  if (affinity === Affinity.Text) {
    return typeof value === 'bigint' || typeof value === 'number' ? valueToText(value) : value;
  }
  if (typeof value === 'string') return numericFromText(value, false);
  return value;
}

/**
 * sqlite3CompareAffinity: the affinity a comparison of two expressions uses. null is "no affinity"
 * (an expression); BLOB (a column declared without a type) is an affinity: TEXT vs BLOB converts nothing.
 */
export function comparisonAffinity(left: Affinity | null, right: Affinity | null): Affinity | null {
  const l = left;
  const r = right;
  if (l !== null && r !== null) {
    return isNumericAffinity(l) || isNumericAffinity(r) ? Affinity.Numeric : null;
  }
  if (l === null && r === null) return null;
  const only = (l ?? r)!;
  // One side has affinity, the other none: apply the side's affinity (TEXT or numeric).
  return isNumericAffinity(only) ? Affinity.Numeric : only;
}

/** Text view of a blob for affinity purposes. */
export function blobAsText(value: Uint8Array): string {
  return blobToText(value);
}
