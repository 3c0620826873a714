// Whole-tree operations: create, clear and drop a tree, format an empty database, open cursors.

import { corruptError, SqliteError } from '../common/errors.js';
import type { PageSink, PageSource } from '../pager/types.js';
import { geometryFor, newCellInfo, parseCell, type Geometry } from './cell.js';
import { TreeCursor } from './cursor.js';
import { invalidateCursors } from './cursor-registry.js';
export { invalidateCursors, saveOtherCursors } from './cursor-registry.js';
import { allocatePage, assertWritable, freePage } from './freelist.js';
import { freeOverflowChain } from './overflow.js';
import { cellOffset, get32, isLeafType, PageType, readPageHeader, writeEmptyPage } from './page.js';
import type { KeyInfo } from './types.js';

export type TreeKind = 'table' | 'index';

/** Opens a cursor on a table tree (rowid keys). Pass the PageSink to be able to write. */
export function openTableCursor(source: PageSource, rootPage: number): TreeCursor {
  return new TreeCursor(source, rootPage, false);
}

/** Opens a cursor on an index tree ordered by `keyInfo`. */
export function openIndexCursor(source: PageSource, rootPage: number, keyInfo?: KeyInfo): TreeCursor {
  return new TreeCursor(source, rootPage, true, keyInfo);
}

/** Allocates a page and makes it the empty root of a new tree; returns the root page number. */
export function createTree(sink: PageSink, kind: TreeKind): number {
  assertWritable(sink);
  const pgno = allocatePage(sink);
  writeEmptyPage(sink.getWritable(pgno), pgno, kind === 'table' ? PageType.LeafTable : PageType.LeafIndex, sink.usableSize);
  return pgno;
}

/** Frees every page below `pgno` (children and overflow chains), and `pgno` itself unless keepRoot. */
function freeSubtree(sink: PageSink, g: Geometry, pgno: number, depth: number, keepRoot: boolean): void {
  if (depth > 20) throw corruptError('b-tree too deep (cycle?)');
  if (pgno < 1 || pgno > sink.pageCount()) throw corruptError(`page ${pgno} out of range`);
  const page = sink.getPage(pgno);
  const header = readPageHeader(page, pgno, g.usableSize);
  const info = newCellInfo();
  // Collect first: freeing pages may rewrite freelist trunks but never this page.
  const children: number[] = [];
  for (let i = 0; i < header.cellCount; i++) {
    parseCell(page, cellOffset(page, header, i, g.usableSize), header.type, g, info);
    if (info.overflow !== 0) freeOverflowChain(sink, info);
    if (!isLeafType(header.type)) children.push(info.child);
  }
  if (!isLeafType(header.type)) children.push(header.right);
  for (const child of children) freeSubtree(sink, g, child, depth + 1, false);
  if (!keepRoot) freePage(sink, pgno);
}

/** Deletes every entry of a tree, keeping its root page (now an empty leaf of the same kind). */
export function clearTree(sink: PageSink, rootPage: number): void {
  assertWritable(sink);
  invalidateCursors(sink, rootPage);
  const g = geometryFor(sink.usableSize);
  const type = readPageHeader(sink.getPage(rootPage), rootPage, g.usableSize).type;
  freeSubtree(sink, g, rootPage, 0, true);
  writeEmptyPage(sink.getWritable(rootPage), rootPage, type | 0x08, g.usableSize);
}

/** Frees every page of a tree, root included (the schema layer removes its sqlite_schema row). */
export function dropTree(sink: PageSink, rootPage: number): void {
  assertWritable(sink);
  if (rootPage === 1) throw new SqliteError('cannot drop the schema tree (page 1)', 'SQLITE_MISUSE');
  invalidateCursors(sink, rootPage);
  freeSubtree(sink, geometryFor(sink.usableSize), rootPage, 0, false);
}

/**
 * Formats page 1 of a new database as the empty sqlite_schema table leaf. The 100-byte database
 * header is the pager's (it must already carry the page size; the freelist fields read as 0).
 */
export function formatEmptyDatabase(sink: PageSink): void {
  if (sink.pageCount() === 0) sink.appendPage();
  writeEmptyPage(sink.getWritable(1), 1, PageType.LeafTable, sink.usableSize);
}

/** Number of free pages recorded in the database header (PRAGMA freelist_count). */
export function freelistCount(source: PageSource): number {
  return get32(source.getPage(1), 36);
}
