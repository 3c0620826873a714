// The queue of a recursive CTE (SQLite's "Queue" table in generateWithRecursiveQuery): rows wait
// in insertion order (FIFO), or, when the CTE has an ORDER BY, in a priority queue ordered by its
// keys with ties kept in insertion order. Popping makes the row the cursor's current (and only
// readable) row, so Column reads it like any memory cursor; a popped row is gone from the queue.

import type { SqlValue } from '../common/values.js';
import { MemoryVmCursor } from './cursor.js';

/** A FIFO that has consumed this many rows (and at least half its array) drops them. */
const COMPACT_AFTER = 1024;

interface Entry {
  readonly key: SqlValue[];
  readonly seq: number;
  readonly row: SqlValue[];
}

export class QueueVmCursor extends MemoryVmCursor {
  private fifo: SqlValue[][] = [];
  private head = 0;
  private readonly heap: Entry[] = [];
  private seq = 0;
  /**
   * The row popped before the current one: nothing reads it any more (Column copies values out,
   * and the current row replaced it in every cursor), so the next push reuses the array.
   */
  private spare: SqlValue[] | null = null;

  /** `order`: the key columns of the row and how their values compare (null: FIFO). */
  constructor(private readonly order: { readonly columns: readonly number[]; readonly compare: (a: SqlValue[], b: SqlValue[]) => number } | null) {
    super(null);
  }

  /** The current row is the only one held (rows[0]); none before the first pop or after the last. */
  override column(i: number): SqlValue | undefined {
    if (this.nullRow || this.position !== 0) return null;
    return this.rows[0]![i];
  }

  /** Appends a copy of values[from..from+n-1]. */
  pushFrom(values: readonly SqlValue[], from: number, n: number): void {
    let row = this.spare;
    this.spare = null;
    if (!row || row.length !== n) row = new Array<SqlValue>(n);
    for (let i = 0; i < n; i++) row[i] = values[from + i]!;
    this.push(row);
  }

  private push(row: SqlValue[]): void {
    if (!this.order) {
      this.fifo.push(row);
      return;
    }
    const entry: Entry = { key: this.order.columns.map((c) => row[c] ?? null), seq: this.seq++, row };
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Makes the next waiting row current; false (and no current row) when none waits. */
  pop(): boolean {
    const row = this.order ? this.popHeap() : this.popFifo();
    this.nullRow = false;
    if (this.position === 0) this.spare = this.rows[0]!;
    if (!row) {
      this.rows.length = 0;
      this.position = -1;
      return false;
    }
    this.rows[0] = row;
    this.position = 0;
    return true;
  }

  private popFifo(): SqlValue[] | null {
    if (this.head >= this.fifo.length) return null;
    const row = this.fifo[this.head++]!;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    return row;
  }

  private popHeap(): SqlValue[] | null {
    const heap = this.heap;
    if (heap.length === 0) return null;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const child = r < heap.length && this.before(heap[r]!, heap[l]!) ? r : l;
        if (!this.before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top.row;
  }

  /** Whether `a` leaves the queue before `b`: smaller key, then earlier insertion. */
  private before(a: Entry, b: Entry): boolean {
    const c = this.order!.compare(a.key, b.key);
    return c < 0 || (c === 0 && a.seq < b.seq);
  }
}
