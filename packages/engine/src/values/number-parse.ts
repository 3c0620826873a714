// Text -> number parsing with SQLite's exact rules (sqlite3AtoF, sqlite3Atoi64): ASCII whitespace
// around the number is allowed, hex is not, and a numeric prefix followed by junk is reported as
// such so CAST can use the prefix while affinity rejects the whole string.

import { MAX_INT64, MIN_INT64 } from '../common/values.js';

/** sqlite3Isspace: space, \t, \n, \v, \f, \r. */
export function isSqlSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Outcome of parsing text as a real number. */
export interface ParsedReal {
  value: number;
  /** Some prefix of the text is a number. */
  hasPrefix: boolean;
  /** The whole text (apart from surrounding whitespace) is a number. */
  whole: boolean;
  /** A decimal point or exponent was present (the number is not written as an integer). */
  fractionalForm: boolean;
  /** More than 19 significant digits (only the first ~19 contribute to the value). */
  manyDigits: boolean;
}

const MANTISSA_LIMIT = (0xffffffffffffffffn - 9n) / 10n;

/** sqlite3AtoF: the value of the longest numeric prefix, and whether the text is wholly numeric. */
export function parseReal(text: string): ParsedReal {
  let i = 0;
  const n = text.length;
  while (i < n && isSqlSpace(text.charCodeAt(i))) i++;
  let negative = false;
  if (i < n && (text[i] === '-' || text[i] === '+')) {
    negative = text[i] === '-';
    i++;
  }
  let mantissa = 0n;
  let exponent = 0;
  let sawDigit = false;
  let fractionalForm = false;
  let manyDigits = false;
  while (i < n && isDigit(text.charCodeAt(i))) {
    sawDigit = true;
    if (mantissa < MANTISSA_LIMIT) mantissa = mantissa * 10n + BigInt(text.charCodeAt(i) - 48);
    else {
      exponent++;
      manyDigits = true;
    }
    i++;
  }
  if (i < n && text[i] === '.') {
    const afterPoint = i + 1;
    if (afterPoint < n && isDigit(text.charCodeAt(afterPoint))) {
      i = afterPoint;
      sawDigit = true;
      while (i < n && isDigit(text.charCodeAt(i))) {
        if (mantissa < MANTISSA_LIMIT) {
          mantissa = mantissa * 10n + BigInt(text.charCodeAt(i) - 48);
          exponent--;
        } else manyDigits = true;
        i++;
      }
      fractionalForm = true;
    } else if (sawDigit) {
      i = afterPoint;
      fractionalForm = true;
    }
  }
  if (!sawDigit) return { value: 0, hasPrefix: false, whole: false, fractionalForm: false, manyDigits: false };
  if (i < n && (text[i] === 'e' || text[i] === 'E')) {
    let j = i + 1;
    let exponentSign = 1;
    if (j < n && (text[j] === '-' || text[j] === '+')) {
      exponentSign = text[j] === '-' ? -1 : 1;
      j++;
    }
    if (j < n && isDigit(text.charCodeAt(j))) {
      let e = 0;
      while (j < n && isDigit(text.charCodeAt(j))) {
        e = e < 10000 ? e * 10 + (text.charCodeAt(j) - 48) : 10000;
        j++;
      }
      exponent += exponentSign * e;
      fractionalForm = true;
      i = j;
    }
  }
  let value = mantissa === 0n ? 0 : Number(`${mantissa}e${exponent}`);
  if (negative) value = -value;
  let k = i;
  while (k < n && isSqlSpace(text.charCodeAt(k))) k++;
  return { value, hasPrefix: true, whole: k === n, fractionalForm, manyDigits };
}

/** Outcome of sqlite3Atoi64: the (clamped) value and SQLite's return code. */
export interface ParsedInteger {
  value: bigint;
  /** -1 no digits; 0 ok; 1 trailing junk; 2 overflow; 3 exactly 9223372036854775808 (fits only negated). */
  rc: -1 | 0 | 1 | 2 | 3;
}

/** sqlite3Atoi64: decimal only; the value saturates at the int64 limits. */
export function parseInteger(text: string): ParsedInteger {
  let i = 0;
  const n = text.length;
  while (i < n && isSqlSpace(text.charCodeAt(i))) i++;
  let negative = false;
  if (i < n && (text[i] === '-' || text[i] === '+')) {
    negative = text[i] === '-';
    i++;
  }
  const start = i;
  while (i < n && text[i] === '0') i++;
  const digitsStart = i;
  let u = 0n;
  while (i < n && isDigit(text.charCodeAt(i))) {
    u = u * 10n + BigInt(text.charCodeAt(i) - 48);
    i++;
  }
  const digitCount = i - digitsStart;
  let rc: ParsedInteger['rc'] = 0;
  if (digitCount === 0 && start === digitsStart) rc = -1;
  else {
    for (let k = i; k < n; k++) {
      if (!isSqlSpace(text.charCodeAt(k))) {
        rc = 1;
        break;
      }
    }
  }
  const limit = MAX_INT64 + 1n;
  if (u < limit) return { value: negative ? -u : u, rc };
  if (u === limit && digitCount === 19) return negative ? { value: MIN_INT64, rc } : { value: MAX_INT64, rc: 3 };
  return { value: negative ? MIN_INT64 : MAX_INT64, rc: 2 };
}

/** sqlite3RealSameAsInt: r is 0, or equals i exactly with |i| < 2^51. */
export function realSameAsInt(r: number, i: bigint): boolean {
  return r === 0 || (Number(i) === r && !Object.is(r, -0) && i >= -2251799813685248n && i < 2251799813685248n);
}

/** sqlite3RealToI64 / doubleToInt64: truncation, saturating at the int64 limits; NaN -> 0. */
export function realToInteger(r: number): bigint {
  if (r !== r) return 0n;
  if (r <= -9223372036854775808) return MIN_INT64;
  if (r >= 9223372036854775807) return MAX_INT64;
  return BigInt(Math.trunc(r));
}
