// Register opcodes: constants, bound parameters, copies, result rows, records and affinity.

import { SqliteError } from '../../common/errors.js';
import { MAX_INT64, MIN_INT64, type SqlValue } from '../../common/values.js';
import { encodeRecordRange } from '../../record/record.js';
import { applyAffinity, type Affinity } from '../../values/affinity.js';
import { castValue, type CastTarget } from '../../values/cast.js';
import { parseInteger, parseReal, realToInteger } from '../../values/number-parse.js';
import { Opcode } from '../program.js';
import type { RegisterSubtypes } from '../subtype.js';
import { registerOps, Signal } from '../vdbe.js';

registerOps({
  /** Value: r[P2] = P4 (any constant value). */
  [Opcode.Value]: (vm, ins) => {
    vm.registers[ins.p2] = ins.p4 as SqlValue;
  },
  /** Null: r[P2..P3] = NULL (just r[P2] when P3 < P2). */
  [Opcode.Null]: (vm, ins) => {
    const last = Math.max(ins.p2, ins.p3);
    for (let r = ins.p2; r <= last; r++) vm.registers[r] = null;
  },
  /** Variable: r[P2..P2+P3] = the values bound to parameter slots P1..P1+P3 (1-based). */
  [Opcode.Variable]: (vm, ins) => {
    const registers = vm.registers;
    const bindings = vm.bindings;
    registers[ins.p2] = bindings[ins.p1 - 1] ?? null;
    for (let i = 1; i <= ins.p3; i++) registers[ins.p2 + i] = bindings[ins.p1 - 1 + i] ?? null;
  },
  /** Copy: r[P2..P2+P3] = r[P1..P1+P3], subtypes included. */
  [Opcode.Copy]: (vm, ins) => {
    for (let i = 0; i <= ins.p3; i++) vm.registers[ins.p2 + i] = vm.registers[ins.p1 + i]!;
    if (vm.subtypes !== null) for (let i = 0; i <= ins.p3; i++) copySubtype(vm.subtypes, vm.registers, ins.p1 + i, ins.p2 + i);
  },
  /** SCopy: r[P2] = r[P1] (values are immutable, so a shallow copy is a copy), subtype included. */
  [Opcode.SCopy]: (vm, ins) => {
    vm.registers[ins.p2] = vm.registers[ins.p1]!;
    if (vm.subtypes !== null) copySubtype(vm.subtypes, vm.registers, ins.p1, ins.p2);
  },
  /** ResultRow: r[P1..P1+P2-1] is the next result row. */
  [Opcode.ResultRow]: (vm, ins) => {
    vm.resultRow = vm.registers.slice(ins.p1, ins.p1 + ins.p2);
    return Signal.Row;
  },
  /**
   * MakeRecord: r[P3] = the record of r[P1..P1+P2-1] (a BLOB), after applying the column affinities
   * in P4 (an Affinity per field, or null) to the registers themselves. P5 > 0: field P5-1 is
   * stored as NULL (a rowid alias column, whose register holds the rowid).
   */
  [Opcode.MakeRecord]: (vm, ins) => {
    const affinities = ins.p4 as readonly (Affinity | null)[] | null;
    const registers = vm.registers;
    if (affinities) {
      for (let i = 0; i < ins.p2; i++) {
        const affinity = affinities[i];
        if (affinity) registers[ins.p1 + i] = applyAffinity(registers[ins.p1 + i]!, affinity);
      }
    }
    // A record the next instruction inserts (and the b-tree copies) is dead right after: it goes
    // in a reused buffer instead of a fresh allocation per row.
    const next = vm.instructions[vm.pc];
    const insertedAtOnce = next !== undefined && next.op === Opcode.Insert && next.p2 === ins.p3;
    registers[ins.p3] = encodeRecordRange(registers, ins.p1, ins.p2, insertedAtOnce ? vm.scratchRecord : undefined, ins.p5 - 1);
  },
  /** Cast: r[P1] = CAST(r[P1] AS P4). */
  [Opcode.Cast]: (vm, ins) => {
    vm.registers[ins.p1] = castValue(vm.registers[ins.p1]!, ins.p4 as CastTarget);
  },
  /** Affinity: apply the affinities P4 to r[P1..P1+P2-1] in place. */
  [Opcode.Affinity]: (vm, ins) => {
    const affinities = ins.p4 as readonly (Affinity | null)[];
    for (let i = 0; i < ins.p2; i++) {
      const affinity = affinities[i];
      if (affinity) vm.registers[ins.p1 + i] = applyAffinity(vm.registers[ins.p1 + i]!, affinity);
    }
  },
  /**
   * MustBeInt: make r[P1] an INTEGER (text or real holding an exact integer is converted); when it
   * cannot be, jump to P2, or raise "datatype mismatch" when P2 is 0.
   */
  [Opcode.MustBeInt]: (vm, ins) => {
    const v = vm.registers[ins.p1]!;
    const integer = exactInteger(v);
    if (integer !== null) {
      vm.registers[ins.p1] = integer;
      return;
    }
    if (ins.p2 === 0) throw new SqliteError('datatype mismatch', 'SQLITE_MISMATCH');
    vm.pc = ins.p2;
  },
});

function copySubtype(subtypes: RegisterSubtypes, registers: readonly SqlValue[], from: number, to: number): void {
  const value = registers[to]!;
  subtypes.set(to, value, subtypes.get(from, value));
}

/** The INTEGER a value stands for exactly, or null (NULL, fractional, non-numeric text, blobs). */
export function exactInteger(v: SqlValue): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return BigInt(v); // exact, far inside int64
    const i = realToInteger(v);
    // SQLite's integer affinity never turns a REAL into the smallest or largest INTEGER.
    return Number(i) === v && i > MIN_INT64 && i < MAX_INT64 ? i : null;
  }
  if (typeof v === 'string') {
    const real = parseReal(v);
    if (!real.whole) return null;
    if (!real.fractionalForm) {
      const integer = parseInteger(v);
      if (integer.rc === 0) return integer.value;
    }
    const i = realToInteger(real.value);
    return Number(i) === real.value ? i : null;
  }
  return null;
}
