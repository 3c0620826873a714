// CTE opcodes. The queue of a recursive CTE (compiler/recursive-cte.ts): rows wait in a
// QueueVmCursor; each popped row becomes the current row of the queue cursor (what the outer query
// reads) and of a one-row cursor the recursive SELECTs read. OpenDup: a second reader of a
// MATERIALIZED CTE's rows (compiler/cte.ts). Every opcode completes in one go (no I/O).

import { MemoryVmCursor } from '../cursor.js';
import { Opcode } from '../program.js';
import { QueueVmCursor } from '../queue-cursor.js';
import { registerOps, type Vdbe } from '../vdbe.js';
import { comparator, type SortSpec } from './sorter.js';

/** P4 of QueueOpen for a CTE with ORDER BY: the row's key columns and how they order. */
export interface QueueOrder {
  readonly columns: readonly number[];
  readonly spec: SortSpec;
}

function queueCursor(vm: Vdbe, i: number): QueueVmCursor {
  return vm.cursor(i) as QueueVmCursor;
}

registerOps({
  /** QueueOpen: cursor P1 is an empty queue (FIFO, or by P4, a QueueOrder); cursor P2 (unless negative) an empty one-row view of its current row. */
  [Opcode.QueueOpen]: (vm, ins) => {
    const order = ins.p4 as QueueOrder | null;
    vm.cursors[ins.p1] = new QueueVmCursor(order ? { columns: order.columns, compare: comparator(order.spec) } : null);
    if (ins.p2 >= 0) vm.cursors[ins.p2] = new MemoryVmCursor(null);
  },
  /** QueuePush: appends a copy of registers P2..P2+P3-1 to queue P1. */
  [Opcode.QueuePush]: (vm, ins) => {
    queueCursor(vm, ins.p1).pushFrom(vm.registers, ins.p2, ins.p3);
  },
  /**
   * QueuePop: the next row of queue P1 becomes its current row and that of cursor P3 (unless negative); P4, when
   * set, is the first of the registers it is also copied into. Jump to P2 when the queue is empty.
   */
  [Opcode.QueuePop]: (vm, ins) => {
    const q = queueCursor(vm, ins.p1);
    if (!q.pop()) {
      vm.pc = ins.p2;
      return;
    }
    const row = q.rows[0]!;
    const base = ins.p4 as number | null;
    if (base) for (let i = 0; i < row.length; i++) vm.registers[base + i] = row[i]!;
    if (ins.p3 < 0) return;
    const view = vm.cursor(ins.p3) as MemoryVmCursor;
    view.rows[0] = row;
    view.position = 0;
    view.nullRow = false;
  },
  /** OpenDup: cursor P1 reads the rows of memory cursor P2 (filled or not yet), with its own position. */
  [Opcode.OpenDup]: (vm, ins) => {
    const c = new MemoryVmCursor(null);
    c.rows = (vm.cursor(ins.p2) as MemoryVmCursor).rows;
    vm.cursors[ins.p1] = c;
  },
});
