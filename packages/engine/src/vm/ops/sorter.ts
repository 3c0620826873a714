// Sorter opcodes: rows (register arrays) collected in memory and sorted by an incremental,
// bottom-up merge sort. SorterSort does a bounded slice of the merge per execution (even inside
// one large merge) and re-runs itself until done, so a large sort yields to the time budget like
// any other loop.

import type { SqlValue } from '../../common/values.js';
import { type Collation } from '../../values/collation.js';
import { compareValues } from '../../values/compare.js';
import { MemoryVmCursor } from '../cursor.js';
import { Opcode } from '../program.js';
import { registerOps, type Vdbe } from '../vdbe.js';

/** p4 of SorterOpen: how the leading `collations.length` fields of each row order. */
export interface SortSpec {
  collations: readonly Collation[];
  descending: readonly boolean[];
  /** Per key, NULLs placed explicitly (NULLS FIRST/LAST); absent or null: NULLs sort as the smallest value. */
  nulls?: readonly ('FIRST' | 'LAST' | null)[];
}

/**
 * Element moves per SorterSort execution. The VM checks its deadline only every 64 opcodes, so one
 * check interval may cover 64 executions: keep 64 * SORT_SLICE moves within a few milliseconds.
 */
const SORT_SLICE = 128;
/** The merge starts from runs of this many rows, each insertion-sorted in one go. */
const RUN = 8;
/** Leading sort keys read once per row as doubles (see sortSlice). */
const NUMERIC_KEYS = 3;

export function comparator(spec: SortSpec): (a: SqlValue[], b: SqlValue[]) => number {
  const n = spec.collations.length;
  const collations = spec.collations;
  const descending = spec.descending;
  const nulls = spec.nulls;
  return (a, b) => {
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b[i]!;
      const placed = nulls?.[i];
      if (placed && (x === null || y === null)) {
        if (x === y) continue;
        return (x === null) === (placed === 'FIRST') ? -1 : 1;
      }
      // Same-kind numbers (the common sort key) compare inline; everything else by the one rule.
      let c: number;
      if (typeof x === 'bigint' && typeof y === 'bigint') c = x < y ? -1 : x > y ? 1 : 0;
      else c = compareValues(x, y, collations[i]);
      if (c !== 0) return descending[i] ? -c : c;
    }
    return 0;
  };
}

function memoryCursor(vm: Vdbe, i: number): MemoryVmCursor {
  return vm.cursor(i) as MemoryVmCursor;
}

/** The first sort key as a double when that is exact (numbers, and integers within 2^53); else NaN. */
function numericKey(value: SqlValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' && value <= 9007199254740992n && value >= -9007199254740992n) return Number(value);
  return NaN;
}

/**
 * Advances the sort by about SORT_SLICE moves; returns true when sorted. Phases, each resumable
 * mid-way: read the leading keys, sort runs of RUN positions, then bottom-up merges (a merge of two
 * long runs may span many executions: its i/j/k live in the progress record).
 */
export function sortSlice(c: MemoryVmCursor): boolean {
  const rows = c.rows;
  const n = rows.length;
  const keyWidth = Math.min(c.sortKeyCount, NUMERIC_KEYS);
  if (!c.sort) {
    if (n < 2) return true;
    c.sort = { width: RUN, index: 0, runsSorted: 0, keysRead: 0, keys: new Float64Array(n * keyWidth), source: new Int32Array(n), target: new Int32Array(n), i: -1, j: 0, k: 0 };
  }
  const s = c.sort;
  const keys = s.keys;
  let moves = 0;
  // Row positions are sorted; each row's leading keys are read once as doubles (keys[r * keyWidth + k]),
  // so most comparisons are float compares instead of BigInt compares through the general rule.
  // Keys of a descending column are negated, so smaller always sorts first.
  const directions = c.keyDirections;
  while (s.keysRead < n) {
    const r = s.keysRead++;
    const row = rows[r]!;
    for (let k = 0; k < keyWidth; k++) keys[r * keyWidth + k] = directions[k]! * numericKey(row[k]!);
    s.source[r] = r;
    if (++moves >= SORT_SLICE * 4 && s.keysRead < n) return false;
  }
  const full = c.compare!;
  // Equal doubles are equal values; when every sort key was compared that way, the rows tie.
  const allKeys = keyWidth === c.sortKeyCount;
  const compare = (i: number, j: number): number => {
    const a = i * keyWidth;
    const b = j * keyWidth;
    for (let k = 0; k < keyWidth; k++) {
      const x = keys[a + k]!;
      const y = keys[b + k]!;
      if (x < y) return -1;
      if (x > y) return 1;
      if (x !== y) return full(rows[i]!, rows[j]!); // not numeric (NaN): the full rule decides
    }
    return allKeys ? 0 : full(rows[i]!, rows[j]!);
  };
  while (s.runsSorted < n) {
    const lo = s.runsSorted;
    const hi = Math.min(lo + RUN, n);
    // Insertion sort of the short run, in place (stable: an element moves only past greater ones).
    const run = s.source;
    for (let a = lo + 1; a < hi; a++) {
      const v = run[a]!;
      let p = a - 1;
      while (p >= lo && compare(run[p]!, v) > 0) {
        run[p + 1] = run[p]!;
        p--;
      }
      run[p + 1] = v;
    }
    s.runsSorted = hi;
    moves += (hi - lo) * 4; // a sort costs more than a merge move
    if (moves >= SORT_SLICE && s.runsSorted < n) return false;
  }
  while (s.width < n) {
    while (s.index < n) {
      // Merge source[index, index+width) and [index+width, index+2*width) into target (stable).
      const lo = s.index;
      const mid = Math.min(lo + s.width, n);
      const hi = Math.min(lo + 2 * s.width, n);
      const from = s.source;
      const to = s.target;
      let i = s.i < 0 ? lo : s.i;
      let j = s.i < 0 ? mid : s.j;
      let k = s.i < 0 ? lo : s.k;
      while (i < mid && j < hi) {
        to[k++] = compare(from[i]!, from[j]!) <= 0 ? from[i++]! : from[j++]!;
        if (++moves >= SORT_SLICE && k < hi) {
          s.i = i;
          s.j = j;
          s.k = k;
          return false;
        }
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
      s.i = -1;
      s.index = hi;
      if (moves >= SORT_SLICE && s.index < n) return false;
    }
    const swap = s.source;
    s.source = s.target;
    s.target = swap;
    s.width *= 2;
    s.index = 0;
    if (moves >= SORT_SLICE && s.width < n) return false;
  }
  const order = s.source;
  const sorted = new Array<SqlValue[]>(n);
  for (let k = 0; k < n; k++) sorted[k] = rows[order[k]!]!;
  c.rows = sorted;
  c.sort = null;
  return true;
}

registerOps({
  /** SorterOpen: cursor P1 is an empty sorter ordering rows by P4 (a SortSpec). */
  [Opcode.SorterOpen]: (vm, ins) => {
    const spec = ins.p4 as SortSpec;
    const c = new MemoryVmCursor(comparator(spec));
    c.keyDirections = spec.descending.map((d) => (d ? -1 : 1));
    c.sortKeyCount = spec.collations.length;
    vm.cursors[ins.p1] = c;
  },
  /** SorterInsert: add the row r[P2..P2+P3-1] to sorter P1 (with its subtypes, for SorterSubtypes). */
  [Opcode.SorterInsert]: (vm, ins) => {
    const row = vm.registers.slice(ins.p2, ins.p2 + ins.p3);
    const c = memoryCursor(vm, ins.p1);
    c.rows.push(row);
    if (vm.subtypes !== null) {
      const subtypes = vm.subtypesOf(ins.p2, ins.p3);
      if (subtypes.some((s) => s !== 0)) (c.rowSubtypes ??= new Map()).set(row, subtypes);
    }
  },
  /**
   * SorterSort: sort sorter P1 (resumable: re-executes itself until the merge is complete), then
   * position on the first row; jump to P2 when the sorter is empty.
   */
  [Opcode.SorterSort]: (vm, ins) => {
    const c = memoryCursor(vm, ins.p1);
    if (!c.sorted) {
      if (!sortSlice(c)) {
        vm.pc--; // not finished: run this opcode again (the loop checks the deadline in between)
        return;
      }
      c.sorted = true;
    }
    c.position = 0;
    if (c.eof) vm.pc = ins.p2;
  },
  /**
   * SorterSubtypes: r[P2..] (just read from sorter P1's current row) get back the subtypes their
   * values had when the row was inserted, so GROUP BY feeds json_group_array(json(...)) as SQLite,
   * which evaluates aggregate arguments after its sorter, does.
   */
  [Opcode.SorterSubtypes]: (vm, ins) => {
    const c = memoryCursor(vm, ins.p1);
    const subtypes = c.rowSubtypes?.get(c.rows[c.position]!);
    if (subtypes) subtypes.forEach((s, i) => vm.setSubtype(ins.p2 + i, vm.registers[ins.p2 + i]!, s));
  },
  /**
   * ColumnSubtype: r[P3] (just read from column P2 of memory cursor P1) gets the subtype P4 (a
   * function of the row and column, from a table-valued function such as json_each) gives it.
   */
  [Opcode.ColumnSubtype]: (vm, ins) => {
    const c = memoryCursor(vm, ins.p1);
    const row = c.nullRow ? undefined : c.rows[c.position];
    if (row) vm.setSubtype(ins.p3, vm.registers[ins.p3]!, (ins.p4 as (row: readonly SqlValue[], column: number) => number)(row, ins.p2));
  },
  /** SorterNext: advance sorter P1; jump to P2 while it is on a row. */
  [Opcode.SorterNext]: (vm, ins) => {
    const c = memoryCursor(vm, ins.p1);
    c.position++;
    if (!c.eof) vm.pc = ins.p2;
  },
});
