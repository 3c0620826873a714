// What a write transaction changed, as logical keys (for conflict checks between concurrent
// transactions) and, for a BEGIN CONCURRENT transaction, as the ordered row operations that
// re-apply it on the latest database state at COMMIT. A RecordingCursor fills both by wrapping
// the b-tree cursor a statement writes through.

import type { SqlValue } from '../common/values.js';
import type { BtreeCursor, KeyInfo, SeekResult } from '../btree/types.js';
import { decodeRecord } from '../record/record.js';
import type { Schema } from '../schema/schema.js';

/** One logical change to a tree, in the order the transaction made it. */
export type RowOperation =
  | { readonly kind: 'insert'; readonly root: number; readonly rowid: bigint; readonly record: Uint8Array }
  /** A sqlite_sequence row (name, seq): merged at COMMIT as the larger seq, never a conflict. */
  | { readonly kind: 'sequence'; readonly root: number; readonly record: Uint8Array }
  | { readonly kind: 'delete'; readonly root: number; readonly rowid: bigint }
  | { readonly kind: 'insertIndex'; readonly root: number; readonly key: Uint8Array; readonly keyInfo: KeyInfo | null }
  | { readonly kind: 'deleteIndex'; readonly root: number; readonly key: Uint8Array; readonly keyInfo: KeyInfo | null }
  | { readonly kind: 'clear'; readonly root: number };

/** How writes to one tree turn into conflict keys. */
export interface TreeFacts {
  /** The table the tree stores or indexes (named in conflict errors). */
  readonly tableName: string;
  readonly indexName: string | null;
  /**
   * For unique indexes: the collations of the key columns that must be distinct (the prefix of the
   * index key before the rowid). 'tree' makes every write a conflict on the whole tree (WITHOUT ROWID
   * tables, collations whose equality we cannot canonicalize). null: no unique key.
   */
  readonly unique: readonly string[] | 'tree' | null;
  /** sqlite_sequence: AUTOINCREMENT counters, merged instead of conflicting. */
  readonly sequence?: boolean;
}

export class WriteSet {
  /** "root:rowid" for rows, "root#key" for unique-index keys. */
  readonly keys = new Set<string>();
  /** Every tree written. */
  readonly trees = new Set<number>();
  /** Trees emptied as a whole (DELETE without WHERE). */
  readonly cleared = new Set<number>();
}

/** Tree facts of every table and index of `schema`, by root page. */
export function treeFactsOf(schema: Schema): Map<number, TreeFacts> {
  const facts = new Map<number, TreeFacts>();
  facts.set(1, { tableName: 'sqlite_master', indexName: null, unique: null });
  for (const table of schema.allTables()) {
    const sequence = table.name.toLowerCase() === 'sqlite_sequence';
    facts.set(table.rootPage, { tableName: table.name, indexName: null, unique: table.withoutRowid ? 'tree' : null, sequence });
  }
  for (const index of schema.allIndexes()) {
    const columns = index.columns.filter((c) => c.column !== -1);
    const canonical = columns.every((c) => CANONICAL_COLLATIONS.has(c.collation.toUpperCase()));
    const unique = !index.unique ? null : canonical ? columns.map((c) => c.collation.toUpperCase()) : 'tree';
    facts.set(index.rootPage, { tableName: index.tableName, indexName: index.name, unique });
  }
  return facts;
}

const CANONICAL_COLLATIONS = new Set(['BINARY', 'NOCASE', 'RTRIM']);

/** Records writes into a WriteSet (and operations, for concurrent transactions). */
export class WriteRecorder {
  readonly writes = new WriteSet();
  /**
   * Operations before this index belong to an enclosing savepoint and must stay as they are (a
   * rollback to that savepoint truncates the log there); later ones may be merged.
   */
  mergeFloor = 0;

  constructor(
    private readonly facts: (root: number) => TreeFacts | undefined,
    /** Row keys are recorded only when true (trees always are). */
    readonly trackKeys: boolean,
    /** The operation log of a concurrent transaction, or null. */
    readonly operations: RowOperation[] | null,
  ) {}

  /** Wraps a write cursor so every change it makes is recorded. */
  wrap(cursor: BtreeCursor, keyInfo: KeyInfo | null): BtreeCursor {
    if (!this.facts(cursor.rootPage)?.sequence) this.writes.trees.add(cursor.rootPage);
    if (!this.trackKeys && !this.operations) return cursor;
    return new RecordingCursor(cursor, keyInfo, this);
  }

  tableWrite(root: number, rowid: bigint, record: Uint8Array | null): void {
    if (record && this.facts(root)?.sequence) {
      // AUTOINCREMENT bookkeeping: concurrent inserts each raise the counter; COMMIT keeps the largest.
      this.operations?.push({ kind: 'sequence', root, record: record.slice() });
      return;
    }
    if (this.trackKeys) this.writes.keys.add(`${root}:${rowid}`);
    const operations = this.operations;
    if (!operations) return;
    if (record) {
      // UPDATE deletes the row, then inserts it again: at COMMIT one replacing insert does both.
      const last = operations[operations.length - 1];
      if (last?.kind === 'delete' && last.root === root && last.rowid === rowid && operations.length - 1 >= this.mergeFloor) operations.pop();
      operations.push({ kind: 'insert', root, rowid, record: record.slice() });
    } else {
      operations.push({ kind: 'delete', root, rowid });
    }
  }

  indexWrite(root: number, key: Uint8Array, keyInfo: KeyInfo | null, inserted: boolean): void {
    if (this.trackKeys) {
      const unique = this.facts(root)?.unique ?? null;
      if (unique === 'tree') this.writes.keys.add(`${root}#*`);
      else if (unique !== null) {
        const canonical = canonicalUniqueKey(decodeRecord(key), unique);
        if (canonical !== null) this.writes.keys.add(`${root}#${canonical}`);
      }
    }
    if (this.operations) this.operations.push({ kind: inserted ? 'insertIndex' : 'deleteIndex', root, key: key.slice(), keyInfo });
  }

  treeCleared(root: number): void {
    this.writes.trees.add(root);
    this.writes.cleared.add(root);
    if (this.operations) this.operations.push({ kind: 'clear', root });
  }
}

/**
 * A string equal for two unique-index key prefixes exactly when the index treats them as equal
 * (numbers by value, text under its collation); null when a field is NULL (NULLs never collide).
 */
export function canonicalUniqueKey(values: readonly SqlValue[], collations: readonly string[]): string | null {
  let out = '';
  for (let i = 0; i < collations.length; i++) {
    const value = values[i] ?? null;
    if (value === null) return null;
    if (typeof value === 'bigint') out += `n${value}|`;
    else if (typeof value === 'number') out += Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? `n${BigInt(value)}|` : `r${value}|`;
    else if (typeof value === 'string') {
      const collation = collations[i]!;
      const text = collation === 'NOCASE' ? value.replace(/[A-Z]/g, (c) => c.toLowerCase()) : collation === 'RTRIM' ? value.replace(/ +$/, '') : value;
      out += `t${text.length}:${text}|`;
    } else {
      out += `b${Buffer.from(value).toString('hex')}|`;
    }
  }
  return out;
}

/** A b-tree cursor that reports each insert and delete to a WriteRecorder. */
class RecordingCursor implements BtreeCursor {
  readonly compareKey?: (key: readonly SqlValue[]) => number;

  constructor(
    private readonly inner: BtreeCursor,
    private readonly keyInfo: KeyInfo | null,
    private readonly recorder: WriteRecorder,
  ) {
    if (inner.compareKey) this.compareKey = (key) => inner.compareKey!(key);
  }

  get rootPage(): number {
    return this.inner.rootPage;
  }
  get isIndex(): boolean {
    return this.inner.isIndex;
  }
  get eof(): boolean {
    return this.inner.eof;
  }
  first(): boolean {
    return this.inner.first();
  }
  last(): boolean {
    return this.inner.last();
  }
  next(): boolean {
    return this.inner.next();
  }
  prev(): boolean {
    return this.inner.prev();
  }
  seekRowid(rowid: bigint): SeekResult {
    return this.inner.seekRowid(rowid);
  }
  seekIndex(key: readonly SqlValue[], bias: -1 | 1): SeekResult {
    return this.inner.seekIndex(key, bias);
  }
  rowid(): bigint {
    return this.inner.rowid();
  }
  payload(): Uint8Array {
    return this.inner.payload();
  }
  close(): void {
    (this.inner as { close?: () => void }).close?.();
  }

  insert(rowid: bigint, record: Uint8Array): void {
    this.inner.insert(rowid, record);
    this.recorder.tableWrite(this.inner.rootPage, rowid, record);
  }

  insertIndex(key: Uint8Array): void {
    this.inner.insertIndex(key);
    this.recorder.indexWrite(this.inner.rootPage, key, this.keyInfo, true);
  }

  delete(): void {
    if (this.inner.isIndex) {
      const key = this.inner.payload().slice();
      this.inner.delete();
      this.recorder.indexWrite(this.inner.rootPage, key, this.keyInfo, false);
    } else {
      const rowid = this.inner.rowid();
      this.inner.delete();
      this.recorder.tableWrite(this.inner.rootPage, rowid, null);
    }
  }
}
