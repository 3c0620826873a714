// Cursor opcodes: opening cursors, moving them (rewind, next, seeks), comparing index entries
// with keys, and reading columns and rowids.

import { SqliteError } from '../../common/errors.js';
import type { SqlValue } from '../../common/values.js';
import type { KeyInfo } from '../../btree/types.js';
import { compareRecordToKey } from '../../record/compare.js';
import type { TextKey } from '../../values/collation.js';
import { numericFromText } from '../../values/affinity.js';
import { BtreeVmCursor, MemoryVmCursor, type VmCursor } from '../cursor.js';
import { Opcode, type Instruction } from '../program.js';
import { registerOps, type Vdbe } from '../vdbe.js';
import { distinctKey } from './expression.js';

/** p4 of Column: the column's default (for records written before ADD COLUMN) and REAL affinity. */
export interface ColumnSpec {
  defaultValue: SqlValue;
  realAffinity: boolean;
}

function btreeCursor(vm: Vdbe, i: number): BtreeVmCursor {
  const c = vm.cursor(i);
  if (c.kind !== 'btree') throw new SqliteError(`internal error: cursor ${i} is not a btree cursor`, 'SQLITE_INTERNAL');
  return c;
}

function open(write: boolean) {
  return (vm: Vdbe, ins: Instruction) => {
    // P5=1: the root page is in r[P2], of the database whose addresses start at P3 (schema/database-list.ts).
    const root = ins.p5 === 1 ? Number(vm.registers[ins.p2] as bigint) + ins.p3 : ins.p2;
    const keyInfo = (ins.p4 as KeyInfo | null) ?? null;
    const previous = vm.cursors[ins.p1];
    if (previous?.kind === 'btree') {
      // Reopening the tree a cursor is already on (a correlated subquery's loop, once per outer row):
      // keep it, as SQLite does; it is repositioned before it is read.
      if (previous.root === root && previous.keyInfo === keyInfo && previous.writable === write && vm.cursorReusable(previous)) {
        previous.invalidate();
        return;
      }
      previous.close();
    }
    const reused = vm.takeParkedCursor(ins.p1, root, keyInfo, write);
    if (reused) {
      vm.cursors[ins.p1] = reused;
      return;
    }
    const c = new BtreeVmCursor(vm.host.openCursor(root, keyInfo, write), keyInfo, write);
    c.root = root;
    c.scope = vm.host.cursorScope?.(write) ?? null;
    c.rollbacks = vm.host.savepointRollbacks ?? 0;
    vm.cursors[ins.p1] = c;
  };
}

/** Moves a cursor and invalidates its row cache; returns whether it is on an entry. */
function moved(c: VmCursor, onEntry: boolean): boolean {
  if (c.kind === 'btree') c.invalidate();
  return onEntry;
}

type SeekKind = 'GE' | 'GT' | 'LE' | 'LT';

/**
 * An index key value as the record comparison reads it fastest: an INTEGER within +-(2^53-1) as a
 * number (it orders exactly as the bigint against every stored value; mixed bigint/number
 * comparisons are slow runtime calls, and a seek makes one per level of its binary searches).
 */
function keyValue(v: SqlValue): SqlValue {
  if (typeof v !== 'bigint') return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
}

/** Normalizes a rowid seek key: REAL/TEXT keys become the equivalent INTEGER bound, or a verdict. */
function rowidSeekKey(value: SqlValue, kind: SeekKind): { key: bigint; kind: SeekKind } | 'none' | 'all' {
  let v = value;
  if (typeof v === 'string') v = numericFromText(v, false);
  if (typeof v === 'bigint') return { key: v, kind };
  if (typeof v === 'number') {
    if (v !== v) return 'none';
    if (v >= 9223372036854775807) return kind === 'GE' || kind === 'GT' ? 'none' : 'all';
    if (v < -9223372036854775808) return kind === 'LE' || kind === 'LT' ? 'none' : 'all';
    if (Number.isInteger(v)) return { key: BigInt(v), kind };
    if (kind === 'GE' || kind === 'GT') return { key: BigInt(Math.ceil(v)), kind: 'GE' };
    return { key: BigInt(Math.floor(v)), kind: 'LE' };
  }
  // TEXT/BLOB sort after every number: no rowid is >= them, every rowid is < them.
  if (v === null) return 'none';
  return kind === 'GE' || kind === 'GT' ? 'none' : 'all';
}

function seek(kind: SeekKind) {
  return (vm: Vdbe, ins: Instruction) => {
    const c = btreeCursor(vm, ins.p1);
    c.invalidate();
    const b = c.btree;
    let result: number;
    let effective = kind;
    if (!b.isIndex) {
      const key = rowidSeekKey(vm.registers[ins.p3]!, kind);
      if (key === 'none') {
        vm.pc = ins.p2;
        return;
      }
      if (key === 'all') {
        if (!(kind === 'LE' || kind === 'LT' ? b.last() : b.first())) vm.pc = ins.p2;
        return;
      }
      effective = key.kind;
      result = b.seekRowid(key.key);
    } else {
      const n = ins.p4 as number;
      const key = new Array<SqlValue>(n);
      for (let i = 0; i < n; i++) key[i] = keyValue(vm.registers[ins.p3 + i]!);
      result = b.seekIndex(key, kind === 'GE' || kind === 'LT' ? -1 : 1);
    }
    if (b.eof) {
      vm.pc = ins.p2;
      return;
    }
    let ok = true;
    switch (effective) {
      case 'GE':
        if (result < 0) ok = b.next();
        break;
      case 'GT':
        if (result <= 0) ok = b.next();
        break;
      case 'LE':
        if (result > 0) ok = b.prev();
        break;
      case 'LT':
        if (result >= 0) ok = b.prev();
        break;
    }
    c.invalidate();
    if (!ok || b.eof) vm.pc = ins.p2;
  };
}

/**
 * Reused key arrays of the IdxGE/IdxGT/IdxLE/IdxLT comparison (run once per row of an index range
 * scan), one per key length: setting an array's length is a slow runtime call.
 */
const compareScratch: SqlValue[][] = [];

function indexCompare(test: (c: number) => boolean) {
  return (vm: Vdbe, ins: Instruction) => {
    const c = btreeCursor(vm, ins.p1);
    const n = ins.p4 as number;
    const key = (compareScratch[n] ??= new Array<SqlValue>(n).fill(null));
    for (let i = 0; i < n; i++) key[i] = keyValue(vm.registers[ins.p3 + i]!);
    const b = c.btree;
    // compareKey reads the entry in place; payload() may copy it (inside a write transaction).
    const order = b.compareKey ? b.compareKey(key) : compareRecordToKey(b.payload(), key, c.keyInfo ?? { collations: [], descending: [] });
    if (test(order)) vm.pc = ins.p2;
  };
}

/** true when the index has an entry whose leading fields equal key (positions the cursor on it). */
function indexHasKey(c: BtreeVmCursor, key: readonly SqlValue[]): boolean {
  c.invalidate();
  const b = c.btree;
  const result = b.seekIndex(key, -1);
  if (b.eof) return false;
  if (result < 0 && !b.next()) return false;
  c.invalidate();
  return compareRecordToKey(b.payload(), key, c.keyInfo ?? { collations: [], descending: [] }) === 0;
}

/** Found / NotFound lookup on either cursor kind. */
function hasKey(vm: Vdbe, ins: Instruction): boolean {
  const c = vm.cursor(ins.p1);
  const key = vm.registers.slice(ins.p3, ins.p3 + (ins.p4 as number));
  if (c.kind === 'memory') return c.hasKey(key, (values) => distinctKey(values, c.textKeys));
  return indexHasKey(c, key);
}

registerOps({
  /** OpenRead: cursor P1 reads tree P2 (root page; from register P2 when P5=1); P4 = KeyInfo for an index. */
  [Opcode.OpenRead]: open(false),
  /** OpenWrite: like OpenRead, with write access (inside a write transaction). */
  [Opcode.OpenWrite]: open(true),
  /** OpenEphemeral: cursor P1 is an empty in-memory row list / key set; P4, when set, the TextKey of each key column. */
  [Opcode.OpenEphemeral]: (vm, ins) => {
    const c = new MemoryVmCursor(null);
    c.textKeys = (ins.p4 as readonly (TextKey | undefined)[] | null) ?? null;
    vm.cursors[ins.p1] = c;
  },
  /** Close: closes cursor P1. */
  [Opcode.Close]: (vm, ins) => {
    const c = vm.cursors[ins.p1];
    if (c?.kind === 'btree') c.close();
    vm.cursors[ins.p1] = null;
  },
  /** Rewind: move cursor P1 to its first entry; jump to P2 when there is none. */
  [Opcode.Rewind]: (vm, ins) => {
    const c = vm.cursor(ins.p1);
    if (c.kind === 'memory') {
      c.position = 0;
      c.nullRow = false;
      if (c.eof) vm.pc = ins.p2;
      return;
    }
    if (!moved(c, c.btree.first())) vm.pc = ins.p2;
  },
  /** Last: move cursor P1 to its last entry; jump to P2 when there is none. */
  [Opcode.Last]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    if (!moved(c, c.btree.last())) vm.pc = ins.p2;
  },
  /** Next: advance cursor P1; jump to P2 when it is on an entry (loop back). */
  [Opcode.Next]: (vm, ins) => {
    const c = vm.cursor(ins.p1);
    if (c.kind === 'memory') {
      c.position++;
      if (!c.eof) vm.pc = ins.p2;
      return;
    }
    if (moved(c, c.btree.next())) vm.pc = ins.p2;
  },
  /** Prev: move cursor P1 back; jump to P2 when it is on an entry. */
  [Opcode.Prev]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    if (moved(c, c.btree.prev())) vm.pc = ins.p2;
  },
  /**
   * SeekRowid: position table cursor P1 on rowid r[P3]; jump to P2 when no such row (or when
   * r[P3] is not an integer value).
   */
  [Opcode.SeekRowid]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    c.invalidate();
    let key: SqlValue = vm.registers[ins.p3]!;
    if (typeof key === 'string') key = numericFromText(key, true);
    if (typeof key === 'number' && Number.isInteger(key) && Math.abs(key) < 2 ** 63) key = BigInt(key);
    if (typeof key !== 'bigint' || c.btree.seekRowid(key) !== 0 || c.btree.eof) vm.pc = ins.p2;
    c.invalidate();
  },
  /** NotExists: like SeekRowid, for an r[P3] known to be an INTEGER. */
  [Opcode.NotExists]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    c.invalidate();
    if (c.btree.seekRowid(vm.registers[ins.p3] as bigint) !== 0 || c.btree.eof) vm.pc = ins.p2;
    c.invalidate();
  },
  /**
   * SeekGE/SeekGT/SeekLE/SeekLT: position cursor P1 on the first entry >= (> ) the key, or the last
   * entry <= (<) it. The key is rowid r[P3] for a table, or the P4 fields r[P3..] for an index.
   * Jump to P2 when there is no such entry.
   */
  [Opcode.SeekGE]: seek('GE'),
  [Opcode.SeekGT]: seek('GT'),
  [Opcode.SeekLE]: seek('LE'),
  [Opcode.SeekLT]: seek('LT'),
  /** IdxGE/IdxGT/IdxLE/IdxLT: jump to P2 when the index entry of P1 (first P4 fields) is >= (>, <=, <) r[P3..]. */
  [Opcode.IdxGE]: indexCompare((c) => c >= 0),
  [Opcode.IdxGT]: indexCompare((c) => c > 0),
  [Opcode.IdxLE]: indexCompare((c) => c <= 0),
  [Opcode.IdxLT]: indexCompare((c) => c < 0),
  /** Found: jump to P2 when index (or ephemeral set) P1 holds an entry starting with the P4 fields r[P3..]. */
  [Opcode.Found]: (vm, ins) => {
    if (hasKey(vm, ins)) vm.pc = ins.p2;
  },
  /** NotFound: jump to P2 when it does not. */
  [Opcode.NotFound]: (vm, ins) => {
    if (!hasKey(vm, ins)) vm.pc = ins.p2;
  },
  /** Column: r[P3] = column P2 of cursor P1's current entry; P4 is a ColumnSpec (default, REAL affinity). */
  [Opcode.Column]: (vm, ins) => {
    const c = vm.cursor(ins.p1);
    let v: SqlValue | undefined = c.column(ins.p2);
    const spec = ins.p4 as ColumnSpec | null;
    if (v === undefined) v = spec ? spec.defaultValue : null;
    else if (spec?.realAffinity && typeof v === 'bigint' && c.kind === 'btree') v = Number(v);
    vm.registers[ins.p3] = v;
  },
  /** Rowid: r[P2] = the rowid of table cursor P1's current row, or a memory cursor's row number (NULL on a null row). */
  [Opcode.Rowid]: (vm, ins) => {
    const m = vm.cursor(ins.p1);
    if (m.kind === 'memory') {
      // A memory cursor's row number identifies its row (RIGHT JOIN bookkeeping).
      vm.registers[ins.p2] = m.nullRow || m.eof ? null : BigInt(m.position);
      return;
    }
    const c = btreeCursor(vm, ins.p1);
    vm.registers[ins.p2] = c.nullRow || c.btree.eof ? null : c.btree.rowid();
  },
  /** IdxRowid: r[P2] = the rowid stored as the last field of index cursor P1's entry. */
  [Opcode.IdxRowid]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    if (c.nullRow || c.btree.eof) {
      vm.registers[ins.p2] = null;
      return;
    }
    // Through the cursor's row cache: the entry is read in place, and Column on it reuses the parse.
    const n = c.columnCount();
    vm.registers[ins.p2] = n > 0 ? (c.column(n - 1) ?? null) : null;
  },
  /** Count: r[P2] = the number of entries in the tree of cursor P1 (SQLite's OP_Count); the cursor is left on no entry. */
  [Opcode.Count]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    const tree = c.btree;
    let n = 0;
    if (tree.count) n = tree.count();
    else for (let more = tree.first(); more; more = tree.next()) n++;
    c.invalidate();
    vm.registers[ins.p2] = BigInt(n);
  },
  /** NullRow: cursor P1 reads as a row of NULLs until it moves. */
  [Opcode.NullRow]: (vm, ins) => {
    vm.cursor(ins.p1).nullRow = true;
  },
});
