// Fault-injecting VFS for crash tests, deterministic from a seed. It keeps, for each file, the
// durable content (as of its last sync) and the volatile content (what reads see), and can fail
// the Nth read/write/sync, tear a write, or cut the power (losing every unsynced write, or keeping
// a random subset of unsynced 512-byte sectors as a real disk might) and then restart.

import { SqliteError } from '../common/errors.js';
import { seededRandom } from '../common/random.js';

export { seededRandom };
import { MemoryFileData } from './memory-vfs.js';
import type { LockHolder, OpenFlags, Vfs, VfsFile } from './vfs.js';

const SECTOR = 512;

type PendingOp = { kind: 'write'; offset: number; data: Uint8Array } | { kind: 'truncate'; size: number };

interface FaultFileState {
  volatile: MemoryFileData;
  durable: Uint8Array;
  pending: PendingOp[];
}

export interface PowerCutOptions {
  /** Probability that each unsynced sector write (or truncate) survives the cut; 0 = lose them all. */
  keepUnsyncedProbability?: number;
}

/** Thrown by every call once the power is cut: the simulated process is dead. */
export function powerCutError(): SqliteError {
  return new SqliteError('disk I/O error (power cut)', 'SQLITE_IOERR');
}

export class FaultVfs implements Vfs {
  readonly name = 'fault';
  private readonly files = new Map<string, FaultFileState>();
  private readonly random: () => number;
  private readonly locks = new Set<string>();
  private dead = false;
  private crashImage: Map<string, Uint8Array> | null = null;

  /** Counters of calls so far; fault targets are expressed against them. */
  reads = 0;
  writes = 0;
  syncs = 0;
  /** Mutating operations so far (write, truncate, sync, delete): the clock for powerCutAtOp. */
  ops = 0;

  private failReadAt = 0;
  private failWriteAt = 0;
  private failSyncAt = 0;
  private tearWriteAt = 0;
  private cutAtOp = 0;
  private cutOptions: PowerCutOptions = {};

  constructor(
    readonly seed: number,
    initial?: Map<string, Uint8Array>,
  ) {
    this.random = seededRandom(seed);
    for (const [path, bytes] of initial ?? []) {
      const volatile = new MemoryFileData();
      volatile.write(bytes, 0);
      this.files.set(path, { volatile, durable: bytes.slice(), pending: [] });
    }
  }

  get isDead(): boolean {
    return this.dead;
  }

  /** The Nth read from now throws SQLITE_IOERR_READ. */
  failNthRead(n: number): void {
    this.failReadAt = this.reads + n;
  }
  /** The Nth write from now throws SQLITE_IOERR_WRITE and changes nothing. */
  failNthWrite(n: number): void {
    this.failWriteAt = this.writes + n;
  }
  /** The Nth sync from now throws SQLITE_IOERR_FSYNC and makes nothing durable. */
  failNthSync(n: number): void {
    this.failSyncAt = this.syncs + n;
  }
  /** The Nth write from now lands only partially (a seeded prefix), then the power is cut. */
  tearNthWrite(n: number, options: PowerCutOptions = {}): void {
    this.tearWriteAt = this.writes + n;
    this.cutOptions = options;
  }
  /** The Nth mutating operation from now is not performed: the power is cut just before it. */
  powerCutAtOp(n: number, options: PowerCutOptions = {}): void {
    this.cutAtOp = this.ops + n;
    this.cutOptions = options;
  }

  /** Cuts the power now: computes what survives and makes every later call throw. */
  powerCut(options: PowerCutOptions = this.cutOptions): void {
    if (this.dead) return;
    const keep = options.keepUnsyncedProbability ?? 0;
    const image = new Map<string, Uint8Array>();
    for (const [path, state] of this.files) {
      const survivor = new MemoryFileData();
      survivor.write(state.durable, 0);
      for (const op of state.pending) {
        if (op.kind === 'truncate') {
          if (this.random() < keep) survivor.truncate(op.size);
          continue;
        }
        // Split the write at absolute sector boundaries; each sector survives independently.
        let start = 0;
        while (start < op.data.length) {
          const absolute = op.offset + start;
          const end = Math.min(op.data.length, start + (SECTOR - (absolute % SECTOR)));
          if (this.random() < keep) survivor.write(op.data.subarray(start, end), absolute);
          start = end;
        }
      }
      image.set(path, survivor.snapshot());
    }
    this.crashImage = image;
    this.dead = true;
  }

  /** A fresh VFS over what survived the power cut (cuts the power first if still running). */
  restart(seed = this.seed + 1): FaultVfs {
    if (!this.dead) this.powerCut();
    return new FaultVfs(seed, this.crashImage ?? new Map());
  }

  /** A fresh VFS over the durable content without losing anything: a clean process exit. */
  reopenClean(seed = this.seed + 1): FaultVfs {
    const image = new Map<string, Uint8Array>();
    for (const [path, state] of this.files) image.set(path, state.volatile.snapshot());
    return new FaultVfs(seed, image);
  }

  /** The durable bytes of a file (undefined when it does not exist). */
  durableContent(path: string): Uint8Array | undefined {
    return this.files.get(path)?.durable.slice();
  }

  // --- Vfs ---

  open(path: string, flags: OpenFlags): VfsFile {
    this.checkAlive();
    let state = this.files.get(path);
    if (!state) {
      if (!flags.create || flags.readonly) throw new SqliteError('unable to open database file', 'SQLITE_CANTOPEN');
      // File creation is treated as durable at once (as if the directory were synced).
      state = { volatile: new MemoryFileData(), durable: new Uint8Array(0), pending: [] };
      this.files.set(path, state);
    }
    return new FaultFile(this, path, flags.readonly);
  }

  /** Memory files are named by their path text as given. */
  fullPath(path: string): string {
    return path;
  }

  exists(path: string): boolean {
    this.checkAlive();
    return this.files.has(path);
  }

  delete(path: string): void {
    this.tick();
    // Deletion is treated as durable at once: callers must sync what depends on it first.
    this.files.delete(path);
  }

  acquireProcessLock(path: string): { release(): void } | { holder: LockHolder } {
    this.checkAlive();
    if (this.locks.has(path)) return { holder: { pid: 0, hostname: 'fault' } };
    this.locks.add(path);
    return { release: () => void this.locks.delete(path) };
  }

  // --- called by FaultFile ---

  state(path: string): FaultFileState {
    this.checkAlive();
    const state = this.files.get(path);
    if (!state) throw new SqliteError('disk I/O error', 'SQLITE_IOERR');
    return state;
  }

  checkAlive(): void {
    if (this.dead) throw powerCutError();
  }

  /** Counts one mutating operation, cutting the power when its number has come. */
  tick(): void {
    this.checkAlive();
    this.ops++;
    if (this.cutAtOp !== 0 && this.ops >= this.cutAtOp) {
      this.cutAtOp = 0;
      this.powerCut();
      throw powerCutError();
    }
  }

  doRead(path: string, buffer: Uint8Array, offset: number): number {
    const state = this.state(path);
    this.reads++;
    if (this.reads === this.failReadAt) throw new SqliteError('disk I/O error', 'SQLITE_IOERR_READ');
    return state.volatile.read(buffer, offset);
  }

  doWrite(path: string, buffer: Uint8Array, offset: number): void {
    const state = this.state(path);
    this.tick();
    this.writes++;
    if (this.writes === this.failWriteAt) throw new SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
    if (this.writes === this.tearWriteAt) {
      const prefix = buffer.slice(0, Math.floor(this.random() * buffer.length));
      state.volatile.write(prefix, offset);
      state.pending.push({ kind: 'write', offset, data: prefix });
      this.powerCut();
      throw powerCutError();
    }
    state.volatile.write(buffer, offset);
    state.pending.push({ kind: 'write', offset, data: buffer.slice() });
  }

  doTruncate(path: string, size: number): void {
    const state = this.state(path);
    this.tick();
    state.volatile.truncate(size);
    state.pending.push({ kind: 'truncate', size });
  }

  doSync(path: string): void {
    const state = this.state(path);
    this.tick();
    this.syncs++;
    if (this.syncs === this.failSyncAt) throw new SqliteError('disk I/O error', 'SQLITE_IOERR_FSYNC');
    state.durable = state.volatile.snapshot();
    state.pending = [];
  }
}

class FaultFile implements VfsFile {
  constructor(
    private readonly vfs: FaultVfs,
    private readonly path: string,
    private readonly readonly: boolean,
  ) {}

  read(buffer: Uint8Array, offset: number): number {
    return this.vfs.doRead(this.path, buffer, offset);
  }
  write(buffer: Uint8Array, offset: number): void {
    this.checkWritable();
    this.vfs.doWrite(this.path, buffer, offset);
  }
  truncate(size: number): void {
    this.checkWritable();
    this.vfs.doTruncate(this.path, size);
  }
  sync(): void {
    this.vfs.doSync(this.path);
  }
  size(): number {
    return this.vfs.state(this.path).volatile.length;
  }
  close(): void {
    // Closing loses nothing and makes nothing durable.
  }
  private checkWritable(): void {
    if (this.readonly) throw new SqliteError('attempt to write a readonly database', 'SQLITE_READONLY');
  }
}

export function faultVfs(seed: number): FaultVfs {
  return new FaultVfs(seed);
}
