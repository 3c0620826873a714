// The OS interface: the only way the engine touches storage. Implementations: node (real files),
// memory (":memory:" and tests), fault (fault-injecting wrapper for crash tests).
//
// I/O is synchronous by design. Every backend we target offers synchronous positional I/O
// (Node fs, OPFS sync access handles in a worker, memory), and keeping it synchronous means a VM
// opcode always completes in one go: execution is resumable *between* opcodes, so no state is
// ever changed twice on re-entry. Long work is split into many opcodes, never done inside one.

export interface VfsFile {
  /** Reads up to buffer.length bytes at offset into buffer; returns the bytes read (short at end of file). */
  read(buffer: Uint8Array, offset: number): number;
  /** Writes all of buffer at offset, extending the file if needed. */
  write(buffer: Uint8Array, offset: number): void;
  /** Sets the file's size. */
  truncate(size: number): void;
  /** Makes every write so far durable (fsync). */
  sync(): void;
  /** Current size in bytes. */
  size(): number;
  close(): void;
}

export interface OpenFlags {
  /** Create the file if missing. */
  create: boolean;
  /** Open without write access. */
  readonly: boolean;
}

/** Who holds a database file: returned when the process lock is taken by someone else. */
export interface LockHolder {
  pid: number;
  hostname?: string;
  since?: string;
}

export interface Vfs {
  readonly name: string;
  open(path: string, flags: OpenFlags): VfsFile;
  /** The canonical absolute form of `path` (SQLite's xFullPathname): one file, one name. */
  fullPath(path: string): string;
  exists(path: string): boolean;
  delete(path: string): void;
  /**
   * Takes the one-process-per-database lock for `path`. Returns a release function, or the
   * current holder when another live process has it. A lock left by a dead process is taken over.
   */
  acquireProcessLock(path: string): { release(): void } | { holder: LockHolder };
}
