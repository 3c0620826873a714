// Hash aggregation for GROUP BY (compiler/aggregate.ts): each input row finds its group by its key
// values (equal under the keys' collations, exactly as the sorter path's IS NOT comparison groups
// them) and the VM's per-group state (the accumulators' slots and registers such as the group key
// copy and the bare columns) is switched to that group's before the row is stepped. Rows reach a
// group's accumulators in input order, as through the stable sorter. The groups are then sorted by
// key (the sorter's resumable merge) and walked in that order, each one's state restored in turn.

import type { SqlValue } from '../../common/values.js';
import type { TextKey } from '../../values/collation.js';
import { MemoryVmCursor } from '../cursor.js';
import { Opcode } from '../program.js';
import { registerOps, type Vdbe } from '../vdbe.js';
import { comparator, sortSlice, type SortSpec } from './sorter.js';

/** p4 of GroupOpen. */
export interface GroupSpec {
  /** How the keys order (the output order of the groups) and, per key, how TEXT is keyed (absent: BINARY). */
  readonly sort: SortSpec;
  readonly textKeys: readonly (TextKey | undefined)[];
  /** Registers whose aggregate slot (vm.aggregates) belongs to the group. */
  readonly accumulators: readonly number[];
  /** Registers whose value belongs to the group: the first `sort.collations.length` get a new group's key. */
  readonly registers: readonly number[];
  /** A register a new group starts at 0 (its "captured" flag), or 0 for none. */
  readonly flag: number;
}

type Slot = { state: unknown; seen: Set<string> | null } | undefined;

interface Group {
  readonly key: SqlValue[];
  readonly slots: Slot[];
  readonly values: SqlValue[];
}

/** One level of the key lookup: the canonical value of this key column -> the next level, or the group. */
interface KeyLevel {
  readonly values: Map<unknown, KeyLevel | Group>;
  blobs: Map<string, KeyLevel | Group> | null;
}

class GroupTable {
  readonly root: KeyLevel = { values: new Map(), blobs: null };
  readonly groups: Group[] = [];
  current: Group | null = null;
  /** Set by GroupSort: the groups as sorter rows (key values, then the group's index). */
  order: MemoryVmCursor | null = null;
  constructor(readonly spec: GroupSpec) {}
}

function tableOf(vm: Vdbe, cursor: number): GroupTable {
  return (vm.cursor(cursor) as MemoryVmCursor).groupTable as GroupTable;
}

/**
 * The Map key of a value: equal for values the grouping compares equal. Integers and integral reals
 * meet as bigints; TEXT goes through its collation's key; BLOBs live in their own map (as hex).
 */
function canonical(v: SqlValue, textKey: TextKey | undefined): unknown {
  if (typeof v === 'number') return Number.isInteger(v) && v >= -9223372036854775808 && v <= 9223372036854775808 ? BigInt(v) : v;
  if (typeof v === 'string') return textKey ? textKey(v) : v;
  return v;
}

function hex(blob: Uint8Array): string {
  let s = '';
  for (let i = 0; i < blob.length; i++) s += (blob[i]! < 16 ? '0' : '') + blob[i]!.toString(16);
  return s;
}

function save(vm: Vdbe, spec: GroupSpec, g: Group): void {
  const accumulators = spec.accumulators;
  for (let i = 0; i < accumulators.length; i++) g.slots[i] = vm.aggregates[accumulators[i]!];
  const registers = spec.registers;
  for (let i = 0; i < registers.length; i++) g.values[i] = vm.registers[registers[i]!]!;
}

function load(vm: Vdbe, spec: GroupSpec, g: Group): void {
  const accumulators = spec.accumulators;
  for (let i = 0; i < accumulators.length; i++) {
    const slot = g.slots[i];
    vm.aggregates[accumulators[i]!] = slot;
  }
  const registers = spec.registers;
  for (let i = 0; i < registers.length; i++) vm.registers[registers[i]!] = g.values[i]!;
}

function newGroup(vm: Vdbe, spec: GroupSpec, base: number): Group {
  const keyCount = spec.sort.collations.length;
  const key = vm.registers.slice(base, base + keyCount);
  const values = spec.registers.map((r, i): SqlValue => (i < keyCount ? key[i]! : r === spec.flag ? 0n : null));
  return { key, slots: spec.accumulators.map(() => undefined), values };
}

registerOps({
  /** GroupOpen: cursor P1 is an empty group table described by P4 (a GroupSpec). */
  [Opcode.GroupOpen]: (vm, ins) => {
    const c = new MemoryVmCursor(null);
    c.groupTable = new GroupTable(ins.p4 as GroupSpec);
    vm.cursors[ins.p1] = c;
  },
  /** GroupStep: switch the group state to the group of the key r[P2..] (created when new) of table P1. */
  [Opcode.GroupStep]: (vm, ins) => {
    const t = tableOf(vm, ins.p1);
    const spec = t.spec;
    const keyCount = spec.sort.collations.length;
    let level = t.root;
    let group: Group | undefined;
    for (let k = 0; k < keyCount; k++) {
      const v = vm.registers[ins.p2 + k]!;
      let map = level.values;
      let key = canonical(v, spec.textKeys[k]);
      if (v instanceof Uint8Array) {
        map = level.blobs ??= new Map();
        key = hex(v);
      }
      let next = map.get(key);
      if (next === undefined) {
        if (k === keyCount - 1) {
          next = newGroup(vm, spec, ins.p2);
          t.groups.push(next);
        } else next = { values: new Map(), blobs: null };
        map.set(key, next);
      }
      if (k === keyCount - 1) group = next as Group;
      else level = next as KeyLevel;
    }
    if (group === t.current) return;
    if (t.current) save(vm, spec, t.current);
    load(vm, spec, group!);
    t.current = group!;
  },
  /**
   * GroupSort: order the groups of table P1 by key (resumable, as SorterSort) and load the first
   * one's state; jump to P2 when there is none.
   */
  [Opcode.GroupSort]: (vm, ins) => {
    const t = tableOf(vm, ins.p1);
    const spec = t.spec;
    if (!t.order) {
      if (t.current) save(vm, spec, t.current);
      t.current = null;
      const c = new MemoryVmCursor(comparator(spec.sort));
      c.keyDirections = spec.sort.descending.map((d) => (d ? -1 : 1));
      c.sortKeyCount = spec.sort.collations.length;
      c.rows = t.groups.map((g, i) => [...g.key, i]);
      t.order = c;
    }
    const c = t.order;
    if (!c.sorted) {
      if (!sortSlice(c)) {
        vm.pc--; // not finished: run this opcode again (the loop checks the deadline in between)
        return;
      }
      c.sorted = true;
    }
    c.position = 0;
    if (c.eof) {
      vm.pc = ins.p2;
      return;
    }
    load(vm, spec, t.groups[c.rows[0]![spec.sort.collations.length] as number]!);
  },
  /** GroupNext: load the next group's state of table P1 and jump to P2; fall through after the last. */
  [Opcode.GroupNext]: (vm, ins) => {
    const t = tableOf(vm, ins.p1);
    const c = t.order!;
    c.position++;
    if (c.eof) return;
    load(vm, t.spec, t.groups[c.rows[c.position]![t.spec.sort.collations.length] as number]!);
    vm.pc = ins.p2;
  },
});
