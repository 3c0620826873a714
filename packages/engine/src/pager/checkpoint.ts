// Checkpoint: copies the newest frame of each page, up to a safe frame, from the WAL into the
// database file. The caller picks the safe frame (never past the oldest live snapshot, so no
// reader ever sees a database-file page change under it). Order for crash safety: sync the WAL
// (the frames must be durable before the db file depends on them), write pages, sync the db
// file; only then may the log be restarted.

import type { VfsFile } from '../os/vfs.js';
import type { Wal } from './wal.js';

export type CheckpointMode = 'passive' | 'full' | 'restart' | 'truncate';

/** What PRAGMA wal_checkpoint reports: busy flag, frames in the log, frames checkpointed. */
export interface CheckpointResult {
  busy: boolean;
  log: number;
  checkpointed: number;
}

/**
 * Backfills frames (wal.backfilled, safeFrame] into `dbFile`. `onPageWritten` lets the caller
 * drop cached copies of db-file pages. Returns the database size in pages at safeFrame.
 */
export function backfill(
  wal: Wal,
  dbFile: VfsFile,
  safeFrame: number,
  sync: boolean,
  onPageWritten: (pgno: number) => void,
): number | null {
  if (safeFrame <= wal.backfilled) return null;
  const pageSize = wal.pageSize;
  if (sync) wal.syncFile();
  const dbSize = wal.index.dbSizeAt(safeFrame);
  const buffer = new Uint8Array(pageSize);
  for (const pgno of wal.index.pagesInRange(wal.backfilled, safeFrame)) {
    // Pages past the database size at safeFrame were truncated away by a later commit.
    if (pgno > dbSize) continue;
    const frame = wal.index.findFrame(pgno, safeFrame);
    wal.readFrame(frame, buffer);
    dbFile.write(buffer, (pgno - 1) * pageSize);
    onPageWritten(pgno);
  }
  // Like SQLite, shrink the file only once the whole log is backfilled.
  if (safeFrame === wal.mxFrame && dbFile.size() > dbSize * pageSize) dbFile.truncate(dbSize * pageSize);
  if (sync) dbFile.sync();
  wal.backfilled = safeFrame;
  return dbSize;
}
