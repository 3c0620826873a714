// json_each() and json_tree(): the table-valued functions that list the elements of a JSON
// document (json_each: the children of the element at the root path; json_tree: that element and
// everything below it, depth first). Columns as in SQLite: key, value, type, atom, id (the
// element's byte offset in the document's JSONB form, or its label's for object members), parent,
// fullkey, path, and the hidden arguments json and root.

import type { SqlValue } from '../../common/values.js';
import type { TableFunctionDef } from '../../compiler/table-function.js';
import { valueToText } from '../../values/cast.js';
import type { FunctionRegistry } from '../registry.js';
import { badPath, documentArg } from './functions.js';
import { encodedSize, isContainer, JType, type JNode } from './node.js';
import { lookup } from './path.js';
import { renderJson, sqlValueOf, stringValue } from './render.js';
import { JSON_SUBTYPE } from '../../vm/subtype.js';

const COLUMNS = ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path'];
const utf8 = new TextDecoder();

/** Where an element sits in the document: its offset, its label's (object members) and its container. */
interface Placement {
  readonly offset: number;
  readonly label: number | null;
  readonly parent: JNode | null;
}

function headerWidth(node: JNode): number {
  if (!isContainer(node)) return encodedSize(node) - node.payload.length;
  let payload = 0;
  for (const child of node.items) payload += encodedSize(child);
  return encodedSize(node) - payload;
}

/** Offsets of every element, as SQLite lays the document out in JSONB. */
function place(root: JNode): Map<JNode, Placement> {
  const placements = new Map<JNode, Placement>();
  const visit = (node: JNode, offset: number, label: number | null, parent: JNode | null): void => {
    placements.set(node, { offset, label, parent });
    if (!isContainer(node)) return;
    let at = offset + headerWidth(node);
    if (node.type === JType.Array) {
      for (const child of node.items) {
        visit(child, at, null, node);
        at += encodedSize(child);
      }
      return;
    }
    for (let k = 0; k + 1 < node.items.length; k += 2) {
      const labelNode = node.items[k]!;
      const value = node.items[k + 1]!;
      placements.set(labelNode, { offset: at, label: null, parent: node });
      visit(value, at + encodedSize(labelNode), at, node);
      at += encodedSize(labelNode) + encodedSize(value);
    }
  };
  visit(root, 0, null, null);
  return placements;
}

const TYPE_NAMES: Record<number, string> = {
  [JType.Null]: 'null',
  [JType.True]: 'true',
  [JType.False]: 'false',
  [JType.Int]: 'integer',
  [JType.Int5]: 'integer',
  [JType.Float]: 'real',
  [JType.Float5]: 'real',
  [JType.Array]: 'array',
  [JType.Object]: 'object',
};

function typeName(node: JNode): string {
  return TYPE_NAMES[node.type] ?? 'text';
}

/** jsonAppendObjectPathElement: `.key`, or `."key"` unless the key is a letter followed by letters and digits. */
function objectStep(label: JNode): string {
  const raw = isContainer(label) ? '' : utf8.decode(label.payload);
  return /^[A-Za-z][A-Za-z0-9]*$/.test(raw) ? `.${raw}` : `."${raw}"`;
}

/** The id column: the label's offset for an object member, else the element's. */
function idOf(placement: Placement): bigint {
  return BigInt(placement.label ?? placement.offset);
}

function valueOf(node: JNode): SqlValue {
  return isContainer(node) ? renderJson(node) : sqlValueOf(node);
}

interface Walk {
  readonly doc: JNode;
  readonly placements: Map<JNode, Placement>;
  readonly hidden: readonly SqlValue[];
  readonly rows: SqlValue[][];
}

function emit(walk: Walk, node: JNode, key: SqlValue, id: bigint, parent: SqlValue, fullkey: string, path: string): void {
  walk.rows.push([key, valueOf(node), typeName(node), isContainer(node) ? null : sqlValueOf(node), id, parent, fullkey, path, ...walk.hidden]);
}

/** Every element below `node` (whose row has id `id` and full key `fullkey`), depth first; json_each stops at one level. */
function emitChildren(walk: Walk, node: JNode, id: bigint | null, fullkey: string, recursive: boolean): void {
  if (!isContainer(node)) return;
  const child = (value: JNode, key: SqlValue, step: string): void => {
    const childId = idOf(walk.placements.get(value)!);
    const childKey = fullkey + step;
    emit(walk, value, key, childId, id, childKey, fullkey);
    if (recursive) emitChildren(walk, value, childId, childKey, true);
  };
  if (node.type === JType.Array) {
    node.items.forEach((value, i) => child(value, BigInt(i), `[${i}]`));
    return;
  }
  for (let k = 0; k + 1 < node.items.length; k += 2) {
    const label = node.items[k]!;
    child(node.items[k + 1]!, isContainer(label) ? null : stringValue(label), objectStep(label));
  }
}

/**
 * jsonEachPathLength: json_tree's first row reports as its path the longest prefix of the root
 * path (cut before a '.' or '[') that names an element whose first child is this row's element.
 */
function rootPathLength(walk: Walk, root: string, rowOffset: number): number {
  let n = root.length;
  while (n > 1) {
    n--;
    if (root[n] !== '[' && root[n] !== '.') continue;
    const found = lookup(walk.doc, root.slice(1, n));
    if (typeof found !== 'object') continue;
    const placement = walk.placements.get(found.found)!;
    if (placement.offset + headerWidth(found.found) === rowOffset) break;
  }
  return n;
}

/** json_tree's first row key: taken from the root path's last step text, as SQLite does. */
function rootKey(root: string, j: number): SqlValue {
  const n = root.length - j;
  if (root.length === 1 || n === 0) return null;
  if (root[j] === '[') {
    const match = /^[+-]?\d+/.exec(root.slice(j + 1));
    return match ? BigInt.asIntN(64, BigInt(match[0])) : 0n;
  }
  if (root[j + 1] === '"') return root.slice(j + 2, j + 2 + n - 3);
  return root.slice(j + 1);
}

function jsonRows(args: readonly SqlValue[], recursive: boolean): SqlValue[][] {
  const json = args[0] ?? null;
  if (json === null) return [];
  if (args.length > 1 && args[1] === null) return [];
  const root = args.length > 1 ? valueToText(args[1]!) : '$';
  const doc = documentArg(json);
  if (!doc) return [];
  if (!root.startsWith('$')) throw badPath(root);
  const found = lookup(doc, root.slice(1));
  if (found === 'patherror') throw badPath(root);
  if (found === 'notfound' || found === 'created') return [];
  const walk: Walk = { doc, placements: place(doc), hidden: [json, root], rows: [] };
  const target = found.found;
  const placement = walk.placements.get(target)!;
  const id = idOf(placement);
  if (recursive) {
    const j = rootPathLength(walk, root, Number(id));
    emit(walk, target, rootKey(root, j), id, null, root, root.slice(0, j));
    emitChildren(walk, target, id, root, true);
  } else if (isContainer(target)) {
    emitChildren(walk, target, null, root, false);
  } else {
    emit(walk, target, null, id, null, root, root);
  }
  return walk.rows;
}

/** The value column of a container (type 'array' or 'object') is JSON text with the JSON subtype. */
function columnSubtype(row: readonly SqlValue[], column: number): number {
  return column === 1 && (row[2] === 'array' || row[2] === 'object') ? JSON_SUBTYPE : 0;
}

function define(name: string, recursive: boolean): TableFunctionDef {
  return { name, columns: COLUMNS, parameters: ['json', 'root'], rows: (args) => jsonRows(args, recursive), columnSubtype };
}

export function registerJsonTableFunctions(registry: FunctionRegistry): void {
  registry.addTableFunction(define('json_each', false));
  registry.addTableFunction(define('json_tree', true));
}
