// BtreeCursor over one table or index tree: the public navigation and seek API on top of
// TreeNavigator (navigator.ts), saved positions that re-seek after the tree changed under the
// cursor (SQLite's saveCursorPosition), and writes (insert, replace, delete) that rebalance
// through balance.ts. Reads allocate nothing per step except the values they return.

import { corruptError, SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { PageSink, PageSource } from '../pager/types.js';
import { decodeRecord } from '../record/record.js';
import { balancePath } from './balance.js';
import { buildIndexLeafCell, buildTableLeafCell, cellRowid, tableLeafCellSize, writeTableLeafCell, cellRowidNumber, localPayloadSize, parseCell, withChild } from './cell.js';
import { registerCursor, saveOtherCursors, type SavableCursor, type TreeCursors } from './cursor-registry.js';
import { dropCellInPlace } from './free-space.js';
import { assertWritable } from './freelist.js';
import { balanceQuick, insertCellInPlace, reserveCellInPlace, type Reservation } from './leaf-insert.js';
import { TreeNavigator } from './navigator.js';
import { loadNode, storeNode, type TreeWrite } from './node-io.js';
import { freeOverflowChain, readPayload, writeOverflowChain } from './overflow.js';
import { get16, get32, headerOffset, isLeafType } from './page.js';
import type { BtreeCursor, KeyInfo, PayloadRange, SeekResult } from './types.js';

/** The rowid as a number when it is a safe integer, else NaN (compareRowidAt's fast path). */
function safeNumber(rowid: bigint): number {
  const n = Number(rowid);
  return Number.isSafeInteger(n) ? n : NaN;
}

function isSink(source: PageSource): source is PageSink {
  return typeof (source as PageSink).getWritable === 'function';
}

export class TreeCursor extends TreeNavigator implements BtreeCursor, SavableCursor {
  private readonly sink: PageSink | null;
  /** The working set of this cursor's writes: made at the first write, then reused (its
   * overrides are empty between writes). */
  private write: TreeWrite | null = null;
  private checkedWritable = false;
  /** Where the in-place insert path made room for its cell (made at the first insert, then reused). */
  private reservation: Reservation | null = null;
  /** The cursors registered on this tree of the sink, this one included (null: read-only). */
  private readonly peers: TreeCursors | null;

  // Saved position (after a write through this or another cursor): re-seek on next use.
  private needsSeek = false;
  private savedRowid = 0n;
  private savedKey: Uint8Array | null = null;
  /** After a re-seek that missed: >0 the cursor is already on the following entry, <0 on the previous one. */
  private skip = 0;

  /** Opens a cursor on tree `rootPage`. Writes need `source` to be the transaction's PageSink. */
  constructor(source: PageSource, rootPage: number, isIndex: boolean, keyInfo?: KeyInfo) {
    super(source, rootPage, isIndex, keyInfo);
    this.sink = isSink(source) ? source : null;
    this.peers = this.sink ? registerCursor(this.sink, this) : null;
  }

  /** Forgets the cursor (it no longer needs saving when the tree changes). */
  close(): void {
    this.peers?.delete(this); // the registry's set for this tree: no lookup needed
    this.valid = false;
    this.depth = -1;
  }

  get eof(): boolean {
    if (this.needsSeek) this.restore();
    return !this.valid;
  }

  protected override resetToRoot(): void {
    this.needsSeek = false;
    this.skip = 0;
    super.resetToRoot();
  }

  // ---- navigation ----

  first(): boolean {
    this.resetToRoot();
    this.moveToLeftmost();
    return this.settleForward();
  }

  last(): boolean {
    // Already there (SQLite's BTCF_AtLast): repeated NewRowid + append inserts skip the descent.
    if (this.atLast()) return true;
    this.resetToRoot();
    this.moveToRightmost();
    return this.settleBackward();
  }

  next(): boolean {
    if (this.needsSeek) {
      this.restore();
      const skip = this.skip;
      this.skip = 0;
      if (!this.valid) return false;
      if (skip > 0) return true;
    }
    if (!this.valid) return false;
    const d = this.depth;
    if (!this.isLeafLevel(d)) {
      // On an interior index entry: its successor is the leftmost entry of the next subtree.
      this.idx[d]!++;
      this.push(this.childAt(d, this.idx[d]!));
      this.moveToLeftmost();
      return this.settleForward();
    }
    this.idx[d]!++;
    return this.settleForward();
  }

  prev(): boolean {
    if (this.needsSeek) {
      this.restore();
      const skip = this.skip;
      this.skip = 0;
      if (!this.valid) return false;
      if (skip < 0) return true;
    }
    if (!this.valid) return false;
    const d = this.depth;
    if (!this.isLeafLevel(d)) {
      this.push(this.childAt(d, this.idx[d]!));
      this.moveToRightmost();
      return this.settleBackward();
    }
    this.idx[d]!--;
    return this.settleBackward();
  }


  seekRowid(rowid: bigint): SeekResult {
    if (this.isIndex) throw new SqliteError('seekRowid on an index cursor', 'SQLITE_MISUSE');
    if (this.atLast()) {
      // At or past the last entry: no descent needed (ascending rowid workloads).
      const c = this.compareRowidAt(this.depth, this.idx[this.depth]!, rowid, safeNumber(rowid));
      if (c <= 0) return c === 0 ? 0 : -1;
    }
    const inLeaf = this.seekRowidInLeaf(rowid);
    if (inLeaf !== null) return inLeaf;
    if (this.descendRowid(rowid)) {
      this.valid = true;
      return 0;
    }
    return this.positionAfterMiss();
  }

  /**
   * Lands as described in types.ts; returns 0 when the entry the cursor ends on equals `key` on
   * its prefix (bias -1: the first such entry; bias +1: the last one, when it is on this leaf).
   */
  seekIndex(key: readonly SqlValue[], bias: -1 | 1): SeekResult {
    if (!this.isIndex) throw new SqliteError('seekIndex on a table cursor', 'SQLITE_MISUSE');
    this.targetKey = key;
    this.targetByLength = false;
    this.targetBias = bias;
    if (!this.seekIndexInLeaf()) this.descendIndex();
    const result = this.positionAfterMiss();
    // The entry landed on equals the key on its prefix: report it as an exact hit. (compareIndexAt
    // with bias 0 is the plain prefix comparison, read in place.)
    if (this.valid) {
      this.targetBias = 0;
      const exact = this.compareIndexAt(this.depth, this.idx[this.depth]!) === 0;
      this.targetKey = null;
      if (exact) return 0;
    }
    this.targetKey = null;
    return result;
  }

  /**
   * Index trees: compareRecordToKey(payload(), key, keyInfo) for the current entry, read in place
   * (no copy of the record). The cursor must be on an entry.
   */
  compareKey(key: readonly SqlValue[]): number {
    if (this.needsSeek) this.restore();
    if (!this.valid || !this.isIndex) throw new SqliteError('cursor is not on an index entry', 'SQLITE_MISUSE');
    this.targetKey = key;
    this.targetByLength = false;
    this.targetBias = 0;
    const c = this.compareIndexAt(this.depth, this.idx[this.depth]!);
    this.targetKey = null;
    return c === 0 ? 0 : c;
  }

  /** Index trees: positions on the entry equal to the packed key, or next to where it would be. */
  seekPacked(key: Uint8Array): SeekResult {
    this.targetKey = decodeRecord(key);
    this.targetByLength = true;
    const exact = this.descendIndex();
    this.targetKey = null;
    this.targetByLength = false;
    if (exact) {
      this.valid = true;
      return 0;
    }
    return this.positionAfterMiss();
  }

  count(): number {
    // Every page once, depth first; only cell counts are read (no record is decoded).
    let total = 0;
    this.resetToRoot();
    for (;;) {
      const d = this.depth;
      if (!this.isLeafLevel(d)) {
        // Entered for the first time: an index tree's interior cells are entries too.
        if (this.isIndex) total += this.counts[d]!;
        this.idx[d] = 0;
        this.push(this.childAt(d, 0));
        continue;
      }
      total += this.counts[d]!;
      // Up to the nearest ancestor with a child left to visit (its right child is index counts[d]).
      do {
        this.pop();
        if (this.depth < 0) {
          this.invalidate();
          return total;
        }
      } while (++this.idx[this.depth]! > this.counts[this.depth]!);
      this.push(this.childAt(this.depth, this.idx[this.depth]!));
    }
  }

  // ---- current entry ----

  rowid(): bigint {
    if (this.needsSeek) this.restore();
    if (!this.valid || this.isIndex) throw new SqliteError('cursor is not on a table row', 'SQLITE_MISUSE');
    const d = this.depth;
    const off = this.cellAt(d, this.idx[d]!);
    const k = cellRowidNumber(this.pages[d]!, off, this.types[d]!);
    return k === k ? BigInt(k) : cellRowid(this.pages[d]!, off, this.types[d]!);
  }

  /**
   * The current entry's record. Over a read snapshot it may be a view into the (immutable) page;
   * over a write transaction it is always a copy, because later writes rewrite pages in place
   * and callers (the VM's row cache) keep the record across them.
   */
  payload(): Uint8Array {
    if (this.needsSeek) this.restore();
    if (!this.valid) throw new SqliteError('cursor is not on an entry', 'SQLITE_MISUSE');
    const record = this.payloadAt(this.depth, this.idx[this.depth]!);
    return this.sink !== null && this.info.overflow === 0 ? record.slice() : record;
  }

  payloadRange(range: PayloadRange): void {
    if (this.needsSeek) this.restore();
    if (!this.valid) throw new SqliteError('cursor is not on an entry', 'SQLITE_MISUSE');
    const d = this.depth;
    const page = this.pages[d]!;
    const info = this.info;
    parseCell(page, this.cellAt(d, this.idx[d]!), this.types[d]!, this.g, info);
    if (this.sink === null && info.localSize === info.payloadSize) {
      range.bytes = page;
      range.start = info.payloadOffset;
      range.end = info.payloadOffset + info.payloadSize;
      return;
    }
    const record = readPayload(this.source, page, info);
    range.bytes = this.sink !== null && info.overflow === 0 ? record.slice() : record;
    range.start = 0;
    range.end = record.length;
  }

  // ---- saved positions ----

  savePosition(): void {
    if (this.needsSeek || !this.valid) {
      this.depth = -1;
      return;
    }
    if (this.isIndex) this.savedKey = this.payload().slice();
    else this.savedRowid = this.rowid();
    this.needsSeek = true;
    this.depth = -1;
  }

  invalidate(): void {
    this.needsSeek = false;
    this.valid = false;
    this.skip = 0;
    this.depth = -1;
  }

  private restore(): void {
    const skip = this.isIndex ? this.seekPacked(this.savedKey!) : this.seekRowid(this.savedRowid);
    this.needsSeek = false;
    this.skip = skip;
  }

  private saveAt(rowid: bigint, key: Uint8Array | null): void {
    this.savedRowid = rowid;
    this.savedKey = key;
    this.needsSeek = true;
    this.valid = true;
    this.depth = -1;
  }

  // ---- writes ----

  private beginWrite(): TreeWrite {
    if (!this.sink) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    const w = (this.write ??= { sink: this.sink, g: this.g, overrides: new Map() });
    // Once per cursor (cursors live for one statement): reading page 1 on every row was costly.
    if (!this.checkedWritable) {
      assertWritable(w.sink);
      this.checkedWritable = true;
    }
    // Alone on the tree (the common case): nothing to save, no registry lookup.
    if (this.peers!.size > 1 || !this.peers!.has(this)) saveOtherCursors(w.sink, this.rootPage, this);
    // Map.clear() allocates a fresh table even when empty: an in-place append leaves it empty.
    if (w.overrides.size > 0) w.overrides.clear();
    return w;
  }

  /**
   * When the cursor is on a table leaf whose first and last rowids bracket `rowid`, the descent
   * would land on this same leaf: search it alone (rows fetched through an index in rowid order
   * are mostly neighbours). null when the leaf does not bracket it.
   */
  private seekRowidInLeaf(rowid: bigint): SeekResult | null {
    if (!this.valid || this.needsSeek || this.depth < 0) return null;
    const d = this.depth;
    const n = this.counts[d]!;
    if (n === 0 || !this.isLeafLevel(d)) return null;
    const target = safeNumber(rowid);
    let lo = 0;
    let hi = n - 1;
    if (this.compareRowidAt(d, lo, rowid, target) > 0 || this.compareRowidAt(d, hi, rowid, target) < 0) return null;
    // The next cell first: ascending neighbours are the common case.
    const next = this.idx[d]! + 1;
    if (next > 0 && next < n && this.compareRowidAt(d, next, rowid, target) === 0) {
      this.idx[d] = next;
      return 0;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.compareRowidAt(d, mid, rowid, target);
      if (c === 0) {
        this.idx[d] = mid;
        return 0;
      }
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    this.idx[d] = lo;
    return this.positionAfterMiss();
  }

  /**
   * seekIndex's target (bias +-1, so no entry compares equal) on the leaf the cursor is already on:
   * when the leaf's first entry orders before the target and its last after it, the landing entry
   * is on this leaf (an index's interior entries lie outside the leaf's range), so only the leaf is
   * searched. Correlated subqueries re-seek once per outer row, usually near the previous entry.
   * Returns false (nothing moved) when the cursor is elsewhere or the target is not inside the leaf.
   */
  private seekIndexInLeaf(): boolean {
    if (!this.valid || this.needsSeek || this.depth < 0) return false;
    const d = this.depth;
    const n = this.counts[d]!;
    if (n < 2 || !this.isLeafLevel(d)) return false;
    if (this.compareIndexAt(d, 0) >= 0 || this.compareIndexAt(d, n - 1) <= 0) return false;
    let lo = 1;
    let hi = n - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.compareIndexAt(d, mid) < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    this.idx[d] = lo;
    return true;
  }

  /** true when the stack is valid and on the tree's last entry (every level on its right edge). */
  private atLast(): boolean {
    if (!this.valid || this.needsSeek || this.depth < 0) return false;
    const d = this.depth;
    if (!this.isLeafLevel(d) || this.idx[d] !== this.counts[d]! - 1) return false;
    for (let k = 0; k < d; k++) if (this.idx[k] !== this.counts[k]) return false;
    return true;
  }

  /**
   * After a write that changed only the top page of the stack in place, the stack still
   * describes the tree: refresh that page's array (`page`, when the caller has it) and count and
   * stay on cell idx (no re-seek).
   */
  private keepPosition(page = this.source.getPage(this.pgnos[this.depth]!)): void {
    const d = this.depth;
    this.pages[d] = page;
    this.counts[d] = get16(page, headerOffset(this.pgnos[d]!) + 3);
    this.valid = true;
    this.needsSeek = false;
    this.skip = 0;
  }

  private path(): number[] {
    return this.pgnos.slice(0, this.depth + 1);
  }

  private childIndexes(): number[] {
    return this.idx.slice(0, this.depth);
  }

  /** true when the stack runs along the right edge of the tree and idx is past the last cell. */
  private atRightEdge(): boolean {
    for (let d = 0; d <= this.depth; d++) if (this.idx[d] !== this.counts[d]) return false;
    return true;
  }

  /** Frees the overflow chain of cell i at level d (before the cell is dropped or replaced). */
  private freeCellOverflow(w: TreeWrite, d: number, i: number): void {
    const pgno = this.pgnos[d]!;
    const page = w.sink.getPage(pgno);
    this.pages[d] = page;
    parseCell(page, this.cellAt(d, i), this.types[d]!, this.g, this.info);
    if (this.info.overflow !== 0) freeOverflowChain(w.sink, this.info);
  }

  insert(rowid: bigint, record: Uint8Array): void {
    if (this.isIndex) throw new SqliteError('insert on an index cursor', 'SQLITE_MISUSE');
    const w = this.beginWrite();
    let exact: boolean;
    const key = safeNumber(rowid); // converted once for the comparison and the cell
    const c = this.atLast() ? this.compareRowidAt(this.depth, this.idx[this.depth]!, rowid, key) : 1;
    if (c <= 0) {
      // Appending after (or replacing) the last entry: the stack already leads there.
      exact = c === 0;
      if (!exact) this.idx[this.depth]!++;
    } else {
      exact = this.descendRowid(rowid);
    }
    const local = localPayloadSize(record.length, true, this.g);
    const overflow = local < record.length ? writeOverflowChain(w.sink, record, local) : 0;
    if (!exact) {
      // The common case: the new cell fits its leaf, written straight onto the page.
      const pgno = this.pgnos[this.depth]!;
      const room = (this.reservation ??= { page: w.sink.getPage(pgno), offset: 0 });
      if (reserveCellInPlace(w.sink, pgno, this.idx[this.depth]!, tableLeafCellSize(rowid, record.length, local, key), room)) {
        writeTableLeafCell(room.page, room.offset, rowid, record, local, overflow, key);
        this.keepPosition(room.page);
        return;
      }
    }
    const cell = buildTableLeafCell(rowid, record, local, overflow);
    if (this.placeCell(w, exact, cell)) this.keepPosition();
    else this.saveAt(rowid, null);
  }

  insertIndex(key: Uint8Array): void {
    if (!this.isIndex) throw new SqliteError('insertIndex on a table cursor', 'SQLITE_MISUSE');
    const w = this.beginWrite();
    this.targetKey = decodeRecord(key);
    this.targetByLength = true;
    let exact: boolean;
    if (this.atLast() && this.compareIndexAt(this.depth, this.idx[this.depth]!) < 0) {
      // Ascending keys (CREATE INDEX, INSERT ... SELECT in key order): append after the last
      // entry without a descent.
      exact = false;
      this.idx[this.depth]!++;
    } else {
      exact = this.descendIndex();
    }
    this.targetKey = null;
    this.targetByLength = false;
    const local = localPayloadSize(key.length, false, this.g);
    const overflow = local < key.length ? writeOverflowChain(w.sink, key, local) : 0;
    const cell = buildIndexLeafCell(key, local, overflow);
    if (this.placeCell(w, exact, cell)) this.keepPosition();
    else this.saveAt(0n, key.slice());
  }

  /**
   * Puts a new leaf-format cell at the descent's position: replacing on an exact match. Returns
   * true when only the top page changed, in place (the stack then still leads to the new cell).
   */
  private placeCell(w: TreeWrite, exact: boolean, cell: Uint8Array): boolean {
    const d = this.depth;
    const i = this.idx[d]!;
    const pgno = this.pgnos[d]!;
    if (exact && this.isLeafLevel(d)) {
      // Replace on a leaf (UPDATE): same size overwrites; otherwise drop and re-insert in place,
      // falling back to a rebuild plus balance when the page lacks contiguous room.
      this.freeCellOverflow(w, d, i);
      const oldSize = this.info.size;
      const page = w.sink.getWritable(pgno);
      if (oldSize === cell.length) {
        page.set(cell, get16(page, this.pointers[d]! + 2 * i));
        return true;
      }
      dropCellInPlace(page, pgno, i, oldSize, this.g.usableSize);
      if (insertCellInPlace(w.sink, pgno, i, cell)) {
        if (cell.length >= oldSize) return true;
        balancePath(w, this.path(), this.childIndexes());
        return false;
      }
      const node = loadNode(w, pgno);
      node.cells.splice(i, 0, cell);
      storeNode(w, pgno, node);
      balancePath(w, this.path(), this.childIndexes());
      return false;
    }
    if (exact) {
      this.freeCellOverflow(w, d, i);
      const node = loadNode(w, pgno);
      node.cells[i] = isLeafType(node.type) ? cell : withChild(get32(node.cells[i]!, 0), cell, this.g);
      storeNode(w, pgno, node);
      balancePath(w, this.path(), this.childIndexes());
      return false;
    }
    const append = this.atRightEdge();
    if (insertCellInPlace(w.sink, pgno, i, cell)) return true;
    if (append && d > 0 && !this.isIndex && this.counts[d]! > 0) {
      balanceQuick(w, this.pgnos, this.depth, cell);
      return false;
    }
    const node = loadNode(w, pgno);
    node.cells.splice(i, 0, cell);
    storeNode(w, pgno, node);
    balancePath(w, this.path(), this.childIndexes(), append);
    return false;
  }

  delete(): void {
    if (this.needsSeek) this.restore();
    if (!this.valid) throw new SqliteError('delete: cursor is not on an entry', 'SQLITE_MISUSE');
    const key = this.isIndex ? this.payload().slice() : null;
    const rowid = this.isIndex ? 0n : this.rowid();
    const w = this.beginWrite();
    const d = this.depth;
    const i = this.idx[d]!;
    this.freeCellOverflow(w, d, i);
    const pgno = this.pgnos[d]!;
    if (this.isLeafLevel(d)) {
      dropCellInPlace(w.sink.getWritable(pgno), pgno, i, this.info.size, this.g.usableSize);
    } else {
      // An interior index entry: replace it by its predecessor (the last entry of its left
      // subtree), whose cell and overflow chain move up; then the leaf lost a cell.
      this.push(this.childAt(d, i));
      this.moveToRightmost();
      const leafPgno = this.pgnos[this.depth]!;
      const leafNode = loadNode(w, leafPgno);
      const moved = leafNode.cells.pop();
      if (!moved) throw corruptError('empty leaf under an interior entry');
      const interior = loadNode(w, pgno);
      interior.cells[i] = withChild(get32(interior.cells[i]!, 0), moved, this.g);
      storeNode(w, leafPgno, leafNode);
      storeNode(w, pgno, interior);
    }
    balancePath(w, this.path(), this.childIndexes());
    this.saveAt(rowid, key);
  }
}
