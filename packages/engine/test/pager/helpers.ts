// Shared helpers of the pager tests: temp directories, and a tiny writer of valid SQLite b-tree
// pages (table leaves with simple records) so files written through the Pager can be checked by
// better-sqlite3 without needing the B-tree layer.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tandem-${prefix}-`));
}

export function varint(value: number): number[] {
  // SQLite varints are big-endian groups of 7 bits (values here stay below 2^28).
  if (value < 0x80) return [value];
  const groups: number[] = [];
  let v = value;
  while (v > 0) {
    groups.unshift(v & 0x7f);
    v = Math.floor(v / 128);
  }
  return groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g));
}

export type SimpleValue = null | number | string;

/** Encodes a record: integers as 1/4-byte ints, strings as TEXT (short ones only). */
export function encodeRecord(values: readonly SimpleValue[]): Uint8Array {
  const types: number[] = [];
  const body: number[] = [];
  const encoder = new TextEncoder();
  for (const value of values) {
    if (value === null) types.push(0);
    else if (typeof value === 'number') {
      if (value >= -128 && value <= 127) {
        types.push(1);
        body.push(value & 0xff);
      } else {
        types.push(4);
        body.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
      }
    } else {
      const bytes = encoder.encode(value);
      types.push(13 + 2 * bytes.length);
      body.push(...bytes);
    }
  }
  const typeBytes = types.flatMap(varint);
  const headerSize = typeBytes.length + 1;
  if (headerSize >= 0x80) throw new Error('record header too large for this helper');
  return new Uint8Array([headerSize, ...typeBytes, ...body]);
}

/**
 * Writes a table-leaf b-tree page (flag 0x0d) holding `rows` (rowid, record) into `page`, whose
 * b-tree header starts at `headerOffset` (100 on page 1, else 0). Cells must fit on the page.
 */
export function writeTableLeaf(page: Uint8Array, headerOffset: number, rows: ReadonlyArray<readonly [number, Uint8Array]>): void {
  page.fill(0, headerOffset);
  let contentStart = page.length;
  const pointers: number[] = [];
  for (const [rowid, record] of rows) {
    const cell = new Uint8Array([...varint(record.length), ...varint(rowid), ...record]);
    contentStart -= cell.length;
    page.set(cell, contentStart);
    pointers.push(contentStart);
  }
  page[headerOffset] = 0x0d;
  page[headerOffset + 3] = rows.length >> 8;
  page[headerOffset + 4] = rows.length & 0xff;
  const start = contentStart === 65536 ? 0 : contentStart;
  page[headerOffset + 5] = start >> 8;
  page[headerOffset + 6] = start & 0xff;
  pointers.forEach((pointer, i) => {
    page[headerOffset + 8 + 2 * i] = pointer >> 8;
    page[headerOffset + 8 + 2 * i + 1] = pointer & 0xff;
  });
  if (headerOffset + 8 + 2 * rows.length > contentStart) throw new Error('cells do not fit on the page');
}

/** A sqlite_schema row for `CREATE TABLE name(a, b)` rooted at `root`. */
export function schemaRow(name: string, root: number): Uint8Array {
  return encodeRecord(['table', name, name, root, `CREATE TABLE ${name}(a, b)`]);
}

/** Deterministic page content for crash tests: every byte depends on (txn, pgno). */
export function fillPattern(page: Uint8Array, from: number, txn: number, pgno: number): void {
  let x = (txn * 2654435761 + pgno * 40503) >>> 0;
  for (let i = from; i < page.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    page[i] = x >>> 24;
  }
}

export function copyFiles(fromBase: string, toBase: string, suffixes: readonly string[] = ['', '-wal', '-journal']): void {
  for (const suffix of suffixes) {
    if (fs.existsSync(fromBase + suffix)) fs.copyFileSync(fromBase + suffix, toBase + suffix);
  }
}
