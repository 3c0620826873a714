// Checkpoint: copies the newest frame of each page, up to a safe frame, from the WAL into the
// database file. The caller picks the safe frame (never past the oldest live snapshot, so no
// reader ever sees a database-file page change under it). Order for crash safety: sync the WAL
// (the frames must be durable before the db file depends on them), write pages, sync the db
// file; only then may the log be restarted.

import type { VfsFile } from '../os/vfs.js';
import type { Wal } from './wal.js';
import { frameSize, WAL_FRAME_HEADER_SIZE } from './wal-format.js';

/** Pages backfilled with one read and one write at most (256 KB of 4 KB pages). */
const BACKFILL_BATCH = 64;

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
  const pages = wal.index.pagesInRange(wal.backfilled, safeFrame);
  // Consecutive pages whose frames are consecutive too (a large commit) go as one read and one
  // write, not two system calls per page; the order of writes against the syncs is the same.
  const batch = Math.min(BACKFILL_BATCH, pages.length);
  const frames = new Uint8Array(batch * frameSize(pageSize));
  const run = new Uint8Array(batch * pageSize);
  for (let i = 0; i < pages.length; ) {
    const pgno = pages[i]!;
    // Pages past the database size at safeFrame were truncated away by a later commit.
    if (pgno > dbSize) {
      i++;
      continue;
    }
    const frame = wal.index.findFrame(pgno, safeFrame);
    let n = 1;
    while (n < batch && i + n < pages.length && pages[i + n] === pgno + n && pgno + n <= dbSize && wal.index.findFrame(pgno + n, safeFrame) === frame + n) n++;
    wal.readFrames(frame, n, frames);
    for (let k = 0; k < n; k++) {
      const start = k * frameSize(pageSize) + WAL_FRAME_HEADER_SIZE;
      run.set(frames.subarray(start, start + pageSize), k * pageSize);
    }
    dbFile.write(n === batch ? run : run.subarray(0, n * pageSize), (pgno - 1) * pageSize);
    for (let k = 0; k < n; k++) onPageWritten(pgno + k);
    i += n;
  }
  // Like SQLite, shrink the file only once the whole log is backfilled.
  if (safeFrame === wal.mxFrame && dbFile.size() > dbSize * pageSize) dbFile.truncate(dbSize * pageSize);
  if (sync) dbFile.sync();
  wal.backfilled = safeFrame;
  return dbSize;
}
