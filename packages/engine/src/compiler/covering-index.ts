// Covering index scans: when an index loop's table row is only ever read for columns the index
// itself holds (and its rowid), the table lookup per entry is dropped and those reads go to the
// index cursor, as SQLite's covering-index plans do. Decided once the whole program is built (a
// correlated subquery or an aggregate may read the row far from the loop), by rewriting in place.

import { EXPRESSION_COLUMN, type IndexInfo, type TableInfo } from '../schema/types.js';
import { hasGeneratedColumns } from '../schema/generated.js';
import { Opcode, type Instruction } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';

/** Opcodes whose P1 is a cursor: any of them on the table cursor other than the ones below keeps the table lookup. */
const CURSOR_OPS = new Set<Opcode>([
  Opcode.OpenRead, Opcode.OpenWrite, Opcode.OpenEphemeral, Opcode.Close, Opcode.Rewind, Opcode.Last, Opcode.Next, Opcode.Prev,
  Opcode.SeekRowid, Opcode.NotExists, Opcode.SeekGE, Opcode.SeekGT, Opcode.SeekLE, Opcode.SeekLT, Opcode.IdxGE, Opcode.IdxGT,
  Opcode.IdxLE, Opcode.IdxLT, Opcode.Found, Opcode.NotFound, Opcode.Column, Opcode.Rowid, Opcode.IdxRowid, Opcode.NullRow,
  Opcode.NewRowid, Opcode.Insert, Opcode.IdxInsert, Opcode.Delete, Opcode.IdxDelete, Opcode.NoConflict, Opcode.SorterOpen,
  Opcode.SorterInsert, Opcode.SorterSort, Opcode.SorterNext, Opcode.WindowOpen, Opcode.WindowNext,
]);

/** Whether a covering scan may apply to this table at all (rowid table, columns stored at their own positions). */
export function mayCover(table: TableInfo, index: IndexInfo): boolean {
  return !table.withoutRowid && !hasGeneratedColumns(table) && !index.where;
}

/**
 * Registers the rewrite for an index loop whose per-entry table lookup is the IdxRowid at
 * `lookup` followed by the NotExists at `lookup + 1`. `covered` is called when the rewrite applies.
 */
export function coverWhenPossible(b: ProgramBuilder, table: TableInfo, index: IndexInfo, tableCursor: number, indexCursor: number, lookup: number, covered: () => void): void {
  // Table column -> position in the index entry (plain columns; the rowid alias is the entry's rowid).
  const positions = new Map<number, number>();
  index.columns.forEach((c, k) => {
    if (c.column !== EXPRESSION_COLUMN && c.column >= 0 && c.column !== table.rowidAlias && !positions.has(c.column)) positions.set(c.column, k);
  });
  b.onFinish((instructions) => {
    // INSERT/UPDATE/DELETE: SQLite reads their target rows whole (and its plan says so); so do they here.
    if (b.countsChanges) return;
    const uses: Instruction[] = [];
    let opens = 0;
    for (let i = 0; i < instructions.length; i++) {
      const ins = instructions[i]!;
      if (ins.p1 !== tableCursor || !CURSOR_OPS.has(ins.op)) continue;
      if (i === lookup + 1 && ins.op === Opcode.NotExists) continue;
      switch (ins.op) {
        case Opcode.OpenRead:
          // One loop on this cursor: a second open means another loop reads it its own way.
          if (++opens > 1) return;
          uses.push(ins);
          continue;
        case Opcode.Column:
          if (!positions.has(ins.p2)) return;
          uses.push(ins);
          continue;
        case Opcode.Rowid:
        case Opcode.NullRow:
        case Opcode.Close:
          uses.push(ins);
          continue;
        default:
          return;
      }
    }
    const idxRowid = instructions[lookup];
    const notExists = instructions[lookup + 1];
    if (idxRowid?.op !== Opcode.IdxRowid || idxRowid.p1 !== indexCursor || notExists?.op !== Opcode.NotExists || notExists.p1 !== tableCursor) return;
    idxRowid.op = Opcode.Noop;
    notExists.op = Opcode.Noop;
    for (const ins of uses) {
      switch (ins.op) {
        case Opcode.OpenRead:
          ins.op = Opcode.Noop;
          break;
        case Opcode.Column:
          ins.p1 = indexCursor;
          ins.p2 = positions.get(ins.p2)!;
          break;
        case Opcode.Rowid:
          ins.op = Opcode.IdxRowid;
          ins.p1 = indexCursor;
          break;
        case Opcode.NullRow:
          ins.p1 = indexCursor;
          break;
        // Close: closing the never-opened table cursor is a no-op.
      }
    }
    covered();
  });
}
