// A BEGIN CONCURRENT write transaction: its statements write private copies of pages over the
// transaction's snapshot (so it reads its own writes) and a log of logical row operations. It
// never holds the write lock until COMMIT, which (commitConcurrent) takes the lock for an instant,
// checks the operations' keys against every commit made since the snapshot, and re-applies the
// operations on the latest state through a regular write transaction, so the b-tree pages are
// rebuilt against the head and the commit goes through the normal WAL path.

import { clearTree, openIndexCursor, openTableCursor } from '../btree/btree.js';
import type { BtreeCursor, KeyInfo } from '../btree/types.js';
import { SqliteError } from '../common/errors.js';
import type { Pager } from '../pager/pager.js';
import type { PageSink, ReadTransaction, WriteTransaction } from '../pager/types.js';
import type { SqlValue } from '../common/values.js';
import { decodeRecord } from '../record/record.js';
import { toInteger } from '../values/cast.js';
import { compareRecordToKey } from '../record/compare.js';
import { conflictError, type CommitLog } from './commit-log.js';
import { readSchemaCookie } from './schema-loader.js';
import { WriteRecorder, type RowOperation, type TreeFacts } from './write-set.js';

export class ConcurrentWriteTransaction implements WriteTransaction {
  readonly recorder: WriteRecorder;
  private readonly operations: RowOperation[] = [];
  /** Operation count when each open savepoint began (index = depth - 1). */
  private readonly marks: number[] = [];
  /** The b-tree's registry of cursors open on this transaction (btree/cursor-registry.ts). */
  cursorRegistry: Map<number, Set<unknown>> | null = null;

  constructor(
    /** The private page image (Pager.beginPrivateWrite) over the snapshot. */
    private readonly pages: WriteTransaction,
    facts: (root: number) => TreeFacts | undefined,
  ) {
    this.recorder = new WriteRecorder(facts, true, this.operations);
  }

  get ops(): readonly RowOperation[] {
    return this.operations;
  }
  get active(): boolean {
    return this.pages.active;
  }
  get pageSize(): number {
    return this.pages.pageSize;
  }
  get usableSize(): number {
    return this.pages.usableSize;
  }
  pageCount(): number {
    return this.pages.pageCount();
  }
  getPage(pgno: number): Uint8Array {
    return this.pages.getPage(pgno);
  }
  getWritable(pgno: number): Uint8Array {
    return this.pages.getWritable(pgno);
  }
  appendPage(): number {
    return this.pages.appendPage();
  }
  setPageCount(pageCount: number): void {
    this.pages.setPageCount(pageCount);
  }

  savepoint(): number {
    const depth = this.pages.savepoint();
    this.marks[depth - 1] = this.operations.length;
    this.recorder.mergeFloor = Math.max(this.recorder.mergeFloor, this.operations.length);
    return depth;
  }

  rollbackTo(depth: number): void {
    this.pages.rollbackTo(depth);
    this.operations.length = this.marks[depth - 1]!;
    this.recorder.mergeFloor = Math.max(this.recorder.mergeFloor, this.operations.length);
  }

  release(depth: number): void {
    this.pages.release(depth);
    this.marks.length = depth - 1;
  }

  /** Concurrent transactions commit through commitConcurrent (they need the write lock first). */
  commit(): void {
    throw new SqliteError('internal error: a concurrent transaction commits through commitConcurrent', 'SQLITE_INTERNAL');
  }

  rollback(): void {
    this.operations.length = 0;
    this.pages.rollback();
  }
}

export interface ConcurrentCommit {
  readonly pager: Pager;
  readonly log: CommitLog;
  readonly transaction: ConcurrentWriteTransaction;
  /** The transaction's snapshot and its commit-log position. */
  readonly snapshot: ReadTransaction;
  readonly snapshotSeq: number;
  readonly facts: (root: number) => TreeFacts | undefined;
  readonly synchronous: 'off' | 'normal' | 'full';
}

/**
 * Commits a concurrent transaction. Returns false, changing nothing, when another connection holds
 * the write lock (COMMIT is retried later). Throws SQLITE_BUSY_SNAPSHOT naming the table when a
 * commit made after the snapshot wrote one of the same rows or unique keys (the caller then rolls
 * the transaction back).
 */
export function commitConcurrent(commit: ConcurrentCommit): boolean {
  const { pager, log, transaction } = commit;
  if (transaction.ops.length === 0) {
    transaction.rollback();
    return true;
  }
  const head = pager.beginRead();
  try {
    // Only replay's cursors (closed before the commit) touch the writer's pages.
    const writer = pager.tryBeginWrite(head, { pagesEndAtCommit: true });
    if (!writer) return false;
    try {
      if (readSchemaCookie(head) !== readSchemaCookie(commit.snapshot)) throw conflictError('the database schema has changed');
      const conflict = log.findConflict(transaction.recorder.writes, commit.snapshotSeq);
      if (conflict === 'too-old') throw conflictError('its snapshot is older than the commits Tandem remembers');
      if (conflict) throw conflictError(describeConflict(conflict.root, conflict.key, commit.facts));
      replay(writer, transaction.ops);
      // The snapshot has served its last read: ending it before the commit lets that commit's
      // auto-checkpoint backfill the whole log (so the WAL restarts) when no other snapshot is older.
      commit.snapshot.end();
      pager.synchronous = commit.synchronous;
      writer.commit();
      log.recordCommit(transaction.recorder.writes, true);
    } catch (error) {
      writer.rollback();
      throw error;
    }
  } finally {
    head.end();
  }
  transaction.rollback(); // discards the private pages: the changes now live in the head
  return true;
}

function describeConflict(root: number, key: string | null, facts: (root: number) => TreeFacts | undefined): string {
  const tree = facts(root);
  const table = tree?.tableName ?? `tree ${root}`;
  if (tree?.indexName && key !== null) return `conflict on table ${table}: a key of unique index ${tree.indexName} was changed by a newer commit`;
  if (key !== null) return `conflict on table ${table}: row ${key.slice(key.indexOf(':') + 1)} was changed by a newer commit`;
  return `conflict on table ${table}: changed by a newer commit`;
}

/** Raises the latest sqlite_sequence row of the record's table to the record's seq (adds the row when missing). */
function mergeSequence(sink: PageSink, root: number, record: Uint8Array): void {
  const [name, seq] = decodeRecord(record);
  const cursor = openTableCursor(sink, root);
  try {
    let last = 0n;
    for (let more = cursor.first(); more; more = cursor.next()) {
      const [rowName, rowSeq] = decodeRecord(cursor.payload());
      last = cursor.rowid();
      if (rowName !== name) continue;
      if (compareSequence(rowSeq ?? null, seq ?? null) < 0) cursor.insert(last, record);
      return;
    }
    cursor.insert(last + 1n, record);
  } finally {
    (cursor as { close?: () => void }).close?.();
  }
}

/** Orders two seq values as integers (sqlite_sequence.seq may hold anything; SQLite reads it as an integer). */
function compareSequence(a: SqlValue, b: SqlValue): number {
  const x = toInteger(a);
  const y = toInteger(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Applies the operations, in order, to the latest database state. */
function replay(sink: PageSink, operations: readonly RowOperation[]): void {
  // One cursor per tree, opened at its first operation (usually a transaction writes one tree).
  const cursors = new ReplayCursors(sink);
  try {
    for (const op of operations) {
      switch (op.kind) {
        case 'clear':
          cursors.closeAll();
          clearTree(sink, op.root);
          break;
        case 'insert':
          cursors.table(op.root).insert(op.rowid, op.record);
          break;
        case 'sequence':
          cursors.closeAll();
          mergeSequence(sink, op.root, op.record);
          break;
        case 'delete': {
          const cursor = cursors.table(op.root);
          if (cursor.seekRowid(op.rowid) === 0) cursor.delete();
          break;
        }
        case 'insertIndex':
          cursors.index(op.root, op.keyInfo).insertIndex(op.key);
          break;
        case 'deleteIndex': {
          const cursor = cursors.index(op.root, op.keyInfo);
          const key = decodeRecord(op.key);
          const order = op.keyInfo ?? { collations: [], descending: [] };
          const result = cursor.seekIndex(key, -1);
          if (cursor.eof) break;
          if (result < 0 && !cursor.next()) break;
          if (compareRecordToKey(cursor.payload(), key, order) === 0) cursor.delete();
          break;
        }
      }
    }
  } finally {
    cursors.closeAll();
  }
}

/** The cursors replay writes through, by tree root (a short list: few trees per transaction). */
class ReplayCursors {
  private readonly roots: number[] = [];
  private readonly open: BtreeCursor[] = [];

  constructor(private readonly sink: PageSink) {}

  table(root: number): BtreeCursor {
    return this.find(root) ?? this.add(root, openTableCursor(this.sink, root));
  }

  index(root: number, keyInfo: KeyInfo | null): BtreeCursor {
    return this.find(root) ?? this.add(root, openIndexCursor(this.sink, root, keyInfo ?? undefined));
  }

  closeAll(): void {
    for (const cursor of this.open) (cursor as { close?: () => void }).close?.();
    this.roots.length = 0;
    this.open.length = 0;
  }

  private find(root: number): BtreeCursor | undefined {
    const i = this.roots.indexOf(root);
    return i < 0 ? undefined : this.open[i];
  }

  private add(root: number, cursor: BtreeCursor): BtreeCursor {
    this.roots.push(root);
    this.open.push(cursor);
    return cursor;
  }
}
