// Renders query results the way sqllogictest's SQLite driver (slt_sqlite.c) does: NULL as "NULL";
// 'I' columns through sqlite3_column_int (a 32-bit int); 'R' through sqlite3_column_double and
// printf("%.3f"); 'T' through sqlite3_column_text, "(empty)" for '', and every byte outside
// ' '..'~' replaced by '@' (so a two-byte UTF-8 character becomes "@@").

import type { SqlValue } from '../driver.js';
import { printfFixed, realToInt64, realToText, textToInt64, textToReal } from '../sqlite-text.js';

const encoder = new TextEncoder();
const PRINTABLE = /^[\x20-\x7e]*$/;

function printableBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b < 0x20 || b > 0x7e ? '@' : String.fromCharCode(b);
  return out;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

function asInt(value: Exclude<SqlValue, null>): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return realToInt64(value);
  return textToInt64(typeof value === 'string' ? value : latin1(value));
}

function asReal(value: Exclude<SqlValue, null>): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return textToReal(typeof value === 'string' ? value : latin1(value));
}

export function renderSltValue(value: SqlValue, type: string): string {
  if (value === null) return 'NULL';
  switch (type) {
    case 'I':
      return BigInt.asIntN(32, asInt(value)).toString();
    case 'R':
      return printfFixed(asReal(value), 3);
    default: {
      if (typeof value === 'string') {
        if (value === '') return '(empty)';
        return PRINTABLE.test(value) ? value : printableBytes(encoder.encode(value));
      }
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number') return realToText(value);
      return value.length === 0 ? '(empty)' : printableBytes(value);
    }
  }
}
