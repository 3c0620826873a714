// A snapshot: the database as of one committed WAL frame. Read transactions hold one; the
// Pager tracks the live ones so checkpoints never overwrite a db-file page a snapshot reads.

export interface Snapshot {
  /** Last WAL frame visible to this snapshot (0 = the database file alone). */
  mxFrame: number;
  /** Database size in pages as of that frame. */
  pageCount: number;
  active: boolean;
  /** In-memory databases only: images of pages replaced by commits after this snapshot. */
  preserved?: Map<number, Uint8Array>;
}

/** What a transaction needs from the Pager (kept narrow so transactions stay testable). */
export interface PagerInternals {
  readonly pageSize: number;
  readonly usableSize: number;
  /** Page `pgno` as seen by `snapshot` (range already checked by the caller). */
  readPage(snapshot: Snapshot, pgno: number): Uint8Array;
  endSnapshot(snapshot: Snapshot): void;
}
