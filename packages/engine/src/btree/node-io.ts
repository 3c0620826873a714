// Loading pages as logical nodes and storing them back, with "overrides": nodes that do not fit
// their page yet (overfull after an insert) live in memory until balancing splits them.

import type { PageSink } from '../pager/types.js';
import { newCellInfo, parseCell, type Geometry } from './cell.js';
import { cellOffset, get16, headerOffset, nodeBytes, pageCapacity, readPageHeader, writeNode, type Node } from './page.js';
import { corruptError } from '../common/errors.js';

/** One write operation's working set: the sink, the geometry and the overfull nodes. */
export interface TreeWrite {
  readonly sink: PageSink;
  readonly g: Geometry;
  readonly overrides: Map<number, Node>;
}

const info = newCellInfo();

/**
 * Parses page pgno into a node whose cells are views into one private copy of the page (safe to
 * keep while the page is rewritten; one copy instead of one small buffer per cell).
 */
export function parseNode(page: Uint8Array, pgno: number, g: Geometry): Node {
  const header = readPageHeader(page, pgno, g.usableSize);
  const cells = new Array<Uint8Array>(header.cellCount);
  const copy = header.cellCount > 0 ? page.slice(0, g.usableSize) : page;
  for (let i = 0; i < header.cellCount; i++) {
    const off = cellOffset(copy, header, i, g.usableSize);
    parseCell(copy, off, header.type, g, info);
    cells[i] = copy.subarray(off, off + info.size);
  }
  return { type: header.type, cells, right: header.right };
}

export function loadNode(w: TreeWrite, pgno: number): Node {
  return w.overrides.get(pgno) ?? parseNode(w.sink.getPage(pgno), pgno, w.g);
}

/** Writes the node to its page when it fits; otherwise keeps it as an override (overfull). */
export function storeNode(w: TreeWrite, pgno: number, node: Node): void {
  if (nodeBytes(node) <= pageCapacity(pgno, w.g.usableSize)) {
    writeNode(w.sink.getWritable(pgno), pgno, node, w.g.usableSize);
    w.overrides.delete(pgno);
  } else {
    w.overrides.set(pgno, node);
  }
}

/**
 * Free bytes on a page as SQLite counts them: the gap between the pointer array and the content
 * area, plus freeblocks, plus fragmented bytes. Freeblock walks are bounded by the page size.
 */
export function pageFreeBytes(page: Uint8Array, pgno: number, usableSize: number): number {
  const header = readPageHeader(page, pgno, usableSize);
  const hdr = headerOffset(pgno);
  let content = get16(page, hdr + 5);
  if (content === 0) content = 65536;
  let free = content - (header.cellPointers + 2 * header.cellCount) + page[hdr + 7]!;
  let block = get16(page, hdr + 1);
  let guard = 0;
  while (block !== 0) {
    if (block + 4 > usableSize || guard++ > usableSize / 4) throw corruptError('freeblock list damaged');
    free += get16(page, block + 2);
    block = get16(page, block);
  }
  return free;
}
