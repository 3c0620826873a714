// The B-tree layer's contract with the VM. A cursor walks one table tree (keyed by rowid,
// payload = record) or one index tree (key = record, no payload). Cursors read through a
// PageSource snapshot; write methods need the PageSink of the write transaction.

import type { SqlValue } from '../common/values.js';
import type { Collation } from '../values/collation.js';

/** How index keys compare: one entry per key column (missing entries mean BINARY/ASC). */
export interface KeyInfo {
  /** Collation per key column. */
  readonly collations: readonly Collation[];
  /** true for a DESC column. */
  readonly descending: readonly boolean[];
}

/**
 * Result of a seek, as sqlite3BtreeMovetoUnpacked reports it: 0 = the cursor is on an entry
 * equal to the key; < 0 = on the entry just before where the key would be; > 0 = on the entry
 * just after. When the tree is empty the cursor is at EOF and the result is -1.
 */
export type SeekResult = number;

/** Where a record lies: bytes[start, end). */
export interface PayloadRange {
  bytes: Uint8Array;
  start: number;
  end: number;
}

export interface BtreeCursor {
  readonly rootPage: number;
  readonly isIndex: boolean;
  /** true when the cursor is not on an entry. */
  readonly eof: boolean;

  /** Each returns true when the cursor ends up on an entry. */
  first(): boolean;
  last(): boolean;
  next(): boolean;
  prev(): boolean;

  /** Table trees: positions near `rowid` (see SeekResult). */
  seekRowid(rowid: bigint): SeekResult;
  /**
   * Index trees: positions near the entry whose leading fields equal `key` (a prefix of the
   * index columns is allowed). `bias` decides ties with a prefix key: -1 lands before all equal
   * entries (for >= / = scans), +1 after them (for > / <= scans).
   */
  seekIndex(key: readonly SqlValue[], bias: -1 | 1): SeekResult;

  /** Table trees: the rowid of the current entry. */
  rowid(): bigint;
  /** The current entry's record (table: the row; index: the key), overflow pages followed. */
  payload(): Uint8Array;

  /**
   * Index trees: compareRecordToKey(payload(), key, keyInfo) for the current entry, compared in
   * place (no copy of the record, unlike payload() in a write transaction). Optional so other
   * BtreeCursor implementations need not provide it; TreeCursor does.
   */
  compareKey?(key: readonly SqlValue[]): number;

  /**
   * The current entry's record as bytes[start, end): over a read snapshot, when the record lies
   * whole on its page, the page itself (no copy, no view object); otherwise what payload() returns.
   * Optional, like compareKey.
   */
  payloadRange?(range: PayloadRange): void;

  /**
   * The number of entries in the tree (SQLite's sqlite3BtreeCount: table leaves' cells, or every
   * cell of an index tree); leaves the cursor on no entry. Optional: the VM counts with first()/next() otherwise.
   */
  count?(): number;

  /** Table trees: inserts or replaces the row `rowid`. Leaves the cursor on the new entry. */
  insert(rowid: bigint, record: Uint8Array): void;
  /** Index trees: inserts the key record. Leaves the cursor on the new entry. */
  insertIndex(key: Uint8Array): void;
  /** Deletes the current entry; afterwards next() moves to the entry that followed it. */
  delete(): void;
}
