// The write-ahead log of one database: recovery of an existing -wal file on open (frames are
// kept only up to the last valid commit frame; a torn tail is dropped), appending a committed
// transaction as frames, reading frames, and restarting the log after a full checkpoint.
//
// Invariants: frames 1..mxFrame are valid, committed, and indexed; frames past mxFrame in the
// file are garbage (a failed or torn transaction) and are overwritten by the next append, whose
// checksum chain starts from frame mxFrame's so no stale frame can ever chain onto it.

import { corruptError } from '../common/errors.js';
import type { Vfs, VfsFile } from '../os/vfs.js';
import {
  type Checksum,
  decodeFrame,
  decodeWalHeader,
  encodeFrameHeader,
  encodeWalHeader,
  frameOffset,
  frameSize,
  WAL_FRAME_HEADER_SIZE,
  WAL_HEADER_SIZE,
  type WalHeader,
} from './wal-format.js';
import { WalIndex } from './wal-index.js';

/** Frames are written in batches of about this many bytes (one write call each). */
const WRITE_BATCH_BYTES = 1 << 20;
/** The reused frame buffer grows to this size at most (larger commits allocate theirs). */
const SCRATCH_MAX_BYTES = 1 << 16;

export class Wal {
  readonly index = new WalIndex();
  /** Last committed frame. */
  mxFrame = 0;
  /** Frames 1..backfilled have been copied into the database file (and it was synced). */
  backfilled = 0;
  /** The header frames 1..mxFrame were written under; null until the first frame after a (re)start. */
  private header: WalHeader | null = null;
  /** The header found on open or last written: its sequence and salt seed the next header. */
  private previousHeader: WalHeader | null = null;
  private lastChecksum: Checksum = [0, 0];
  /** Where adopted pages' frames are assembled before their write. */
  private scratch: Uint8Array | null = null;
  /** A failed append may have left frames past mxFrame in the file. */
  private tailDirty = false;
  private file: VfsFile | null;

  private constructor(
    private readonly vfs: Vfs,
    readonly path: string,
    private readonly readonly: boolean,
    public pageSize: number,
    file: VfsFile | null,
  ) {
    this.file = file;
  }

  /**
   * Opens the WAL at `path` and recovers its committed frames. `dbPageSize` is the database's
   * page size, or null for an empty database (the WAL's page size is then adopted). A WAL whose
   * header does not validate, or whose page size disagrees with the database, is ignored.
   */
  static open(vfs: Vfs, path: string, readonly: boolean, dbPageSize: number | null, defaultPageSize: number): Wal {
    const file = vfs.exists(path) ? vfs.open(path, { create: false, readonly }) : null;
    const wal = new Wal(vfs, path, readonly, dbPageSize ?? defaultPageSize, file);
    if (file) wal.recover(dbPageSize);
    return wal;
  }

  private recover(dbPageSize: number | null): void {
    const file = this.file!;
    const size = file.size();
    const headerBytes = new Uint8Array(WAL_HEADER_SIZE);
    if (size < WAL_HEADER_SIZE || file.read(headerBytes, 0) < WAL_HEADER_SIZE) return;
    const header = decodeWalHeader(headerBytes);
    if (!header) return;
    this.previousHeader = header;
    if (dbPageSize !== null && header.pageSize !== dbPageSize) return;
    this.pageSize = header.pageSize;
    const frame = new Uint8Array(frameSize(header.pageSize));
    let checksum = header.checksum;
    let frameNumber = 0;
    const pending: Array<[number, number]> = [];
    while (frameOffset(frameNumber + 1, header.pageSize) + frame.length <= size) {
      if (file.read(frame, frameOffset(frameNumber + 1, header.pageSize)) < frame.length) break;
      const decoded = decodeFrame(frame, header, checksum);
      if (!decoded) break;
      frameNumber++;
      checksum = decoded.checksum;
      pending.push([decoded.pgno, decoded.commitSize]);
      if (decoded.commitSize > 0) {
        // A whole transaction validated: index it and advance the committed point.
        for (const [pgno, commitSize] of pending) this.index.append(pgno, commitSize);
        pending.length = 0;
        this.mxFrame = frameNumber;
        this.lastChecksum = checksum;
      }
    }
    if (this.mxFrame > 0) this.header = header;
  }

  /** Reads the page image stored in `frame` into `buffer` (pageSize bytes). */
  /** Reads `count` consecutive frames from `first`, headers included, into buffer (count frame sizes). */
  readFrames(first: number, count: number, buffer: Uint8Array): void {
    if (!this.file || first < 1 || first + count - 1 > this.mxFrame) throw corruptError(`WAL frames ${first}+${count} out of range`);
    const bytes = count * frameSize(this.pageSize);
    if (this.file.read(buffer.subarray(0, bytes), frameOffset(first, this.pageSize)) < bytes) throw corruptError(`WAL frames ${first}+${count} truncated`);
  }

  readFrame(frame: number, buffer: Uint8Array): void {
    if (!this.file || frame < 1 || frame > this.mxFrame) throw corruptError(`WAL frame ${frame} out of range`);
    const offset = frameOffset(frame, this.pageSize) + WAL_FRAME_HEADER_SIZE;
    if (this.file.read(buffer, offset) < this.pageSize) throw corruptError(`WAL frame ${frame} truncated`);
  }

  /**
   * Appends one transaction: `pages` (ascending page numbers, each pageSize bytes) as frames, the
   * last one the commit frame carrying `dbSize`. The index and mxFrame change only once every
   * frame is written (and synced when `sync`), so a failure leaves the committed state as it was.
   * `syncHeader` syncs a freshly written header (first frame of a new log generation).
   * Returns the committed page images (in the order of `pages`): copies owned by the WAL, or with
   * `adopt` the given arrays themselves (the caller never uses them again).
   */
  appendTransaction(pages: ReadonlyArray<readonly [number, Uint8Array]>, dbSize: number, sync: boolean, syncHeader: boolean, adopt = false): Uint8Array[] {
    if (pages.length === 0) return [];
    const file = this.openForWrite();
    let header = this.header;
    if (this.mxFrame === 0 || header === null) {
      // Frames of an old generation exist only past the header of a file that held some.
      const oldFrames = syncHeader && file.size() > WAL_HEADER_SIZE;
      header = this.writeFreshHeader(file);
      // The new header must be durable before new frames overwrite the old generation's:
      // otherwise a crash could leave the old header with a prefix of old frames, whose replay
      // would take back pages the database file already has newer versions of (SQLite does the
      // same: WAL header sync on restart unless synchronous=OFF). A new or truncated log has no
      // old frames to protect: its first commit skips that sync (a stall of the event loop).
      if (oldFrames) file.sync();
    }
    try {
      return this.writeFrames(file, header, pages, dbSize, sync, adopt);
    } catch (error) {
      // Frames past mxFrame may be in the file, even a complete commit frame (failed sync):
      // cut them off so that no later sync makes a transaction durable that was reported failed.
      this.tailDirty = true;
      try {
        this.discardTail();
      } catch {
        // Retried before the next sync of the WAL (see syncFile) and overwritten by the next append.
      }
      throw error;
    }
  }

  /**
   * Returns the page images as written (private copies, safe to share as cached pages; with
   * `adopt`, the given arrays, and the frames are assembled in a reused buffer instead).
   */
  private writeFrames(
    file: VfsFile,
    header: WalHeader,
    pages: ReadonlyArray<readonly [number, Uint8Array]>,
    dbSize: number,
    sync: boolean,
    adopt: boolean,
  ): Uint8Array[] {
    const written: Uint8Array[] = [];
    const size = frameSize(this.pageSize);
    const framesPerBatch = Math.max(1, Math.floor(WRITE_BATCH_BYTES / size));
    let checksum = this.lastChecksum;
    for (let start = 0; start < pages.length; start += framesPerBatch) {
      const count = Math.min(framesPerBatch, pages.length - start);
      const batch = adopt ? this.scratchFor(count * size) : new Uint8Array(count * size);
      for (let i = 0; i < count; i++) {
        const [pgno, data] = pages[start + i]!;
        const frame = batch.subarray(i * size, (i + 1) * size);
        frame.set(data, WAL_FRAME_HEADER_SIZE);
        written.push(adopt ? data : frame.subarray(WAL_FRAME_HEADER_SIZE));
        const isCommit = start + i === pages.length - 1;
        checksum = encodeFrameHeader(frame, header, pgno, isCommit ? dbSize : 0, checksum);
      }
      file.write(batch, frameOffset(this.mxFrame + 1 + start, this.pageSize));
    }
    if (sync) file.sync();
    for (let i = 0; i < pages.length; i++) this.index.append(pages[i]![0], i === pages.length - 1 ? dbSize : 0);
    this.mxFrame += pages.length;
    this.lastChecksum = checksum;
    return written;
  }

  /** A reused buffer of at least `bytes` (kept only while it stays small). */
  private scratchFor(bytes: number): Uint8Array {
    if (bytes > SCRATCH_MAX_BYTES) return new Uint8Array(bytes);
    if (this.scratch === null || this.scratch.length < bytes) this.scratch = new Uint8Array(bytes);
    return this.scratch.subarray(0, bytes);
  }

  /**
   * Starts a new generation of the log: a new header (sequence + 1, salt1 + 1, random salt2) is
   * written at offset 0. Frames of the previous generation no longer match the salts, so they
   * are dead even where they are not overwritten.
   */
  private writeFreshHeader(file: VfsFile): WalHeader {
    const previous = this.previousHeader;
    const { bytes, header } = encodeWalHeader({
      bigEndianChecksum: false,
      pageSize: this.pageSize,
      checkpointSequence: previous ? (previous.checkpointSequence + 1) >>> 0 : 0,
      salt1: previous ? (previous.salt1 + 1) >>> 0 : randomU32(),
      salt2: randomU32(),
    });
    file.write(bytes, 0);
    this.header = header;
    this.previousHeader = header;
    this.lastChecksum = header.checksum;
    return header;
  }

  /**
   * Forgets every frame (the caller guarantees they are all backfilled and no snapshot needs
   * them). The next append writes a new header; with `truncateFile` the file is also cut to 0.
   */
  restart(truncateFile: boolean): void {
    this.index.clear();
    this.mxFrame = 0;
    this.backfilled = 0;
    this.header = null;
    this.lastChecksum = [0, 0];
    if (truncateFile && this.file) this.file.truncate(0);
  }

  /** Syncs the WAL (before a checkpoint relies on it), dropping a failed transaction's frames first. */
  syncFile(): void {
    this.discardTail();
    this.file?.sync();
  }

  private discardTail(): void {
    if (!this.tailDirty || !this.file) return;
    this.file.truncate(this.mxFrame === 0 ? 0 : frameOffset(this.mxFrame + 1, this.pageSize));
    if (this.mxFrame === 0) this.header = null;
    this.tailDirty = false;
  }

  get hasFile(): boolean {
    return this.file !== null;
  }

  /** Closes the file; with `remove`, deletes it (only once its content is no longer needed). */
  close(remove: boolean): void {
    if (!remove) {
      try {
        this.discardTail();
      } catch {
        // Best effort: the frames past mxFrame fail their checksum chain at the next append anyway.
      }
    }
    this.file?.close();
    this.file = null;
    if (remove && this.vfs.exists(this.path)) this.vfs.delete(this.path);
  }

  private openForWrite(): VfsFile {
    if (this.readonly) throw corruptError('write to a read-only WAL');
    if (!this.file) this.file = this.vfs.open(this.path, { create: true, readonly: false });
    return this.file;
  }
}

function randomU32(): number {
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}
