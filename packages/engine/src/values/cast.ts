// Conversions between storage classes as SQLite performs them: CAST(x AS type), the implicit
// numeric conversion of arithmetic operands (sqlite3VdbeIntValue/RealValue, numericType), and
// rendering to TEXT. Every layer converts through these functions.

import type { SqlValue } from '../common/values.js';
import { parseInteger, parseReal, realSameAsInt, realToInteger } from './number-parse.js';
import { realToText } from './real-text.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

export function textToBlob(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

export function blobToText(blob: Uint8Array): string {
  // SQLite stops at the first NUL when a blob is read as C text; CAST keeps the bytes. We keep them.
  return utf8Decoder.decode(blob);
}

/** TEXT rendering of any non-NULL value (INTEGER in decimal, REAL as SQLite prints it). */
export function valueToText(value: Exclude<SqlValue, null>): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      return realToText(value);
    default:
      return blobToText(value);
  }
}

/** sqlite3VdbeIntValue: INTEGER view of a value (REAL truncates, TEXT parses its integer prefix). */
export function toInteger(value: SqlValue): bigint {
  switch (typeof value) {
    case 'bigint':
      return value;
    case 'number':
      return realToInteger(value);
    case 'string':
      return parseInteger(value).value;
    default:
      return value === null ? 0n : parseInteger(blobToText(value)).value;
  }
}

/** sqlite3VdbeRealValue: REAL view of a value (TEXT parses its numeric prefix). */
export function toReal(value: SqlValue): number {
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
      return value;
    case 'string':
      return parseReal(value).value;
    default:
      return value === null ? 0 : parseReal(blobToText(value)).value;
  }
}

/**
 * The numeric value an arithmetic operator sees: TEXT/BLOB become INTEGER when written as an
 * integer that fits (prefix allowed: '12abc' -> 12), else REAL ('3.0' -> 3.0); no number -> 0.
 */
export function toNumber(value: SqlValue): bigint | number {
  switch (typeof value) {
    case 'bigint':
    case 'number':
      return value;
    case 'string':
      return textToNumber(value);
    default:
      return value === null ? 0n : textToNumber(blobToText(value));
  }
}

function textToNumber(text: string): bigint | number {
  const real = parseReal(text);
  if (!real.fractionalForm && !real.manyDigits) {
    const integer = parseInteger(text);
    if (integer.rc <= 1) return integer.value;
  }
  return real.value;
}

/** sqlite3VdbeMemNumerify (CAST AS NUMERIC of TEXT/BLOB): INTEGER whenever the value is integral. */
function textToNumeric(text: string): bigint | number {
  const real = parseReal(text);
  if (real.whole && !real.fractionalForm && !real.manyDigits) {
    const integer = parseInteger(text);
    if (integer.rc <= 1) return integer.value;
  } else if (!real.hasPrefix) {
    const integer = parseInteger(text);
    if (integer.rc >= 0 && integer.rc <= 1) return integer.value;
  }
  const truncated = realToInteger(real.value);
  return realSameAsInt(real.value, truncated) ? truncated : real.value;
}

/** The type a CAST targets (the affinity of the type name). */
export type CastTarget = 'INTEGER' | 'REAL' | 'NUMERIC' | 'TEXT' | 'BLOB';

/** CAST(value AS target). */
export function castValue(value: SqlValue, target: CastTarget): SqlValue {
  if (value === null) return null;
  switch (target) {
    case 'INTEGER':
      return toInteger(value);
    case 'REAL':
      return toReal(value);
    case 'NUMERIC':
      if (typeof value === 'bigint' || typeof value === 'number') return value;
      return textToNumeric(typeof value === 'string' ? value : blobToText(value));
    case 'TEXT':
      return valueToText(value);
    case 'BLOB':
      return value instanceof Uint8Array ? value : textToBlob(valueToText(value));
  }
}

/** SQLite truthiness (WHERE, CASE, NOT, AND/OR): numeric value != 0; NULL is neither (null). */
export function truthValue(value: SqlValue): boolean | null {
  if (value === null) return null;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'number') return value !== 0;
  return toReal(value) !== 0;
}
