// In-memory VFS: files are growable byte arrays kept in a map, for ":memory:" databases and tests.
// The process lock is per path within this VFS instance (there is no other process to exclude).

import { SqliteError } from '../common/errors.js';
import type { LockHolder, OpenFlags, Vfs, VfsFile } from './vfs.js';

/** The shared storage of one in-memory file; every open handle of a path sees the same bytes. */
export class MemoryFileData {
  bytes = new Uint8Array(0);
  length = 0;

  /** Grows the backing array (doubling) so that `size` bytes fit. */
  ensureCapacity(size: number): void {
    if (size <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(size, this.bytes.length * 2, 4096));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  read(buffer: Uint8Array, offset: number): number {
    if (offset >= this.length) return 0;
    const count = Math.min(buffer.length, this.length - offset);
    buffer.set(this.bytes.subarray(offset, offset + count));
    return count;
  }

  write(buffer: Uint8Array, offset: number): void {
    const end = offset + buffer.length;
    this.ensureCapacity(end);
    // Bytes between the old end and offset must read as zeros (they may hold stale data).
    if (offset > this.length) this.bytes.fill(0, this.length, offset);
    this.bytes.set(buffer, offset);
    if (end > this.length) this.length = end;
  }

  truncate(size: number): void {
    if (size > this.length) {
      this.ensureCapacity(size);
      this.bytes.fill(0, this.length, size);
    }
    this.length = size;
  }

  /** A copy of the current content. */
  snapshot(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

class MemoryFile implements VfsFile {
  private closed = false;
  constructor(
    private readonly data: MemoryFileData,
    private readonly readonly: boolean,
  ) {}

  read(buffer: Uint8Array, offset: number): number {
    this.checkOpen();
    return this.data.read(buffer, offset);
  }
  write(buffer: Uint8Array, offset: number): void {
    this.checkWritable();
    this.data.write(buffer, offset);
  }
  truncate(size: number): void {
    this.checkWritable();
    this.data.truncate(size);
  }
  sync(): void {
    this.checkOpen();
  }
  size(): number {
    this.checkOpen();
    return this.data.length;
  }
  close(): void {
    this.closed = true;
  }
  private checkOpen(): void {
    if (this.closed) throw new SqliteError('disk I/O error', 'SQLITE_IOERR');
  }
  private checkWritable(): void {
    this.checkOpen();
    if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
  }
}

export class MemoryVfs implements Vfs {
  readonly name = 'memory';
  readonly files = new Map<string, MemoryFileData>();
  private readonly locks = new Map<string, LockHolder>();

  open(path: string, flags: OpenFlags): VfsFile {
    let data = this.files.get(path);
    if (!data) {
      if (!flags.create || flags.readonly) throw new SqliteError('unable to open database file', 'SQLITE_CANTOPEN');
      data = new MemoryFileData();
      this.files.set(path, data);
    }
    return new MemoryFile(data, flags.readonly);
  }

  /** Memory files are named by their path text as given. */
  fullPath(path: string): string {
    return path;
  }

  exists(path: string): boolean {
    return this.files.has(path);
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  acquireProcessLock(path: string): { release(): void } | { holder: LockHolder } {
    const holder = this.locks.get(path);
    if (holder) return { holder };
    this.locks.set(path, { pid: 0, hostname: 'memory', since: new Date().toISOString() });
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.locks.delete(path);
      },
    };
  }
}

export function memoryVfs(): MemoryVfs {
  return new MemoryVfs();
}
