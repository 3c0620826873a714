// The Pager: one per database file per process, shared by every connection to that file.
// It owns the database file, the WAL and the page cache; hands out snapshot read transactions
// and the single write transaction; commits as WAL frames; checkpoints; recovers on open (hot
// rollback journal, then the WAL); and holds the one-process-per-database lock. An in-memory
// database skips the WAL and the cache: its committed pages live in a MemoryPageStore.
//
// Invariants: a snapshot's pages never change (checkpoints stop at the oldest live snapshot's
// frame; the WAL restarts only when every live snapshot is fully backfilled, and those then read
// the database file alone); only one write transaction exists at a time, and it starts only from
// the latest snapshot.

import { corruptError, SqliteError } from '../common/errors.js';
import { memoryVfs } from '../os/memory-vfs.js';
import type { Vfs, VfsFile } from '../os/vfs.js';
import { backfill, type CheckpointMode, type CheckpointResult } from './checkpoint.js';
import { DEFAULT_PAGE_SIZE, emptyDatabaseImage, headerCurrentFor, isValidPageSize, Offset, parseHeader, stampHeaderForCommit, writeNewHeader } from './header.js';
import { cacheCapacityInPages, DEFAULT_CACHE_SIZE, dbPageKey, frameKey, PageCache } from './page-cache.js';
import { PagerReadTransaction } from './read-transaction.js';
import { MemoryPageStore } from './memory-store.js';
import { PageBufferPool } from './page-buffer-pool.js';
import { lockedByError, recoverDatabaseFile } from './recovery.js';
import type { Snapshot } from './snapshot.js';
import type { ReadTransaction, WriteTransaction } from './types.js';
import { Wal } from './wal.js';
import { PagerWriteTransaction, type WriteOwner } from './write-transaction.js';

export type { CheckpointMode, CheckpointResult } from './checkpoint.js';
export { lockedByError } from './recovery.js';

export interface PagerOpenOptions {
  /** Open without write access. */
  readonly?: boolean;
  /** Create the file when missing (default true). */
  create?: boolean;
  /** An in-memory database (":memory:"): pages in a direct store (no WAL, no cache), journal mode 'memory'. */
  memory?: boolean;
}

/** PRAGMA synchronous: FULL syncs the WAL at every commit; NORMAL only at checkpoints; OFF never. */
export type SynchronousMode = 'off' | 'normal' | 'full';

export const DEFAULT_AUTO_CHECKPOINT = 1000;

export class Pager implements WriteOwner {
  readonly journalMode: 'wal' | 'memory';
  /** Frames in the WAL after which a commit runs a passive checkpoint (0 disables). */
  autoCheckpoint = DEFAULT_AUTO_CHECKPOINT;
  synchronous: SynchronousMode;
  private pageSizeValue: number;
  private reservedBytes = 0;
  private cacheSizeValue = DEFAULT_CACHE_SIZE;
  private readonly cache: PageCache;
  readonly preImagePool = new PageBufferPool();
  /** In-memory databases keep committed pages here instead of a WAL and a cache. */
  private readonly memoryStore: MemoryPageStore | null;
  /** Pages in the database file, valid for snapshots with mxFrame 0 and after full backfills. */
  private dbFilePageCount: number;
  /** Live snapshots. An array, not a Set: there are few, and one is added and removed per statement. */
  private readonly snapshots: Snapshot[] = [];
  private writer: PagerWriteTransaction | null = null;
  private privateOwner: WriteOwner | null = null;
  /** Called after each write transaction ends (commit or rollback), once the lock is free again. */
  private readonly writeEndListeners = new Set<() => void>();
  private closed = false;

  private constructor(
    readonly path: string,
    readonly readonly: boolean,
    private readonly dbFile: VfsFile,
    private readonly wal: Wal,
    private readonly lock: { release(): void } | null,
    pageSize: number,
    dbFilePageCount: number,
    memory: boolean,
  ) {
    this.journalMode = memory ? 'memory' : 'wal';
    this.synchronous = memory ? 'off' : 'full';
    this.pageSizeValue = pageSize;
    this.dbFilePageCount = dbFilePageCount;
    this.cache = new PageCache(cacheCapacityInPages(this.cacheSizeValue, pageSize));
    this.memoryStore = memory ? new MemoryPageStore() : null;
  }

  /**
   * Opens (or lazily creates) the database at `path`. Takes the process lock (throws SQLITE_BUSY
   * naming the holder), rolls back a hot journal, deletes a stale -shm, and recovers the WAL.
   * Opening a missing or empty file and only reading writes nothing to it.
   */
  static open(vfs: Vfs, path: string, options: PagerOpenOptions = {}): Pager {
    const memory = options.memory ?? false;
    const readonly = options.readonly ?? false;
    if (memory) vfs = memoryVfs();
    let lock: { release(): void } | null = null;
    if (!memory) {
      const acquired = vfs.acquireProcessLock(path);
      if ('holder' in acquired) throw lockedByError(acquired.holder);
      lock = acquired;
    }
    try {
      const dbFile = vfs.open(path, { create: options.create ?? true, readonly });
      try {
        return Pager.recover(vfs, path, dbFile, lock, readonly, memory);
      } catch (error) {
        dbFile.close();
        throw error;
      }
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  private static recover(vfs: Vfs, path: string, dbFile: VfsFile, lock: { release(): void } | null, readonly: boolean, memory: boolean): Pager {
    const state = recoverDatabaseFile(vfs, path, dbFile, readonly, !memory);
    const wal = Wal.open(vfs, `${path}-wal`, readonly, state.pageSize, DEFAULT_PAGE_SIZE);
    const pager = new Pager(path, readonly, dbFile, wal, lock, wal.pageSize, state.pageCount, memory);
    pager.loadReservedBytes();
    return pager;
  }

  get pageSize(): number {
    return this.pageSizeValue;
  }

  get usableSize(): number {
    return this.pageSizeValue - this.reservedBytes;
  }

  /** PRAGMA max_page_count (SQLite's mxPgno): write transactions cannot grow the file past it. */
  maxPageCount = 4294967294;

  /** Page count of the latest committed snapshot. */
  get pageCount(): number {
    return this.latestPageCount();
  }

  /**
   * Changes the page size while the database is empty (nothing written yet). Like PRAGMA
   * page_size, an invalid size or a non-empty database is silently ignored; returns whether the
   * size was applied.
   */
  setPageSize(pageSize: number): boolean {
    if (!isValidPageSize(pageSize) || this.latestPageCount() > 0 || this.writer || this.readonly) return false;
    if (pageSize === this.pageSizeValue) return true;
    this.pageSizeValue = pageSize;
    this.wal.pageSize = pageSize;
    this.cache.clear();
    this.cache.setCapacity(cacheCapacityInPages(this.cacheSizeValue, pageSize));
    return true;
  }

  /** PRAGMA cache_size: positive = pages, negative = KiB. */
  setCacheSize(cacheSize: number): void {
    this.cacheSizeValue = cacheSize;
    this.cache.setCapacity(cacheCapacityInPages(cacheSize, this.pageSizeValue));
  }

  get cacheSize(): number {
    return this.cacheSizeValue;
  }

  /** Frames in the WAL (last committed frame) and frames already copied to the database file. */
  get walFrames(): { log: number; backfilled: number } {
    return { log: this.wal.mxFrame, backfilled: this.wal.backfilled };
  }

  /** true while a write transaction is open. */
  get writeLocked(): boolean {
    return this.writer !== null;
  }

  /**
   * Registers `listener` to run each time the write lock is released; returns the unsubscribe.
   * Listeners run synchronously inside commit/rollback: they must only schedule work, never step.
   */
  onWriteEnd(listener: () => void): () => void {
    this.writeEndListeners.add(listener);
    return () => void this.writeEndListeners.delete(listener);
  }

  beginRead(): ReadTransaction {
    this.checkOpen();
    const snapshot: Snapshot = { mxFrame: this.latestFrame(), pageCount: this.latestPageCount(), active: true };
    this.snapshots.push(snapshot);
    return new PagerReadTransaction(this, snapshot);
  }

  /**
   * Starts the write transaction from `read`'s snapshot. Returns null when another transaction
   * holds the write lock; throws SQLITE_BUSY_SNAPSHOT when `read` no longer sees the latest commit.
   * `pagesEndAtCommit`: the caller promises that no array from getWritable() is used after commit,
   * so the WAL keeps those arrays as its cached page images instead of copies.
   */
  tryBeginWrite(read: ReadTransaction, options: { readonly pagesEndAtCommit?: boolean } = {}): WriteTransaction | null {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    if (!(read instanceof PagerReadTransaction) || !read.active || !this.snapshots.includes(read.snapshot)) {
      throw new SqliteError('a write transaction needs an active read transaction of this pager', 'SQLITE_MISUSE');
    }
    if (this.writer) return null;
    if (read.snapshot.mxFrame !== this.latestFrame()) throw new SqliteError('database is locked', 'SQLITE_BUSY_SNAPSHOT');
    if (!this.memoryStore) this.restartWalIfPossible();
    let page1: Uint8Array | null = null;
    if (read.snapshot.pageCount === 0) {
      page1 = new Uint8Array(this.pageSizeValue);
      writeNewHeader(page1, this.pageSizeValue);
    }
    this.writer = new PagerWriteTransaction(this, read.snapshot, page1);
    this.writer.pagesEndAtCommit = options.pagesEndAtCommit ?? false;
    return this.writer;
  }

  /**
   * A private copy-on-write page image over `read`'s snapshot, for a BEGIN CONCURRENT transaction:
   * it never takes the write lock and can never commit (its changes are re-applied logically on
   * the latest snapshot by a regular write transaction). It lives as long as `read` stays active.
   */
  beginPrivateWrite(read: ReadTransaction): WriteTransaction {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
    if (!(read instanceof PagerReadTransaction) || !read.active || !this.snapshots.includes(read.snapshot)) {
      throw new SqliteError('a private write needs an active read transaction of this pager', 'SQLITE_MISUSE');
    }
    return new PagerWriteTransaction((this.privateOwner ??= this.makePrivateOwner()), read.snapshot, null);
  }

  /** The owner of private write transactions: reads through this pager, never commits. */
  private makePrivateOwner(): WriteOwner {
    const pager = this;
    return {
      get pageSize() {
        return pager.pageSize;
      },
      get usableSize() {
        return pager.usableSize;
      },
      preImagePool: this.preImagePool,
      readPage: (snapshot, pgno) => this.readPage(snapshot, pgno),
      endSnapshot: () => undefined,
      commitWrite: () => {
        throw new SqliteError('a private write transaction cannot commit', 'SQLITE_MISUSE');
      },
      endWrite: () => undefined,
    };
  }

  /** Runs a checkpoint as PRAGMA wal_checkpoint(mode) does and reports {busy, log, checkpointed}. */
  checkpoint(mode: CheckpointMode = 'passive'): CheckpointResult {
    this.checkOpen();
    if (this.memoryStore) return { busy: false, log: -1, checkpointed: -1 };
    if (this.readonly) return { busy: false, log: this.wal.mxFrame, checkpointed: this.wal.backfilled };
    const safeFrame = this.oldestSnapshotFrame();
    this.backfillTo(safeFrame);
    let busy = false;
    if (mode !== 'passive') {
      // FULL and stronger need the write lock and every snapshot on the latest frame; we
      // cannot wait (synchronous engine), so we report busy like a timed-out busy handler.
      busy = this.writer !== null || this.wal.backfilled < this.wal.mxFrame;
      if (!busy && (mode === 'restart' || mode === 'truncate')) {
        if (mode === 'truncate') {
          busy = !this.restartWalIfPossible(true);
        } else {
          busy = !this.canRestartWal();
        }
      }
    }
    if (this.journalMode === 'memory') return { busy: false, log: -1, checkpointed: -1 };
    return { busy, log: this.wal.mxFrame, checkpointed: this.wal.backfilled };
  }

  /**
   * Closes the database: rolls back an open write, ends snapshots, checkpoints everything and
   * deletes the WAL (so SQLite sees a plain database file), then releases the process lock.
   * `checkpoint: false` (a test hook) leaves the WAL as it is on disk.
   */
  close(options: { checkpoint?: boolean } = {}): void {
    if (this.closed) return;
    try {
      this.writer?.rollback();
      for (const snapshot of this.snapshots) snapshot.active = false;
      this.snapshots.length = 0;
      let removeWal = false;
      if ((options.checkpoint ?? true) && !this.readonly) {
        try {
          this.backfillTo(this.wal.mxFrame);
          removeWal = true;
        } catch {
          // Like SQLite, a failed checkpoint-on-close is not an error: the WAL stays and is
          // recovered (and checkpointed again) by the next open.
        }
      }
      this.wal.close(removeWal);
    } finally {
      this.closed = true;
      this.cache.clear();
      try {
        this.dbFile.close();
      } finally {
        this.lock?.release();
      }
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  // --- internals used by transactions (PagerInternals / WriteOwner) ---

  readPage(snapshot: Snapshot, pgno: number): Uint8Array {
    if (this.memoryStore !== null) return this.memoryStore.read(snapshot, pgno);
    const frame = snapshot.mxFrame > 0 ? this.wal.index.findFrame(pgno, snapshot.mxFrame) : 0;
    const key = frame > 0 ? frameKey(frame) : dbPageKey(pgno);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const page = new Uint8Array(this.pageSizeValue);
    if (frame > 0) {
      this.wal.readFrame(frame, page);
    } else {
      const offset = (pgno - 1) * this.pageSizeValue;
      if (this.dbFile.read(page, offset) < this.pageSizeValue) throw corruptError(`page ${pgno} is past the end of the database file`);
    }
    this.cache.set(key, page);
    return page;
  }

  endSnapshot(snapshot: Snapshot): void {
    // Newest first: a statement's snapshot usually ends before older ones.
    const index = this.snapshots.lastIndexOf(snapshot);
    if (index < 0) return;
    const last = this.snapshots.pop()!;
    if (index < this.snapshots.length) this.snapshots[index] = last;
  }

  commitWrite(tx: PagerWriteTransaction): void {
    const pageCount = tx.pageCount();
    const changed = tx.dirty.size > 0 || pageCount !== tx.base.pageCount;
    try {
      if (changed) {
        // Only now is page 1 stamped: change counter, page count, valid-for, version, WAL mode;
        // a commit that left page 1 alone and finds its header current writes no page-1 frame.
        let page1 = tx.getPage(1);
        if (tx.dirty.has(1) || !headerCurrentFor(page1, pageCount)) {
          page1 = tx.getWritable(1);
          stampHeaderForCommit(page1, pageCount);
        }
        const pages: Array<[number, Uint8Array]> = [];
        for (const entry of tx.dirty) if (entry[0] <= pageCount) pages.push(entry);
        if (pages.length > 1) pages.sort((a, b) => a[0] - b[0]);
        if (this.memoryStore) this.commitToMemory(tx, pages, pageCount);
        else this.commitToWal(tx, pages, pageCount, page1);
      }
    } finally {
      tx.finish();
    }
    if (changed && this.autoCheckpoint > 0 && this.wal.mxFrame >= this.autoCheckpoint && this.autoCheckpointWorthwhile()) {
      try {
        this.checkpoint('passive');
      } catch {
        // The commit is durable already; a failed auto-checkpoint is retried at the next commit.
      }
    }
  }

  endWrite(tx: PagerWriteTransaction): void {
    if (this.writer !== tx) return;
    this.writer = null;
    for (const listener of [...this.writeEndListeners]) listener();
  }

  // --- private ---

  /** Appends the transaction to the WAL and caches the WAL's copies of its pages. */
  private commitToWal(tx: PagerWriteTransaction, pages: Array<[number, Uint8Array]>, pageCount: number, page1: Uint8Array): void {
    if (this.dbFilePageCount === 0 && this.dbFile.size() === 0) this.initializeDatabaseFile();
    const firstNewFrame = this.wal.mxFrame + 1;
    const images = this.wal.appendTransaction(pages, pageCount, this.synchronous === 'full', this.synchronous !== 'off', tx.pagesEndAtCommit);
    // Cache the WAL's own copies (the transaction's arrays only when no caller holds them any more).
    images.forEach((image, i) => this.cache.set(frameKey(firstNewFrame + i), image));
    if (tx.base.pageCount === 0 || pages[0]![0] === 1) this.loadReservedBytesFrom(page1);
    // The read transaction that started this write now sees its own commit.
    tx.base.mxFrame = this.wal.mxFrame;
    tx.base.pageCount = pageCount;
  }

  /**
   * In-memory commit: the store takes copies (the transaction's arrays may still be held by
   * callers, and writing to them after commit must change nothing).
   */
  private commitToMemory(tx: PagerWriteTransaction, pages: Array<[number, Uint8Array]>, pageCount: number): void {
    const store = this.memoryStore!;
    const images = pages.map(([pgno, page]): [number, Uint8Array] => [pgno, page.slice()]);
    const others = this.snapshots.filter((snapshot) => snapshot !== tx.base);
    store.commit(images, pageCount, others);
    // The base now sees the latest commit, which needs no preserved images.
    tx.base.preserved = undefined;
    this.loadReservedBytesFrom(store.read(tx.base, 1));
    tx.base.mxFrame = store.version;
    tx.base.pageCount = pageCount;
  }

  /** The `mxFrame` a snapshot of the latest commit gets (a commit version for in-memory databases). */
  private latestFrame(): number {
    return this.memoryStore ? this.memoryStore.version : this.wal.mxFrame;
  }

  private latestPageCount(): number {
    if (this.memoryStore) return this.memoryStore.pageCount;
    return this.wal.mxFrame > 0 ? this.wal.index.dbSizeAt(this.wal.mxFrame) : this.dbFilePageCount;
  }

  /**
   * Whether an automatic checkpoint may run now: when it can backfill the whole log (so the WAL can
   * restart), or else once another threshold's worth of frames can be backfilled. Older snapshots
   * (long or BEGIN CONCURRENT transactions) hold the safe frame back, and such a partial checkpoint
   * leaves the log as long as it was: running it more often would only pay its two syncs (each a
   * stall of the event loop) more often, rewriting the same hot pages.
   */
  private autoCheckpointWorthwhile(): boolean {
    const safe = this.oldestSnapshotFrame();
    if (safe === this.wal.mxFrame) return safe > this.wal.backfilled;
    return safe - this.wal.backfilled >= this.autoCheckpoint;
  }

  /** The last frame every live snapshot can see: checkpoints may not go past it. */
  private oldestSnapshotFrame(): number {
    let safe = this.wal.mxFrame;
    for (const snapshot of this.snapshots) safe = Math.min(safe, snapshot.mxFrame);
    return safe;
  }

  private backfillTo(safeFrame: number): void {
    const dbSize = backfill(this.wal, this.dbFile, safeFrame, this.synchronous !== 'off', (pgno) => this.cache.delete(dbPageKey(pgno)));
    if (dbSize !== null && safeFrame === this.wal.mxFrame) this.dbFilePageCount = dbSize;
  }

  /** The WAL may restart when it is fully backfilled and every live snapshot is at its end. */
  private canRestartWal(): boolean {
    if (this.wal.backfilled < this.wal.mxFrame) return false;
    for (const snapshot of this.snapshots) if (snapshot.mxFrame !== this.wal.mxFrame) return false;
    return true;
  }

  /**
   * Restarts the WAL when possible. Snapshots at its end read the same pages from the database
   * file (fully backfilled and synced), so they are moved to frame 0.
   */
  private restartWalIfPossible(truncateFile = false): boolean {
    if (!this.canRestartWal()) return false;
    if (this.wal.mxFrame === 0 && !truncateFile) return true;
    for (const snapshot of this.snapshots) snapshot.mxFrame = 0;
    this.wal.restart(truncateFile && this.wal.hasFile);
    this.cache.clearFrames();
    return true;
  }

  /** Writes (and syncs) an empty database image so the file is never empty while the WAL has data. */
  private initializeDatabaseFile(): void {
    this.dbFile.write(emptyDatabaseImage(this.pageSizeValue), 0);
    if (this.synchronous !== 'off') this.dbFile.sync();
    this.dbFilePageCount = 1;
  }

  private loadReservedBytes(): void {
    if (this.latestPageCount() === 0) return;
    const snapshot: Snapshot = { mxFrame: this.wal.mxFrame, pageCount: this.latestPageCount(), active: true };
    const page1 = this.readPage(snapshot, 1);
    let header;
    try {
      header = parseHeader(page1);
    } catch (error) {
      // A WAL that passed its checksums but holds a damaged page 1 is corruption, not "not a db".
      if (this.wal.index.findFrame(1, this.wal.mxFrame) > 0) throw corruptError('page 1 in the WAL has no valid header');
      throw error;
    }
    if (header.pageSize !== this.pageSizeValue) throw corruptError('page size in page 1 disagrees with the WAL');
    this.reservedBytes = header.reservedBytes;
  }

  private loadReservedBytesFrom(page1: Uint8Array): void {
    this.reservedBytes = page1[Offset.reservedBytes]!;
  }

  private checkOpen(): void {
    if (this.closed) throw new SqliteError('database connection is not open', 'SQLITE_MISUSE');
  }
}
