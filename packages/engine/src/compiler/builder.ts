// Builds a Program: appends instructions, hands out registers and cursor slots, and resolves
// forward jump labels (negative numbers in P2) when the program is finished.

import type { ResultColumn } from '../engine/prepared.js';
import { Opcode, type Instruction, type Program } from '../vm/program.js';
import { unjournaledWriteStart } from './statement-journal.js';

export class ProgramBuilder {
  private readonly instructions: Instruction[] = [];
  private readonly labels: number[] = [];
  private registers = 0;
  private cursors = 0;
  /** Set when any instruction writes the database. */
  writes = false;
  /** Set for INSERT/UPDATE/DELETE (their row count becomes changes()). */
  countsChanges = false;
  /**
   * PRAGMA count_changes: the register counting the rows an UPSERT's DO UPDATE changed, which
   * changes() counts and the count_changes row does not (compile.ts); null when not reporting.
   */
  upsertUpdates: number | null = null;
  /** Rewrites that need the whole program (a covering index scan, where.ts), run first by finish(). */
  private readonly finishers: ((instructions: Instruction[]) => void)[] = [];

  /** Appends an instruction; returns its address. */
  emit(op: Opcode, p1 = 0, p2 = 0, p3 = 0, p4: unknown = null, p5 = 0): number {
    this.instructions.push({ op, p1, p2, p3, p4, p5 });
    return this.instructions.length - 1;
  }

  /** Address the next instruction will get. */
  get here(): number {
    return this.instructions.length;
  }

  /** A new register (registers are numbered from 1). */
  register(): number {
    return ++this.registers;
  }

  /** n consecutive registers; returns the first. */
  registerBlock(n: number): number {
    const first = this.registers + 1;
    this.registers += Math.max(n, 1);
    return first;
  }

  cursor(): number {
    return this.cursors++;
  }

  /** A forward label: use it as a jump target (P2) now, place it later. */
  label(): number {
    this.labels.push(-1);
    return -this.labels.length;
  }

  /** Places `label` at the next instruction. */
  place(label: number): void {
    this.labels[-label - 1] = this.instructions.length;
  }

  /** Turns an emitted instruction into another opcode (e.g. a Once into a Noop for correlated subqueries). */
  replaceOp(address: number, op: Opcode): void {
    this.instructions[address]!.op = op;
  }

  /** Turns the Once guards emitted since address `from` into Noops: that code re-runs every time (RETURNING). */
  dropOnceGuards(from: number): void {
    for (let i = from; i < this.instructions.length; i++) if (this.instructions[i]!.op === Opcode.Once) this.instructions[i]!.op = Opcode.Noop;
  }

  /** Changes P4 of an already emitted instruction (known only after later code is compiled). */
  setP4(address: number, p4: unknown): void {
    this.instructions[address]!.p4 = p4;
  }

  /** Changes P2 of an already emitted instruction (for backward-patched jumps). */
  patchJump(address: number, target: number): void {
    this.instructions[address]!.p2 = target;
  }

  /** Runs `rewrite` over the whole program when it is finished (it may change instructions in place, never their addresses). */
  onFinish(rewrite: (instructions: Instruction[]) => void): void {
    this.finishers.push(rewrite);
  }

  finish(columns: readonly ResultColumn[], parameterNames: readonly (string | null)[], schemaGeneration: number): Program {
    for (const rewrite of this.finishers.splice(0)) rewrite(this.instructions);
    for (const ins of this.instructions) {
      if (ins.p2 < 0 && isJump(ins.op)) {
        const target = this.labels[-ins.p2 - 1];
        if (target === undefined || target < 0) throw new Error(`unplaced label ${ins.p2}`);
        ins.p2 = target;
      }
    }
    return {
      instructions: this.instructions,
      registerCount: this.registers,
      cursorCount: this.cursors,
      columns,
      readonly: !this.writes,
      parameterNames,
      schemaGeneration,
      countsChanges: this.countsChanges,
      unjournaledWriteStart: unjournaledWriteStart(this.instructions),
    };
  }
}

/** Opcodes whose P2 is a jump target (and may hold a label). */
function isJump(op: Opcode): boolean {
  switch (op) {
    case Opcode.Init:
    case Opcode.Goto:
    case Opcode.If:
    case Opcode.IfNot:
    case Opcode.IsNull:
    case Opcode.NotNull:
    case Opcode.Gosub:
    case Opcode.IfPos:
    case Opcode.DecrJumpZero:
    case Opcode.Once:
    case Opcode.MustBeInt:
    case Opcode.CompareJump:
    case Opcode.Rewind:
    case Opcode.Last:
    case Opcode.Next:
    case Opcode.Prev:
    case Opcode.SeekRowid:
    case Opcode.NotExists:
    case Opcode.SeekGE:
    case Opcode.SeekGT:
    case Opcode.SeekLE:
    case Opcode.SeekLT:
    case Opcode.IdxGE:
    case Opcode.IdxGT:
    case Opcode.IdxLE:
    case Opcode.IdxLT:
    case Opcode.Found:
    case Opcode.NotFound:
    case Opcode.NoConflict:
    case Opcode.RowSetRead:
    case Opcode.SorterSort:
    case Opcode.SorterNext:
    case Opcode.WindowNext:
    case Opcode.Program:
    case Opcode.FkIfZero:
    case Opcode.QueuePop:
    case Opcode.GroupSort:
    case Opcode.GroupNext:
      return true;
    default:
      return false;
  }
}
