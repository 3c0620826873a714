// SQLite's tokenizer (tokenize.c rules): splits SQL text into tokens one at a time, without
// allocating per token. The parser drives it; the tokenizer never throws (bad input becomes an
// ILLEGAL token, which the parser reports as `unrecognized token: "..."`).

import { keywordOf, type Keyword } from './keywords.js';

export type TokenType =
  | Keyword
  | 'ID'
  | 'STRING'
  | 'INTEGER'
  | 'FLOAT'
  | 'BLOB'
  | 'VARIABLE'
  /** A number with `_` digit separators, not yet validated (see numberText). */
  | 'QNUMBER'
  | 'SPACE'
  | 'COMMENT'
  | 'ILLEGAL'
  | 'EOF'
  | 'LP'
  | 'RP'
  | 'SEMI'
  | 'COMMA'
  | 'DOT'
  | 'PLUS'
  | 'MINUS'
  | 'STAR'
  | 'SLASH'
  | 'REM'
  | 'EQ'
  | 'NE'
  | 'LT'
  | 'LE'
  | 'GT'
  | 'GE'
  | 'LSHIFT'
  | 'RSHIFT'
  | 'BITAND'
  | 'BITOR'
  | 'BITNOT'
  | 'CONCAT'
  | 'PTR';

/** Characters allowed inside identifiers: ASCII letters, digits, `_`, `$`, and anything >= 0x80. */
export function isIdChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || (c >= 0x80 && c !== 0xfeff)
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** Space characters that may continue one (sqlite3Isspace: also \v). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xfeff;
}

/** Letters and `_`: the characters keywords are made of. */
function isKeywordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/**
 * A reusable scanner: `scan(pos)` reads the token starting at `pos` and leaves its type in
 * `type` and its end offset in `end`. Offsets are UTF-16 indexes. A NUL character ends the
 * input, as it does for SQLite's C strings.
 */
export class Scanner {
  type: TokenType = 'EOF';
  end = 0;
  readonly length: number;

  constructor(readonly sql: string) {
    const nul = sql.indexOf('\0');
    this.length = nul < 0 ? sql.length : nul;
  }

  private at(i: number): number {
    return i < this.length ? this.sql.charCodeAt(i) : 0;
  }

  private set(type: TokenType, end: number): TokenType {
    this.type = type;
    this.end = end;
    return type;
  }

  scan(pos: number): TokenType {
    if (pos >= this.length) return this.set('EOF', pos);
    const c = this.sql.charCodeAt(pos);
    switch (c) {
      case 32: case 9: case 10: case 12: case 13: case 0xfeff: {
        let i = pos + 1;
        while (isSpace(this.at(i))) i++;
        return this.set('SPACE', i);
      }
      case 45: { // -
        const d = this.at(pos + 1);
        if (d === 45) {
          let i = pos + 2;
          while (i < this.length && this.sql.charCodeAt(i) !== 10) i++;
          return this.set('COMMENT', i);
        }
        if (d === 62) return this.set('PTR', this.at(pos + 2) === 62 ? pos + 3 : pos + 2);
        return this.set('MINUS', pos + 1);
      }
      case 40: return this.set('LP', pos + 1);
      case 41: return this.set('RP', pos + 1);
      case 59: return this.set('SEMI', pos + 1);
      case 43: return this.set('PLUS', pos + 1);
      case 42: return this.set('STAR', pos + 1);
      case 47: { // /
        if (this.at(pos + 1) !== 42 || pos + 2 >= this.length) return this.set('SLASH', pos + 1);
        const close = this.sql.indexOf('*/', pos + 2);
        return this.set('COMMENT', close < 0 || close >= this.length ? this.length : close + 2);
      }
      case 37: return this.set('REM', pos + 1);
      case 61: return this.set('EQ', this.at(pos + 1) === 61 ? pos + 2 : pos + 1);
      case 60: { // <
        const d = this.at(pos + 1);
        if (d === 61) return this.set('LE', pos + 2);
        if (d === 62) return this.set('NE', pos + 2);
        if (d === 60) return this.set('LSHIFT', pos + 2);
        return this.set('LT', pos + 1);
      }
      case 62: { // >
        const d = this.at(pos + 1);
        if (d === 61) return this.set('GE', pos + 2);
        if (d === 62) return this.set('RSHIFT', pos + 2);
        return this.set('GT', pos + 1);
      }
      case 33: return this.at(pos + 1) === 61 ? this.set('NE', pos + 2) : this.set('ILLEGAL', pos + 1);
      case 124: return this.at(pos + 1) === 124 ? this.set('CONCAT', pos + 2) : this.set('BITOR', pos + 1);
      case 44: return this.set('COMMA', pos + 1);
      case 38: return this.set('BITAND', pos + 1);
      case 126: return this.set('BITNOT', pos + 1);
      case 39: case 34: case 96: return this.scanQuoted(pos, c);
      case 46: // .
        if (!isDigit(this.at(pos + 1))) return this.set('DOT', pos + 1);
        return this.scanNumber(pos);
      case 91: { // [
        const close = this.sql.indexOf(']', pos + 1);
        if (close < 0 || close >= this.length) return this.set('ILLEGAL', this.length);
        return this.set('ID', close + 1);
      }
      case 63: { // ?
        let i = pos + 1;
        while (isDigit(this.at(i))) i++;
        return this.set('VARIABLE', i);
      }
      case 36: case 64: case 58: case 35: { // $ @ : #
        let i = pos + 1;
        while (isIdChar(this.at(i))) i++;
        return this.set(i === pos + 1 ? 'ILLEGAL' : 'VARIABLE', i);
      }
      case 120: case 88: // x X
        if (this.at(pos + 1) === 39) return this.scanBlob(pos);
        return this.scanWord(pos);
      default:
        if (isDigit(c)) return this.scanNumber(pos);
        if (isIdChar(c)) return this.scanWord(pos);
        return this.set('ILLEGAL', pos + 1);
    }
  }

  private scanQuoted(pos: number, delim: number): TokenType {
    let i = pos + 1;
    for (;;) {
      const close = this.sql.indexOf(String.fromCharCode(delim), i);
      if (close < 0 || close >= this.length) return this.set('ILLEGAL', this.length);
      if (this.at(close + 1) === delim) {
        i = close + 2;
        continue;
      }
      return this.set(delim === 39 ? 'STRING' : 'ID', close + 1);
    }
  }

  private scanBlob(pos: number): TokenType {
    let i = pos + 2;
    while (isHexDigit(this.at(i))) i++;
    if (this.at(i) !== 39 || i % 2 !== pos % 2) {
      while (i < this.length && this.sql.charCodeAt(i) !== 39) i++;
      return this.set('ILLEGAL', i < this.length ? i + 1 : i);
    }
    return this.set('BLOB', i + 1);
  }

  /** Digits with optional `_` separators from `i`; sets `sawSeparator`. */
  private digits(i: number, hex: boolean): number {
    for (;;) {
      const c = this.at(i);
      if (hex ? isHexDigit(c) : isDigit(c)) i++;
      else if (c === 95) {
        this.sawSeparator = true;
        i++;
      } else return i;
    }
  }
  private sawSeparator = false;

  private scanNumber(pos: number): TokenType {
    this.sawSeparator = false;
    let type: TokenType = 'INTEGER';
    let i: number;
    const x = this.at(pos + 1);
    if (this.at(pos) === 48 && (x === 120 || x === 88) && isHexDigit(this.at(pos + 2))) {
      i = this.digits(pos + 3, true);
    } else {
      i = this.digits(pos, false);
      if (this.at(i) === 46) {
        type = 'FLOAT';
        i = this.digits(i + 1, false);
      }
      const e = this.at(i);
      if (e === 101 || e === 69) {
        const s = this.at(i + 1);
        if (isDigit(s) || ((s === 43 || s === 45) && isDigit(this.at(i + 2)))) {
          type = 'FLOAT';
          i = this.digits(i + 2, false);
        }
      }
    }
    if (this.sawSeparator) type = 'QNUMBER';
    if (isIdChar(this.at(i))) {
      i++;
      while (isIdChar(this.at(i))) i++;
      return this.set('ILLEGAL', i);
    }
    return this.set(type, i);
  }

  private scanWord(pos: number): TokenType {
    let i = pos + 1;
    let keywordShaped = isKeywordChar(this.sql.charCodeAt(pos));
    for (;;) {
      const c = this.at(i);
      if (!isIdChar(c)) break;
      if (!isKeywordChar(c)) keywordShaped = false;
      i++;
    }
    if (keywordShaped) {
      const keyword = keywordOf(this.sql.slice(pos, i));
      if (keyword !== undefined) return this.set(keyword, i);
    }
    return this.set('ID', i);
  }
}

/**
 * The text of a QNUMBER token with its `_` separators removed, or null when a separator is not
 * between two digits (SQLite then reports the token as unrecognized).
 */
export function numberText(token: string): { text: string; isFloat: boolean } | null {
  const hex = token.length > 1 && token.charCodeAt(0) === 48 && (token[1] === 'x' || token[1] === 'X');
  let out = '';
  let isFloat = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c === 95) {
      const before = token.charCodeAt(i - 1);
      const after = i + 1 < token.length ? token.charCodeAt(i + 1) : 0;
      const ok = hex ? isHexDigit(before) && isHexDigit(after) : isDigit(before) && isDigit(after);
      if (!ok) return null;
      continue;
    }
    if (!hex && (c === 46 || c === 101 || c === 69)) isFloat = true;
    out += token[i];
  }
  return { text: out, isFloat };
}

/** Removes the quotes of a quoted identifier or string token and undoes doubled quotes. */
export function dequote(text: string): string {
  const q = text.charCodeAt(0);
  if (q === 91) return text.slice(1, -1);
  if (q !== 39 && q !== 34 && q !== 96) return text;
  const inner = text.slice(1, -1);
  const quote = text[0]!;
  return inner.includes(quote) ? inner.split(quote + quote).join(quote) : inner;
}
