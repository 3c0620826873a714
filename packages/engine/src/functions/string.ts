// String and blob scalar functions of SQLite's func.c that the core slice lacks: char, concat,
// concat_ws, format/printf, hex helpers (unhex), iif/if with many arguments, instr, likelihood,
// trims, octet_length, randomblob, replace, round, sign, soundex, unicode, unistr(_quote),
// zeroblob, sqlite_source_id.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { Expr } from '../parser/ast.js';
import { parseReal } from '../values/number-parse.js';
import { toInteger, toReal, truthValue, valueToText } from '../values/cast.js';
import { blobArg, numericArg, passThrough, scalar, textArg } from './define.js';
import { sqlPrintf, utf8Length } from './printf.js';
import type { FunctionRegistry, ScalarEntry } from './registry.js';

const utf8Decoder = new TextDecoder();
const SOURCE_ID = '2026-06-03 19:12:13 d6e03d8c777cfa2d35e3b60d8ec3e0187f3e9f99d8e2ee9cac695fd6fcdf1a24';
const MAX_LENGTH = 1_000_000_000;

/** char(): code points as SQLite encodes them (out of range -> U+FFFD; surrogates as raw bytes). */
function charFromCodes(args: readonly SqlValue[]): string {
  const bytes: number[] = [];
  for (const arg of args) {
    let x = toInteger(arg!);
    if (x < 0n || x > 0x10ffffn) x = 0xfffdn;
    const c = Number(x);
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 + (c >> 6), 0x80 + (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 + (c >> 12), 0x80 + ((c >> 6) & 0x3f), 0x80 + (c & 0x3f));
    else bytes.push(0xf0 + (c >> 18), 0x80 + ((c >> 12) & 0x3f), 0x80 + ((c >> 6) & 0x3f), 0x80 + (c & 0x3f));
  }
  return utf8Decoder.decode(new Uint8Array(bytes));
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function instr([haystack, needle]: readonly SqlValue[]): SqlValue {
  if (haystack === null || needle === null) return null;
  if (haystack instanceof Uint8Array && needle instanceof Uint8Array) {
    if (needle.length === 0) return 1n;
    return BigInt(indexOfBytes(haystack, needle) + 1);
  }
  const h = valueToText(haystack!);
  const n = valueToText(needle!);
  if (n === '') return 1n;
  const at = h.indexOf(n);
  return at < 0 ? 0n : BigInt(Array.from(h.slice(0, at)).length + 1);
}

function trim(mode: 'left' | 'right' | 'both') {
  return (args: readonly SqlValue[]): SqlValue => {
    const text = textArg(args[0]);
    if (text === null) return null;
    const set = args.length > 1 ? textArg(args[1]) : ' ';
    if (set === null) return null;
    const chars = new Set(Array.from(set));
    const cps = Array.from(text);
    let start = 0;
    let end = cps.length;
    if (chars.size > 0) {
      if (mode !== 'right') while (start < end && chars.has(cps[start]!)) start++;
      if (mode !== 'left') while (end > start && chars.has(cps[end - 1]!)) end--;
    }
    return cps.slice(start, end).join('');
  };
}

function replace([x, pattern, replacement]: readonly SqlValue[]): SqlValue {
  const text = textArg(x);
  if (text === null) return null;
  const p = textArg(pattern);
  if (p === null) return null;
  // An empty pattern, or one starting with NUL (empty as the C string replaceFunc tests), changes nothing.
  if (p === '' || p.charCodeAt(0) === 0) return text;
  const r = textArg(replacement);
  if (r === null) return null;
  return text.split(p).join(r);
}

/** round(X[, N]): SQLite rounds through printf("%!.*f") then parses the text back. */
function round(args: readonly SqlValue[]): SqlValue {
  let digits = 0;
  if (args.length === 2) {
    if (args[1] === null) return null;
    digits = Number(BigInt.asIntN(32, toInteger(args[1]!)));
    if (digits > 30) digits = 30;
    if (digits < 0) digits = 0;
  }
  if (args[0] === null) return null;
  let r = toReal(args[0]!);
  if (r < -4503599627370496 || r > 4503599627370496) return r;
  if (digits === 0) {
    return Number(BigInt(Math.trunc(r + (r < 0 ? -0.5 : 0.5))));
  }
  return parseReal(sqlPrintf(`%!.${digits}f`, [r]) ?? '0').value;
}

function sign([x]: readonly SqlValue[]): SqlValue {
  const v = numericArg(x!);
  if (typeof v !== 'bigint' && typeof v !== 'number') return null;
  const r = typeof v === 'bigint' ? Number(v) : v;
  return r < 0 ? -1n : r > 0 ? 1n : 0n;
}

const SOUNDEX_CODES: Record<string, number> = {};
for (const [letters, code] of [['BFPV', 1], ['CGJKQSXZ', 2], ['DT', 3], ['L', 4], ['MN', 5], ['R', 6]] as const) {
  for (const l of letters) {
    SOUNDEX_CODES[l] = code;
    SOUNDEX_CODES[l.toLowerCase()] = code;
  }
}

/** soundex(): over UTF-8 bytes with the high bit masked off, exactly as func.c does it. */
function soundex([x]: readonly SqlValue[]): SqlValue {
  const bytes = blobArg(x === null ? '' : x) ?? new Uint8Array(0);
  const isAlpha = (b: number): boolean => (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
  const code = (b: number): number => SOUNDEX_CODES[String.fromCharCode(b & 0x7f)] ?? 0;
  let i = 0;
  while (i < bytes.length && bytes[i] !== 0 && !isAlpha(bytes[i]!)) i++;
  if (i >= bytes.length || bytes[i] === 0) return '?000';
  let prev = code(bytes[i]!);
  let result = String.fromCharCode(bytes[i]!).toUpperCase();
  for (; result.length < 4 && i < bytes.length && bytes[i] !== 0; i++) {
    const c = code(bytes[i]!);
    if (c > 0) {
      if (c !== prev) {
        prev = c;
        result += String(c);
      }
    } else prev = 0;
  }
  return result.padEnd(4, '0');
}

function unhex(args: readonly SqlValue[]): SqlValue {
  const hex = textArg(args[0]);
  const pass = args.length > 1 ? textArg(args[1]) : '';
  if (hex === null || pass === null) return null;
  const allowed = new Set(Array.from(pass));
  const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);
  const cps = Array.from(hex);
  const out: number[] = [];
  let i = 0;
  while (i < cps.length) {
    if (cps[i] === '\u0000') break;
    if (!isHex(cps[i])) {
      if (!allowed.has(cps[i]!)) return null;
      i++;
      continue;
    }
    const hi = cps[i++]!;
    const lo = cps[i++];
    if (!isHex(lo)) return null;
    out.push(parseInt(hi + lo, 16));
  }
  return new Uint8Array(out);
}

function unistr([x]: readonly SqlValue[]): SqlValue {
  const text = textArg(x);
  if (text === null) return null;
  let out = '';
  let i = 0;
  const hexRun = (at: number, n: number): number | null => {
    const run = text.slice(at, at + n);
    return run.length === n && /^[0-9a-fA-F]+$/.test(run) ? parseInt(run, 16) : null;
  };
  const fail = (): never => {
    throw new SqliteError('invalid Unicode escape');
  };
  const emit = (v: number | null): void => {
    if (v === null) fail();
    out += charFromCodes([BigInt(v!)]);
  };
  while (i < text.length) {
    const slash = text.indexOf('\\', i);
    if (slash < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, slash);
    i = slash;
    const next = text[i + 1] ?? '';
    if (next === '\\') {
      out += '\\';
      i += 2;
    } else if (/^[0-9a-fA-F]$/.test(next)) {
      emit(hexRun(i + 1, 4));
      i += 5;
    } else if (next === '+') {
      emit(hexRun(i + 2, 6));
      i += 8;
    } else if (next === 'u') {
      emit(hexRun(i + 2, 4));
      i += 6;
    } else if (next === 'U') {
      emit(hexRun(i + 2, 8));
      i += 10;
    } else fail();
  }
  return out;
}

/** unistr_quote(): quote(), but TEXT holding control characters becomes unistr('...'). */
function unistrQuote([x]: readonly SqlValue[]): SqlValue {
  if (typeof x !== 'string') return sqlQuoteNonText(x!);
  const text = x.includes('\u0000') ? x.slice(0, x.indexOf('\u0000')) : x;
  // eslint-disable-next-line no-control-regex
  if (!/[\u0001-\u001f]/.test(text)) return `'${text.replace(/'/g, "''")}'`;
  let body = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === "'") body += "''";
    else if (ch === '\\') body += '\\\\';
    else if (c < 0x20) body += `\\u${c.toString(16).padStart(4, '0')}`;
    else body += ch;
  }
  return `unistr('${body}')`;
}

function sqlQuoteNonText(x: SqlValue): string {
  if (x === null) return 'NULL';
  if (x instanceof Uint8Array) return `X'${Array.from(x, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}'`;
  return valueToText(x);
}

function zeroblob([n]: readonly SqlValue[]): SqlValue {
  let size = toInteger(n!);
  if (size < 0n) size = 0n;
  if (size > BigInt(MAX_LENGTH)) throw new SqliteError('string or blob too big', 'SQLITE_TOOBIG');
  return new Uint8Array(Number(size));
}

function randomblob([n]: readonly SqlValue[]): SqlValue {
  let size = toInteger(n!);
  if (size < 1n) size = 1n;
  if (size > BigInt(MAX_LENGTH)) throw new SqliteError('string or blob too big', 'SQLITE_TOOBIG');
  const out = new Uint8Array(Number(size));
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(Math.random() * 256);
  return out;
}

/** iif(C1, V1, C2, V2, ..., [ELSE]): the value after the first true condition. */
/** Which argument iif(c1, v1, c2, v2, ..., [else]) returns (-1: NULL). */
function iif(args: readonly SqlValue[]): number {
  let i = 0;
  for (; i + 1 < args.length; i += 2) if (truthValue(args[i]!) === true) return i + 1;
  return i < args.length ? i : -1;
}

/** likelihood(X, P): P must be a REAL literal between 0.0 and 1.0, checked when the call is compiled (as SQLite's resolver does). */
function checkProbability(args: readonly Expr[]): void {
  const p = args[1];
  if (p?.kind !== 'Real' || !(p.value >= 0 && p.value <= 1)) throw new SqliteError('second argument to likelihood() must be a constant between 0.0 and 1.0');
}

function printf(args: readonly SqlValue[]): SqlValue {
  const format = textArg(args[0]);
  if (format === null) return null;
  return sqlPrintf(format, args.slice(1));
}

export function registerStringFunctions(registry: FunctionRegistry): void {
  const fns: ScalarEntry[] = [
    scalar('char', -1, charFromCodes, { minArgs: 0 }),
    scalar('concat', -1, (args) => args.map((a) => (a === null ? '' : valueToText(a))).join(''), { minArgs: 1 }),
    scalar('concat_ws', -1, ([sep, ...rest]) => (sep === null ? null : rest.filter((a) => a !== null).map((a) => valueToText(a!)).join(valueToText(sep!))), { minArgs: 2 }),
    scalar('printf', -1, printf, { minArgs: 0 }),
    scalar('format', -1, printf, { minArgs: 0 }),
    passThrough('iif', -1, iif, { minArgs: 2 }),
    passThrough('if', -1, iif, { minArgs: 2 }),
    scalar('instr', 2, instr),
    { ...passThrough('likelihood', 2, () => 0), checkArguments: checkProbability },
    passThrough('likely', 1, () => 0),
    passThrough('unlikely', 1, () => 0),
    scalar('ltrim', 1, trim('left')),
    scalar('ltrim', 2, trim('left')),
    scalar('rtrim', 1, trim('right')),
    scalar('rtrim', 2, trim('right')),
    scalar('trim', 1, trim('both')),
    scalar('trim', 2, trim('both')),
    scalar('octet_length', 1, ([x]) => (x === null ? null : BigInt(x instanceof Uint8Array ? x.length : utf8Length(valueToText(x!))))),
    scalar('randomblob', 1, randomblob, { deterministic: false }),
    scalar('replace', 3, replace),
    scalar('round', 1, round),
    scalar('round', 2, round),
    scalar('sign', 1, sign),
    scalar('soundex', 1, soundex),
    scalar('unhex', 1, unhex),
    scalar('unhex', 2, unhex),
    scalar('unicode', 1, ([x]) => {
      const text = textArg(x);
      return text === null || text === '' || text.startsWith('\u0000') ? null : BigInt(text.codePointAt(0)!);
    }),
    scalar('unistr', 1, unistr),
    scalar('unistr_quote', 1, unistrQuote),
    scalar('zeroblob', 1, zeroblob),
    scalar('sqlite_source_id', 0, () => SOURCE_ID),
  ];
  for (const fn of fns) registry.addScalar(fn);
}
