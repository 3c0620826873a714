// The freelist: unused pages kept for reuse, as trunk pages [next trunk][leaf count][leaf pgnos...]
// chained from database header offset 32, with the total count of free pages at offset 36.
// Invariant: header[36] equals the number of trunk plus leaf pages reachable from header[32].

import { corruptError, unsupported } from '../common/errors.js';
import type { PageSink, PageSource } from '../pager/types.js';
import { get32, put32 } from './page.js';

export const FIRST_TRUNK_OFFSET = 32;
export const FREE_COUNT_OFFSET = 36;
/** Database header: largest root page in auto-vacuum mode (0 = auto-vacuum off). */
export const AUTOVACUUM_OFFSET = 52;

/** Leaves a trunk may hold. SQLite writes at most usable/4 - 8 (older readers' limit). */
export function trunkCapacity(usableSize: number): number {
  return Math.floor(usableSize / 4) - 8;
}

/** Throws when the database is in auto-vacuum mode: Tandem does not maintain pointer maps. */
export function assertWritable(source: PageSource): void {
  if (get32(source.getPage(1), AUTOVACUUM_OFFSET) !== 0) throw unsupported('writing auto_vacuum databases');
}

/** A page for new content: the freelist's first, else a page appended to the file. Content is zeroed. */
/** SQLite's PENDING_BYTE: the byte at 1 GiB where file locks live; the page holding it is never used. */
const PENDING_BYTE = 0x40000000;

/** The page that holds the lock bytes (a hole in any database of 1 GiB or more). */
export function pendingBytePage(pageSize: number): number {
  return Math.floor(PENDING_BYTE / pageSize) + 1;
}

export function allocatePage(sink: PageSink): number {
  const header = sink.getPage(1);
  const freeCount = get32(header, FREE_COUNT_OFFSET);
  if (freeCount === 0) {
    const pgno = sink.appendPage();
    // Skipped, as SQLite skips it: its integrity_check counts that page as in use.
    return pgno === pendingBytePage(sink.pageSize) ? sink.appendPage() : pgno;
  }
  const trunk = get32(header, FIRST_TRUNK_OFFSET);
  const pageCount = sink.pageCount();
  if (trunk < 2 || trunk > pageCount) throw corruptError('freelist trunk out of range');
  const trunkPage = sink.getWritable(trunk);
  const leaves = get32(trunkPage, 4);
  if (leaves > trunkCapacity(sink.usableSize) + 6) throw corruptError('freelist trunk overfull');
  const page1 = sink.getWritable(1);
  let pgno: number;
  if (leaves > 0) {
    pgno = get32(trunkPage, 8 + 4 * (leaves - 1));
    if (pgno < 2 || pgno > pageCount) throw corruptError('freelist leaf out of range');
    put32(trunkPage, 4, leaves - 1);
  } else {
    // An empty trunk is itself reused; the next trunk becomes the first.
    pgno = trunk;
    put32(page1, FIRST_TRUNK_OFFSET, get32(trunkPage, 0));
  }
  put32(page1, FREE_COUNT_OFFSET, freeCount - 1);
  sink.getWritable(pgno).fill(0);
  return pgno;
}

/** Puts page pgno on the freelist (as a leaf of the first trunk, or as a new trunk). */
export function freePage(sink: PageSink, pgno: number): void {
  if (pgno < 2 || pgno > sink.pageCount()) throw corruptError('freeing a page out of range');
  const page1 = sink.getWritable(1);
  const freeCount = get32(page1, FREE_COUNT_OFFSET);
  const trunk = get32(page1, FIRST_TRUNK_OFFSET);
  if (freeCount > 0 && trunk >= 2 && trunk <= sink.pageCount()) {
    const trunkPage = sink.getWritable(trunk);
    const leaves = get32(trunkPage, 4);
    if (leaves < trunkCapacity(sink.usableSize)) {
      put32(trunkPage, 8 + 4 * leaves, pgno);
      put32(trunkPage, 4, leaves + 1);
      put32(page1, FREE_COUNT_OFFSET, freeCount + 1);
      return;
    }
  }
  const page = sink.getWritable(pgno);
  put32(page, 0, freeCount > 0 ? trunk : 0);
  put32(page, 4, 0);
  put32(page1, FIRST_TRUNK_OFFSET, pgno);
  put32(page1, FREE_COUNT_OFFSET, freeCount + 1);
}
