// PRAGMA integrity_check at the b-tree level: every tree's structure (page types, cell bounds,
// rowid order, equal leaf depth, overflow chain lengths, space accounting), the freelist, and
// that every page is used exactly once. Index-vs-table content checks belong to the VM layer.
// Never throws on a damaged file and never loops: each page is visited at most once.

import { SqliteError } from '../common/errors.js';
import type { PageSource } from '../pager/types.js';
import { cellRowid, geometryFor, newCellInfo, parseCell, type Geometry } from './cell.js';
import { AUTOVACUUM_OFFSET, FIRST_TRUNK_OFFSET, FREE_COUNT_OFFSET, pendingBytePage } from './freelist.js';
import { overflowPageCount, readPayload } from './overflow.js';
import { compareRecords } from '../record/compare.js';
import type { KeyInfo } from './types.js';
import { get16, get32, headerOffset, isLeafType, isTableType, isValidPageType } from './page.js';

export interface TreeRoot {
  readonly name: string;
  readonly root: number;
  readonly isIndex: boolean;
  /** Index trees: when given, entries must ascend under this order (SQLite leaves that to the VM). */
  readonly keyInfo?: KeyInfo;
}

const MAX_TREE_DEPTH = 64;

class Checker {
  readonly messages: string[] = [];
  readonly pageCount: number;
  readonly refs: Uint8Array;
  readonly g: Geometry;
  readonly info = newCellInfo();
  /** Index order check of the tree being walked: its KeyInfo and the previous entry in order. */
  keyInfo: KeyInfo | null = null;
  previousEntry: Uint8Array | null = null;

  constructor(readonly source: PageSource, readonly maxErrors: number) {
    this.pageCount = source.pageCount();
    this.refs = new Uint8Array(this.pageCount + 1);
    this.g = geometryFor(source.usableSize);
  }

  get full(): boolean {
    return this.messages.length >= this.maxErrors;
  }

  fail(context: string, message: string): void {
    if (!this.full) this.messages.push(context + message);
  }

  /** Marks a page used; reports and returns true when it is out of range or already used. */
  ref(pgno: number, context: string): boolean {
    if (pgno < 1 || pgno > this.pageCount) {
      this.fail(context, `invalid page number ${pgno}`);
      return true;
    }
    if (this.refs[pgno]) {
      this.fail(context, `2nd reference to page ${pgno}`);
      return true;
    }
    this.refs[pgno] = 1;
    return false;
  }

  /** Walks an overflow chain or the freelist, expecting `expected` pages. */
  checkList(freelist: boolean, first: number, expected: number, context: string): void {
    let remaining = expected;
    let pgno = first;
    while (remaining-- > 0 && !this.full) {
      if (pgno < 1) {
        this.fail(context, `${remaining + 1} of ${expected} pages missing from overflow list starting at ${first}`);
        return;
      }
      if (this.ref(pgno, context)) return;
      const page = this.source.getPage(pgno);
      if (freelist) {
        const leaves = get32(page, 4);
        if (leaves > this.g.usableSize / 4 - 2) {
          this.fail(context, `freelist leaf count too big on page ${pgno}`);
          remaining--;
        } else {
          for (let i = 0; i < leaves; i++) this.ref(get32(page, 8 + 4 * i), context);
          remaining -= leaves;
        }
      }
      pgno = get32(page, 0);
    }
    if (freelist && remaining < -1) this.fail(context, `size is ${expected - remaining - 1} but should be ${expected}`);
  }

  /**
   * Checks the subtree at pgno; table keys must lie in (lower, upper]. Returns the subtree's
   * depth (leaf = 1), or -1 when the page could not be checked.
   */
  checkTree(root: number, pgno: number, isIndex: boolean, lower: bigint | null, upper: bigint | null, level: number, context: string): number {
    if (this.full) return -1;
    if (level > MAX_TREE_DEPTH) {
      this.fail(context, 'tree too deep');
      return -1;
    }
    if (this.ref(pgno, context)) return -1;
    const prefix = `Tree ${root} page ${pgno}`;
    const page = this.source.getPage(pgno);
    const usable = this.g.usableSize;
    const hdr = headerOffset(pgno);
    const type = page[hdr]!;
    const cellCount = get16(page, hdr + 3);
    const pointers = hdr + (isLeafType(type) ? 8 : 12);
    let content = get16(page, hdr + 5) || 65536;
    if (!isValidPageType(type) || isTableType(type) === isIndex || pointers + 2 * cellCount > content || content > usable) {
      this.fail(`${prefix}: `, 'btreeInitPage() returns error code 11');
      return -1;
    }
    const leaf = isLeafType(type);
    const table = isTableType(type);
    const used: number[] = []; // [start, end) pairs of cells and freeblocks
    let depth = -1;
    let previous = lower;
    for (let i = 0; i < cellCount && !this.full; i++) {
      const cellContext = `${prefix} cell ${i}: `;
      const off = get16(page, pointers + 2 * i);
      if (off < content || off > usable - 4) {
        this.fail(cellContext, `Offset ${off} out of range ${content}..${usable - 4}`);
        continue;
      }
      try {
        parseCell(page, off, type, this.g, this.info);
      } catch {
        this.fail(cellContext, 'Extends off end of page');
        continue;
      }
      used.push(off, off + this.info.size);
      const child = this.info.child;
      if (this.info.overflow !== 0) {
        const count = overflowPageCount(this.info.payloadSize, this.info.localSize, usable);
        this.checkList(false, this.info.overflow, count, cellContext);
      }
      let key: bigint | null = null;
      const keyBefore = previous;
      if (table) {
        key = cellRowid(page, off, type);
        if ((previous !== null && key <= previous) || (upper !== null && key > upper)) this.fail(cellContext, `Rowid ${key} out of order`);
        previous = key;
      }
      if (!leaf) {
        const childDepth = this.checkTree(root, child, isIndex, keyBefore, key, level + 1, cellContext);
        if (depth < 0) depth = childDepth;
        else if (childDepth >= 0 && childDepth !== depth) this.fail(cellContext, 'Child page depth differs');
      }
      if (isIndex && this.keyInfo) this.checkIndexOrder(page, off, type, cellContext);
    }
    if (!leaf && !this.full) {
      const right = get32(page, hdr + 8);
      const rightContext = `${prefix} right child: `;
      const childDepth = this.checkTree(root, right, isIndex, table ? previous : null, upper, level + 1, rightContext);
      if (depth < 0) depth = childDepth;
      else if (childDepth >= 0 && childDepth !== depth) this.fail(rightContext, 'Child page depth differs');
    }
    this.checkSpace(page, pgno, hdr, content, used, `${prefix}: `);
    return leaf ? 1 : depth < 0 ? -1 : depth + 1;
  }

  /** In-order walk of an index: each entry must sort after the previous one. */
  private checkIndexOrder(page: Uint8Array, offset: number, type: number, context: string): void {
    try {
      parseCell(page, offset, type, this.g, this.info);
      const entry = readPayload(this.source, page, this.info).slice();
      if (this.previousEntry && compareRecords(this.previousEntry, entry, this.keyInfo!) >= 0) this.fail(context, 'Index entry out of order');
      this.previousEntry = entry;
    } catch (error) {
      this.fail(context, describe(error));
    }
  }

  /** Cells and freeblocks must not overlap; unaccounted bytes must equal the fragment count. */
  private checkSpace(page: Uint8Array, pgno: number, hdr: number, content: number, used: number[], context: string): void {
    const usable = this.g.usableSize;
    let block = get16(page, hdr + 1);
    let guard = 0;
    while (block !== 0 && guard++ < usable / 4) {
      if (block < content || block > usable - 4) {
        this.fail(context, `Freeblock offset ${block} out of range`);
        return;
      }
      const size = get16(page, block + 2);
      used.push(block, block + size);
      const next = get16(page, block);
      if (next !== 0 && next <= block + size) {
        this.fail(context, `Freeblock list out of order on page ${pgno}`);
        return;
      }
      block = next;
    }
    const ranges: [number, number][] = [];
    for (let i = 0; i < used.length; i += 2) ranges.push([used[i]!, used[i + 1]!]);
    ranges.sort((a, b) => a[0] - b[0]);
    let fragments = 0;
    let end = content;
    for (const [start, stop] of ranges) {
      if (start < end) {
        this.fail(context, `Multiple uses for byte ${start} of page ${pgno}`);
        return;
      }
      fragments += start - end;
      end = stop;
    }
    if (end > usable) {
      this.fail(context, `Extends off end of page ${pgno}`);
      return;
    }
    fragments += usable - end;
    if (fragments !== page[hdr + 7]) this.fail('', `Fragmentation of ${fragments} bytes reported as ${page[hdr + 7]} on page ${pgno}`);
  }
}

/** Pointer-map page holding the entry of pgno (auto-vacuum databases). */
function ptrmapPageOf(pgno: number, usableSize: number): number {
  const perMap = usableSize / 5 + 1;
  return Math.floor((pgno - 2) / perMap) * perMap + 2;
}

/**
 * Checks the b-tree structure of a database snapshot. Returns SQLite-style messages; an empty
 * array means no damage was found (PRAGMA integrity_check then prints "ok").
 * `roots` lists every tree (sqlite_schema, root 1, is added when missing). A `partial` check
 * (PRAGMA integrity_check(table)) checks only those trees: not the freelist, nor unused pages.
 */
export function checkIntegrity(source: PageSource, roots: readonly TreeRoot[], maxErrors = 100, partial = false): string[] {
  const checker = new Checker(source, Math.max(1, maxErrors));
  const pending = pendingBytePage(source.pageSize);
  if (pending <= checker.pageCount) checker.refs[pending] = 1;
  let autoVacuum = false;
  if (!partial) {
    try {
      const page1 = source.getPage(1);
      autoVacuum = get32(page1, AUTOVACUUM_OFFSET) !== 0;
      checker.checkList(true, get32(page1, FIRST_TRUNK_OFFSET), get32(page1, FREE_COUNT_OFFSET), 'Freelist: ');
    } catch (error) {
      checker.fail('Freelist: ', describe(error));
    }
  }
  const all = partial || roots.some((r) => r.root === 1) ? roots : [{ name: 'sqlite_schema', root: 1, isIndex: false }, ...roots];
  for (const tree of all) {
    if (checker.full) break;
    if (tree.root === 0) continue;
    checker.keyInfo = tree.keyInfo ?? null;
    checker.previousEntry = null;
    try {
      checker.checkTree(tree.root, tree.root, tree.isIndex, null, null, 0, '');
    } catch (error) {
      checker.fail(`Tree ${tree.root}: `, describe(error));
    }
  }
  for (let pgno = 1; !partial && pgno <= checker.pageCount && !checker.full; pgno++) {
    if (checker.refs[pgno]) continue;
    if (autoVacuum && ptrmapPageOf(pgno, source.usableSize) === pgno) continue;
    checker.fail('', `Page ${pgno}: never used`);
  }
  return checker.messages;
}

/** A damaged page surfaces as an SqliteError; anything else would be a checker bug, still reported. */
function describe(error: unknown): string {
  if (error instanceof SqliteError) return error.message;
  return `internal error: ${String(error)}`;
}
