// JNode -> JSON text (compact as json() writes it, or indented as json_pretty() does) and
// JNode -> SQL value (json_extract, ->>): numbers parsed, strings unescaped, containers as text.

import { SqliteError } from '../../common/errors.js';
import type { SqlValue } from '../../common/values.js';
import { parseInteger, parseReal } from '../../values/number-parse.js';
import { isContainer, JType, type JNode } from './node.js';

const utf8Decoder = new TextDecoder();
const HEX = '0123456789abcdef';

/** jsonAppendControlChar: \b \f \n \r \t or \u00XX. */
function controlChar(c: number): string {
  switch (c) {
    case 8: return '\\b';
    case 9: return '\\t';
    case 10: return '\\n';
    case 12: return '\\f';
    case 13: return '\\r';
    default: return `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
  }
}

/** A JS string as a JSON string literal (jsonAppendString). */
export function quoteJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c <= 0x1f) out += controlChar(c);
    else out += ch;
  }
  return out + '"';
}

/** TEXT5 payload to canonical JSON string body. */
function normalizeText5(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    const c = ch.charCodeAt(0);
    if (ch === '"') out += '\\"';
    else if (c <= 0x1f) out += controlChar(c);
    else if (ch !== '\\') out += ch;
    else {
      const e = body[i + 1] ?? '';
      i++;
      switch (e) {
        case "'": out += "'"; break;
        case 'v': out += '\\u000b'; break;
        case 'x':
          out += `\\u00${body.slice(i + 1, i + 3)}`;
          i += 2;
          break;
        case '0': out += '\\u0000'; break;
        case '\r':
          if (body[i + 1] === '\n') i++;
          break;
        case '\n':
        case '\u2028':
        case '\u2029':
          break;
        default:
          out += '\\' + e;
      }
    }
  }
  return out;
}

/** The text of a number node in canonical JSON. */
function numberText(node: JNode & { payload: Uint8Array }): string {
  const text = utf8Decoder.decode(node.payload);
  if (node.type === JType.Int5) {
    let k = 2;
    let sign = '';
    if (text[0] === '-') {
      sign = '-';
      k++;
    } else if (text[0] === '+') k++;
    let u = 0n;
    let overflow = false;
    for (; k < text.length; k++) {
      if (u >> 60n !== 0n) overflow = true;
      else u = u * 16n + BigInt(parseInt(text[k]!, 16));
    }
    return sign + (overflow ? '9.0e999' : u.toString());
  }
  if (node.type === JType.Float5) {
    let out = '';
    let k = 0;
    if (text[0] === '-') {
      out += '-';
      k++;
    }
    if (text[k] === '.') out += '0';
    for (; k < text.length; k++) {
      out += text[k];
      if (text[k] === '.' && (k + 1 === text.length || !(text[k + 1]! >= '0' && text[k + 1]! <= '9'))) out += '0';
    }
    return out;
  }
  return text;
}

function scalarText(node: JNode): string {
  if (isContainer(node)) throw new Error('container');
  switch (node.type) {
    case JType.Null: return 'null';
    case JType.True: return 'true';
    case JType.False: return 'false';
    case JType.Int:
    case JType.Int5:
    case JType.Float:
    case JType.Float5:
      return numberText(node);
    case JType.Text:
    case JType.TextJ:
      return `"${utf8Decoder.decode(node.payload)}"`;
    case JType.Text5:
      return `"${normalizeText5(utf8Decoder.decode(node.payload))}"`;
    default:
      return quoteJsonString(utf8Decoder.decode(node.payload));
  }
}

/** Compact canonical JSON text. */
export function renderJson(node: JNode): string {
  if (!isContainer(node)) return scalarText(node);
  if (node.type === JType.Array) return `[${node.items.map(renderJson).join(',')}]`;
  const parts: string[] = [];
  for (let i = 0; i + 1 < node.items.length; i += 2) parts.push(`${renderJson(node.items[i]!)}:${renderJson(node.items[i + 1]!)}`);
  return `{${parts.join(',')}}`;
}

/** json_pretty: one element per line, `indent` per level, ": " after keys. */
export function renderPretty(node: JNode, indent: string, level = 0): string {
  if (!isContainer(node)) return scalarText(node);
  if (node.items.length === 0) return node.type === JType.Array ? '[]' : '{}';
  const inner = indent.repeat(level + 1);
  const lines: string[] = [];
  if (node.type === JType.Array) for (const item of node.items) lines.push(inner + renderPretty(item, indent, level + 1));
  else for (let i = 0; i + 1 < node.items.length; i += 2) lines.push(`${inner}${renderPretty(node.items[i]!, indent, level + 1)}: ${renderPretty(node.items[i + 1]!, indent, level + 1)}`);
  const [open, close] = node.type === JType.Array ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent.repeat(level)}${close}`;
}

/** Decodes the escapes of a TEXTJ/TEXT5 body (jsonUnescapeOneChar). */
export function unescapeJson(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i] ?? '';
    switch (e) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r':
        out += '\r';
        break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': out += '\u0000'; break;
      case 'x':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'u': {
        let v = parseInt(body.slice(i + 1, i + 5), 16);
        i += 4;
        if (v >= 0xd800 && v <= 0xdbff && body[i + 1] === '\\' && body[i + 2] === 'u') {
          const lo = parseInt(body.slice(i + 3, i + 7), 16);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            v = ((v - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            i += 6;
          }
        }
        out += String.fromCodePoint(v);
        break;
      }
      case '\r':
        if (body[i + 1] === '\n') i++;
        break;
      case '\n':
      case '\u2028':
      case '\u2029':
        break;
      default:
        out += e;
    }
  }
  return out;
}

/** The text a string node stands for. */
export function stringValue(node: JNode & { payload: Uint8Array }): string {
  const raw = utf8Decoder.decode(node.payload);
  return node.type === JType.TextJ || node.type === JType.Text5 ? unescapeJson(raw) : raw;
}

/** jsonReturnFromBlob: the SQL value of a node (containers become JSON text). */
const malformedJson = (): SqliteError => new SqliteError('malformed JSON');

export function sqlValueOf(node: JNode): SqlValue {
  if (isContainer(node)) return renderJson(node);
  switch (node.type) {
    case JType.Null: return null;
    case JType.True: return 1n;
    case JType.False: return 0n;
    case JType.Int:
    case JType.Int5: {
      const text = utf8Decoder.decode(node.payload);
      if (text === '' || text === '-') throw malformedJson();
      const negative = text[0] === '-';
      const digits = negative ? text.slice(1) : text;
      let magnitude: bigint | null = null;
      if (/^0[xX][0-9a-fA-F]+$/.test(digits)) {
        const v = BigInt(digits);
        if (v < 1n << 64n) magnitude = BigInt.asIntN(64, v);
      } else {
        const parsed = parseInteger(digits);
        if (parsed.rc === 0) magnitude = parsed.value;
        else if (parsed.rc === 3 && negative) return -(1n << 63n);
        else if (parsed.rc === 1 || parsed.rc === -1) throw malformedJson();
      }
      if (magnitude === null) return parseReal(text).value;
      return negative ? BigInt.asIntN(64, -magnitude) : magnitude;
    }
    case JType.Float:
    case JType.Float5: {
      // jsonReturnFromBlob: a JSONB float whose payload is not wholly a number is malformed.
      const parsed = parseReal(utf8Decoder.decode(node.payload));
      if (!parsed.whole) throw malformedJson();
      return parsed.value;
    }
    default:
      return stringValue(node);
  }
}
