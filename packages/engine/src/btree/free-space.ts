// In-place removal of a cell from a page: its bytes join the sorted freeblock list (merged with
// neighbours, absorbing fragments of < 4 bytes), or the unallocated gap when they sit at the
// start of the content area, as SQLite's freeSpace() keeps them.
// Invariants: freeblocks ascend and never touch (gaps of <= 3 bytes are counted in header[7]).

import { corruptError } from '../common/errors.js';
import { get16, headerOffset, isLeafType, put16 } from './page.js';

/** Returns [start, start+size) of page to the free space of the page whose header is at hdr. */
function freeSpace(page: Uint8Array, hdr: number, start: number, size: number, usableSize: number): void {
  let linkToPrev = hdr + 1; // the pointer that leads to `previous`
  let link = hdr + 1; // the pointer that leads to `block`
  let previous = 0;
  let block = get16(page, hdr + 1);
  while (block !== 0 && block < start) {
    if (block <= previous || block > usableSize - 4) throw corruptError('freeblock list damaged');
    linkToPrev = link;
    link = block;
    previous = block;
    block = get16(page, block);
  }
  let end = start + size;
  if (block !== 0 && (block < end || block > usableSize - 4)) throw corruptError('freeblock overlaps a cell');
  let fragments = 0;
  let next = block;
  if (block !== 0 && block - end <= 3) {
    fragments += block - end;
    end = block + get16(page, block + 2);
    next = get16(page, block);
    if (end > usableSize) throw corruptError('freeblock extends past the page');
  }
  let into = link;
  if (previous !== 0) {
    const previousEnd = previous + get16(page, previous + 2);
    if (previousEnd > start) throw corruptError('freeblock overlaps a cell');
    if (start - previousEnd <= 3) {
      fragments += start - previousEnd;
      start = previous;
      into = linkToPrev;
    }
  }
  if (fragments > page[hdr + 7]!) throw corruptError('fragment count too small');
  page[hdr + 7] = page[hdr + 7]! - fragments;
  const content = get16(page, hdr + 5) || 65536;
  if (start === content) {
    // The freed run starts the content area: it becomes part of the unallocated gap.
    if (into !== hdr + 1) throw corruptError('freeblock before the content area');
    put16(page, hdr + 1, next);
    put16(page, hdr + 5, end === 65536 ? 0 : end);
  } else {
    put16(page, start, next);
    put16(page, start + 2, end - start);
    put16(page, into, start);
  }
}

/** Removes cell i (occupying `cellSize` bytes) from page pgno without rebuilding the page. */
export function dropCellInPlace(page: Uint8Array, pgno: number, i: number, cellSize: number, usableSize: number): void {
  const hdr = headerOffset(pgno);
  const count = get16(page, hdr + 3);
  const pointers = hdr + (isLeafType(page[hdr]!) ? 8 : 12);
  if (count === 1) {
    // Last cell: reset the page to empty (no freeblocks, no fragments), as SQLite does.
    put16(page, hdr + 1, 0);
    put16(page, hdr + 3, 0);
    put16(page, hdr + 5, usableSize === 65536 ? 0 : usableSize);
    page[hdr + 7] = 0;
    return;
  }
  const offset = get16(page, pointers + 2 * i);
  freeSpace(page, hdr, offset, cellSize, usableSize);
  page.copyWithin(pointers + 2 * i, pointers + 2 * i + 2, pointers + 2 * count);
  put16(page, hdr + 3, count - 1);
}

/**
 * First-fit allocation of `size` bytes from the freeblock list (SQLite's pageFindSlot): takes the
 * tail of the first block large enough; a remainder under 4 bytes becomes fragmented bytes.
 * Returns the offset, or 0 when no block fits (or the fragment count would pass 60).
 */
export function allocateFromFreeblocks(page: Uint8Array, hdr: number, size: number, usableSize: number): number {
  let link = hdr + 1;
  let block = get16(page, link);
  let previous = 0;
  while (block !== 0) {
    if (block <= previous || block > usableSize - 4) throw corruptError('freeblock list damaged');
    const blockSize = get16(page, block + 2);
    if (block + blockSize > usableSize) throw corruptError('freeblock extends past the page');
    const remainder = blockSize - size;
    if (remainder >= 0) {
      if (remainder < 4) {
        if (page[hdr + 7]! + remainder > 60) return 0;
        put16(page, link, get16(page, block));
        page[hdr + 7] = page[hdr + 7]! + remainder;
        return block;
      }
      put16(page, block + 2, remainder);
      return block + remainder;
    }
    previous = block;
    link = block;
    block = get16(page, block);
  }
  return 0;
}
