// Hot rollback journal recovery: a `-journal` file left by SQLite (rollback-journal mode) after a
// crash holds the original images of the pages a transaction overwrote. On open it is played
// back into the database file, which is truncated to its original size, synced, and only then is
// the journal deleted. Format: SQLite's pager.c (journal header + page records).

import type { Vfs, VfsFile } from '../os/vfs.js';
import { isValidPageSize, readU32 } from './header.js';

const JOURNAL_MAGIC = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];
/** nRec value meaning "records fill the rest of the file" (written without sync). */
const NREC_TO_END_OF_FILE = 0xffffffff;
const MAX_SECTOR_SIZE = 0x10000;

interface JournalHeader {
  recordCount: number;
  checksumNonce: number;
  initialDbPages: number;
  sectorSize: number;
  pageSize: number;
}

function hasMagic(bytes: Uint8Array): boolean {
  return JOURNAL_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** SQLite's page-record checksum: the nonce plus every 200th byte, walking down from pageSize-200. */
export function journalPageChecksum(nonce: number, page: Uint8Array): number {
  let sum = nonce;
  for (let i = page.length - 200; i > 0; i -= 200) sum = (sum + page[i]!) >>> 0;
  return sum >>> 0;
}

function readHeader(journal: VfsFile, offset: number, first: JournalHeader | null): JournalHeader | null {
  const bytes = new Uint8Array(28);
  if (journal.read(bytes, offset) < 28 || !hasMagic(bytes)) return null;
  const header: JournalHeader = {
    recordCount: readU32(bytes, 8),
    checksumNonce: readU32(bytes, 12),
    initialDbPages: readU32(bytes, 16),
    // Sector and page size are meaningful in the first header only.
    sectorSize: first ? first.sectorSize : readU32(bytes, 20),
    pageSize: first ? first.pageSize : readU32(bytes, 24),
  };
  const sectorOk = header.sectorSize >= 32 && header.sectorSize <= MAX_SECTOR_SIZE && (header.sectorSize & (header.sectorSize - 1)) === 0;
  if (!sectorOk || !isValidPageSize(header.pageSize)) return null;
  return header;
}

/** true when `path`'s journal exists and starts with a journal header: it must be rolled back. */
export function hasHotJournal(vfs: Vfs, dbPath: string): boolean {
  const path = `${dbPath}-journal`;
  if (!vfs.exists(path)) return false;
  const journal = vfs.open(path, { create: false, readonly: true });
  try {
    const bytes = new Uint8Array(8);
    return journal.read(bytes, 0) === 8 && hasMagic(bytes);
  } finally {
    journal.close();
  }
}

/**
 * Rolls a hot journal back into `dbFile` and deletes it. A journal without a valid header
 * (zeroed by PERSIST mode, truncated by TRUNCATE mode, or empty) is stale and just removed.
 * Returns the number of pages restored.
 */
export function rollbackHotJournal(vfs: Vfs, dbPath: string, dbFile: VfsFile, sync: boolean): number {
  const path = `${dbPath}-journal`;
  if (!vfs.exists(path)) return 0;
  const journal = vfs.open(path, { create: false, readonly: false });
  let restored = 0;
  try {
    const journalSize = journal.size();
    const first = readHeader(journal, 0, null);
    if (first) {
      const { pageSize, sectorSize } = first;
      const recordSize = pageSize + 8;
      const done = new Set<number>();
      const page = new Uint8Array(pageSize);
      const small = new Uint8Array(4);
      let header: JournalHeader | null = first;
      let headerOffset = 0;
      playback: while (header) {
        let offset = headerOffset + sectorSize;
        let count = header.recordCount;
        // Written without sync: the records simply run to the end of the file.
        if (count === NREC_TO_END_OF_FILE) count = Math.floor((journalSize - offset) / recordSize);
        for (let i = 0; i < count; i++) {
          if (offset + recordSize > journalSize) break playback;
          journal.read(small, offset);
          const pgno = readU32(small, 0);
          journal.read(page, offset + 4);
          journal.read(small, offset + 4 + pageSize);
          offset += recordSize;
          // A zero page number or a bad checksum marks the end of what was durably journaled.
          if (pgno === 0) break playback;
          if (readU32(small, 0) !== journalPageChecksum(header.checksumNonce, page)) break playback;
          // Only the first (oldest) image of a page is the pre-transaction one.
          if (pgno > first.initialDbPages || done.has(pgno)) continue;
          done.add(pgno);
          dbFile.write(page, (pgno - 1) * pageSize);
          restored++;
        }
        headerOffset = Math.ceil(offset / sectorSize) * sectorSize;
        header = headerOffset + sectorSize <= journalSize ? readHeader(journal, headerOffset, first) : null;
      }
      dbFile.truncate(first.initialDbPages * pageSize);
      if (sync) dbFile.sync();
    }
  } finally {
    journal.close();
  }
  vfs.delete(path);
  return restored;
}
