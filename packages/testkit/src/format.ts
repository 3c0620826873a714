// Readable one-line renderings of values and results for failure reports (not a SQLite format).

import type { SqlValue } from './driver.js';

export function describeValue(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return `${value} (integer)`;
  if (typeof value === 'number') return `${Object.is(value, -0) ? '-0' : String(value)} (real)`;
  if (typeof value === 'string') return `${JSON.stringify(value)} (text)`;
  return `x'${hex(value)}' (blob)`;
}

export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0').toUpperCase();
  return out;
}

export function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  return a === b;
}

/** A key equal for two rows exactly when every value and storage type is equal. */
export function rowKey(row: readonly SqlValue[]): string {
  return row
    .map((v) => {
      if (v === null) return 'n';
      if (typeof v === 'bigint') return `i${v}`;
      if (typeof v === 'number') return `r${Object.is(v, -0) ? '-0' : v}`;
      if (typeof v === 'string') return `t${JSON.stringify(v)}`;
      return `b${hex(v)}`;
    })
    .join(',');
}

export function truncate(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
