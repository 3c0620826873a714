// VACUUM and VACUUM INTO: the database rebuilt compactly, in the order SQLite's sqlite3RunVacuum
// rebuilds it: every table's tree (with its automatic indexes, and sqlite_sequence after the first
// AUTOINCREMENT table), then the CREATE INDEX trees, then views, triggers and virtual tables;
// then each table's rows followed by its indexes' entries, copied in key order. No freelist pages
// remain. In place, the image replaces every page of the database in one write transaction;
// INTO, it is committed to a new database file.

import { SqliteError, unsupported } from '../common/errors.js';
import { createTree, formatEmptyDatabase, invalidateCursors, openIndexCursor, openTableCursor } from '../btree/btree.js';
import type { KeyInfo } from '../btree/types.js';
import { memoryVfs } from '../os/memory-vfs.js';
import type { Vfs } from '../os/vfs.js';
import { Pager } from '../pager/pager.js';
import type { PageSink, PageSource, WriteTransaction } from '../pager/types.js';
import { encodeRecord } from '../record/record.js';
import type { Schema } from '../schema/schema.js';
import type { IndexColumn, SchemaRow } from '../schema/types.js';
import { indexKeySuffix, storedColumnOrder } from '../schema/without-rowid.js';
import { binaryCollation, builtinCollations } from '../values/collation.js';

const SEQUENCE_TABLE = 'sqlite_sequence';

interface PlannedRow {
  readonly row: SchemaRow;
  /** Root page in the new image (0 for rows without a tree). */
  root: number;
  readonly kind: 'table' | 'index' | 'other';
}

const folded = (name: string): string => name.toLowerCase();

/** Builds the compact copy of `source` (whose schema is `schema`) into the empty database `sink`. */
export function buildCompactImage(source: PageSource, schema: Schema, sink: PageSink): void {
  formatEmptyDatabase(sink);
  const rows = schema.rows;
  const planned: PlannedRow[] = [];
  const plan = (row: SchemaRow, kind: PlannedRow['kind']): void => {
    // A WITHOUT ROWID table is an index tree.
    const tree = kind === 'table' && schema.table(row.name)?.withoutRowid ? 'index' : kind;
    planned.push({ row, kind, root: tree === 'other' ? 0 : createTree(sink, tree) });
  };
  const sequence = rows.find((r) => r.type === 'table' && folded(r.name) === SEQUENCE_TABLE);
  let sequenceCreated = false;
  for (const row of rows) {
    if (row.type !== 'table' || row.rootPage <= 0 || folded(row.name) === SEQUENCE_TABLE) continue;
    plan(row, 'table');
    for (const auto of rows) {
      if (auto.type === 'index' && auto.sql === null && folded(auto.tableName) === folded(row.name)) plan(auto, 'index');
    }
    if (sequence && !sequenceCreated && schema.table(row.name)?.autoincrement) {
      plan(sequence, 'table');
      sequenceCreated = true;
    }
  }
  for (const row of rows) if (row.type === 'index' && row.sql !== null) plan(row, 'index');
  for (const row of rows) if (row.type === 'view' || row.type === 'trigger' || (row.type === 'table' && row.rootPage <= 0)) plan(row, 'other');

  const schemaTree = openTableCursor(sink, 1);
  planned.forEach((p, i) => {
    const { row } = p;
    schemaTree.insert(BigInt(i + 1), encodeRecord([row.type, row.name, row.tableName, BigInt(p.kind === 'other' ? row.rootPage : p.root), row.sql]));
  });

  for (const table of planned) {
    if (table.kind !== 'table') continue;
    const info = schema.table(table.row.name);
    if (info?.withoutRowid) copyIndex(source, sink, table.row.rootPage, table.root, keyInfoOfColumns(info.withoutRowidKey ?? [], storedColumnOrder(info).length));
    else copyTable(source, sink, table.row.rootPage, table.root);
    for (const index of planned) {
      if (index.kind === 'index' && folded(index.row.tableName) === folded(table.row.name)) {
        copyIndex(source, sink, index.row.rootPage, index.root, keyInfoOf(schema, index.row.name));
      }
    }
  }
}

function copyTable(source: PageSource, sink: PageSink, from: number, to: number): void {
  const read = openTableCursor(source, from);
  const write = openTableCursor(sink, to);
  for (let ok = read.first(); ok; ok = read.next()) write.insert(read.rowid(), read.payload());
}

function copyIndex(source: PageSource, sink: PageSink, from: number, to: number, keyInfo: KeyInfo): void {
  const read = openIndexCursor(source, from, keyInfo);
  const write = openIndexCursor(sink, to, keyInfo);
  for (let ok = read.first(); ok; ok = read.next()) write.insertIndex(read.payload());
}

function keyInfoOf(schema: Schema, name: string): KeyInfo {
  const index = schema.index(name);
  if (!index) throw unsupported(`VACUUM of a database with index ${name}, which Tandem cannot read`);
  // After the index columns: the rowid, or a WITHOUT ROWID table's key columns the index lacks.
  const table = schema.table(index.tableName);
  const suffix = table?.withoutRowid ? indexKeySuffix(table, index) : [];
  const columns = [...index.columns, ...suffix];
  return keyInfoOfColumns(columns, columns.length + (table?.withoutRowid ? 0 : 1));
}

/** KeyInfo of `columns` (collations, directions), padded to `width` fields with ascending BINARY ones. */
function keyInfoOfColumns(columns: readonly IndexColumn[], width: number): KeyInfo {
  const collation = (n: string) => builtinCollations.get(n.toUpperCase()) ?? binaryCollation;
  const extra = Math.max(0, width - columns.length);
  return {
    collations: [...columns.map((c) => collation(c.collation)), ...Array.from({ length: extra }, () => binaryCollation)],
    descending: [...columns.map((c) => c.descending), ...Array.from({ length: extra }, () => false)],
  };
}

/**
 * The header of the new image: the old one's settings (user_version, application_id, encoding,
 * auto-vacuum, cache size...), schema cookie + 1, no freelist, schema format 4. `keep` bytes
 * (page size, file format versions: the target's own) stay as the new image has them.
 */
function carryHeader(oldPage1: Uint8Array, newPage1: Uint8Array, pageCount: number): void {
  const keep = newPage1.slice(16, 28);
  const cookie = readU32(oldPage1, 40);
  newPage1.set(oldPage1.subarray(0, 100));
  newPage1.set(keep, 16);
  writeU32(newPage1, 28, pageCount);
  writeU32(newPage1, 32, 0);
  writeU32(newPage1, 36, 0);
  writeU32(newPage1, 40, (cookie + 1) >>> 0);
  writeU32(newPage1, 44, 4);
}

function readU32(p: Uint8Array, offset: number): number {
  return ((p[offset]! << 24) | (p[offset + 1]! << 16) | (p[offset + 2]! << 8) | p[offset + 3]!) >>> 0;
}

function writeU32(p: Uint8Array, offset: number, value: number): void {
  p[offset] = (value >>> 24) & 0xff;
  p[offset + 1] = (value >>> 16) & 0xff;
  p[offset + 2] = (value >>> 8) & 0xff;
  p[offset + 3] = value & 0xff;
}

/** The VACUUM INTO file, opened as a new database; failing that, SQLite's CANTOPEN error. */
function openTarget(vfs: Vfs, path: string): Pager {
  try {
    return Pager.open(vfs, path, { create: true });
  } catch (error) {
    if (error instanceof SqliteError && error.code !== 'SQLITE_BUSY') throw new SqliteError(`unable to open database: ${path}`, 'SQLITE_CANTOPEN');
    throw error;
  }
}

/** Runs `work` in a write transaction of a fresh database at `path` (a private memory one when vfs is null). */
function withNewDatabase<T>(vfs: Vfs | null, path: string, pageSize: number, work: (w: WriteTransaction) => T, commit: boolean): T {
  const pager = vfs ? openTarget(vfs, path) : Pager.open(memoryVfs(), ':memory:', { memory: true });
  try {
    pager.setPageSize(pageSize);
    const read = pager.beginRead();
    try {
      const w = pager.tryBeginWrite(read)!;
      try {
        const result = work(w);
        if (commit) w.commit();
        return result;
      } finally {
        if (w.active) w.rollback();
      }
    } finally {
      read.end();
    }
  } finally {
    pager.close();
  }
}

/** VACUUM (in place): replaces every page of the write transaction `w` with the compact image. */
export function vacuumInPlace(w: WriteTransaction, schema: Schema): void {
  const pages = withNewDatabase(null, ':memory:', w.pageSize, (image) => {
    buildCompactImage(w, schema, image);
    const count = image.pageCount();
    carryHeader(w.getPage(1), image.getWritable(1), count);
    const copies: Uint8Array[] = [];
    for (let pgno = 1; pgno <= count; pgno++) copies.push(image.getPage(pgno).slice());
    return copies;
  }, false);
  invalidateCursors(w);
  pages.forEach((page, i) => {
    const pgno = i + 1;
    while (w.pageCount() < pgno) w.appendPage();
    w.getWritable(pgno).set(page);
  });
  w.setPageCount(pages.length);
}

/** VACUUM INTO 'file': writes the compact image of `source` as a new database file. */
export function vacuumInto(source: PageSource, schema: Schema, vfs: Vfs, path: string): void {
  if (vfs.exists(path)) {
    // SQLite attaches the file first: a non-database is refused as such, a database as existing.
    const file = vfs.open(path, { create: false, readonly: true });
    const header = new Uint8Array(16);
    let size: number;
    try {
      size = file.size();
      file.read(header, 0);
    } finally {
      file.close();
    }
    if (size > 0 && new TextDecoder().decode(header) !== 'SQLite format 3\0') throw new SqliteError('file is not a database', 'SQLITE_NOTADB');
    if (size > 0) throw new SqliteError('output file already exists');
  }
  withNewDatabase(vfs, path, source.pageSize, (image) => {
    buildCompactImage(source, schema, image);
    carryHeader(source.getPage(1), image.getWritable(1), image.pageCount());
  }, true);
}
