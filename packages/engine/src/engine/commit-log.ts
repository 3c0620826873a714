// The shared bookkeeping that lets BEGIN CONCURRENT transactions of one database run side by side:
// a commit sequence number, a bounded log of the logical keys each recent commit wrote (rows as
// table root + rowid, unique-index keys, whole trees), the live concurrent transactions' snapshot
// positions (the log keeps what they may still conflict with, nothing older), and the per-table
// rowid allocator that keeps their auto-assigned rowids from colliding.
//
// Conflicts are first-committer-wins on write sets (snapshot isolation): a concurrent transaction
// conflicts with a commit that happened after its snapshot and wrote one of the same keys.

import { SqliteError } from '../common/errors.js';
import type { WriteSet } from './write-set.js';

/** What one commit wrote; `keys` is null when the writer did not track rows (then its trees count). */
interface CommitEntry {
  readonly seq: number;
  readonly keys: ReadonlySet<string> | null;
  readonly trees: ReadonlySet<number>;
  readonly cleared: ReadonlySet<number>;
}

/** Commits remembered beyond the oldest live snapshot; a transaction older than that cannot commit. */
const MAX_ENTRIES = 10_000;

/** Where a conflict was found: the tree, and the key when one key (not a whole tree) collided. */
export interface Conflict {
  readonly root: number;
  readonly key: string | null;
}

export class CommitLog {
  /** Commits so far (every commit, tracked or not). A snapshot's position is this value when it was taken. */
  private seqValue = 0;
  private readonly entries: CommitEntry[] = [];
  /** Entries with seq <= floor were dropped while a live transaction might still have needed them. */
  private floor = 0;
  /** Snapshot positions of the live concurrent transactions (one per transaction, duplicates allowed). */
  private readonly live: number[] = [];
  /** root -> the largest rowid handed out to a concurrent insert (cleared when no transaction is live). */
  private readonly allocated = new Map<number, bigint>();

  get seq(): number {
    return this.seqValue;
  }

  /** true while some concurrent transaction is open (writers then track the rows they write). */
  get concurrentLive(): boolean {
    return this.live.length > 0;
  }

  /** A concurrent transaction took its snapshot at position `seq`. */
  enter(seq: number): void {
    this.live.push(seq);
  }

  /** The concurrent transaction that entered at `seq` ended (committed or rolled back). */
  leave(seq: number): void {
    const index = this.live.indexOf(seq);
    if (index >= 0) this.live.splice(index, 1);
    if (this.live.length === 0) {
      this.entries.length = 0;
      this.allocated.clear();
    } else {
      this.prune();
    }
  }

  /**
   * A rowid for a new row of table `root`: `candidate` (the largest rowid the caller's snapshot
   * sees, plus one) unless a concurrent transaction already took it or a larger one.
   */
  claimRowid(root: number, candidate: bigint): bigint {
    if (this.live.length === 0) return candidate;
    const last = this.allocated.get(root);
    const rowid = last !== undefined && last >= candidate ? last + 1n : candidate;
    this.allocated.set(root, rowid);
    return rowid;
  }

  /** The first conflict between `writes` and the commits after position `since`, or null. */
  findConflict(writes: WriteSet, since: number): Conflict | 'too-old' | null {
    if (since < this.floor) return 'too-old';
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.seq <= since) break;
      const conflict = conflictBetween(writes, entry);
      if (conflict) return conflict;
    }
    return null;
  }

  /**
   * Records a commit. `writes` is what it wrote; its keys are ignored when `tracked` is false (a
   * writer that started before any concurrent transaction existed knows only its trees).
   */
  recordCommit(writes: WriteSet | null, tracked: boolean): void {
    this.seqValue++;
    if (this.live.length === 0 || !writes) return;
    this.entries.push({ seq: this.seqValue, keys: tracked ? writes.keys : null, trees: writes.trees, cleared: writes.cleared });
    if (this.entries.length > MAX_ENTRIES) this.floor = this.entries.shift()!.seq;
  }

  private prune(): void {
    let oldest = Infinity;
    for (const seq of this.live) oldest = Math.min(oldest, seq);
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.seq <= oldest) drop++;
    if (drop > 0) this.entries.splice(0, drop);
  }
}

function conflictBetween(writes: WriteSet, entry: CommitEntry): Conflict | null {
  for (const root of writes.cleared) if (entry.trees.has(root)) return { root, key: null };
  for (const root of entry.cleared) if (writes.trees.has(root)) return { root, key: null };
  if (entry.keys === null) {
    for (const root of writes.trees) if (entry.trees.has(root)) return { root, key: null };
    return null;
  }
  const [small, large] = writes.keys.size <= entry.keys.size ? [writes.keys, entry.keys] : [entry.keys, writes.keys];
  for (const key of small) if (large.has(key)) return { root: rootOfKey(key), key };
  return null;
}

/** Keys start with the tree's root page: "root:rowid" or "root#unique-key". */
function rootOfKey(key: string): number {
  return Number.parseInt(key, 10);
}

/** The error a concurrent transaction's COMMIT fails with when it lost a conflict. */
export function conflictError(what: string): SqliteError {
  return new SqliteError(`cannot commit CONCURRENT transaction - ${what}`, 'SQLITE_BUSY_SNAPSHOT');
}
