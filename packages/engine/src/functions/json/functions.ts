// The JSON SQL functions (json1): json, json_array, json_object, json_extract, -> and ->>,
// json_insert/replace/set/remove, json_patch, json_type, json_array_length, json_quote,
// json_valid, json_error_position, json_pretty, the jsonb_* variants and the group aggregates.

import { SqliteError } from '../../common/errors.js';
import type { SqlValue } from '../../common/values.js';
import { toInteger, valueToText } from '../../values/cast.js';
import { realToText } from '../../values/real-text.js';
import { aggregate, scalar } from '../define.js';
import type { AggregateEntry, FunctionRegistry, ScalarEntry } from '../registry.js';
import { encodedSize, fitInto, fromJsonb, isContainer, JType, readHeader, scalarNode, toJsonb, type JNode } from './node.js';
import { JsonTextParser, parseJsonText } from './parse.js';
import { abbreviatedPath, lookup, mergePatch, type EditKind } from './path.js';
import { quoteJsonString, renderJson, renderPretty, sqlValueOf } from './render.js';
import type { SubtypeCall } from '../../vm/subtype.js';
import { JSON_SUBTYPE } from '../../vm/subtype.js';
import { isJsonArg, jsonResult } from './subtype.js';

const malformed = (): SqliteError => new SqliteError('malformed JSON');
export const badPath = (path: string): SqliteError => new SqliteError(`bad JSON path: '${path.replace(/'/g, "''")}'`);
const utf8 = new TextEncoder();

/** jsonArgIsJsonb: a blob whose header spans it exactly (with SQLite's guard against text-like blobs). */
function blobAsJsonb(blob: Uint8Array): JNode | null {
  const header = readHeader(blob, 0);
  if (!header) return null;
  const type = blob[0]! & 0x0f;
  const [h, size] = header;
  if (type > JType.Object || h + size !== blob.length || (type <= JType.False && size !== 0)) return null;
  const node = fromJsonb(blob);
  const c = blob[0]!;
  if (size <= 7 && (c === 0x7b || c === 0x5b || (c >= 0x30 && c <= 0x39)) && !node) return null;
  return node;
}

/** jsonParseFuncArg: the JSON document an argument holds; null for SQL NULL. */
export function documentArg(value: SqlValue): JNode | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) {
    const node = blobAsJsonb(value);
    if (node) return node;
    const parsed = parseJsonText(value);
    if (!parsed) throw malformed();
    return parsed;
  }
  const parsed = parseJsonText(valueToText(value));
  if (!parsed) throw malformed();
  return parsed;
}

/** jsonAppendSqlValue: an SQL value written into JSON text being built; `json`: it has the JSON subtype. */
function sqlValueAsJsonText(value: SqlValue, json: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (value !== value) return 'null';
    if (value === Infinity) return '9.0e+999';
    if (value === -Infinity) return '-9.0e+999';
    return realToText(value === 0 ? 0 : value);
  }
  if (typeof value === 'string') return json ? value : quoteJsonString(value);
  const node = blobAsJsonb(value);
  if (!node) throw new SqliteError('JSON cannot hold BLOB values');
  return renderJson(node);
}

/** jsonFunctionArgToBlob: an SQL value as the JSON node json_set() & co insert; `json`: it has the JSON subtype. */
function sqlValueAsNode(value: SqlValue, json: boolean): JNode {
  if (value === null) return scalarNode(JType.Null);
  if (typeof value === 'bigint') return scalarNode(JType.Int, value.toString());
  if (typeof value === 'number') {
    if (value !== value) return scalarNode(JType.Null);
    if (value === Infinity) return scalarNode(JType.Float, '9e999');
    if (value === -Infinity) return scalarNode(JType.Float, '-9e999');
    return scalarNode(JType.Float, realToText(value));
  }
  if (typeof value === 'string') {
    if (!json) return scalarNode(JType.TextRaw, value);
    const parsed = parseJsonText(value);
    if (!parsed) throw malformed();
    return parsed;
  }
  const node = blobAsJsonb(value);
  if (!node) throw new SqliteError('JSON cannot hold BLOB values');
  return node;
}

/** Result of a JSON-producing function: text with the JSON subtype, or JSONB bytes. */
function output(node: JNode, binary: boolean, call: SubtypeCall | undefined): SqlValue {
  return binary ? toJsonb(node) : jsonResult(call, renderJson(node));
}

/** Result built as JSON text (json_array & co): jsonb_ variants re-parse it into JSONB. */
function textOutput(text: string, binary: boolean, call: SubtypeCall | undefined): SqlValue {
  if (!binary) return jsonResult(call, text);
  const node = parseJsonText(text);
  if (!node) throw malformed();
  return toJsonb(node);
}

function pathArg(value: SqlValue): string | null {
  return value === null ? null : valueToText(value);
}

function extract(args: readonly SqlValue[], mode: 'extract' | 'jsonb' | 'arrow' | 'arrow2', call: SubtypeCall | undefined): SqlValue {
  const doc = documentArg(args[0]!);
  if (!doc) return null;
  const parts: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const path = pathArg(args[i]!);
    if (path === null) return null;
    let result;
    if (path.startsWith('$')) result = lookup(doc, path.slice(1));
    else if (mode === 'arrow' || mode === 'arrow2') result = lookup(doc, abbreviatedPath(path, typeof args[i] === 'bigint'));
    else throw badPath(path);
    if (result === 'patherror') throw badPath(path);
    if (result === 'notfound' || result === 'created') {
      if (args.length === 2) return null;
      parts.push('null');
      continue;
    }
    const node = result.found;
    if (args.length === 2) {
      if (mode === 'arrow') return jsonResult(call, renderJson(node));
      if (mode === 'jsonb' && isContainer(node)) return toJsonb(node);
      const value = sqlValueOf(node);
      return mode === 'extract' && isContainer(node) ? jsonResult(call, value as string) : value;
    }
    parts.push(renderJson(node));
  }
  return textOutput(`[${parts.join(',')}]`, mode === 'jsonb', call);
}

function edit(name: string, kind: EditKind, binary: boolean) {
  return (args: readonly SqlValue[], _host: unknown, call?: SubtypeCall): SqlValue => {
    if (args.length === 0) return null;
    if (args.length % 2 === 0) throw new SqliteError(`json_${name}() needs an odd number of arguments`);
    let doc = documentArg(args[0]!);
    if (!doc) return null;
    for (let i = 1; i < args.length; i += 2) {
      const path = pathArg(args[i]!);
      if (path === null) continue;
      if (!path.startsWith('$')) throw badPath(path);
      const value = sqlValueAsNode(args[i + 1]!, isJsonArg(call, i + 1));
      if (path === '$') {
        if (kind !== 'ins') doc = fitInto(value, encodedSize(doc));
        continue;
      }
      const result = lookup(doc, path.slice(1), kind, value);
      if (result === 'patherror') throw badPath(path);
    }
    return output(doc, binary, call);
  };
}

function remove(binary: boolean) {
  return (args: readonly SqlValue[], _host: unknown, call?: SubtypeCall): SqlValue => {
    if (args.length === 0) return null;
    const doc = documentArg(args[0]!);
    if (!doc) return null;
    for (let i = 1; i < args.length; i++) {
      const path = pathArg(args[i]!);
      if (path === null) return null;
      if (!path.startsWith('$')) throw badPath(path);
      if (path === '$') return null;
      if (lookup(doc, path.slice(1), 'del') === 'patherror') throw badPath(path);
    }
    return output(doc, binary, call);
  };
}

/** Looks up an optional path argument for json_type / json_array_length. */
function nodeAtOptionalPath(args: readonly SqlValue[]): JNode | null | undefined {
  const doc = documentArg(args[0]!);
  if (!doc) return undefined;
  if (args.length < 2) return doc;
  const path = pathArg(args[1]!);
  if (path === null) return undefined;
  if (!path.startsWith('$')) throw badPath(path);
  const result = lookup(doc, path.slice(1));
  if (result === 'patherror') throw badPath(path);
  return typeof result === 'string' ? null : result.found;
}

const TYPE_NAMES = ['null', 'true', 'false', 'integer', 'integer', 'real', 'real', 'text', 'text', 'text', 'text', 'array', 'object'];

function jsonValid(args: readonly SqlValue[]): SqlValue {
  let flags = 1n;
  if (args.length === 2) {
    flags = toInteger(args[1]!);
    if (flags < 1n || flags > 15n) throw new SqliteError('FLAGS parameter to json_valid() must be between 1 and 15');
  }
  const f = Number(flags);
  const value = args[0]!;
  if (value === null) return null;
  if (value instanceof Uint8Array) {
    const header = readHeader(value, 0);
    const superficial = header !== null && (value[0]! & 0x0f) <= JType.Object && header[0] + header[1] === value.length && blobAsJsonb(value) !== null;
    if (superficial) {
      if (f & 4) return 1n;
      if (f & 8) return fromJsonb(value) ? 1n : 0n;
      return 0n;
    }
  }
  if ((f & 3) === 0) return 0n;
  const parser = new JsonTextParser(value instanceof Uint8Array ? value : valueToText(value));
  const node = parser.parseDocument();
  if (!node) return 0n;
  return (f & 2) !== 0 || !parser.hasNonstd ? 1n : 0n;
}

function errorPosition([value]: readonly SqlValue[]): SqlValue {
  if (value === null) return null;
  if (value instanceof Uint8Array && blobAsJsonb(value)) return 0n;
  const bytes = value instanceof Uint8Array ? value : utf8.encode(valueToText(value!));
  const parser = new JsonTextParser(bytes);
  if (parser.parseDocument()) return 0n;
  let position = 0;
  for (let k = 0; k < parser.iErr && k < bytes.length && bytes[k] !== 0; k++) if ((bytes[k]! & 0xc0) !== 0x80) position++;
  return BigInt(position + 1);
}

function jsonObjectText(args: readonly SqlValue[], call: SubtypeCall | undefined): string {
  if (args.length % 2 !== 0) throw new SqliteError('json_object() requires an even number of arguments');
  const parts: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]!;
    if (typeof key !== 'string') throw new SqliteError('json_object() labels must be TEXT');
    parts.push(`${quoteJsonString(key)}:${sqlValueAsJsonText(args[i + 1]!, isJsonArg(call, i + 1))}`);
  }
  return `{${parts.join(',')}}`;
}

/** The group aggregates read their values' subtypes; the text variants' results are JSON. */
function groupSubtypes(binary: boolean): Pick<AggregateEntry, 'subtypes' | 'resultSubtype'> {
  return binary ? { subtypes: true } : { subtypes: true, resultSubtype: () => JSON_SUBTYPE };
}

function groupArray(name: string, binary: boolean): AggregateEntry {
  const entry = aggregate(
    name,
    1,
    () => [] as string[],
    (parts, [v], call) => (parts.push(sqlValueAsJsonText(v!, isJsonArg(call, 0))), parts),
    (parts) => textOutput(`[${parts.join(',')}]`, binary, undefined),
  );
  // As SQLite's jsonGroupInverse: the first element goes, whichever row it came from.
  return { ...entry, ...groupSubtypes(binary), inverse: (parts) => ((parts as string[]).shift(), parts) };
}

function groupObject(name: string, binary: boolean): AggregateEntry {
  const entry = aggregate(
    name,
    2,
    () => [] as string[],
    (parts, [k, v], call) => {
      if (k !== null) parts.push(`${quoteJsonString(valueToText(k!))}:${sqlValueAsJsonText(v!, isJsonArg(call, 1))}`);
      return parts;
    },
    (parts) => textOutput(`{${parts.join(',')}}`, binary, undefined),
  );
  // A row with a NULL label added nothing, so removing it removes nothing.
  return { ...entry, ...groupSubtypes(binary), inverse: (parts, [k]) => (k !== null && (parts as string[]).shift(), parts) };
}

/** A JSON scalar: reads its arguments' subtypes and gives its JSON results the JSON subtype. */
function json(name: string, argCount: number, invoke: ScalarEntry['invoke'], options: { minArgs?: number } = {}): ScalarEntry {
  return scalar(name, argCount, invoke, { ...options, subtypes: true });
}

export function registerJsonFunctions(registry: FunctionRegistry): void {
  const fns: ScalarEntry[] = [];
  for (const binary of [false, true]) {
    const p = binary ? 'jsonb' : 'json';
    fns.push(
      json(p, 1, ([x], _host, call) => {
        const doc = documentArg(x!);
        return doc ? output(doc, binary, call) : null;
      }),
      json(`${p}_array`, -1, (args, _host, call) => textOutput(`[${args.map((v, i) => sqlValueAsJsonText(v, isJsonArg(call, i))).join(',')}]`, binary, call), { minArgs: 0 }),
      json(`${p}_object`, -1, (args, _host, call) => textOutput(jsonObjectText(args, call), binary, call), { minArgs: 0 }),
      json(`${p}_extract`, -1, (args, _host, call) => (args.length < 2 ? null : extract(args, binary ? 'jsonb' : 'extract', call)), { minArgs: 0 }),
      json(`${p}_insert`, -1, edit('insert', 'ins', binary), { minArgs: 0 }),
      json(`${p}_replace`, -1, edit('replace', 'rep', binary), { minArgs: 0 }),
      json(`${p}_set`, -1, edit('set', 'set', binary), { minArgs: 0 }),
      json(`${p}_remove`, -1, remove(binary), { minArgs: 0 }),
      json(`${p}_patch`, 2, ([t, q], _host, call) => {
        const target = documentArg(t!);
        const patch = documentArg(q!);
        return target && patch ? output(mergePatch(target, patch), binary, call) : null;
      }),
    );
  }
  fns.push(
    json('->', 2, (args, _host, call) => extract(args, 'arrow', call)),
    scalar('->>', 2, (args) => extract(args, 'arrow2', undefined)),
    scalar('json_type', 1, (args) => {
      const node = nodeAtOptionalPath(args);
      return node ? TYPE_NAMES[node.type]! : null;
    }),
    scalar('json_type', 2, (args) => {
      const node = nodeAtOptionalPath(args);
      return node ? TYPE_NAMES[node.type]! : null;
    }),
    scalar('json_array_length', 1, (args) => {
      const node = nodeAtOptionalPath(args);
      return node ? BigInt(node.type === JType.Array ? node.items.length : 0) : null;
    }),
    scalar('json_array_length', 2, (args) => {
      const node = nodeAtOptionalPath(args);
      return node ? BigInt(node.type === JType.Array ? node.items.length : 0) : null;
    }),
    json('json_quote', 1, ([v], _host, call) => jsonResult(call, sqlValueAsJsonText(v!, isJsonArg(call, 0)))),
    // subtype(x): the subtype its argument's register carries (vm/subtype.ts).
    json('subtype', 1, (_args, _host, call) => BigInt(call?.args[0] ?? 0)),
    scalar('json_valid', 1, jsonValid),
    scalar('json_valid', 2, jsonValid),
    scalar('json_error_position', 1, errorPosition),
    scalar('json_pretty', 1, ([x]) => {
      const doc = documentArg(x!);
      return doc ? renderPretty(doc, '    ') : null;
    }),
    scalar('json_pretty', 2, ([x, indent]) => {
      const doc = documentArg(x!);
      return doc ? renderPretty(doc, indent === null ? '    ' : valueToText(indent!)) : null;
    }),
  );
  for (const fn of fns) registry.addScalar(fn);
  for (const fn of [groupArray('json_group_array', false), groupArray('jsonb_group_array', true), groupObject('json_group_object', false), groupObject('jsonb_group_object', true)]) registry.addAggregate(fn);
}
