// What Pager.open does to the database file before the WAL is read: roll back a hot journal,
// delete a stale -shm, undo a torn first write, and read the header (page size, page count).
// Also the error reported when another process holds the database.

import { notADatabaseError, SqliteError } from '../common/errors.js';
import type { LockHolder, Vfs, VfsFile } from '../os/vfs.js';
import { decodePageSize, emptyDatabaseImage, HEADER_SIZE, parseHeader } from './header.js';
import { hasHotJournal, rollbackHotJournal } from './journal.js';

/** The error an open reports when another live process holds the database. */
export function lockedByError(holder: LockHolder): SqliteError {
  const error = new SqliteError(
    `database is locked: held by process ${holder.pid} on ${holder.hostname ?? 'unknown host'} since ${holder.since ?? 'unknown time'}`,
    'SQLITE_BUSY',
  );
  Object.defineProperty(error, 'holder', { value: holder, enumerable: false });
  return error;
}

/** The database file as found on open: its page size (null when empty) and page count. */
export interface DatabaseFileState {
  pageSize: number | null;
  pageCount: number;
}

export function recoverDatabaseFile(vfs: Vfs, path: string, dbFile: VfsFile, readonly: boolean, sync: boolean): DatabaseFileState {
  if (vfs.exists(`${path}-journal`)) {
    if (!readonly) rollbackHotJournal(vfs, path, dbFile, sync);
    // A read-only open cannot roll back: reading the half-written file would be wrong.
    else if (hasHotJournal(vfs, path)) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY_ROLLBACK');
  }
  // There is no shared-memory index (one process per database): a -shm is a leftover.
  if (!readonly && vfs.exists(`${path}-shm`)) vfs.delete(`${path}-shm`);
  let fileSize = dbFile.size();
  if (fileSize > 0 && fileSize <= 65536 && !readonly && isTornEmptyImage(dbFile, fileSize)) {
    // The first commit's empty-database image was cut short by a crash: nothing was committed.
    dbFile.truncate(0);
    fileSize = 0;
  }
  if (fileSize === 0) return { pageSize: null, pageCount: 0 };
  const first = new Uint8Array(HEADER_SIZE);
  if (fileSize < HEADER_SIZE || dbFile.read(first, 0) < HEADER_SIZE) throw notADatabaseError();
  const header = parseHeader(first);
  // The in-header size when valid (SQLite's rule), else what the file holds.
  return { pageSize: header.pageSize, pageCount: header.pageCount ?? Math.floor(fileSize / header.pageSize) };
}

/**
 * true when the file holds only part of the empty-database image the Pager writes before its
 * first WAL commit (each byte equal to the image or zero, but not the complete image): a crash
 * tore that first write, and the database is still empty.
 */
function isTornEmptyImage(dbFile: VfsFile, fileSize: number): boolean {
  const bytes = new Uint8Array(fileSize);
  if (dbFile.read(bytes, 0) < fileSize) return false;
  const declared = fileSize >= 18 ? decodePageSize(bytes) : 0;
  const candidates = declared ? [declared] : [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
  for (const pageSize of candidates) {
    if (fileSize > pageSize) continue;
    const image = emptyDatabaseImage(pageSize);
    let matches = true;
    let complete = fileSize === pageSize;
    for (let i = 0; i < fileSize && matches; i++) {
      if (bytes[i] === image[i]) continue;
      if (bytes[i] === 0) complete = false;
      else matches = false;
    }
    if (matches && !complete) return true;
  }
  return false;
}
