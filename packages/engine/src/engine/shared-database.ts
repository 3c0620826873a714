// The process-wide registry of open database files: one Pager per file, shared by every
// connection to it ("memory" databases are always private). Reference-counted: the Pager closes
// with the last connection.

import type { Vfs } from '../os/vfs.js';
import { Pager } from '../pager/pager.js';
import { CommitLog } from './commit-log.js';
import type { WriteLockView } from './types.js';

export interface SharedDatabase {
  readonly key: string;
  readonly pager: Pager;
  /** One view per database, so its identity can key per-database state (the async writer queue). */
  readonly writeLock: WriteLockView;
  /** Commit sequence, recent write sets and rowid allocation for BEGIN CONCURRENT transactions. */
  readonly commitLog: CommitLog;
  references: number;
}

function writeLockOf(pager: Pager): WriteLockView {
  return {
    get held() {
      return pager.writeLocked;
    },
    // Every holder is a connection of this Pager, and a Pager lives in one thread.
    get heldInThisThread() {
      return pager.writeLocked;
    },
    onRelease: (listener) => pager.onWriteEnd(listener),
  };
}

const open = new Map<string, SharedDatabase>();

/** One key per file: the VFS's canonical absolute path, so "./a.db" and "/x/a.db" share a Pager. */
function registryKey(vfs: Vfs, path: string): string {
  return `${vfs.name}:${vfs.fullPath(path)}`;
}

export function acquireDatabase(vfs: Vfs, path: string, options: { readonly: boolean; create: boolean; memory: boolean }): SharedDatabase {
  if (options.memory) {
    const pager = Pager.open(vfs, path, { memory: true });
    return { key: '', pager, writeLock: writeLockOf(pager), commitLog: new CommitLog(), references: 1 };
  }
  const key = registryKey(vfs, path);
  const existing = open.get(key);
  if (existing && existing.pager.isOpen) {
    existing.references++;
    return existing;
  }
  const pager = Pager.open(vfs, path, { readonly: options.readonly, create: options.create });
  const shared: SharedDatabase = { key, pager, writeLock: writeLockOf(pager), commitLog: new CommitLog(), references: 1 };
  open.set(key, shared);
  return shared;
}

export function releaseDatabase(shared: SharedDatabase): void {
  if (--shared.references > 0) return;
  if (shared.key && open.get(shared.key) === shared) open.delete(shared.key);
  shared.pager.close();
}
