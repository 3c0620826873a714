// Ordering of index keys: a packed index record against an unpacked key (seeks, and inserts
// after unpacking the new key once), as SQLite's vdbeRecordCompare does: the record's header
// varints are walked in place and each field is compared from its bytes (field-compare.ts), so
// no value is decoded on the common paths. Value ordering itself stays in values/compare.ts.

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { Collation } from '../values/collation.js';
import { compareFieldToValue } from './field-compare.js';
import { decodeRecord } from './record.js';
import { serialTypeSize } from './serial-types.js';
import { getVarint32, type VarintOut } from './varint.js';

/** Per-field collation and direction (btree's KeyInfo has this shape; missing = BINARY/ASC). */
export interface KeyOrder {
  readonly collations: readonly (Collation | undefined)[];
  readonly descending: readonly boolean[];
}

const out: VarintOut = { value: 0, length: 0 };

/**
 * Compares the record stored in buf[start, end) with the unpacked `key`, field by field.
 * When every key field matches: with `byLength` false the result is 0 (a shorter key is a
 * prefix; seekIndex turns that 0 into its bias); with `byLength` true a record with more fields
 * than the key orders after it (packed-vs-packed semantics). A record with fewer fields than
 * the key orders first. Throws SQLITE_CORRUPT when the header overruns the record.
 */
export function compareRecordBytesToKey(
  buf: Uint8Array,
  start: number,
  end: number,
  key: readonly SqlValue[],
  keyInfo: KeyOrder,
  byLength: boolean,
): number {
  if (start >= end) return key.length === 0 ? 0 : -1;
  let headerSize = buf[start]!;
  let h = start + 1;
  if (headerSize >= 0x80) {
    getVarint32(buf, start, out);
    headerSize = out.value;
    h = start + out.length;
  }
  const headerEnd = start + headerSize;
  if (headerEnd > end || headerEnd < h) throw corruptError('record header size');
  let body = headerEnd;
  const n = key.length;
  for (let i = 0; i < n; i++) {
    if (h >= headerEnd) return -1;
    let t = buf[h]!;
    if (t < 0x80) h++;
    else {
      getVarint32(buf, h, out);
      t = out.value;
      h += out.length;
    }
    const size = serialTypeSize(t);
    if (body + size > end || h > headerEnd) throw corruptError('record body overruns payload');
    const c = compareFieldToValue(buf, body, t, key[i]!, keyInfo.collations[i]);
    if (c !== 0) return keyInfo.descending[i] ? -c : c;
    body += size;
  }
  return byLength && h < headerEnd ? 1 : 0;
}

/**
 * Compares the first key.length fields of `record` with `key`. Returns <0, 0 or >0. A key
 * shorter than the record compares equal when its fields match (prefix semantics): the caller
 * (seekIndex) turns that 0 into a bias. A record with fewer fields than the key orders first.
 */
export function compareRecordToKey(record: Uint8Array, key: readonly SqlValue[], keyInfo: KeyOrder): number {
  return compareRecordBytesToKey(record, 0, record.length, key, keyInfo, false);
}

/**
 * Compares two packed records field by field; when all common fields are equal the record with
 * fewer fields orders first. Used for index inserts (full keys including the rowid). Callers
 * comparing many records against one key should unpack it once and use compareRecordBytesToKey.
 */
export function compareRecords(a: Uint8Array, b: Uint8Array, keyInfo: KeyOrder): number {
  return compareRecordBytesToKey(a, 0, a.length, decodeRecord(b), keyInfo, true);
}
