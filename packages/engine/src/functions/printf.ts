// SQL printf()/format(): SQLite's own printf engine (printf.c) over SQL values. Width and
// precision count bytes of UTF-8 unless the `!` flag asks for characters, floats go through
// sqlite3FpDecode's rounding, and an unknown conversion silently ends the output.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { toInteger, toReal, valueToText } from '../values/cast.js';
import { fpDecode } from '../values/fp-decode.js';

type Kind = 'decimal' | 'radix' | 'ordinal' | 'pointer' | 'float' | 'exp' | 'generic' | 'size' | 'percent' | 'char' | 'string' | 'escape1' | 'escape2' | 'escape3' | 'internal';

interface Conversion {
  kind: Kind;
  base: number;
  signed: boolean;
  upper: boolean;
  /** Alternate-form prefix ("0", "0x", "0X"). */
  prefix: string;
}

const conv = (kind: Kind, base = 0, signed = false, upper = false, prefix = ''): Conversion => ({ kind, base, signed, upper, prefix });
const CONVERSIONS: Record<string, Conversion> = {
  d: conv('decimal', 10, true),
  i: conv('decimal', 10, true),
  u: conv('decimal', 10, false),
  s: conv('string'),
  z: conv('string'),
  g: conv('generic', 0, true, false),
  G: conv('generic', 0, true, true),
  e: conv('exp', 0, true, false),
  E: conv('exp', 0, true, true),
  f: conv('float', 0, true),
  q: conv('escape1'),
  Q: conv('escape2'),
  w: conv('escape3'),
  c: conv('char'),
  o: conv('radix', 8, false, false, '0'),
  x: conv('radix', 16, false, false, '0x'),
  X: conv('radix', 16, false, true, '0X'),
  p: conv('pointer', 16, false, true, '0x'),
  n: conv('size'),
  '%': conv('percent'),
  T: conv('internal'),
  S: conv('internal'),
  r: conv('ordinal', 10, true),
};

const utf8 = new TextEncoder();
const FP_PRECISION_LIMIT = 100_000_000;
const MAX_LENGTH = 1_000_000_000;
/** The longest string V8 builds (2^29 - 24 UTF-16 units); a longer result would throw a RangeError. */
const JS_STRING_LIMIT = 2 ** 29 - 24;
const utf8Decoder = new TextDecoder();

export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The first `count` bytes (or characters when `chars`) of text. A cut inside a character leaves
 * a partial UTF-8 sequence; `lostBytes` says how many bytes fewer it has than its decoded form.
 */
function prefixOf(text: string, count: number, chars: boolean): { text: string; lostBytes: number } {
  if (chars) return { text: Array.from(text).slice(0, count).join(''), lostBytes: 0 };
  const bytes = utf8.encode(text);
  if (bytes.length <= count) return { text, lostBytes: 0 };
  const cut = utf8Decoder.decode(bytes.subarray(0, count));
  return { text: cut, lostBytes: utf8Length(cut) - count };
}

class Arguments {
  private next = 0;
  constructor(private readonly values: readonly SqlValue[]) {}
  integer(): bigint {
    return this.next < this.values.length ? toInteger(this.values[this.next++]!) : 0n;
  }
  real(): number {
    return this.next < this.values.length ? toReal(this.values[this.next++]!) : 0;
  }
  text(): string | null {
    if (this.next >= this.values.length) return null;
    const v = this.values[this.next++]!;
    return v === null ? null : valueToText(v);
  }
}

/** A C `int` from an int64 (two's complement truncation). */
const toInt32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

interface Spec {
  left: boolean;
  plus: string;
  alt: boolean;
  alt2: boolean;
  zero: boolean;
  thousands: boolean;
  width: number;
  precision: number;
}

function formatInteger(c: Conversion, s: Spec, args: Arguments): string {
  let value: bigint;
  let sign = '';
  const raw = args.integer();
  if (c.signed) {
    if (raw < 0n) {
      value = -raw;
      sign = '-';
    } else {
      value = raw;
      sign = s.plus;
    }
  } else value = BigInt.asUintN(64, raw);
  let alt = s.alt;
  if (value === 0n) alt = false;
  let precision = s.precision;
  if (s.zero && precision < s.width - (sign ? 1 : 0)) precision = s.width - (sign ? 1 : 0);
  let digits = value.toString(c.base);
  digits = c.upper ? digits.toUpperCase() : digits;
  if (c.kind === 'ordinal') {
    const last = Number(value % 10n);
    const tens = Number((value / 10n) % 10n);
    const x = last >= 4 || tens === 1 ? 0 : last;
    digits += ['th', 'st', 'nd', 'rd'][x]!;
  }
  if (digits.length < precision) digits = '0'.repeat(precision - digits.length) + digits;
  if (s.thousands && c.kind === 'decimal') {
    const head = (digits.length - 1) % 3 + 1;
    let grouped = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) grouped += ',' + digits.slice(i, i + 3);
    digits = grouped;
  }
  return (alt ? c.prefix : '') + sign + digits;
}

function formatFloat(c: Conversion, s: Spec, args: Arguments): string {
  const value = args.real();
  let precision = s.precision < 0 ? 6 : s.precision;
  let kind = c.kind;
  // As in C, %g with precision 0 means one significant digit.
  if (kind === 'generic' && precision === 0) precision = 1;
  const iRound = kind === 'float' ? -precision : kind === 'generic' ? precision : precision + 1;
  const d = fpDecode(value, iRound, s.alt2 ? 26 : 16);
  let digits = d.digits;
  let point = d.pointPosition;
  if (d.special === 2) return s.zero ? 'null' : 'NaN';
  if (d.special === 1) {
    if (s.zero) {
      digits = '9';
      point = 1000;
    } else return d.sign === '-' ? '-Inf' : s.plus ? `${s.plus}Inf` : 'Inf';
  }
  const sign = d.sign === '-' ? '-' : s.plus;
  let exp = point - 1;
  if (kind === 'generic' && precision > 0) precision--;
  let removeTrailingZeros: boolean;
  if (kind === 'generic') {
    removeTrailingZeros = !s.alt;
    if (exp < -4 || exp > precision) kind = 'exp';
    else {
      precision -= exp;
      kind = 'float';
    }
  } else removeTrailingZeros = s.alt2;
  let e2 = kind === 'exp' ? 0 : point - 1;
  const hasPoint = precision > 0 || s.alt || s.alt2;
  let out = sign;
  let j = 0;
  const digit = (): string => (j < digits.length ? digits[j++]! : '0');
  if (e2 < 0) out += '0';
  else {
    for (; e2 >= 0; e2--) {
      out += digit();
      if (s.thousands && e2 % 3 === 0 && e2 > 1) out += ',';
    }
  }
  if (hasPoint) out += '.';
  if (e2 < -1 && precision > 0) {
    // Zeros between the point and the first significant digit.
    const zeros = Math.min(-1 - e2, precision);
    out += '0'.repeat(zeros);
    precision -= zeros;
  }
  if (precision > 0) {
    const rest = digits.slice(j, j + precision);
    j += rest.length;
    out += rest + '0'.repeat(precision - rest.length);
  }
  if (removeTrailingZeros && hasPoint) {
    out = out.replace(/0+$/, '');
    if (out.endsWith('.')) out = s.alt2 ? out + '0' : out.slice(0, -1);
  }
  // Observed SQLite 3.53 behaviour: with '#', a negative value that rounds to all zeros loses its sign.
  if (s.alt && d.sign === '-' && kind !== 'exp' && !/[1-9]/.test(out)) out = s.plus + out.slice(1);
  if (kind === 'exp') {
    exp = point - 1;
    out += c.upper ? 'E' : 'e';
    out += exp < 0 ? '-' : '+';
    exp = Math.abs(exp);
    out += exp >= 100 ? String(exp) : String(exp).padStart(2, '0');
  }
  if (s.zero && !s.left && out.length < s.width) {
    const at = sign ? 1 : 0;
    out = out.slice(0, at) + '0'.repeat(s.width - out.length) + out.slice(at);
  }
  return out;
}

function escape(c: Conversion, s: Spec, args: Arguments): { piece: string; lostBytes: number } {
  const quote = c.kind === 'escape3' ? '"' : "'";
  const arg = args.text();
  let text = arg ?? (c.kind === 'escape2' ? 'NULL' : '(NULL)');
  let lostBytes = 0;
  if (s.precision >= 0) ({ text, lostBytes } = prefixOf(text, s.precision, s.alt2));
  const body = text.split(quote).join(quote + quote);
  return { piece: arg !== null && c.kind === 'escape2' ? quote + body + quote : body, lostBytes };
}

/** Formats `format` with SQL arguments; returns null when SQLite's accumulator stays empty. */
export function sqlPrintf(format: string, values: readonly SqlValue[]): string | null {
  const args = new Arguments(values);
  let out = '';
  let touched = false;
  let i = 0;
  const n = format.length;
  while (i < n) {
    if (format[i] !== '%') {
      const next = format.indexOf('%', i);
      const end = next < 0 ? n : next;
      out += format.slice(i, end);
      touched = true;
      i = end;
      continue;
    }
    i++;
    if (i >= n) {
      out += '%';
      touched = true;
      break;
    }
    const s: Spec = { left: false, plus: '', alt: false, alt2: false, zero: false, thousands: false, width: 0, precision: -1 };
    let c = format[i]!;
    // Flags, width, precision and length modifiers, as printf.c's do-while parses them.
    for (let done = false; !done; ) {
      switch (c) {
        case '-': s.left = true; break;
        case '+': s.plus = '+'; break;
        case ' ': s.plus = ' '; break;
        case '#': s.alt = true; break;
        case '!': s.alt2 = true; break;
        case '0': s.zero = true; break;
        case ',': s.thousands = true; break;
        case 'l':
          c = format[++i] ?? '';
          if (c === 'l') c = format[++i] ?? '';
          done = true;
          continue;
        case '*': {
          let w = toInt32(args.integer());
          if (w < 0) {
            s.left = true;
            w = w >= -2147483647 ? -w : 0;
          }
          s.width = w;
          const following = format[i + 1] ?? '';
          if (following !== '.' && following !== 'l') {
            c = format[++i] ?? '';
            done = true;
            continue;
          }
          break;
        }
        case '.': {
          c = format[++i] ?? '';
          if (c === '*') {
            let p = toInt32(args.integer());
            if (p < 0) p = p >= -2147483647 ? -p : -1;
            s.precision = p;
            c = format[++i] ?? '';
          } else {
            let p = 0;
            while (c >= '0' && c <= '9') {
              p = (p * 10 + c.charCodeAt(0) - 48) % 2 ** 31;
              c = format[++i] ?? '';
            }
            s.precision = p;
          }
          if (c === 'l') i--;
          else {
            done = true;
            continue;
          }
          break;
        }
        default:
          if (c >= '1' && c <= '9') {
            let w = c.charCodeAt(0) - 48;
            while ((c = format[++i] ?? '') >= '0' && c <= '9') w = (w * 10 + c.charCodeAt(0) - 48) % 2 ** 31;
            s.width = w;
            if (c !== '.' && c !== 'l') {
              done = true;
              continue;
            }
            i--;
            break;
          }
          done = true;
          continue;
      }
      c = format[++i] ?? '';
      if (c === '') done = true;
    }
    i++;
    const conversion = CONVERSIONS[c];
    if (!conversion || conversion.kind === 'internal') break;
    // SQLITE_FP_PRECISION_LIMIT caps float precision; anything else that large exceeds SQLITE_MAX_LENGTH.
    const isFloat = conversion.kind === 'float' || conversion.kind === 'exp' || conversion.kind === 'generic';
    if (isFloat && s.precision > FP_PRECISION_LIMIT) s.precision = FP_PRECISION_LIMIT;
    if (s.width > MAX_LENGTH || s.precision > MAX_LENGTH) throw new SqliteError('string or blob too big', 'SQLITE_TOOBIG');
    let piece: string;
    let length: number;
    let charWidth = false;
    let lostBytes = 0;
    switch (conversion.kind) {
      case 'decimal':
      case 'radix':
      case 'ordinal':
      case 'pointer':
        if (conversion.kind !== 'decimal') s.thousands = false;
        piece = formatInteger(conversion, s, args);
        break;
      case 'float':
      case 'exp':
      case 'generic':
        piece = formatFloat(conversion, s, args);
        break;
      case 'size':
        touched = true;
        continue;
      case 'percent':
        piece = '%';
        break;
      case 'char': {
        const text = args.text();
        const first = text === null || text === '' ? '\u0000' : String.fromCodePoint(text.codePointAt(0)!);
        piece = first.repeat(Math.max(s.precision, 1));
        charWidth = true;
        break;
      }
      case 'string': {
        const text = args.text() ?? '';
        if (s.precision >= 0) ({ text: piece, lostBytes } = prefixOf(text, s.precision, s.alt2));
        else piece = text;
        charWidth = s.alt2;
        break;
      }
      default:
        ({ piece, lostBytes } = escape(conversion, s, args));
        charWidth = s.alt2;
        break;
    }
    length = charWidth ? Array.from(piece).length : utf8Length(piece) - lostBytes;
    const pad = s.width - length;
    // SQLITE_MAX_LENGTH over the whole result; V8's own string limit is lower still (~2^29 chars).
    if (out.length + Math.max(pad, 0) + piece.length > Math.min(MAX_LENGTH, JS_STRING_LIMIT)) {
      throw new SqliteError('string or blob too big', 'SQLITE_TOOBIG');
    }
    out += pad > 0 ? (s.left ? piece + ' '.repeat(pad) : ' '.repeat(pad) + piece) : piece;
    touched = true;
  }
  return touched ? out : null;
}
