// The shared bookkeeping that lets BEGIN CONCURRENT transactions of one database run side by side:
// a commit sequence number, an index of the logical keys recent commits wrote (rows as table root +
// rowid, unique-index keys, whole trees) with the sequence number of the last commit that wrote
// each, the live concurrent transactions' snapshot positions (the index keeps what they may still
// conflict with, nothing older), and the per-table rowid allocator that keeps their auto-assigned
// rowids from colliding.
//
// Conflicts are first-committer-wins on write sets (snapshot isolation): a concurrent transaction
// conflicts with a commit that happened after its snapshot and wrote one of the same keys. Checking
// costs one lookup per key the transaction wrote, however many commits happened meanwhile.

import { SqliteError } from '../common/errors.js';
import type { WriteSet } from './write-set.js';

/** Keys remembered beyond what live transactions need before the oldest are dropped (see floor). */
const DEFAULT_MAX_KEYS = 200_000;

/** Where a conflict was found: the tree, and the key when one key (not a whole tree) collided. */
export interface Conflict {
  readonly root: number;
  readonly key: string | null;
}

export class CommitLog {
  /** Commits so far (every commit, tracked or not). A snapshot's position is this value when it was taken. */
  private seqValue = 0;
  /** key -> seq of the last commit that wrote it (commits made while concurrent transactions lived). */
  private readonly keys = new Map<string, number>();
  /** root -> seq of the last commit that wrote the tree. */
  private readonly trees = new Map<number, number>();
  /** root -> seq of the last commit that emptied the tree as a whole. */
  private readonly cleared = new Map<number, number>();
  /** root -> seq of the last commit that wrote the tree without tracking its rows. */
  private readonly untracked = new Map<number, number>();
  /** Commits with seq <= floor may have been forgotten: a transaction whose snapshot is older cannot commit. */
  private floor = 0;
  /** The key count after the last pruning: the next one runs when the index doubled. */
  private pruneAt = 0;
  /** Snapshot positions of the live concurrent transactions (one per transaction, duplicates allowed). */
  private readonly live: number[] = [];
  /** root -> the largest rowid handed out to an insert while concurrent transactions live. */
  private readonly allocated = new Map<number, bigint>();

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

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
      // Nobody can conflict with anything committed so far.
      this.keys.clear();
      this.trees.clear();
      this.cleared.clear();
      this.untracked.clear();
      this.allocated.clear();
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
    for (const root of writes.cleared) if ((this.trees.get(root) ?? 0) > since) return { root, key: null };
    for (const root of writes.trees) {
      if ((this.cleared.get(root) ?? 0) > since || (this.untracked.get(root) ?? 0) > since) return { root, key: null };
    }
    for (const key of writes.keys) if ((this.keys.get(key) ?? 0) > since) return { root: rootOfKey(key), key };
    return null;
  }

  /**
   * Records a commit. `writes` is what it wrote; its keys are ignored when `tracked` is false (a
   * writer that started before any concurrent transaction existed knows only its trees).
   */
  recordCommit(writes: WriteSet | null, tracked: boolean): void {
    const seq = ++this.seqValue;
    if (this.live.length === 0 || !writes) return;
    for (const root of writes.trees) this.trees.set(root, seq);
    for (const root of writes.cleared) this.cleared.set(root, seq);
    if (!tracked) {
      for (const root of writes.trees) this.untracked.set(root, seq);
      return;
    }
    for (const key of writes.keys) this.keys.set(key, seq);
    if (this.keys.size >= this.pruneAt) this.prune();
  }

  /** Forgets keys no live transaction can conflict with; past maxKeys, the oldest regardless. */
  private prune(): void {
    let oldest = Infinity;
    for (const seq of this.live) oldest = Math.min(oldest, seq);
    let cutoff = oldest;
    if (this.keys.size > this.maxKeys) {
      // Too much to remember: drop the older half and refuse transactions older than that.
      const seqs = [...this.keys.values()].sort((a, b) => a - b);
      cutoff = Math.max(cutoff, seqs[(seqs.length >> 1) - 1]!);
      this.floor = Math.max(this.floor, cutoff);
    }
    for (const [key, seq] of this.keys) if (seq <= cutoff) this.keys.delete(key);
    this.pruneAt = Math.max(Math.min(1024, this.maxKeys), this.keys.size * 2);
  }
}

/** Keys start with the tree's root page: "root:rowid" or "root#unique-key". */
function rootOfKey(key: string): number {
  return Number.parseInt(key, 10);
}

/** The error a concurrent transaction's COMMIT fails with when it lost a conflict. */
export function conflictError(what: string): SqliteError {
  return new SqliteError(`cannot commit CONCURRENT transaction - ${what}`, 'SQLITE_BUSY_SNAPSHOT');
}
