// Trigger opcodes: entering a trigger sub-program (a frame of its own, see Vdbe.enterFrame),
// leaving it (normally or by RAISE(IGNORE)), RAISE's errors, and the changes() bookkeeping that
// SQLite does after each statement of a trigger body.

import { SqliteError } from '../../common/errors.js';
import { valueToText } from '../../values/cast.js';
import { Opcode, type Program } from '../program.js';
import { registerOps, Signal } from '../vdbe.js';

/** SQLite's SQLITE_MAX_TRIGGER_DEPTH: nested trigger frames allowed at once. */
export const MAX_TRIGGER_DEPTH = 1000;

/**
 * p4 of Program: a trigger's compiled body. `program` is filled in once compiled (a recursive
 * trigger refers to its own SubProgram while it is being compiled).
 */
export interface SubProgram {
  program: Program | null;
  readonly name: string;
  /** Identifies what runs for recursion checks (a trigger, whichever of its sub-programs runs); default: this object. */
  readonly token?: object;
}

/** P5 bits of Program. */
export const ProgramFlag = {
  /** Skipped while the same sub-program runs, unless recursive_triggers is on. */
  NotRecursive: 1,
  /** Runs only when recursive_triggers is on (DELETE triggers of rows that REPLACE removes). */
  OnlyRecursive: 2,
} as const;

/** p4 of Raise. */
export interface RaiseSpec {
  readonly action: 'ROLLBACK' | 'ABORT' | 'FAIL';
}

registerOps({
  /**
   * Program: run trigger sub-program P4 with the P3 registers r[P1..] as its registers 1..P3 (the
   * OLD and NEW rows); P5 holds ProgramFlag bits. RAISE(IGNORE) in the sub-program continues at P2.
   */
  [Opcode.Program]: (vm, ins) => {
    const sub = ins.p4 as SubProgram;
    const recursive = vm.host.recursiveTriggers ?? false;
    if (ins.p5 & ProgramFlag.OnlyRecursive && !recursive) return;
    if (ins.p5 & ProgramFlag.NotRecursive && !recursive && vm.inFrameOf(sub.token ?? sub)) return;
    if (vm.frames.length >= MAX_TRIGGER_DEPTH) throw new SqliteError('too many levels of trigger recursion');
    if (!sub.program) throw new SqliteError(`internal error: trigger ${sub.name} was not compiled`, 'SQLITE_INTERNAL');
    const argSubtypes = vm.subtypes === null ? undefined : vm.subtypesOf(ins.p1, ins.p3);
    vm.enterFrame(sub.program, vm.registers.slice(ins.p1, ins.p1 + ins.p3), sub.token ?? sub, argSubtypes);
    return Signal.Frame;
  },
  /** TriggerReturn: end the sub-program; P1=1 (RAISE(IGNORE)) continues at P2 of the caller's Program instruction. */
  [Opcode.TriggerReturn]: (vm, ins) => {
    vm.host.setChanges?.(vm.changes);
    const caller = vm.leaveFrame();
    if (ins.p1 === 1) vm.pc = vm.instructions[caller]!.p2;
    return Signal.Frame;
  },
  /** Raise: fail the statement with SQLITE_CONSTRAINT_TRIGGER and message r[P1], resolved as P4 says. */
  [Opcode.Raise]: (vm, ins) => {
    const spec = ins.p4 as RaiseSpec;
    const message = vm.registers[ins.p1] ?? null;
    vm.errorAction = spec.action === 'ABORT' ? null : spec.action;
    throw new SqliteError(message === null ? '' : valueToText(message), 'SQLITE_CONSTRAINT_TRIGGER');
  },
  /** RootLoad: r[P2] = register P1 of the top-level program (shared AUTOINCREMENT sequences). */
  [Opcode.RootLoad]: (vm, ins) => {
    vm.registers[ins.p2] = (vm.frames[0]?.registers ?? vm.registers)[ins.p1] ?? null;
  },
  /** RootStore: register P2 of the top-level program = r[P1]. */
  [Opcode.RootStore]: (vm, ins) => {
    (vm.frames[0]?.registers ?? vm.registers)[ins.p2] = vm.registers[ins.p1] ?? null;
  },
  /** ChangeCount: r[P2] = the rows the running statement (or trigger body statement) has changed so far. */
  [Opcode.ChangeCount]: (vm, ins) => {
    vm.registers[ins.p2] = BigInt(vm.changes);
  },
  /** ResetCount: a trigger body statement ended: changes() = its row count, added to total_changes(). */
  [Opcode.ResetCount]: (vm) => {
    vm.host.setChanges?.(vm.changes);
    vm.changes = 0;
  },
});
