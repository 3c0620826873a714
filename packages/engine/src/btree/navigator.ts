// The read half of a b-tree cursor: the page stack (root to current page), descent by binary
// search, and in-order movement between entries (index trees keep entries in interior cells
// too). TreeCursor (cursor.ts) adds the public API, saved positions and writes on top.

import { corruptError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { PageSource } from '../pager/types.js';
import { compareRecordBytesToKey } from '../record/compare.js';
import { getVarint, type VarintOut } from '../record/varint.js';
import { cellRowid, cellRowidNumber, geometryFor, newCellInfo, parseCell, type Geometry } from './cell.js';
import { readPayload } from './overflow.js';
import { get16, get32, headerOffset, isLeafType, isTableType, isValidPageType } from './page.js';
import type { KeyInfo, SeekResult } from './types.js';

/** SQLite's BTCURSOR_MAX_DEPTH: a deeper tree is corrupt (and a cyclic one is caught here). */
const MAX_DEPTH = 20;

const BINARY_ASC: KeyInfo = { collations: [], descending: [] };

const varOut: VarintOut = { value: 0, length: 0 };

/** Placeholder in unused page-stack slots. */
const NO_PAGE = new Uint8Array(0);

/** Orders the rowid of the table cell at `off` against rowid (`target`: it as a safe number, or NaN). */
function compareCellRowid(page: Uint8Array, off: number, type: number, rowid: bigint, target: number): number {
  if (target === target) {
    const k = cellRowidNumber(page, off, type);
    if (k === k) return k < target ? -1 : k > target ? 1 : 0;
  }
  const key = cellRowid(page, off, type);
  return key < rowid ? -1 : key > rowid ? 1 : 0;
}

export class TreeNavigator {
  readonly rootPage: number;
  readonly isIndex: boolean;
  protected readonly source: PageSource;
  protected readonly keyInfo: KeyInfo;
  protected readonly g: Geometry;

  // The page stack: level 0 is the root. For interior levels idx is the child descended into;
  // at the top level it is the current cell (an interior level is the top only for index entries).
  // The stacks start with room for four levels (trees are rarely deeper): grown from empty, each
  // took a 17-slot backing store at the first descent, most of the garbage of a cursor opened per
  // statement.
  protected depth = -1;
  protected readonly pages: Uint8Array[] = [NO_PAGE, NO_PAGE, NO_PAGE, NO_PAGE];
  protected readonly pgnos: number[] = [0, 0, 0, 0];
  protected readonly idx: number[] = [0, 0, 0, 0];
  protected readonly counts: number[] = [0, 0, 0, 0];
  protected readonly types: number[] = [0, 0, 0, 0];
  protected readonly pointers: number[] = [0, 0, 0, 0];
  protected readonly rights: number[] = [0, 0, 0, 0];
  /** true when the stack's top is on an entry. */
  protected valid = false;

  // Comparison target of an index descent.
  // targetKey is the unpacked key; targetByLength marks a full packed key (insert, re-seek):
  // equal fields then order by field count and an exact match stops the descent.
  protected targetKey: readonly SqlValue[] | null = null;
  protected targetByLength = false;
  protected targetBias = 0;

  protected readonly info = newCellInfo();

  constructor(source: PageSource, rootPage: number, isIndex: boolean, keyInfo?: KeyInfo) {
    this.source = source;
    this.rootPage = rootPage;
    this.isIndex = isIndex;
    this.keyInfo = keyInfo ?? BINARY_ASC;
    this.g = geometryFor(source.usableSize);
  }

  // ---- page stack ----

  protected push(pgno: number): void {
    const d = this.depth + 1;
    if (d >= MAX_DEPTH) throw corruptError('b-tree too deep (cycle?)');
    if (pgno < 1) throw corruptError(`child page ${pgno} out of range`);
    // getPage itself throws SQLITE_CORRUPT past the end (PageSource contract): no pageCount() call.
    const page = this.source.getPage(pgno);
    const hdr = headerOffset(pgno);
    const type = page[hdr]!;
    if (!isValidPageType(type) || isTableType(type) === this.isIndex) throw corruptError(`page ${pgno}: wrong page type ${type}`);
    const count = get16(page, hdr + 3);
    const pointers = hdr + (isLeafType(type) ? 8 : 12);
    if (pointers + 2 * count > this.g.usableSize) throw corruptError(`page ${pgno}: too many cells`);
    this.depth = d;
    this.pages[d] = page;
    this.pgnos[d] = pgno;
    this.types[d] = type;
    this.counts[d] = count;
    this.pointers[d] = pointers;
    this.rights[d] = isLeafType(type) ? 0 : get32(page, hdr + 8);
    this.idx[d] = 0;
  }

  protected pop(): void {
    this.depth--;
  }

  /** Starts a descent from the root (subclasses also forget any saved position). */
  protected resetToRoot(): void {
    this.depth = -1;
    this.push(this.rootPage);
  }

  protected cellAt(d: number, i: number): number {
    const off = get16(this.pages[d]!, this.pointers[d]! + 2 * i);
    if (off < this.pointers[d]! + 2 * this.counts[d]! || off >= this.g.usableSize) throw corruptError('cell pointer out of range');
    return off;
  }

  protected childAt(d: number, i: number): number {
    return i < this.counts[d]! ? get32(this.pages[d]!, this.cellAt(d, i)) : this.rights[d]!;
  }

  protected isLeafLevel(d: number): boolean {
    return isLeafType(this.types[d]!);
  }

  protected moveToLeftmost(): void {
    while (!this.isLeafLevel(this.depth)) {
      const d = this.depth;
      this.idx[d] = 0;
      this.push(this.childAt(d, 0));
    }
    this.idx[this.depth] = 0;
  }

  protected moveToRightmost(): void {
    while (!this.isLeafLevel(this.depth)) {
      const d = this.depth;
      this.idx[d] = this.counts[d]!;
      this.push(this.rights[d]!);
    }
    this.idx[this.depth] = this.counts[this.depth]! - 1;
  }

  /** From a leaf whose idx may be past its last cell: climbs to the next entry, or EOF. */
  protected settleForward(): boolean {
    for (;;) {
      const leaf = this.depth;
      if (this.idx[leaf]! < this.counts[leaf]!) return (this.valid = true);
      for (;;) {
        if (this.depth === 0) return (this.valid = false);
        this.pop();
        const d = this.depth;
        if (this.idx[d]! < this.counts[d]!) {
          if (this.isIndex) return (this.valid = true);
          this.idx[d]!++;
          this.push(this.childAt(d, this.idx[d]!));
          this.moveToLeftmost();
          break;
        }
      }
    }
  }

  /** From a leaf whose idx may be -1: climbs to the previous entry, or EOF. */
  protected settleBackward(): boolean {
    for (;;) {
      if (this.idx[this.depth]! >= 0) return (this.valid = true);
      for (;;) {
        if (this.depth === 0) return (this.valid = false);
        this.pop();
        const d = this.depth;
        if (this.idx[d]! > 0) {
          this.idx[d]!--;
          if (this.isIndex) return (this.valid = true);
          this.push(this.childAt(d, this.idx[d]!));
          this.moveToRightmost();
          break;
        }
      }
    }
  }


  protected compareRowidAt(d: number, i: number, rowid: bigint, target: number): number {
    return compareCellRowid(this.pages[d]!, this.cellAt(d, i), this.types[d]!, rowid, target);
  }

  /** Descends to the leaf where `rowid` is or would be; idx = its cell or insertion point. */
  protected descendRowid(rowid: bigint): boolean {
    this.resetToRoot();
    const asNumber = Number(rowid);
    // NaN disables the number fast path for rowids beyond 2^53.
    const target = Number.isSafeInteger(asNumber) ? asNumber : NaN;
    const usable = this.g.usableSize;
    for (;;) {
      // The page's facts in locals: this loop is the whole cost of a point lookup.
      const d = this.depth;
      const n = this.counts[d]!;
      const page = this.pages[d]!;
      const pointers = this.pointers[d]!;
      const type = this.types[d]!;
      const contentStart = pointers + 2 * n;
      if (isLeafType(type)) {
        let lo = 0;
        let hi = n - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const off = (page[pointers + 2 * mid]! << 8) | page[pointers + 2 * mid + 1]!;
          if (off < contentStart || off >= usable) throw corruptError('cell pointer out of range');
          const c = compareCellRowid(page, off, type, rowid, target);
          if (c === 0) {
            this.idx[d] = mid;
            return true;
          }
          if (c < 0) lo = mid + 1;
          else hi = mid - 1;
        }
        this.idx[d] = lo;
        return false;
      }
      // Interior: the first cell whose key >= rowid leads to it (all keys on its left are <= key).
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const off = (page[pointers + 2 * mid]! << 8) | page[pointers + 2 * mid + 1]!;
        if (off < contentStart || off >= usable) throw corruptError('cell pointer out of range');
        if (compareCellRowid(page, off, type, rowid, target) < 0) lo = mid + 1;
        else hi = mid;
      }
      this.idx[d] = lo;
      this.push(this.childAt(d, lo));
    }
  }

  protected payloadAt(d: number, i: number): Uint8Array {
    const page = this.pages[d]!;
    parseCell(page, this.cellAt(d, i), this.types[d]!, this.g, this.info);
    return readPayload(this.source, page, this.info);
  }

  /**
   * Compares index entry i at level d with the descent target, reading the record in place on
   * the page when it has no overflow (the common case: no copy, no decoding).
   */
  protected compareIndexAt(d: number, i: number): number {
    const page = this.pages[d]!;
    let p = this.cellAt(d, i);
    if (!isLeafType(this.types[d]!)) p += 4;
    let size = page[p]!;
    if (size < 0x80) p++;
    else {
      getVarint(page, p, varOut);
      size = varOut.value;
      p += varOut.length;
    }
    const byLength = this.targetByLength;
    let c: number;
    if (size <= this.g.maxLocalIndex) {
      if (p + size > this.g.usableSize) throw corruptError('cell extends past page end');
      c = compareRecordBytesToKey(page, p, p + size, this.targetKey!, this.keyInfo, byLength);
    } else {
      const record = this.payloadAt(d, i);
      c = compareRecordBytesToKey(record, 0, record.length, this.targetKey!, this.keyInfo, byLength);
    }
    return c === 0 && !byLength ? -this.targetBias : c;
  }

  /** Descends towards the index target; stops early on an exact match (possibly interior). */
  protected descendIndex(): boolean {
    this.resetToRoot();
    for (;;) {
      const d = this.depth;
      let lo = 0;
      let hi = this.counts[d]! - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = this.compareIndexAt(d, mid);
        if (c === 0) {
          this.idx[d] = mid;
          return true;
        }
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      this.idx[d] = lo;
      if (this.isLeafLevel(d)) return false;
      this.push(this.childAt(d, lo));
    }
  }

  /** After a descent that missed: settle on the neighbouring entry and report the side. */
  protected positionAfterMiss(): SeekResult {
    const d = this.depth;
    const n = this.counts[d]!;
    if (this.idx[d]! < n) {
      this.valid = true;
      return 1;
    }
    if (n === 0) {
      this.valid = false;
      return -1;
    }
    this.idx[d] = n - 1;
    this.valid = true;
    return -1;
  }
}
