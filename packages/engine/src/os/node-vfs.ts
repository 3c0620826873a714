// Node VFS: real files with positional synchronous I/O, plus the one-process-per-database lock
// file. This is the only engine file that imports Node modules.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { SqliteError, type ResultCodeName } from '../common/errors.js';
import type { LockHolder, OpenFlags, Vfs, VfsFile } from './vfs.js';

/** SQLite's error when a database file (or the directory it would live in) cannot be opened. */
function cantOpenError(cause: unknown): SqliteError {
  const code = (cause as NodeJS.ErrnoException).code === 'EISDIR' ? 'SQLITE_CANTOPEN_ISDIR' : 'SQLITE_CANTOPEN';
  const error = new SqliteError('unable to open database file', code);
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

const CANNOT_OPEN_CODES = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EROFS', 'EISDIR']);

function ioError(code: ResultCodeName, cause: unknown): SqliteError {
  const error = new SqliteError('disk I/O error', code);
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

class NodeFile implements VfsFile {
  private fd: number | null;

  constructor(fd: number) {
    this.fd = fd;
  }

  private handle(): number {
    if (this.fd === null) throw new SqliteError('disk I/O error', 'SQLITE_IOERR');
    return this.fd;
  }

  read(buffer: Uint8Array, offset: number): number {
    const fd = this.handle();
    let total = 0;
    try {
      // readSync may return fewer bytes than asked before end of file; loop until EOF or full.
      while (total < buffer.length) {
        const n = fs.readSync(fd, buffer, total, buffer.length - total, offset + total);
        if (n === 0) break;
        total += n;
      }
    } catch (cause) {
      throw ioError('SQLITE_IOERR_READ', cause);
    }
    return total;
  }

  write(buffer: Uint8Array, offset: number): void {
    const fd = this.handle();
    try {
      let done = 0;
      while (done < buffer.length) done += fs.writeSync(fd, buffer, done, buffer.length - done, offset + done);
    } catch (cause) {
      throw ioError('SQLITE_IOERR_WRITE', cause);
    }
  }

  truncate(size: number): void {
    try {
      fs.ftruncateSync(this.handle(), size);
    } catch (cause) {
      throw ioError('SQLITE_IOERR_TRUNCATE', cause);
    }
  }

  sync(): void {
    try {
      fs.fsyncSync(this.handle());
    } catch (cause) {
      throw ioError('SQLITE_IOERR_FSYNC', cause);
    }
  }

  size(): number {
    try {
      return fs.fstatSync(this.handle()).size;
    } catch (cause) {
      throw ioError('SQLITE_IOERR_FSTAT', cause);
    }
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }
}

/** Lock files this process created and still holds. */
const heldLocks = new Set<string>();

/** true when a process with this pid exists (EPERM means it exists but belongs to someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When this process started, in clock ticks since boot (Linux /proc/self/stat field 22), or null
 * elsewhere. Shared by every thread of the process and different for a later process that reuses
 * the pid, so it tells a stale own-pid lock from one held by another worker thread of this process.
 */
function processStartTicks(): string | null {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // fields[0] is field 3 (state), so field 22 is index 19
  } catch {
    return null;
  }
}

interface LockFileContent extends LockHolder {
  startTicks?: string | null;
}

function readLockFile(lockPath: string): LockFileContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockFileContent>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, hostname: parsed.hostname, since: parsed.since, startTicks: parsed.startTicks ?? null };
  } catch {
    return null;
  }
}

export class NodeVfs implements Vfs {
  readonly name = 'node';

  open(path: string, flags: OpenFlags): VfsFile {
    let mode = flags.readonly ? fs.constants.O_RDONLY : fs.constants.O_RDWR;
    if (flags.create && !flags.readonly) mode |= fs.constants.O_CREAT;
    try {
      return new NodeFile(fs.openSync(path, mode, 0o644));
    } catch (cause) {
      throw cantOpenError(cause);
    }
  }

  fullPath(path: string): string {
    const absolute = nodePath.resolve(path);
    try {
      return fs.realpathSync(absolute);
    } catch {
      // A file not created yet: resolve its folder, which must exist for the open to succeed.
      try {
        return nodePath.join(fs.realpathSync(nodePath.dirname(absolute)), nodePath.basename(absolute));
      } catch {
        return absolute;
      }
    }
  }

  exists(path: string): boolean {
    return fs.existsSync(path);
  }

  delete(path: string): void {
    try {
      fs.unlinkSync(path);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError('SQLITE_IOERR_DELETE', cause);
    }
  }

  /**
   * The lock is a file `${path}-lock` created with O_EXCL holding {pid, hostname, since}. A lock
   * whose pid is dead on this host is stale: it is removed and the creation retried. A lock from
   * another host cannot be checked, so it is respected.
   */
  acquireProcessLock(path: string): { release(): void } | { holder: LockHolder } {
    const lockPath = `${path}-lock`;
    const hostname = os.hostname();
    const startTicks = processStartTicks();
    for (let attempt = 0; attempt < 5; attempt++) {
      const me: LockFileContent = { pid: process.pid, hostname, since: new Date().toISOString(), startTicks };
      try {
        const fd = fs.openSync(lockPath, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644);
        try {
          fs.writeSync(fd, JSON.stringify(me));
        } finally {
          fs.closeSync(fd);
        }
        let released = false;
        heldLocks.add(lockPath);
        return {
          release: () => {
            if (released) return;
            released = true;
            heldLocks.delete(lockPath);
            // Remove only our own lock (a takeover by another process must not be undone).
            if (readLockFile(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
          },
        };
      } catch (error) {
        const errno = (error as NodeJS.ErrnoException).code ?? '';
        // A missing or unwritable directory means the database itself cannot be opened.
        if (CANNOT_OPEN_CODES.has(errno)) throw cantOpenError(error);
        if (errno !== 'EEXIST') throw ioError('SQLITE_IOERR_LOCK', error);
      }
      const holder = readLockFile(lockPath);
      // An unreadable lock file may be mid-creation by its owner: retry before treating it as stale.
      if (holder === null && attempt < 2) continue;
      if (holder !== null && (holder.hostname !== undefined && holder.hostname !== hostname)) return { holder };
      // Our own pid: held by this thread, or by another worker thread of this process (module state
      // is per thread, the start time is per process), unless the start time shows it was left by an
      // earlier process that had the same pid (common in containers, where pids repeat).
      if (holder !== null && holder.pid === process.pid) {
        const earlierProcess = startTicks !== null && holder.startTicks != null && holder.startTicks !== startTicks;
        if (heldLocks.has(lockPath) || !earlierProcess) return { holder: { pid: holder.pid, hostname: holder.hostname, since: holder.since } };
      }
      if (holder !== null && holder.pid !== process.pid && processAlive(holder.pid)) return { holder: { pid: holder.pid, hostname: holder.hostname, since: holder.since } };
      fs.rmSync(lockPath, { force: true });
    }
    throw new SqliteError('unable to acquire the database lock file', 'SQLITE_IOERR_LOCK');
  }
}

export function nodeVfs(): NodeVfs {
  return new NodeVfs();
}
