// SQLite's own text renderings of values, applied alike to whatever either engine returned: REAL ->
// TEXT as sqlite3_column_text does it (SQLite 3.53), printf("%.Nf"), and the numeric-prefix
// conversions of sqlite3_column_int/double.

import { createRequire } from 'node:module';

// SQLite 3.53 renders REAL values with its own decimal conversion (sqlite3FpDecode), whose last
// digits do not always match an exact conversion; rather than imitate it, these two renderings
// ask SQLite itself through a private better-sqlite3 connection. They only format a value that
// an engine already produced, so the engine under test never depends on the oracle's answer.

type Pluck = { get(...params: unknown[]): unknown };
let oracle: { realToText: Pluck; printf: Pluck } | null = null;
const cache = new Map<string, string>();

function renderWithSqlite(kind: 'text' | 'printf', x: number, format = ''): string {
  const key = `${kind}${format}:${Object.is(x, -0) ? '-0' : x}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  if (!oracle) {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (path: string) => {
      prepare(sql: string): { pluck(): Pluck };
    };
    const db = new Database(':memory:');
    oracle = { realToText: db.prepare('SELECT CAST(? AS TEXT)').pluck(), printf: db.prepare('SELECT printf(?, ?)').pluck() };
  }
  const text = String(kind === 'text' ? oracle.realToText.get(x) : oracle.printf.get(format, x));
  if (cache.size > 200_000) cache.clear();
  cache.set(key, text);
  return text;
}

/** REAL to TEXT exactly as SQLite 3.53 renders it (sqlite3_column_text, CAST(x AS TEXT)). */
export function realToText(x: number): string {
  if (x === 0) return '0.0';
  return renderWithSqlite('text', x);
}

/**
 * REAL as the sqlite3 shell prints it in list mode: printf("%!.15g"), 15 significant digits (the
 * shell formats doubles itself; only text the engine made from a REAL carries 3.53's 17 digits).
 */
export function realToShellText(x: number): string {
  if (x === 0) return '0.0';
  return renderWithSqlite('printf', x, '%!.15g');
}

/** printf("%.<precision>f", x) exactly as SQLite's printf renders it. */
export function printfFixed(x: number, precision: number): string {
  return renderWithSqlite('printf', x, `%.${precision}f`);
}

const SPACE = /^[ \t\n\v\f\r]*/;

/** The integer sqlite3_column_int64 reads from text: its leading integer prefix, clamped to 64 bits. */
export function textToInt64(text: string): bigint {
  const match = /^[+-]?\d+/.exec(text.replace(SPACE, ''));
  if (!match) return 0n;
  const value = BigInt(match[0]);
  if (value > 0x7fffffffffffffffn) return 0x7fffffffffffffffn;
  if (value < -0x8000000000000000n) return -0x8000000000000000n;
  return value;
}

/** The REAL sqlite3_column_double reads from text: its leading numeric prefix, else 0. */
export function textToReal(text: string): number {
  const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.replace(SPACE, ''));
  return match ? Number(match[0]) : 0;
}

/** REAL to INTEGER as SQLite converts it (truncation toward zero, saturating at the int64 range). */
export function realToInt64(x: number): bigint {
  if (Number.isNaN(x)) return 0n;
  if (x <= -9223372036854775808) return -0x8000000000000000n;
  if (x >= 9223372036854775807) return 0x7fffffffffffffffn;
  return BigInt(Math.trunc(x));
}

const utf8Decoder = new TextDecoder('utf-8');
export function blobToText(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}
