// The cheap insert paths that avoid a full rebalance: putting a cell into a page's free space
// in place, and SQLite's balance_quick for appends to the right edge of a table tree.

import type { PageSink } from '../pager/types.js';
import { buildTableInteriorCell, cellRowid } from './cell.js';
import { allocateFromFreeblocks } from './free-space.js';
import { allocatePage } from './freelist.js';
import { balancePath } from './balance.js';
import { loadNode, storeNode, type TreeWrite } from './node-io.js';
import { get16, headerOffset, isLeafType, put16, put32, writeNode } from './page.js';

/** Where reserveCellInPlace made room: the page (writable) and the cell's offset in it. */
export interface Reservation {
  page: Uint8Array;
  offset: number;
}

/**
 * Makes room for a `size`-byte cell at index i of page pgno without rebuilding the page, from a
 * freeblock or the unallocated gap (which must also hold the new 2-byte cell pointer). Returns
 * true with `out` set to the writable page and the offset where the caller writes the cell (the
 * pointer array already points there), or false, with the page unchanged, when neither can hold it.
 */
export function reserveCellInPlace(sink: PageSink, pgno: number, i: number, size: number, out: Reservation): boolean {
  const current = sink.getPage(pgno);
  const hdr = headerOffset(pgno);
  const n = get16(current, hdr + 3);
  const pointers = hdr + (isLeafType(current[hdr]!) ? 8 : 12);
  const content = get16(current, hdr + 5) || 65536;
  const pointerEnd = pointers + 2 * n + 2;
  if (content < pointerEnd) return false;
  const freeblocks = current[hdr + 1] !== 0 || current[hdr + 2] !== 0;
  if (!freeblocks && content - size < pointerEnd) return false;
  // Only now writable: a page the cell does not fit stays as it was (not even copied).
  const page = sink.getWritable(pgno);
  let offset = 0;
  if (freeblocks) {
    offset = allocateFromFreeblocks(page, hdr, size, sink.usableSize);
  }
  if (offset === 0) {
    if (content - size < pointerEnd) return false;
    offset = content - size;
    put16(page, hdr + 5, offset);
  }
  // Appending (i === n): no pointer moves, and copyWithin costs a builtin call even for zero bytes.
  if (i < n) page.copyWithin(pointers + 2 * i + 2, pointers + 2 * i, pointers + 2 * n);
  put16(page, pointers + 2 * i, offset);
  put16(page, hdr + 3, n + 1);
  out.page = page;
  out.offset = offset;
  return true;
}

const reservation: Reservation = { page: new Uint8Array(0), offset: 0 };

/** reserveCellInPlace, then the cell's bytes copied there. Returns false when it did not fit. */
export function insertCellInPlace(sink: PageSink, pgno: number, i: number, cell: Uint8Array): boolean {
  if (!reserveCellInPlace(sink, pgno, i, cell.length, reservation)) return false;
  reservation.page.set(cell, reservation.offset);
  return true;
}

/**
 * SQLite's balance_quick ("append bias"): the table leaf pgnos[depth], on the right edge of the
 * tree (every level of `pgnos` is its parent's right-most child), is full, it holds at least
 * one cell, and `cell` goes after its last entry. Instead of redistributing, the new cell alone
 * starts a new right-most leaf and the old leaf's largest rowid becomes the parent's last
 * divider, so leaves filled by ascending inserts stay full. Only the parent may then need
 * balancing (it is then on the right edge too, so the split keeps its pages full as well).
 */
export function balanceQuick(w: TreeWrite, pgnos: readonly number[], depth: number, cell: Uint8Array): void {
  const sink = w.sink;
  const leafPgno = pgnos[depth]!;
  const leaf = sink.getPage(leafPgno);
  const hdr = headerOffset(leafPgno);
  const type = leaf[hdr]!;
  const count = get16(leaf, hdr + 3);
  const lastOffset = get16(leaf, hdr + 8 + 2 * (count - 1));
  const divider = buildTableInteriorCell(leafPgno, cellRowid(leaf, lastOffset, type));
  const newPgno = allocatePage(sink);
  writeNode(sink.getWritable(newPgno), newPgno, { type, cells: [cell], right: 0 }, w.g.usableSize);
  const parentPgno = pgnos[depth - 1]!;
  const parentCount = get16(sink.getPage(parentPgno), headerOffset(parentPgno) + 3);
  if (insertCellInPlace(sink, parentPgno, parentCount, divider)) {
    put32(sink.getWritable(parentPgno), headerOffset(parentPgno) + 8, newPgno);
    return;
  }
  const parent = loadNode(w, parentPgno);
  parent.cells.push(divider);
  parent.right = newPgno;
  storeNode(w, parentPgno, parent);
  // Every ancestor was entered through its right-most child (index = its cell count).
  const path = pgnos.slice(0, depth);
  const childIndexes: number[] = [];
  for (let k = 0; k < depth - 1; k++) childIndexes.push(get16(sink.getPage(path[k]!), headerOffset(path[k]!) + 3));
  balancePath(w, path, childIndexes, true);
}
