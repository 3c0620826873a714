// Decides whether a program needs a statement savepoint (SQLite's statement journal). A statement
// that cannot fail once it has started writing never needs to undo part of itself, so it skips the
// savepoint and the page pre-images it would copy (the main cost of a one-row INSERT inside BEGIN).

import { Opcode, type Instruction } from '../vm/program.js';

/** Opcodes that change the database (or may: HostCall runs PRAGMAs). */
function writes(op: Opcode): boolean {
  switch (op) {
    case Opcode.Insert:
    case Opcode.IdxInsert:
    case Opcode.Delete:
    case Opcode.IdxDelete:
    case Opcode.Clear:
    case Opcode.Destroy:
    case Opcode.CreateBtree:
    case Opcode.SetCookie:
    case Opcode.ParseSchema:
    case Opcode.HostCall:
    case Opcode.AutoCommit:
      return true;
    default:
      // Opcodes added after HostCall are unknown here: count them as writes (conservative).
      return op > Opcode.HostCall;
  }
}

/**
 * Opcodes allowed after the first write in a statement without savepoint: they cannot raise a SQL
 * error (constraint, type, function errors). Only storage failures remain possible, and those roll
 * back the whole transaction (as SQLite does for a statement without a statement journal).
 */
function cannotFail(op: Opcode, countsForeignKeys: boolean): boolean {
  switch (op) {
    case Opcode.FkCheck:
      // Fails only on violations counted by this statement's FkCounter (or, in autocommit mode, on
      // deferred ones, where the failure rolls back the whole transaction, which is the statement).
      return !countsForeignKeys;
    case Opcode.Insert:
    case Opcode.IdxInsert:
    case Opcode.MakeRecord:
    case Opcode.SCopy:
    case Opcode.Copy:
    case Opcode.Null:
    case Opcode.Value:
    case Opcode.Goto:
    case Opcode.IsNull:
    case Opcode.NotNull:
    case Opcode.Noop:
    case Opcode.Halt:
      return true;
    default:
      return false;
  }
}

/**
 * The address of the first write when the statement may run without a statement savepoint (every
 * instruction from it on cannot fail and only jumps forward, so no write repeats and no SQL error
 * follows a write); undefined when the savepoint is needed.
 */
export function unjournaledWriteStart(instructions: readonly Instruction[]): number | undefined {
  const first = instructions.findIndex((ins) => writes(ins.op));
  if (first < 0) return undefined;
  const countsForeignKeys = instructions.some((ins) => ins.op === Opcode.FkCounter);
  for (let i = first; i < instructions.length; i++) {
    const ins = instructions[i]!;
    if (!cannotFail(ins.op, countsForeignKeys)) return undefined;
    const jumps = ins.op === Opcode.Goto || ins.op === Opcode.IsNull || ins.op === Opcode.NotNull;
    if (jumps && ins.p2 <= i) return undefined;
  }
  return first;
}
