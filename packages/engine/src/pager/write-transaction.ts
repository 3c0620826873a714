// The write transaction: private copy-on-write page images over the snapshot it started from,
// nested savepoints that store a page's pre-image only the first time it is touched after the
// innermost savepoint (copied into pooled buffers), and commit/rollback delegated to the Pager.
//
// Invariant: every page numbered above the base snapshot's page count (appended or regrown) is
// in `dirty`; pages past `pageCountValue` are never in `dirty`.

import { corruptError, SqliteError } from '../common/errors.js';
import type { PageBufferPool } from './page-buffer-pool.js';
import type { PagerInternals, Snapshot } from './snapshot.js';
import type { WriteTransaction } from './types.js';

interface Savepoint {
  pageCount: number;
  /**
   * pgno -> content before its first change under this savepoint (null: was not dirty). The
   * arrays are private to the savepoint (pooled), never handed out while recorded here.
   */
  preImages: Map<number, Uint8Array | null>;
}

/** Commit/rollback hooks the Pager provides. */
export interface WriteOwner extends PagerInternals {
  commitWrite(tx: PagerWriteTransaction): void;
  endWrite(tx: PagerWriteTransaction): void;
  /** Where pre-image buffers come from and go back to (shared across transactions). */
  readonly preImagePool: PageBufferPool;
  /** PRAGMA max_page_count: the file may not grow past it (absent: no limit but SQLite's own). */
  readonly maxPageCount?: number;
}

export class PagerWriteTransaction implements WriteTransaction {
  readonly dirty = new Map<number, Uint8Array>();
  /** Set by the Pager: no caller uses the dirty arrays after commit (the WAL may keep them). */
  pagesEndAtCommit = false;
  /** The b-tree's registry of cursors open on this transaction (btree/cursor-registry.ts). */
  cursorRegistry: Map<number, Set<unknown>> | null = null;
  private pageCountValue: number;
  private readonly savepoints: Savepoint[] = [];
  /** Closed savepoints (empty maps) reused by savepoint(): one opens per statement. */
  private readonly spareSavepoints: Savepoint[] = [];
  private ended = false;

  constructor(
    private readonly owner: WriteOwner,
    /** The snapshot of the read transaction this write started from (it advances at commit). */
    readonly base: Snapshot,
    /** Page 1 of a brand-new database (header already written), or null. */
    newDatabasePage1: Uint8Array | null,
  ) {
    this.pageCountValue = base.pageCount;
    if (newDatabasePage1) {
      this.dirty.set(1, newDatabasePage1);
      this.pageCountValue = Math.max(1, this.pageCountValue);
    }
  }

  get active(): boolean {
    return !this.ended;
  }
  get pageSize(): number {
    return this.owner.pageSize;
  }
  get usableSize(): number {
    return this.owner.usableSize;
  }
  pageCount(): number {
    return this.pageCountValue;
  }

  getPage(pgno: number): Uint8Array {
    this.checkActive();
    this.checkRange(pgno);
    return this.dirty.get(pgno) ?? this.owner.readPage(this.base, pgno);
  }

  getWritable(pgno: number): Uint8Array {
    this.checkActive();
    this.checkRange(pgno);
    this.recordPreImage(pgno);
    let page = this.dirty.get(pgno);
    if (!page) {
      page = this.owner.readPage(this.base, pgno).slice();
      this.dirty.set(pgno, page);
    }
    return page;
  }

  appendPage(): number {
    this.checkActive();
    const pgno = this.pageCountValue + 1;
    this.checkGrowth(pgno);
    this.recordPreImage(pgno);
    this.dirty.set(pgno, new Uint8Array(this.owner.pageSize));
    this.pageCountValue = pgno;
    return pgno;
  }

  setPageCount(pageCount: number): void {
    this.checkActive();
    if (!Number.isInteger(pageCount) || pageCount < 0) throw new SqliteError(`invalid page count ${pageCount}`, 'SQLITE_MISUSE');
    if (pageCount < this.pageCountValue) {
      for (const pgno of [...this.dirty.keys()]) {
        if (pgno <= pageCount) continue;
        this.recordPreImage(pgno);
        this.dirty.delete(pgno);
      }
    } else {
      this.checkGrowth(pageCount);
      // Regrown pages read as zeros, whatever the base snapshot held there.
      for (let pgno = this.pageCountValue + 1; pgno <= pageCount; pgno++) {
        this.recordPreImage(pgno);
        this.dirty.set(pgno, new Uint8Array(this.owner.pageSize));
      }
    }
    this.pageCountValue = pageCount;
  }

  /** SQLite's pager refuses a page past mxPgno with SQLITE_FULL. */
  private checkGrowth(pageCount: number): void {
    if (this.owner.maxPageCount !== undefined && pageCount > this.owner.maxPageCount) throw new SqliteError('database or disk is full', 'SQLITE_FULL');
  }

  savepoint(): number {
    this.checkActive();
    const savepoint = this.spareSavepoints.pop() ?? { pageCount: 0, preImages: new Map<number, Uint8Array | null>() };
    savepoint.pageCount = this.pageCountValue;
    this.savepoints.push(savepoint);
    return this.savepoints.length;
  }

  rollbackTo(depth: number): void {
    this.checkActive();
    this.checkDepth(depth);
    // Innermost first, so the outermost (oldest) pre-image of a page is the one left in place.
    // Each pre-image is consumed exactly once here (restored, then recycled or adopted).
    for (let i = this.savepoints.length - 1; i >= depth - 1; i--) {
      for (const [pgno, preImage] of this.savepoints[i]!.preImages) this.restorePage(pgno, preImage);
    }
    const target = this.savepoints[depth - 1]!;
    this.pageCountValue = target.pageCount;
    for (const pgno of [...this.dirty.keys()]) if (pgno > target.pageCount) this.dirty.delete(pgno);
    this.closeSavepointsFrom(depth);
    target.preImages.clear();
  }

  release(depth: number): void {
    this.checkActive();
    this.checkDepth(depth);
    const parent = depth >= 2 ? this.savepoints[depth - 2]! : null;
    const pool = this.owner.preImagePool;
    // The parent keeps its own pre-image; otherwise the oldest child's is the right one. Every
    // pre-image not moved to the parent is unreferenced from here on.
    for (let i = depth - 1; i < this.savepoints.length; i++) {
      for (const [pgno, preImage] of this.savepoints[i]!.preImages) {
        if (parent && !parent.preImages.has(pgno)) parent.preImages.set(pgno, preImage);
        else if (preImage) pool.recycle(preImage);
      }
    }
    this.closeSavepointsFrom(depth - 1);
  }

  commit(): void {
    this.checkActive();
    this.dropSavepoints();
    this.owner.commitWrite(this);
  }

  rollback(): void {
    if (this.ended) return;
    this.finish();
  }

  /** Called by the Pager once the transaction is over (committed, rolled back, or failed). */
  finish(): void {
    this.ended = true;
    this.dirty.clear();
    this.dropSavepoints();
    this.owner.endWrite(this);
  }

  /** Forgets every savepoint; their pre-images are unreferenced from here on. */
  private dropSavepoints(): void {
    for (const savepoint of this.savepoints) {
      for (const preImage of savepoint.preImages.values()) if (preImage) this.owner.preImagePool.recycle(preImage);
    }
    this.closeSavepointsFrom(0);
  }

  /** Removes the savepoints at index >= `count` (their pre-images already consumed or recycled). */
  private closeSavepointsFrom(count: number): void {
    while (this.savepoints.length > count) {
      const savepoint = this.savepoints.pop()!;
      savepoint.preImages.clear();
      if (this.spareSavepoints.length < 8) this.spareSavepoints.push(savepoint);
    }
  }

  private recordPreImage(pgno: number): void {
    // No savepoint open (statements that need none): nothing to record. Checked by length, since
    // reading index -1 of an empty array takes V8's slow keyed-load path on every page write.
    const count = this.savepoints.length;
    if (count === 0) return;
    const top = this.savepoints[count - 1]!;
    if (top.preImages.has(pgno)) return;
    const current = this.dirty.get(pgno);
    top.preImages.set(pgno, current ? this.owner.preImagePool.copyOf(current) : null);
  }

  /** Puts back a pre-image, keeping the page's array identity where the page survives. */
  private restorePage(pgno: number, preImage: Uint8Array | null): void {
    const current = this.dirty.get(pgno);
    if (preImage) {
      if (current) {
        current.set(preImage);
        this.owner.preImagePool.recycle(preImage);
      } else {
        // The pre-image leaves the savepoint for good: it becomes the page itself.
        this.dirty.set(pgno, preImage);
      }
    } else if (current && pgno <= this.base.pageCount) {
      current.set(this.owner.readPage(this.base, pgno));
    } else {
      this.dirty.delete(pgno);
    }
  }

  private checkActive(): void {
    if (this.ended) throw new SqliteError('write transaction has ended', 'SQLITE_MISUSE');
  }

  private checkRange(pgno: number): void {
    if (!Number.isInteger(pgno) || pgno < 1 || pgno > this.pageCountValue) throw corruptError(`page ${pgno} out of range`);
  }

  private checkDepth(depth: number): void {
    if (!Number.isInteger(depth) || depth < 1 || depth > this.savepoints.length) {
      throw new SqliteError(`no such savepoint depth ${depth}`, 'SQLITE_MISUSE');
    }
  }
}
