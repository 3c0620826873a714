// The virtual machine: runs a Program's instructions over registers and cursors. step() is
// resumable between opcodes: it returns Row, Done, Yield (time budget spent) or Busy (write lock
// taken), and the next step() continues at the saved program counter. Every opcode either
// completes in one go or is explicitly resumable (it re-runs itself, its progress held in its
// cursor), so no state is ever applied twice.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { StepResult } from '../engine/prepared.js';
import type { KeyInfo } from '../btree/types.js';
import type { BtreeVmCursor, VmCursor } from './cursor.js';
import type { VmHost } from './host.js';
import { Opcode, type Instruction, type Program } from './program.js';
import { RegisterSubtypes } from './subtype.js';

/** An aggregate's accumulator (AggStep/AggFinal) and, for DISTINCT, the argument keys already seen. */
export interface AggregateSlot {
  state: unknown;
  seen: Set<string> | null;
}

/** What an opcode handler tells the loop. Undefined means "continue with vm.pc". */
export const enum Signal {
  Continue = 0,
  Row = 1,
  Done = 2,
  Busy = 3,
  /** A trigger sub-program was entered or left: the loop switches to the current frame's instructions. */
  Frame = 4,
}

/** A suspended caller while a trigger sub-program runs (SQLite's VdbeFrame): its whole execution state. */
export interface VmFrame {
  readonly instructions: readonly Instruction[];
  /** Address of the Program instruction that entered the sub-program. */
  readonly callerPc: number;
  readonly registers: SqlValue[];
  readonly cursors: (VmCursor | null)[];
  readonly aggregates: (AggregateSlot | undefined)[];
  readonly rowSets: Map<number, { values: bigint[]; position: number }>;
  readonly onceFlags: Set<number>;
  readonly subtypes: RegisterSubtypes | null;
  /** The caller's changes() count so far, and the connection's changes() and last_insert_rowid() at entry (restored on exit). */
  readonly changes: number;
  readonly connectionChanges: number;
  readonly lastInsertRowid: bigint;
  /** Identifies the sub-program (recursion checks). */
  readonly token: object;
}

export type OpHandler = (vm: Vdbe, ins: Instruction) => Signal | void;

const handlers: (OpHandler | undefined)[] = [];

/** Called by each vm/ops/*.ts module to install its opcodes. */
export function registerOps(table: Partial<Record<Opcode, OpHandler>>): void {
  for (const [op, handler] of Object.entries(table)) handlers[Number(op)] = handler;
}

/** The result row before any ResultRow ran (empty, never written). */
const NO_ROW: SqlValue[] = [];

/** Largest record kept in a reused buffer (scratchRecord); larger ones are allocated each time. */
const MAX_SCRATCH_RECORD = 512;

/** Opcodes between two deadline checks: cheap enough to keep time checks off the hot path. */
const CHECK_INTERVAL = 64;

export class Vdbe {
  /** Registers, cursors, aggregates, row sets and Once flags of the running frame (swapped by enterFrame/leaveFrame). */
  registers: SqlValue[];
  cursors: (VmCursor | null)[];
  readonly bindings: SqlValue[];
  /** Per-register state of aggregates (AggStep/AggFinal; an array indexed by register: AggStep reads it per row) and row sets, keyed by register. */
  aggregates: (AggregateSlot | undefined)[] = [];
  rowSets = new Map<number, { values: bigint[]; position: number }>();
  onceFlags = new Set<number>();
  /**
   * Subtypes of the registers (vm/subtype.ts): null until a function gives a result one. Each
   * trigger frame has its own (its arguments, NEW and OLD, keep theirs); not kept across runs.
   */
  subtypes: RegisterSubtypes | null = null;
  /** The instructions being run: the program's, or a trigger sub-program's. */
  instructions: readonly Instruction[];
  /** Callers suspended while trigger sub-programs run, outermost first. */
  readonly frames: VmFrame[] = [];
  pc = 0;
  resultRow: SqlValue[] = [];
  /** Depth of the statement savepoint in the write transaction, or -1. */
  statementSavepoint = -1;
  /** true once the program has started (Init ran) and until it halts or is reset. */
  running = false;
  halted = false;
  /** Set by Transaction: the statement holds (a share of) a connection transaction. */
  inTransaction = false;
  /** Rows changed so far by this run (Insert/Delete with the CountChange flag). */
  changes = 0;
  /** Immediate foreign key violations this run left outstanding (FkCounter; SQLite's nFkConstraint). */
  fkViolations = 0;
  /** Set by HaltWithError for OR FAIL / OR ROLLBACK constraint errors (see HaltError.action). */
  errorAction: 'FAIL' | 'ROLLBACK' | null = null;
  /** Reused record buffers by size, for a MakeRecord whose record the next Insert consumes (and copies). */
  private readonly recordBuffers: (Uint8Array | undefined)[] = [];
  readonly scratchRecord = (size: number): Uint8Array => {
    if (size > MAX_SCRATCH_RECORD) return new Uint8Array(size);
    return (this.recordBuffers[size] ??= new Uint8Array(size));
  };
  /** Btree cursors kept open after the last run, by slot (see closeCursors). */
  private readonly parked: (BtreeVmCursor | null)[] = [];

  constructor(
    readonly program: Program,
    readonly host: VmHost,
  ) {
    this.registers = new Array<SqlValue>(program.registerCount + 1).fill(null);
    this.cursors = new Array<VmCursor | null>(program.cursorCount).fill(null);
    this.bindings = new Array<SqlValue>(program.parameterNames.length).fill(null);
    this.instructions = program.instructions;
  }

  /** Runs until a row, completion, deadline (performance.now() ms) or busy. */
  step(deadline = Infinity): StepResult {
    if (this.halted) return StepResult.Done;
    this.running = true;
    let instructions = this.instructions;
    // Every call makes progress: the deadline is first checked after CHECK_INTERVAL opcodes.
    let budget = CHECK_INTERVAL;
    try {
      if (this.host.interrupted) throw new SqliteError('interrupted', 'SQLITE_INTERRUPT');
      for (;;) {
        if (--budget === 0) {
          budget = CHECK_INTERVAL;
          if (this.host.interrupted) throw new SqliteError('interrupted', 'SQLITE_INTERRUPT');
          if (deadline !== Infinity && performance.now() >= deadline) return StepResult.Yield;
        }
        const ins = instructions[this.pc]!;
        this.pc++;
        const handler = handlers[ins.op];
        if (!handler) throw new SqliteError(`internal error: opcode ${ins.op} has no handler`, 'SQLITE_INTERNAL');
        const signal = handler(this, ins);
        if (signal) {
          switch (signal) {
            case Signal.Row:
              return StepResult.Row;
            case Signal.Done:
              this.finish(true);
              return StepResult.Done;
            case Signal.Busy:
              return StepResult.Busy;
            case Signal.Frame:
              instructions = this.instructions;
              break;
          }
        }
      }
    } catch (error) {
      const action = this.errorAction;
      this.errorAction = null;
      // A statement without savepoint (program.unjournaledWriteStart) that failed after it started
      // writing (only a storage error can) cannot undo its partial change alone: the transaction rolls back.
      const partialWrite = this.inTransaction && this.frames.length === 0 && this.pc - 1 >= (this.program.unjournaledWriteStart ?? Infinity);
      this.unwindFrames();
      // OR FAIL: the error ends the statement but keeps what it already changed (SQLite releases
      // the statement savepoint and, in autocommit mode, commits).
      this.finish(action === 'FAIL');
      if (action === 'ROLLBACK' || partialWrite) this.host.abortTransaction?.();
      throw error;
    }
  }

  /** Ends the statement: statement savepoint released or rolled back, cursors closed. */
  private finish(success: boolean): void {
    if (this.halted) return;
    this.halted = true;
    this.running = false;
    this.closeCursors(true);
    if (this.statementSavepoint >= 0) {
      const depth = this.statementSavepoint;
      this.statementSavepoint = -1;
      this.host.endStatementSavepoint(depth, success);
    }
    if (this.inTransaction) {
      this.inTransaction = false;
      this.host.statementFinished(success, this.program.countsChanges ? this.changes : null);
    }
    this.dropStaleParked();
  }

  /**
   * Closes the cursors; with `park`, btree cursors are kept (still open, by slot) for the next run,
   * which reuses them when it opens the same tree in the same transaction (takeParkedCursor). A
   * reused cursor keeps its btree position, so repeated appends or nearby lookups skip the descent.
   */
  private closeCursors(park = false): void {
    const cursors = this.cursors;
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i];
      if (c?.kind !== 'btree') {
        cursors[i] = null;
        continue;
      }
      if (park && c.scope !== null) {
        const old = this.parked[i];
        if (old && old !== c) old.close();
        this.parked[i] = c;
      } else c.close();
      cursors[i] = null; // (a loop, not fill(): fill's builtin call dominates for a few slots)
    }
    // Map/Set clear() allocates a fresh table even when empty: skip it on the per-run path.
    if (this.aggregates.length > 0) this.aggregates = [];
    if (this.rowSets.size > 0) this.rowSets.clear();
  }

  /** The cursor parked in `slot` when it fits this open (same tree, key info, access, transaction); else null. */
  takeParkedCursor(slot: number, root: number, keyInfo: KeyInfo | null, write: boolean): BtreeVmCursor | null {
    // Parked cursors belong to the statement's own program, never to a trigger sub-program.
    if (this.frames.length > 0) return null;
    const c = this.parked[slot];
    if (!c) return null;
    this.parked[slot] = null;
    if (c.root === root && c.keyInfo === keyInfo && c.writable === write && this.cursorReusable(c)) {
      c.invalidate();
      return c;
    }
    c.close();
    return null;
  }

  /** Still in the transaction it was opened in, with no savepoint rollback since (pages unchanged behind it). */
  cursorReusable(c: BtreeVmCursor): boolean {
    return c.scope === (this.host.cursorScope?.(c.writable) ?? null) && c.rollbacks === (this.host.savepointRollbacks ?? 0);
  }

  /** Closes parked cursors that can no longer be reused (their transaction ended or rolled back). */
  private dropStaleParked(): void {
    const parked = this.parked;
    for (let i = 0; i < parked.length; i++) {
      const c = parked[i];
      if (c && !this.cursorReusable(c)) {
        c.close();
        parked[i] = null;
      }
    }
  }

  /** Closes every parked cursor (the statement is finalized or recompiled). */
  releaseParkedCursors(): void {
    for (const c of this.parked) c?.close();
    this.parked.length = 0;
  }

  /** Rewinds for another run (bindings kept). A statement stopped mid-way ends its transaction share. */
  reset(): void {
    this.unwindFrames();
    if (this.running && !this.halted) this.finish(true);
    this.halted = false;
    this.running = false;
    this.pc = 0;
    const registers = this.registers;
    for (let i = 0; i < registers.length; i++) registers[i] = null; // cheaper than fill() per run
    if (this.onceFlags.size > 0) this.onceFlags.clear();
    this.resultRow = NO_ROW;
    this.subtypes = null;
    this.changes = 0;
    this.fkViolations = 0;
    this.closeCursors();
  }

  /**
   * Suspends the running program and starts sub-program `program` (a trigger) with fresh
   * registers, its first `args.length` registers (from 1) holding `args` (with `argSubtypes`). One opcode does the
   * whole switch, so a step() that yields inside the sub-program resumes in it.
   */
  enterFrame(program: Program, args: readonly SqlValue[], token: object, argSubtypes?: readonly number[]): void {
    this.frames.push({
      instructions: this.instructions,
      callerPc: this.pc - 1,
      registers: this.registers,
      cursors: this.cursors,
      aggregates: this.aggregates,
      rowSets: this.rowSets,
      onceFlags: this.onceFlags,
      subtypes: this.subtypes,
      changes: this.changes,
      connectionChanges: this.host.changes,
      lastInsertRowid: this.host.lastInsertRowid,
      token,
    });
    const registers = new Array<SqlValue>(Math.max(program.registerCount, args.length) + 1).fill(null);
    for (let i = 0; i < args.length; i++) registers[i + 1] = args[i]!;
    this.registers = registers;
    this.cursors = new Array<VmCursor | null>(program.cursorCount).fill(null);
    this.aggregates = [];
    this.rowSets = new Map();
    this.onceFlags = new Set();
    this.subtypes = null;
    if (argSubtypes) for (let i = 0; i < args.length; i++) this.setSubtype(i + 1, args[i]!, argSubtypes[i]!);
    this.instructions = program.instructions;
    this.changes = 0;
    this.pc = 0;
  }

  /**
   * Ends the running sub-program: its cursors close, the caller's state comes back, and so do
   * changes() and last_insert_rowid() as they were when the trigger started (SQLite's rule).
   * Returns the address of the Program instruction that entered it.
   */
  leaveFrame(): number {
    const frame = this.frames.pop();
    if (!frame) throw new SqliteError('internal error: no trigger frame to leave', 'SQLITE_INTERNAL');
    this.restoreCallerState(frame);
    this.host.restoreChanges?.(frame.connectionChanges);
    this.host.setLastInsertRowid(frame.lastInsertRowid);
    this.pc = frame.callerPc + 1;
    return frame.callerPc;
  }

  /** Closes the sub-program's cursors and puts back the caller's registers, cursors and program. */
  private restoreCallerState(frame: (typeof this.frames)[number]): void {
    for (const c of this.cursors) if (c?.kind === 'btree') c.close();
    this.registers = frame.registers;
    this.cursors = frame.cursors;
    this.aggregates = frame.aggregates;
    this.rowSets = frame.rowSets;
    this.onceFlags = frame.onceFlags;
    this.subtypes = frame.subtypes;
    this.instructions = frame.instructions;
    this.changes = frame.changes;
  }

  /** Whether a frame of the sub-program identified by `token` is running (a trigger firing itself). */
  inFrameOf(token: object): boolean {
    return this.frames.some((f) => f.token === token);
  }

  /** Abandons every sub-program (error or reset): the statement's own state comes back. */
  private unwindFrames(): void {
    const outermost = this.frames[0];
    while (this.frames.length > 0) {
      this.restoreCallerState(this.frames.pop()!);
    }
    if (outermost) {
      this.host.restoreChanges?.(outermost.connectionChanges);
      this.host.setLastInsertRowid(outermost.lastInsertRowid);
    }
  }

  /** Register r was just given `value` with subtype `kind` (0: none). */
  setSubtype(r: number, value: SqlValue, kind: number): void {
    if (kind !== 0) (this.subtypes ??= new RegisterSubtypes()).set(r, value, kind);
    else if (this.subtypes !== null) this.subtypes.clear(r);
  }

  /** The subtypes of registers base..base+count-1 (0 each when none). */
  subtypesOf(base: number, count: number): number[] {
    const out = new Array<number>(count).fill(0);
    const subtypes = this.subtypes;
    if (subtypes !== null) for (let i = 0; i < count; i++) out[i] = subtypes.get(base + i, this.registers[base + i]!);
    return out;
  }

  /** The cursor in slot i, which the program must have opened. */
  cursor(i: number): VmCursor {
    const c = this.cursors[i];
    if (!c) throw new SqliteError(`internal error: cursor ${i} is not open`, 'SQLITE_INTERNAL');
    return c;
  }
}
