// Window opcodes: a pass over rows sorted by a window's PARTITION BY and ORDER BY keys, computing
// its functions row by row (the frame engine is vm/window-run.ts).

import type { MemoryVmCursor } from '../cursor.js';
import { Opcode } from '../program.js';
import { registerOps } from '../vdbe.js';
import { WindowVmCursor } from '../window-run.js';
import type { WindowPassSpec } from '../window-spec.js';

registerOps({
  /**
   * WindowOpen: cursor P1 becomes a window pass over the rows of sorted sorter P2, described by P4
   * (a WindowPassSpec). Frame offsets are read from their registers and checked now.
   */
  [Opcode.WindowOpen]: (vm, ins) => {
    const sorter = vm.cursor(ins.p2) as MemoryVmCursor;
    const c = new WindowVmCursor(sorter.rows, ins.p4 as WindowPassSpec, vm.registers);
    c.rowSubtypes = sorter.rowSubtypes;
    vm.cursors[ins.p1] = c;
  },
  /**
   * WindowNext: write the next row of window pass P1 (its payload with the results filled in) to
   * r[P3..]; jump to P2 when no row is left. Resumable: re-runs itself until the row is complete.
   * The payload keeps the subtypes it had in the sorter; with P5=1 the results get their aggregates'
   * (json_group_array's JSON) too.
   */
  [Opcode.WindowNext]: (vm, ins) => {
    const c = vm.cursor(ins.p1) as WindowVmCursor;
    if (c.finished) {
      vm.pc = ins.p2;
      return;
    }
    if (!c.next(vm.registers, ins.p3)) {
      vm.pc--;
      return;
    }
    // Results of aggregates that give them a subtype (json_group_array) carry it, as AggFinal's do.
    const payload = c.rowSubtypes === null ? null : c.payloadSubtypes();
    if (payload) payload.forEach((kind, i) => vm.setSubtype(ins.p3 + i, vm.registers[ins.p3 + i]!, kind));
    if (ins.p5 === 1) c.resultSubtypes((slot, kind) => vm.setSubtype(ins.p3 + slot, vm.registers[ins.p3 + slot]!, kind));
  },
});
