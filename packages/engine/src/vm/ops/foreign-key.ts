// Foreign key opcodes (SQLite's OP_FkCounter, OP_FkIfZero and OP_FkCheck): counting constraint
// violations a statement creates and resolves. Immediate constraints count in the running statement
// (Vdbe.fkViolations, checked when it ends); deferred ones, and immediate ones while PRAGMA
// defer_foreign_keys is on, count in the connection (checked at COMMIT).

import { SqliteError } from '../../common/errors.js';
import { Opcode } from '../program.js';
import { registerOps, type Vdbe } from '../vdbe.js';

/** The connection's foreign key counters (SQLite's nDeferredCons, nDeferredImmCons, SQLITE_DeferFKs). */
export interface ForeignKeyCounters {
  /** PRAGMA defer_foreign_keys: immediate constraints are counted as deferred ones. */
  deferAll: boolean;
  /** Outstanding violations of DEFERRABLE INITIALLY DEFERRED constraints. */
  deferred: number;
  /** Outstanding violations of immediate constraints counted while deferAll was on. */
  deferredImmediate: number;
  /** The connection is in autocommit mode (no BEGIN): a statement's end is its commit. */
  readonly autocommit: boolean;
}

export const FOREIGN_KEY_FAILED = 'FOREIGN KEY constraint failed';

/** Counters for a host that keeps none (stand-in hosts in tests): nothing is ever deferred. */
const noCounters = (): ForeignKeyCounters => ({ deferAll: false, deferred: 0, deferredImmediate: 0, autocommit: true });

function countersOf(vm: Vdbe): ForeignKeyCounters {
  return vm.host.foreignKeyCounters ?? noCounters();
}

registerOps({
  /**
   * FkCounter: add P2 (may be negative) to the violation count of a deferred (P1=1) constraint, or of
   * an immediate one (counted as deferred while defer_foreign_keys is on).
   */
  [Opcode.FkCounter]: (vm, ins) => {
    const counters = countersOf(vm);
    if (ins.p1) counters.deferred += ins.p2;
    else if (counters.deferAll) counters.deferredImmediate += ins.p2;
    else vm.fkViolations += ins.p2;
  },
  /**
   * FkIfZero: jump to P2 when no violation is outstanding: for P1=1 the connection's deferred
   * counts, for P1=0 the statement's count and the deferred immediate count.
   */
  [Opcode.FkIfZero]: (vm, ins) => {
    const counters = countersOf(vm);
    const outstanding = ins.p1 ? counters.deferred + counters.deferredImmediate : vm.fkViolations + counters.deferredImmediate;
    if (outstanding === 0) vm.pc = ins.p2;
  },
  /**
   * FkCheck: fail the statement when its immediate count is not zero; with P1=1 in autocommit mode
   * (the statement's end commits), when the deferred counts are not zero either. A count below
   * zero fails too, as in SQLite (a statement resolved violations it did not count).
   */
  [Opcode.FkCheck]: (vm, ins) => {
    const counters = countersOf(vm);
    const deferred = ins.p1 === 1 && counters.autocommit ? counters.deferred + counters.deferredImmediate : 0;
    if (vm.fkViolations !== 0 || deferred !== 0) throw new SqliteError(FOREIGN_KEY_FAILED, 'SQLITE_CONSTRAINT_FOREIGNKEY');
  },
});
