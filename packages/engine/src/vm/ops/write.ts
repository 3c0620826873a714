// Write opcodes: new rowids, inserting and deleting table rows and index entries, uniqueness
// probes, and row sets (rowids collected before a DELETE/UPDATE modifies the table).

import { SqliteError } from '../../common/errors.js';
import { MAX_INT64, type SqlValue } from '../../common/values.js';
import { compareRecordToKey } from '../../record/compare.js';
import { BtreeVmCursor } from '../cursor.js';
import { Opcode } from '../program.js';
import { registerOps, type Vdbe } from '../vdbe.js';
import { toInteger } from '../../values/cast.js';
import { distinctKey } from './expression.js';

/** Insert flags (P5). */
export const InsertFlag = {
  CountChange: 1,
  SetLastRowid: 2,
  /**
   * IdxInsert on an ephemeral set, P4 a generation number: a row whose key is present replaces that
   * row when it came from an earlier generation, and is dropped when from the same one.
   */
  Replace: 4,
} as const;

function btreeCursor(vm: Vdbe, i: number): BtreeVmCursor {
  const c = vm.cursor(i);
  if (!(c instanceof BtreeVmCursor)) throw new SqliteError(`internal error: cursor ${i} is not a btree cursor`, 'SQLITE_INTERNAL');
  return c;
}

registerOps({
  /**
   * NewRowid: r[P2] = a rowid not used in table cursor P1 (largest + 1, or above the rowids other
   * concurrent transactions claimed; random probes past MAX_INT64). AUTOINCREMENT: when P3 > 0, r[P3] is the largest rowid ever used; the new rowid is
   * above it too, becomes the new r[P3], and past MAX_INT64 the result is SQLITE_FULL.
   */
  [Opcode.NewRowid]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    c.invalidate();
    const b = c.btree;
    if (ins.p3 > 0) {
      let max = b.last() ? b.rowid() : 0n;
      // sqlite_sequence.seq may hold any value: SQLite reads it as an integer (text by its prefix).
      const used = toInteger(vm.registers[ins.p3] ?? null);
      if (used > max) max = used;
      if (max >= MAX_INT64) throw new SqliteError('database or disk is full', 'SQLITE_FULL');
      const next = vm.host.claimRowid ? vm.host.claimRowid(c.btree.rootPage, max + 1n) : max + 1n;
      if (next > MAX_INT64) throw new SqliteError('database or disk is full', 'SQLITE_FULL');
      vm.registers[ins.p2] = next;
      vm.registers[ins.p3] = next;
      return;
    }
    const max = b.last() ? b.rowid() : 0n;
    if (max < MAX_INT64) {
      // A concurrent transaction's snapshot may not see rowids other transactions already took.
      const claimed = vm.host.claimRowid ? vm.host.claimRowid(c.btree.rootPage, max + 1n) : max + 1n;
      if (claimed <= MAX_INT64) {
        vm.registers[ins.p2] = claimed;
        return;
      }
    }
    for (let attempt = 0; attempt < 100; attempt++) {
      const candidate = BigInt(Math.floor(Math.random() * 2 ** 52)) * 2048n + BigInt(attempt + 1);
      if (b.seekRowid(candidate) !== 0) {
        vm.registers[ins.p2] = candidate;
        return;
      }
    }
    throw new SqliteError('database or disk is full', 'SQLITE_FULL');
  },
  /** Insert: write record r[P2] as row r[P3] of table cursor P1 (replacing it); P5 = InsertFlag bits. */
  [Opcode.Insert]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    const rowid = vm.registers[ins.p3] as bigint;
    c.btree.insert(rowid, vm.registers[ins.p2] as Uint8Array);
    c.invalidate();
    if (ins.p5 & InsertFlag.CountChange) {
      vm.changes++;
      vm.host.countChange();
    }
    if (ins.p5 & InsertFlag.SetLastRowid) vm.host.setLastInsertRowid(rowid);
  },
  /**
   * IdxInsert: index cursor P1 gets key record r[P2] (P5 = InsertFlag.CountChange counts a change).
   * On an ephemeral set, the P3 values r[P2..P2+P3-1] are added instead.
   */
  [Opcode.IdxInsert]: (vm, ins) => {
    const c = vm.cursor(ins.p1);
    if (c.kind === 'memory') {
      const keyOf = (values: readonly SqlValue[]) => distinctKey(values, c.textKeys);
      const values = vm.registers.slice(ins.p2, ins.p2 + ins.p3);
      if (ins.p5 & InsertFlag.Replace) c.replaceKeyed(values, keyOf, ins.p4 as number);
      else c.insertKeyed(values, keyOf);
      return;
    }
    c.btree.insertIndex(vm.registers[ins.p2] as Uint8Array);
    c.invalidate();
    // A WITHOUT ROWID table's row is an index entry: its INSERT counts as a change.
    if (ins.p5 & InsertFlag.CountChange) {
      vm.changes++;
      vm.host.countChange();
    }
  },
  /** Delete: delete the current entry of cursor P1; count a change when P5 has CountChange. */
  [Opcode.Delete]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    c.btree.delete();
    c.invalidate();
    if (ins.p5 & InsertFlag.CountChange) {
      vm.changes++;
      vm.host.countChange();
    }
  },
  /** IdxDelete: delete the entry equal to the P3 fields r[P2..] (the full key, rowid included) from index P1. */
  [Opcode.IdxDelete]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    c.invalidate();
    const key = vm.registers.slice(ins.p2, ins.p2 + ins.p3);
    const b = c.btree;
    const result = b.seekIndex(key, -1);
    if (b.eof) return;
    if (result < 0 && !b.next()) return;
    if (compareRecordToKey(b.payload(), key, c.keyInfo ?? { collations: [], descending: [] }) === 0) b.delete();
    c.invalidate();
  },
  /**
   * NoConflict: jump to P2 when unique index P1 has no entry whose first P4 fields equal r[P3..],
   * or when any of those fields is NULL (NULLs never conflict). Otherwise the cursor is left on the
   * conflicting entry (IdxRowid reads its rowid).
   */
  [Opcode.NoConflict]: (vm, ins) => {
    const c = btreeCursor(vm, ins.p1);
    const n = ins.p4 as number;
    const key: SqlValue[] = vm.registers.slice(ins.p3, ins.p3 + n);
    if (key.some((v) => v === null)) {
      vm.pc = ins.p2;
      return;
    }
    c.invalidate();
    const b = c.btree;
    const result = b.seekIndex(key, -1);
    let found = !b.eof && (result >= 0 || b.next());
    c.invalidate();
    if (found) found = compareRecordToKey(b.payload(), key, c.keyInfo ?? { collations: [], descending: [] }) === 0;
    if (!found) vm.pc = ins.p2;
  },
  /** RowSetAdd: append INTEGER r[P2] to the row set held by register P1. */
  [Opcode.RowSetAdd]: (vm, ins) => {
    let set = vm.rowSets.get(ins.p1);
    if (!set) vm.rowSets.set(ins.p1, (set = { values: [], position: 0 }));
    set.values.push(vm.registers[ins.p2] as bigint);
  },
  /** RowSetRead: r[P3] = the next rowid of row set P1; jump to P2 when it is exhausted. */
  [Opcode.RowSetRead]: (vm, ins) => {
    const set = vm.rowSets.get(ins.p1);
    if (!set || set.position >= set.values.length) {
      vm.pc = ins.p2;
      return;
    }
    vm.registers[ins.p3] = set.values[set.position++]!;
  },
});
