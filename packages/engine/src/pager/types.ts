// The pager's contract with the layers above (B-tree, VM, connection).
//
// One Pager exists per database file per process and is shared by every connection to it.
// Each transaction reads one snapshot of the database (WAL frames up to a fixed frame number),
// so several connections read different snapshots while one of them writes.
//
// Pages handed out by `getPage` are shared and must never be mutated; `getWritable` returns
// this write transaction's private copy (copy-on-write), which becomes visible to other
// snapshots only at commit, as new WAL frames.
// After commit or rollback, arrays from `getWritable` are dead: writing to them changes nothing.

/** Read access to one consistent snapshot of the database. */
export interface PageSource {
  /** Bytes per page (512..65536, a power of two). */
  readonly pageSize: number;
  /** pageSize minus the reserved bytes at the end of each page (header offset 20). */
  readonly usableSize: number;
  /** Number of pages in this snapshot's database image. */
  pageCount(): number;
  /** Page `pgno` (1-based). Throws SQLITE_CORRUPT for pgno 0 or > pageCount(). Do not mutate. */
  getPage(pgno: number): Uint8Array;
}

/** A write transaction: at most one per database at a time. */
export interface PageSink extends PageSource {
  /** This transaction's private, mutable copy of page `pgno`. Repeated calls return the same array. */
  getWritable(pgno: number): Uint8Array;
  /** Grows the database by one zero-filled page and returns its number (its array is writable). */
  appendPage(): number;
  /** Shrinks (or grows) the image to `pageCount` pages (used by auto-vacuum/VACUUM, freelist trimming). */
  setPageCount(pageCount: number): void;
  /** Opens a nested savepoint over page contents (statement rollback, SAVEPOINT); returns its depth. */
  savepoint(): number;
  /** Restores every page (and the page count) to what it was when savepoint `depth` was opened; keeps it open. */
  rollbackTo(depth: number): void;
  /** Forgets savepoint `depth` and every savepoint opened after it, keeping their changes. */
  release(depth: number): void;
}

/** One snapshot held open by a connection: a PageSource until end() is called. */
export interface ReadTransaction extends PageSource {
  /** false once end() was called. */
  readonly active: boolean;
  /** Releases the snapshot (lets checkpoints move past it). Idempotent. */
  end(): void;
}

/**
 * The one write transaction of a database. Pages obtained with getWritable() must be obtained
 * again after savepoint()/rollbackTo()/release() before being modified (the savepoint records a
 * page's pre-image when getWritable() is called, as SQLite's sqlite3PagerWrite does).
 */
export interface WriteTransaction extends PageSink {
  readonly active: boolean;
  /**
   * Makes the changes durable (as WAL frames) and visible to new snapshots; the read
   * transaction the write was started from now sees them too. Ends the write transaction.
   * On an I/O error nothing is committed and the transaction is rolled back.
   */
  commit(): void;
  /** Discards every change and ends the write transaction. */
  rollback(): void;
}
