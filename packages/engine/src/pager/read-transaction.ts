// A read transaction: a PageSource over one snapshot, until end().

import { corruptError, SqliteError } from '../common/errors.js';
import type { PagerInternals, Snapshot } from './snapshot.js';
import type { ReadTransaction } from './types.js';

export class PagerReadTransaction implements ReadTransaction {
  constructor(
    private readonly pager: PagerInternals,
    readonly snapshot: Snapshot,
  ) {}

  get active(): boolean {
    return this.snapshot.active;
  }
  get pageSize(): number {
    return this.pager.pageSize;
  }
  get usableSize(): number {
    return this.pager.usableSize;
  }
  pageCount(): number {
    return this.snapshot.pageCount;
  }

  getPage(pgno: number): Uint8Array {
    if (!this.snapshot.active) throw new SqliteError('read transaction has ended', 'SQLITE_MISUSE');
    if (!Number.isInteger(pgno) || pgno < 1 || pgno > this.snapshot.pageCount) throw corruptError(`page ${pgno} out of range`);
    return this.pager.readPage(this.snapshot, pgno);
  }

  end(): void {
    if (!this.snapshot.active) return;
    this.snapshot.active = false;
    this.pager.endSnapshot(this.snapshot);
  }
}
