// Control-flow opcodes: program entry, jumps, subroutines, halting.

import { SqliteError, type ResultCodeName } from '../../common/errors.js';
import { truthValue } from '../../values/cast.js';
import { Opcode } from '../program.js';
import { registerOps, Signal, type Vdbe } from '../vdbe.js';

/** p4 of HaltWithError. */
export interface HaltError {
  message: string;
  code: ResultCodeName;
  /**
   * Conflict resolution of a constraint error: FAIL keeps the statement's earlier changes (and
   * commits them in autocommit mode); ROLLBACK ends the whole transaction. Default ABORT.
   */
  action?: 'FAIL' | 'ROLLBACK';
}

/** One entry of HaltIfNull's P4: the register to test and the error to raise when it is NULL. */
export interface NullCheck {
  readonly register: number;
  readonly error: HaltError;
}

function haltWith(vm: Vdbe, error: HaltError): never {
  vm.errorAction = error.action ?? null;
  throw new SqliteError(error.message, error.code);
}

registerOps({
  /** Init: jump to P2 (the one-time setup at the end of the program, which jumps back). */
  [Opcode.Init]: (vm, ins) => {
    vm.pc = ins.p2;
  },
  /** Goto: jump to P2. */
  [Opcode.Goto]: (vm, ins) => {
    vm.pc = ins.p2;
  },
  /** Halt: the statement completed successfully. */
  [Opcode.Halt]: () => Signal.Done,
  /** HaltWithError: abort the statement with the SqliteError described by P4 (statement rollback follows). */
  [Opcode.HaltWithError]: (vm, ins) => haltWith(vm, ins.p4 as HaltError),
  /**
   * HaltIfNull: P4 lists NullChecks; halt as HaltWithError with the error of the first one whose
   * register is NULL (SQLite's OP_HaltIfNull, one instruction for a row's NOT NULL columns).
   */
  [Opcode.HaltIfNull]: (vm, ins) => {
    const checks = ins.p4 as readonly NullCheck[];
    const registers = vm.registers;
    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      if (registers[check.register] === null) haltWith(vm, check.error);
    }
  },
  /** If: jump to P2 when r[P1] is true; a NULL jumps only when P3 is non-zero. */
  [Opcode.If]: (vm, ins) => {
    const t = truthValue(vm.registers[ins.p1]!);
    if (t === null ? ins.p3 !== 0 : t) vm.pc = ins.p2;
  },
  /** IfNot: jump to P2 when r[P1] is false; a NULL jumps only when P3 is non-zero. */
  [Opcode.IfNot]: (vm, ins) => {
    const t = truthValue(vm.registers[ins.p1]!);
    if (t === null ? ins.p3 !== 0 : !t) vm.pc = ins.p2;
  },
  /** IsNull: jump to P2 when r[P1] is NULL. */
  [Opcode.IsNull]: (vm, ins) => {
    if (vm.registers[ins.p1] === null) vm.pc = ins.p2;
  },
  /** NotNull: jump to P2 when r[P1] is not NULL. */
  [Opcode.NotNull]: (vm, ins) => {
    if (vm.registers[ins.p1] !== null) vm.pc = ins.p2;
  },
  /** Gosub: r[P1] = return address; jump to P2. */
  [Opcode.Gosub]: (vm, ins) => {
    vm.registers[ins.p1] = BigInt(vm.pc);
    vm.pc = ins.p2;
  },
  /** Return: jump to the address saved in r[P1]. */
  [Opcode.Return]: (vm, ins) => {
    vm.pc = Number(vm.registers[ins.p1] as bigint);
  },
  /** IfPos: if r[P1] > 0, subtract P3 from it and jump to P2. */
  [Opcode.IfPos]: (vm, ins) => {
    const v = vm.registers[ins.p1];
    if (typeof v === 'bigint' && v > 0n) {
      vm.registers[ins.p1] = v - BigInt(ins.p3);
      vm.pc = ins.p2;
    }
  },
  /** DecrJumpZero: r[P1] -= 1; jump to P2 when it reaches zero. */
  [Opcode.DecrJumpZero]: (vm, ins) => {
    const v = (vm.registers[ins.p1] as bigint) - 1n;
    vm.registers[ins.p1] = v;
    if (v === 0n) vm.pc = ins.p2;
  },
  /** Once: fall through the first time this instruction runs; afterwards jump to P2. */
  [Opcode.Once]: (vm, ins) => {
    const address = vm.pc - 1;
    if (vm.onceFlags.has(address)) vm.pc = ins.p2;
    else vm.onceFlags.add(address);
  },
  /** Noop: does nothing (a jump target). */
  [Opcode.Noop]: () => {},
});
