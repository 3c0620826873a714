// Shared test utilities: a seeded PRNG, value normalization for comparing with better-sqlite3,
// and full traversals of trees.

import type { SqlValue } from '../../src/common/values.js';
import type { TreeCursor } from '../../src/btree/cursor.js';
import { decodeRecord } from '../../src/record/record.js';

export { seededRandom as rng } from '../../src/common/random.js';

/** better-sqlite3 (safeIntegers) values -> engine values: Buffer -> plain Uint8Array. */
export function fromDriver(value: unknown): SqlValue {
  if (value instanceof Uint8Array) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  return value as SqlValue;
}

/** A printable, type-preserving form for deep equality (bigint vs number vs blob stay distinct). */
export function tag(value: SqlValue | undefined): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return `i:${value}`;
    case 'number':
      return Object.is(value, -0) ? 'r:-0' : `r:${value}`;
    case 'string':
      return `t:${JSON.stringify(value)}`;
    default:
      return `b:${Buffer.from(value).toString('hex')}`;
  }
}

export function tagRow(values: readonly (SqlValue | undefined)[]): string {
  return values.map(tag).join('|');
}

/** Every (rowid, values) of a table tree, in cursor order. */
export function scanTable(cursor: TreeCursor): string[] {
  const rows: string[] = [];
  for (let ok = cursor.first(); ok; ok = cursor.next()) rows.push(tagRow([cursor.rowid(), ...decodeRecord(cursor.payload())]));
  return rows;
}

/** Every key of an index tree, in cursor order. */
export function scanIndex(cursor: TreeCursor): string[] {
  const rows: string[] = [];
  for (let ok = cursor.first(); ok; ok = cursor.next()) rows.push(tagRow(decodeRecord(cursor.payload())));
  return rows;
}

/** Same, walking backwards (then reversed, so it compares equal to a forward scan). */
export function scanIndexBackward(cursor: TreeCursor): string[] {
  const rows: string[] = [];
  for (let ok = cursor.last(); ok; ok = cursor.prev()) rows.push(tagRow(decodeRecord(cursor.payload())));
  return rows.reverse();
}

export function scanTableBackward(cursor: TreeCursor): string[] {
  const rows: string[] = [];
  for (let ok = cursor.last(); ok; ok = cursor.prev()) rows.push(tagRow([cursor.rowid(), ...decodeRecord(cursor.payload())]));
  return rows.reverse();
}
