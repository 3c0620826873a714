// VM cursors: a btree cursor with a decoded-row cache, and in-memory row sources (sorter output,
// ephemeral tables). The Column opcode reads any of them the same way.

import type { TextKey } from '../values/collation.js';
import type { SqlValue } from '../common/values.js';
import type { BtreeCursor, KeyInfo, PayloadRange } from '../btree/types.js';
import { LazyRecordReader } from './row-reader.js';

const NO_BYTES = new Uint8Array(0);

/** A cursor over a btree (table or index). */
export class BtreeVmCursor {
  readonly kind = 'btree';
  /** The cursor is positioned on "no row" (NullRow, or an outer-join miss): every column is NULL. */
  nullRow = false;
  private readonly reader = new LazyRecordReader();
  /** Where the current entry's record lies (read in place on its page when the btree allows). */
  private readonly range: PayloadRange = { bytes: NO_BYTES, start: 0, end: 0 };
  private cacheValid = false;
  /** Where it was opened (tree root, page source, savepoint-rollback count): Vdbe reuse checks these. */
  root = 0;
  scope: object | null = null;
  rollbacks = 0;

  constructor(
    readonly btree: BtreeCursor,
    readonly keyInfo: KeyInfo | null,
    readonly writable: boolean,
  ) {}

  /**
   * Releases the btree cursor. TreeCursor registers itself with its page source so writes can save
   * other cursors' positions; an unclosed cursor would stay registered until garbage collection.
   */
  close(): void {
    (this.btree as { close?: () => void }).close?.();
  }

  /** Call after any movement: the next column() re-reads the payload. */
  invalidate(): void {
    this.cacheValid = false;
    this.nullRow = false;
  }

  /** Column i of the current entry (undefined when the record is shorter: use the default). */
  column(i: number): SqlValue | undefined {
    if (this.nullRow || this.btree.eof) return null;
    if (!this.cacheValid) {
      const range = this.range;
      if (this.btree.payloadRange) this.btree.payloadRange(range);
      else {
        range.bytes = this.btree.payload();
        range.start = 0;
        range.end = range.bytes.length;
      }
      this.reader.reset(range.bytes, range.start, range.end);
      this.cacheValid = true;
    }
    return this.reader.column(i);
  }

  columnCount(): number {
    if (!this.cacheValid) this.column(0);
    return this.reader.columnCount;
  }
}

/**
 * A resumable merge sort of row positions (vm/ops/sorter.ts): `keys` holds each row's leading sort
 * keys as doubles when they are numbers exactly representable (NaN otherwise), compared before the
 * full rule; `source`/`target` are permutations of row positions.
 */
export interface SortProgress {
  width: number;
  index: number;
  runsSorted: number;
  keysRead: number;
  keys: Float64Array;
  source: Int32Array;
  target: Int32Array;
  /** Inside a merge cut short by the slice limit: its positions (i = -1 when between merges). */
  i: number;
  j: number;
  k: number;
}

/**
 * An in-memory list of rows (SqlValue arrays): sorter output, ephemeral tables, materialized
 * subqueries. Sorting is incremental (see sorter ops); reading walks `position`.
 */
export class MemoryVmCursor {
  readonly kind = 'memory';
  nullRow = false;
  rows: SqlValue[][] = [];
  position = -1;
  /** Sort state: a bottom-up merge sort that advances a bounded amount per opcode. */
  sort: SortProgress | null = null;
  /** Direction of each sort key (1 ascending, -1 descending; set by SorterOpen). */
  keyDirections: readonly number[] = [];
  sortKeyCount = 0;
  sorted = false;
  /**
   * Keys of the rows IdxInsert added, for Found/NotFound on an ephemeral set (DISTINCT, UNION).
   * Built at the first probe: a set never probed (a recursive CTE's queue) makes no key strings.
   */
  private keySet: Set<string> | null = null;
  /** Where each key's row is, for sets filled with InsertFlag.Replace (built at the first such insert). */
  private keyPositions: Map<string, { at: number; generation: number }> | null = null;
  /** Rows IdxInsert added before the first probe. */
  private unkeyed: SqlValue[][] | null = null;
  /** Per key column, how TEXT is keyed (the column's collation; absent: BINARY). Set by OpenEphemeral. */
  textKeys: readonly (TextKey | undefined)[] | null = null;
  /** GroupOpen's group table (vm/ops/group.ts), held by the cursor slot it opened. */
  groupTable: unknown = null;
  /** Sorters: the subtypes its row's values had when inserted, for rows that had any (vm/subtype.ts). */
  rowSubtypes: Map<SqlValue[], readonly number[]> | null = null;

  constructor(readonly compare: ((a: SqlValue[], b: SqlValue[]) => number) | null) {}

  get eof(): boolean {
    return this.position < 0 || this.position >= this.rows.length;
  }

  current(): SqlValue[] | null {
    return this.eof ? null : this.rows[this.position]!;
  }

  column(i: number): SqlValue | undefined {
    if (this.nullRow) return null;
    const row = this.current();
    return row ? row[i] : null;
  }

  /** IdxInsert: adds the row and its key (`keyOf` renders a row as a comparable key string). */
  insertKeyed(values: SqlValue[], keyOf: (values: readonly SqlValue[]) => string): void {
    this.rows.push(values);
    if (this.keySet) this.keySet.add(keyOf(values));
    else (this.unkeyed ??= []).push(values);
  }

  /**
   * IdxInsert with InsertFlag.Replace: a row whose key is present takes that row's place when that
   * row came from an earlier `generation`, and is dropped when from the same one; else it is added.
   */
  replaceKeyed(values: SqlValue[], keyOf: (values: readonly SqlValue[]) => string, generation: number): void {
    this.keyPositions ??= new Map(this.rows.map((row, at) => [keyOf(row), { at, generation: -1 }]));
    const key = keyOf(values);
    const existing = this.keyPositions.get(key);
    if (existing) {
      if (existing.generation < generation) this.rows[existing.at] = values;
      existing.generation = generation;
      return;
    }
    this.keyPositions.set(key, { at: this.rows.length, generation });
    this.insertKeyed(values, keyOf);
  }

  /** Found/NotFound: whether IdxInsert added a row with this key. */
  hasKey(values: readonly SqlValue[], keyOf: (values: readonly SqlValue[]) => string): boolean {
    if (!this.keySet) {
      this.keySet = new Set();
      for (const row of this.unkeyed ?? []) this.keySet.add(keyOf(row));
      this.unkeyed = null;
    }
    return this.keySet.has(keyOf(values));
  }
}

export type VmCursor = BtreeVmCursor | MemoryVmCursor;
