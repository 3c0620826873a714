// JSON text (RFC 8259 plus SQLite's JSON5 extensions) to a JNode tree, following json.c's
// jsonTranslateTextToBlob step for step so that node types, payload bytes and the error offset
// (json_error_position) match SQLite. Works on UTF-8 bytes; offsets are byte offsets.

import { JType, scalarNode, type JNode } from './node.js';
import { json5Whitespace } from './whitespace.js';

const utf8 = new TextEncoder();
const MAX_DEPTH = 1000;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isXDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isAlnum = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** jsonIsOk: bytes that need no attention inside a string literal. */
const isOk = (c: number): boolean => c >= 0x20 && c !== 0x22 && c !== 0x27 && c !== 0x5c;
const isJsonSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isIdStart = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c >= 0x80;
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c);

const NAN_INF: readonly { match: string; isFloat: boolean }[] = [
  { match: 'inf', isFloat: true },
  { match: 'infinity', isFloat: true },
  { match: 'nan', isFloat: false },
  { match: 'qnan', isFloat: false },
  { match: 'snan', isFloat: false },
];

function matchesNoCase(z: Uint8Array, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = z[i + k] ?? 0;
    const lower = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    if (lower !== word.charCodeAt(k)) return false;
  }
  return true;
}

const is4Hex = (z: Uint8Array, i: number): boolean => isXDigit(z[i] ?? 0) && isXDigit(z[i + 1] ?? 0) && isXDigit(z[i + 2] ?? 0) && isXDigit(z[i + 3] ?? 0);

export class JsonTextParser {
  iErr = 0;
  hasNonstd = false;
  private depth = 0;
  private readonly z: Uint8Array;

  constructor(text: string | Uint8Array) {
    // A C string: the bytes up to the first NUL, then a NUL terminator for look-ahead.
    const bytes = typeof text === 'string' ? utf8.encode(text) : text;
    const nul = bytes.indexOf(0);
    const body = nul >= 0 ? bytes.subarray(0, nul) : bytes;
    this.z = new Uint8Array(body.length + 1);
    this.z.set(body);
  }

  private at(i: number): number {
    return this.z[i] ?? 0;
  }

  /** jsonConvertTextToBlob: the whole text as one value, or null (malformed) with iErr set. */
  parseDocument(): JNode | null {
    const out: JNode[] = [];
    let i = this.translate(0, out);
    if (i > 0) {
      while (isJsonSpace(this.at(i))) i++;
      if (this.at(i) !== 0) {
        i += json5Whitespace(this.z, i);
        if (this.at(i) !== 0) return null;
        this.hasNonstd = true;
      }
      return out[0] ?? null;
    }
    return null;
  }

  /** One value at z[i], appended to `out`; returns the index after it or a negative code. */
  private translate(i: number, out: JNode[]): number {
    const z = this.z;
    for (;;) {
      const c = this.at(i);
      switch (c) {
        case 0x7b: return this.object(i, out);
        case 0x5b: return this.array(i, out);
        case 0x27:
          this.hasNonstd = true;
          return this.string(i, out);
        case 0x22: return this.string(i, out);
        case 0x74:
          if (this.exact(i, 'true') && !isAlnum(this.at(i + 4))) {
            out.push(scalarNode(JType.True));
            return i + 4;
          }
          this.iErr = i;
          return -1;
        case 0x66:
          if (this.exact(i, 'false') && !isAlnum(this.at(i + 5))) {
            out.push(scalarNode(JType.False));
            return i + 5;
          }
          this.iErr = i;
          return -1;
        case 0x2b: case 0x2e: case 0x2d:
        case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: case 0x38: case 0x39:
          return this.number(i, out);
        case 0x7d:
          this.iErr = i;
          return -2;
        case 0x5d:
          this.iErr = i;
          return -3;
        case 0x2c:
          this.iErr = i;
          return -4;
        case 0x3a:
          this.iErr = i;
          return -5;
        case 0:
          return 0;
        case 0x09: case 0x0a: case 0x0d: case 0x20:
          i++;
          while (isJsonSpace(this.at(i))) i++;
          continue;
        case 0x0b: case 0x0c: case 0x2f: case 0xc2: case 0xe1: case 0xe2: case 0xe3: case 0xef: {
          const n = json5Whitespace(z, i);
          if (n > 0) {
            i += n;
            this.hasNonstd = true;
            continue;
          }
          this.iErr = i;
          return -1;
        }
        case 0x6e:
          if (this.exact(i, 'null') && !isAlnum(this.at(i + 4))) {
            out.push(scalarNode(JType.Null));
            return i + 4;
          }
          return this.nanOrInfinity(i, out);
        default:
          return this.nanOrInfinity(i, out);
      }
    }
  }

  /** NaN, QNaN, SNaN (as null) and inf/infinity (as 9e999), in any case. */
  private nanOrInfinity(i: number, out: JNode[]): number {
    for (const entry of NAN_INF) {
      const n = entry.match.length;
      if (!matchesNoCase(this.z, i, entry.match) || isAlnum(this.at(i + n))) continue;
      out.push(entry.isFloat ? scalarNode(JType.Float, '9e999') : scalarNode(JType.Null));
      this.hasNonstd = true;
      return i + n;
    }
    this.iErr = i;
    return -1;
  }

  private exact(i: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.at(i + k) !== word.charCodeAt(k)) return false;
    return true;
  }

  private string(i: number, out: JNode[]): number {
    const z = this.z;
    const delim = z[i]!;
    let type = JType.Text;
    let j = i + 1;
    for (;;) {
      while (isOk(this.at(j))) j++;
      const c = this.at(j);
      if (c === delim) break;
      if (c === 0x5c) {
        const e = this.at(++j);
        if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74 || (e === 0x75 && is4Hex(z, j + 1))) {
          if (type === JType.Text) type = JType.TextJ;
        } else if (e === 0x27 || e === 0x76 || e === 0x0a || (e === 0x30 && !isDigit(this.at(j + 1))) || (e === 0xe2 && this.at(j + 1) === 0x80 && (this.at(j + 2) === 0xa8 || this.at(j + 2) === 0xa9)) || (e === 0x78 && isXDigit(this.at(j + 1)) && isXDigit(this.at(j + 2)))) {
          type = JType.Text5;
          this.hasNonstd = true;
        } else if (e === 0x0d) {
          if (this.at(j + 1) === 0x0a) j++;
          type = JType.Text5;
          this.hasNonstd = true;
        } else {
          this.iErr = j;
          return -1;
        }
      } else if (c <= 0x1f) {
        if (c === 0) {
          this.iErr = j;
          return -1;
        }
        type = JType.Text5;
        this.hasNonstd = true;
      } else if (c === 0x22) type = JType.Text5;
      j++;
    }
    out.push(scalarNode(type, z.slice(i + 1, j)));
    return j + 1;
  }

  private number(i: number, out: JNode[]): number {
    const z = this.z;
    let t = 0; // bit 1: JSON5, bit 2: float
    let seenE = false;
    let j: number;
    const c = z[i]!;
    const finish = (): number => {
      const start = z[i] === 0x2b ? i + 1 : i;
      out.push(scalarNode((JType.Int + t) as JType.Int, z.slice(start, j)));
      return j;
    };
    if (c === 0x2e) {
      if (!isDigit(this.at(i + 1))) {
        this.iErr = i;
        return -1;
      }
      this.hasNonstd = true;
      t = 3;
    } else {
      if (c === 0x2b) this.hasNonstd = true;
      if (c === 0x30) {
        if ((this.at(i + 1) === 0x78 || this.at(i + 1) === 0x58) && isXDigit(this.at(i + 2))) {
          this.hasNonstd = true;
          t = 1;
          for (j = i + 3; isXDigit(this.at(j)); j++);
          return finish();
        } else if (isDigit(this.at(i + 1))) {
          this.iErr = i + 1;
          return -1;
        }
      } else if (c === 0x2b || c === 0x2d) {
        if (!isDigit(this.at(i + 1))) {
          if ((this.at(i + 1) | 0x20) === 0x69 && matchesNoCase(z, i + 1, 'inf')) {
            this.hasNonstd = true;
            out.push(scalarNode(JType.Float, c === 0x2d ? '-9e999' : '9e999'));
            return i + (matchesNoCase(z, i + 4, 'inity') ? 9 : 4);
          }
          if (this.at(i + 1) === 0x2e) {
            this.hasNonstd = true;
            t |= 1;
          } else {
            this.iErr = i;
            return -1;
          }
        } else if (this.at(i + 1) === 0x30) {
          if (isDigit(this.at(i + 2))) {
            this.iErr = i + 1;
            return -1;
          } else if ((this.at(i + 2) === 0x78 || this.at(i + 2) === 0x58) && isXDigit(this.at(i + 3))) {
            this.hasNonstd = true;
            t |= 1;
            for (j = i + 4; isXDigit(this.at(j)); j++);
            return finish();
          }
        }
      }
    }
    for (j = i + 1; ; j++) {
      const d = this.at(j);
      if (isDigit(d)) continue;
      if (d === 0x2e) {
        if (t & 2) {
          this.iErr = j;
          return -1;
        }
        t |= 2;
        continue;
      }
      if (d === 0x65 || d === 0x45) {
        if (this.at(j - 1) < 0x30) {
          if (this.at(j - 1) === 0x2e && j - 2 >= i && isDigit(this.at(j - 2))) {
            this.hasNonstd = true;
            t |= 1;
          } else {
            this.iErr = j;
            return -1;
          }
        }
        if (seenE) {
          this.iErr = j;
          return -1;
        }
        t |= 2;
        seenE = true;
        let e = this.at(j + 1);
        if (e === 0x2b || e === 0x2d) {
          j++;
          e = this.at(j + 1);
        }
        if (e < 0x30 || e > 0x39) {
          this.iErr = j;
          return -1;
        }
        continue;
      }
      break;
    }
    if (this.at(j - 1) < 0x30) {
      if (this.at(j - 1) === 0x2e && j - 2 >= i && isDigit(this.at(j - 2))) {
        this.hasNonstd = true;
        t |= 1;
      } else {
        this.iErr = j;
        return -1;
      }
    }
    return finish();
  }

  private skipSpaces(j: number): number {
    while (isJsonSpace(this.at(j))) j++;
    return j;
  }

  private array(i: number, out: JNode[]): number {
    if (++this.depth > MAX_DEPTH) {
      this.iErr = i;
      return -1;
    }
    const items: JNode[] = [];
    let j = i + 1;
    for (; ; j++) {
      let x = this.translate(j, items);
      if (x <= 0) {
        if (x === -3) {
          j = this.iErr;
          if (items.length) this.hasNonstd = true;
          break;
        }
        if (x !== -1) this.iErr = j;
        return -1;
      }
      j = x;
      if (this.at(j) === 0x2c) continue;
      if (this.at(j) === 0x5d) break;
      if (isJsonSpace(this.at(j))) {
        j = this.skipSpaces(j + 1);
        if (this.at(j) === 0x2c) continue;
        if (this.at(j) === 0x5d) break;
      }
      x = this.translate(j, items);
      if (x === -4) {
        j = this.iErr;
        continue;
      }
      if (x === -3) {
        j = this.iErr;
        break;
      }
      this.iErr = j;
      return -1;
    }
    this.depth--;
    out.push({ type: JType.Array, items });
    return j + 1;
  }

  private object(i: number, out: JNode[]): number {
    if (++this.depth > MAX_DEPTH) {
      this.iErr = i;
      return -1;
    }
    const z = this.z;
    const items: JNode[] = [];
    let j = i + 1;
    for (; ; j++) {
      const before = items.length;
      let x = this.translate(j, items);
      if (x <= 0) {
        if (x === -2) {
          j = this.iErr;
          if (items.length) this.hasNonstd = true;
          break;
        }
        j += json5Whitespace(z, j);
        let type = JType.Text;
        const hex = (k: number): boolean => this.at(k) === 0x5c && this.at(k + 1) === 0x75 && is4Hex(z, k + 2);
        if (isIdStart(this.at(j)) || hex(j)) {
          if (hex(j)) type = JType.TextJ;
          let k = j + 1;
          for (;;) {
            if (isIdPart(this.at(k)) && json5Whitespace(z, k) === 0) k++;
            else if (hex(k)) {
              type = JType.TextJ;
              k++;
            } else break;
          }
          items.length = before;
          items.push(scalarNode(type, z.slice(j, k)));
          this.hasNonstd = true;
          x = k;
        } else {
          if (x !== -1) this.iErr = j;
          return -1;
        }
      }
      const keyType = items[before]!.type;
      if (keyType < JType.Text || keyType > JType.TextRaw) {
        this.iErr = j;
        return -1;
      }
      j = x;
      if (this.at(j) === 0x3a) j++;
      else {
        let gotColon = false;
        if (isJsonSpace(this.at(j))) {
          j = this.skipSpaces(j + 1);
          if (this.at(j) === 0x3a) {
            j++;
            gotColon = true;
          }
        }
        if (!gotColon) {
          x = this.translate(j, items);
          if (x !== -5) {
            if (x !== -1) this.iErr = j;
            return -1;
          }
          j = this.iErr + 1;
        }
      }
      x = this.translate(j, items);
      if (x <= 0) {
        if (x !== -1) this.iErr = j;
        return -1;
      }
      j = x;
      if (this.at(j) === 0x2c) continue;
      if (this.at(j) === 0x7d) break;
      if (isJsonSpace(this.at(j))) {
        j = this.skipSpaces(j + 1);
        if (this.at(j) === 0x2c) continue;
        if (this.at(j) === 0x7d) break;
      }
      x = this.translate(j, items);
      if (x === -4) {
        j = this.iErr;
        continue;
      }
      if (x === -2) {
        j = this.iErr;
        break;
      }
      this.iErr = j;
      return -1;
    }
    this.depth--;
    out.push({ type: JType.Object, items });
    return j + 1;
  }
}

/** Parses JSON text; null when malformed. */
export function parseJsonText(text: string | Uint8Array): JNode | null {
  return new JsonTextParser(text).parseDocument();
}
