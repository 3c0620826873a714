// Expression opcodes: arithmetic, bitwise, concatenation, three-valued logic, comparisons with
// affinity and collation, and calls of scalar and aggregate functions.

import type { SqlValue } from '../../common/values.js';
import { applyComparisonAffinity, type Affinity } from '../../values/affinity.js';
import { arithmetic, bitwise, bitwiseNot, negate, type ArithmeticOperator, type BitwiseOperator } from '../../values/arithmetic.js';
import { truthValue, valueToText } from '../../values/cast.js';
import { binaryCollation, type Collation, type TextKey } from '../../values/collation.js';
import { compareValues } from '../../values/compare.js';
import { Opcode, type Instruction, type VmAggregateFunction, type VmScalarFunction } from '../program.js';
import { subtypeCall } from '../subtype.js';
import { registerOps, type Vdbe } from '../vdbe.js';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IS' | 'IS NOT';

/** p4 of Compare / CompareJump. */
export interface ComparisonSpec {
  op: ComparisonOperator;
  affinity: Affinity | null;
  collation: Collation;
}

/** SQL comparison of two values under `spec`: true/false, or null when a NULL makes it unknown. */
export function compareForSql(a: SqlValue, b: SqlValue, spec: ComparisonSpec): boolean | null {
  if (a === null || b === null) {
    if (spec.op === 'IS') return a === b;
    if (spec.op === 'IS NOT') return a !== b;
    return null;
  }
  const x = applyComparisonAffinity(a, spec.affinity);
  const y = applyComparisonAffinity(b, spec.affinity);
  const c = compareValues(x, y, spec.collation ?? binaryCollation);
  switch (spec.op) {
    case '=':
    case 'IS':
      return c === 0;
    case '!=':
    case 'IS NOT':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

function arithmeticOp(op: ArithmeticOperator) {
  return (vm: Vdbe, ins: Instruction) => {
    vm.registers[ins.p3] = arithmetic(op, vm.registers[ins.p1]!, vm.registers[ins.p2]!);
  };
}

function bitwiseOp(op: BitwiseOperator) {
  return (vm: Vdbe, ins: Instruction) => {
    vm.registers[ins.p3] = bitwise(op, vm.registers[ins.p1]!, vm.registers[ins.p2]!);
  };
}

const booleanValue = (t: boolean | null): SqlValue => (t === null ? null : t ? 1n : 0n);

/** A key for DISTINCT values: equal keys for values that compare equal (BINARY, or each column's `textKeys`). */
export function distinctKey(values: readonly SqlValue[], textKeys?: readonly (TextKey | undefined)[] | null): string {
  return values
    .map((v, i) => {
      if (v === null) return 'z';
      if (typeof v === 'bigint') return `n${v}`;
      if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? `n${BigInt(v)}` : `r${v}`;
      if (typeof v === 'string') {
        const keyed = textKeys?.[i] ? textKeys[i]!(v) : v;
        return `s${keyed.length}:${keyed}`;
      }
      return `b${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join('')}`;
    })
    .join('\u0000');
}

/**
 * Reused argument arrays of AggStep (run once per row), one per argument count. Aggregate steps
 * read their arguments during the call and keep none of the array (user steps spread it).
 */
const aggregateArgs: SqlValue[][] = [];

registerOps({
  /** Add: r[P3] = r[P1] + r[P2]. (Subtract, Multiply, Divide, Remainder likewise: r[P1] op r[P2].) */
  [Opcode.Add]: arithmeticOp('+'),
  [Opcode.Subtract]: arithmeticOp('-'),
  [Opcode.Multiply]: arithmeticOp('*'),
  [Opcode.Divide]: arithmeticOp('/'),
  [Opcode.Remainder]: arithmeticOp('%'),
  /** BitAnd, BitOr, ShiftLeft, ShiftRight: r[P3] = r[P1] op r[P2]. */
  [Opcode.BitAnd]: bitwiseOp('&'),
  [Opcode.BitOr]: bitwiseOp('|'),
  [Opcode.ShiftLeft]: bitwiseOp('<<'),
  [Opcode.ShiftRight]: bitwiseOp('>>'),
  /** BitNot: r[P2] = ~r[P1]. */
  [Opcode.BitNot]: (vm, ins) => {
    vm.registers[ins.p2] = bitwiseNot(vm.registers[ins.p1]!);
  },
  /** Negate: r[P2] = -r[P1]. */
  [Opcode.Negate]: (vm, ins) => {
    vm.registers[ins.p2] = negate(vm.registers[ins.p1]!);
  },
  /** Concat: r[P3] = r[P1] || r[P2] (NULL if either is NULL). */
  [Opcode.Concat]: (vm, ins) => {
    const a = vm.registers[ins.p1]!;
    const b = vm.registers[ins.p2]!;
    vm.registers[ins.p3] = a === null || b === null ? null : valueToText(a) + valueToText(b);
  },
  /** Not: r[P2] = NOT r[P1] (NULL stays NULL). */
  [Opcode.Not]: (vm, ins) => {
    const t = truthValue(vm.registers[ins.p1]!);
    vm.registers[ins.p2] = t === null ? null : t ? 0n : 1n;
  },
  /** And: r[P3] = r[P1] AND r[P2] (three-valued). */
  [Opcode.And]: (vm, ins) => {
    const a = truthValue(vm.registers[ins.p1]!);
    const b = truthValue(vm.registers[ins.p2]!);
    vm.registers[ins.p3] = a === false || b === false ? 0n : a === null || b === null ? null : 1n;
  },
  /** Or: r[P3] = r[P1] OR r[P2] (three-valued). */
  [Opcode.Or]: (vm, ins) => {
    const a = truthValue(vm.registers[ins.p1]!);
    const b = truthValue(vm.registers[ins.p2]!);
    vm.registers[ins.p3] = a === true || b === true ? 1n : a === null || b === null ? null : 0n;
  },
  /** Compare: r[P3] = (r[P1] op r[P2]) as 1/0/NULL; P4 is a ComparisonSpec. */
  [Opcode.Compare]: (vm, ins) => {
    vm.registers[ins.p3] = booleanValue(compareForSql(vm.registers[ins.p1]!, vm.registers[ins.p2]!, ins.p4 as ComparisonSpec));
  },
  /** CompareJump: jump to P2 when (r[P1] op r[P3]) is true; when it is NULL, jump only if P5 != 0. */
  [Opcode.CompareJump]: (vm, ins) => {
    const t = compareForSql(vm.registers[ins.p1]!, vm.registers[ins.p3]!, ins.p4 as ComparisonSpec);
    if (t === null ? ins.p5 !== 0 : t) vm.pc = ins.p2;
  },
  /** Function: r[P3] = P4(r[P1..P1+P2-1]); the result's subtype (vm/subtype.ts) goes with r[P3]. */
  [Opcode.Function]: (vm, ins) => {
    const fn = ins.p4 as VmScalarFunction;
    const args = vm.registers.slice(ins.p1, ins.p1 + ins.p2);
    if (fn.subtypes) {
      const call = subtypeCall(vm.subtypesOf(ins.p1, ins.p2));
      const value = fn.invoke(args, vm.host, call);
      vm.registers[ins.p3] = value;
      vm.setSubtype(ins.p3, value, call.result);
      return;
    }
    vm.registers[ins.p3] = fn.invoke(args, vm.host);
    if (vm.subtypes !== null) vm.subtypes.clear(ins.p3);
  },
  /** AggStep: feed r[P1..P1+P2-1] to aggregate P4 whose accumulator is r[P3]; P5=1 for DISTINCT. */
  [Opcode.AggStep]: (vm, ins) => {
    const fn = ins.p4 as VmAggregateFunction;
    const n = ins.p2;
    const args = (aggregateArgs[n] ??= new Array<SqlValue>(n).fill(null));
    const registers = vm.registers;
    for (let i = 0; i < n; i++) args[i] = registers[ins.p1 + i]!;
    let slot = vm.aggregates[ins.p3];
    if (!slot) vm.aggregates[ins.p3] = slot = { state: fn.start(), seen: ins.p5 === 1 ? new Set<string>() : null };
    if (slot.seen) {
      const key = distinctKey(args, fn.distinctTextKey ? [fn.distinctTextKey] : null);
      if (slot.seen.has(key)) return;
      slot.seen.add(key);
    }
    const withSubtypes = vm.subtypes !== null && (fn.subtypes || fn.resultSubtype !== undefined);
    slot.state = withSubtypes ? fn.step(slot.state, args, subtypeCall(vm.subtypesOf(ins.p1, ins.p2))) : fn.step(slot.state, args);
  },
  /** AggFinal: r[P1] = the result of aggregate P4 over its accumulator r[P1]; the accumulator resets. */
  [Opcode.AggFinal]: (vm, ins) => {
    const fn = ins.p4 as VmAggregateFunction;
    const slot = vm.aggregates[ins.p1];
    const state = slot ? slot.state : fn.start();
    const value = fn.result(state);
    vm.registers[ins.p1] = value;
    vm.setSubtype(ins.p1, value, fn.resultSubtype ? fn.resultSubtype(state) : 0);
    vm.aggregates[ins.p1] = undefined;
  },
});
