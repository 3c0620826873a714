// B-tree page layout: the page header (8 bytes on leaves, 12 on interior pages, after the 100-byte
// database header on page 1), the cell pointer array, and whole-page rebuilds from a logical node.
//
// Header: [0] type  [1..2] first freeblock  [3..4] cell count  [5..6] cell content start (0 = 65536)
//         [7] fragmented free bytes  [8..11] right child (interior pages only)

import { corruptError } from '../common/errors.js';

export const PageType = {
  InteriorIndex: 0x02,
  InteriorTable: 0x05,
  LeafIndex: 0x0a,
  LeafTable: 0x0d,
} as const;

export function isValidPageType(type: number): boolean {
  return type === 0x02 || type === 0x05 || type === 0x0a || type === 0x0d;
}

export function isLeafType(type: number): boolean {
  return (type & 0x08) !== 0;
}

export function isTableType(type: number): boolean {
  return (type & 0x01) !== 0;
}

/** Where the b-tree page header starts: page 1 carries the database header first. */
export function headerOffset(pgno: number): number {
  return pgno === 1 ? 100 : 0;
}

export function pageHeaderSize(type: number): number {
  return isLeafType(type) ? 8 : 12;
}

export function get16(p: Uint8Array, off: number): number {
  return (p[off]! << 8) | p[off + 1]!;
}

export function get32(p: Uint8Array, off: number): number {
  return ((p[off]! << 24) | (p[off + 1]! << 16) | (p[off + 2]! << 8) | p[off + 3]!) >>> 0;
}

export function put16(p: Uint8Array, off: number, v: number): void {
  p[off] = (v >> 8) & 0xff;
  p[off + 1] = v & 0xff;
}

export function put32(p: Uint8Array, off: number, v: number): void {
  p[off] = (v >>> 24) & 0xff;
  p[off + 1] = (v >>> 16) & 0xff;
  p[off + 2] = (v >>> 8) & 0xff;
  p[off + 3] = v & 0xff;
}

/**
 * A page as a list of cells, used while inserting, deleting and balancing. Each cell holds its
 * complete on-page bytes (interior cells start with their 4-byte left child). Cells are at least
 * 4 bytes long (SQLite pads smaller ones so a freed cell can become a freeblock).
 */
export interface Node {
  type: number;
  cells: Uint8Array[];
  /** Right-most child (interior pages); 0 on leaves. */
  right: number;
}

/** Bytes a node's content needs on a page (header, pointer array, cells), excluding page 1's 100. */
export function nodeBytes(node: Node): number {
  let total = pageHeaderSize(node.type) + 2 * node.cells.length;
  for (const cell of node.cells) total += cell.length;
  return total;
}

/** Bytes available to a node on page pgno. */
export function pageCapacity(pgno: number, usableSize: number): number {
  return usableSize - headerOffset(pgno);
}

/**
 * Rewrites page pgno from `node`: cells packed at the end of the usable area in order, no
 * freeblocks, no fragmented bytes. The caller has checked that the node fits.
 */
export function writeNode(page: Uint8Array, pgno: number, node: Node, usableSize: number): void {
  const hdr = headerOffset(pgno);
  const n = node.cells.length;
  page[hdr] = node.type;
  put16(page, hdr + 1, 0);
  put16(page, hdr + 3, n);
  page[hdr + 7] = 0;
  const leaf = isLeafType(node.type);
  if (!leaf) put32(page, hdr + 8, node.right);
  let pointer = hdr + (leaf ? 8 : 12);
  let content = usableSize;
  for (let i = 0; i < n; i++) {
    const cell = node.cells[i]!;
    content -= cell.length;
    page.set(cell, content);
    put16(page, pointer, content);
    pointer += 2;
  }
  if (content < pointer) throw new Error('writeNode: node does not fit');
  put16(page, hdr + 5, content === 65536 ? 0 : content);
}

/** Initializes page pgno as an empty page of `type`. */
export function writeEmptyPage(page: Uint8Array, pgno: number, type: number, usableSize: number): void {
  writeNode(page, pgno, { type, cells: [], right: 0 }, usableSize);
}

/** Parsed header of one page image, validated against the page bounds. */
export interface PageHeader {
  type: number;
  /** Offset of the page header (100 on page 1). */
  hdr: number;
  cellCount: number;
  /** Offset of the cell pointer array. */
  cellPointers: number;
  right: number;
}

/** Reads and checks a page header. Throws SQLITE_CORRUPT on an invalid type or cell count. */
export function readPageHeader(page: Uint8Array, pgno: number, usableSize: number): PageHeader {
  const hdr = headerOffset(pgno);
  const type = page[hdr]!;
  if (!isValidPageType(type)) throw corruptError(`page ${pgno}: invalid page type ${type}`);
  const cellCount = get16(page, hdr + 3);
  const cellPointers = hdr + pageHeaderSize(type);
  if (cellPointers + 2 * cellCount > usableSize) throw corruptError(`page ${pgno}: too many cells`);
  const right = isLeafType(type) ? 0 : get32(page, hdr + 8);
  return { type, hdr, cellCount, cellPointers, right };
}

/** Offset of cell i's bytes, checked to lie in the cell content area. */
export function cellOffset(page: Uint8Array, header: PageHeader, i: number, usableSize: number): number {
  const off = get16(page, header.cellPointers + 2 * i);
  if (off < header.cellPointers + 2 * header.cellCount || off >= usableSize) {
    throw corruptError('cell pointer out of range');
  }
  return off;
}
