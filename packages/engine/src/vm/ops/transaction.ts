// Transaction and schema opcodes: starting read/write transactions (returning Busy without side
// effects when the write lock is taken), BEGIN/COMMIT/ROLLBACK, tree creation and removal, the
// header cookies, and calls into the connection for PRAGMAs.

import { SqliteError } from '../../common/errors.js';
import type { SqlValue } from '../../common/values.js';
import { MemoryVmCursor } from '../cursor.js';
import type { VmHost } from '../host.js';
import { Opcode } from '../program.js';
import { registerOps, Signal } from '../vdbe.js';

/** p4 of AutoCommit. */
export interface AutoCommitSpec {
  mode: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE' | 'CONCURRENT' | null;
}

/** p4 of HostCall when it is a function: computes a value or rows from the arguments (table-valued functions). */
export type HostFunction = (args: readonly SqlValue[], host: VmHost) => SqlValue | SqlValue[][];

/** p4 of Transaction: the schema generation the program was compiled against. */
export interface TransactionSpec {
  schemaGeneration: number;
}

registerOps({
  /**
   * Transaction: make sure a read (P1=0) or write (P1=1) transaction is open. When the write lock
   * is held elsewhere, return Busy with nothing changed; the next step() re-runs this opcode. A write
   * transaction opens the statement savepoint that an error rolls back to.
   */
  [Opcode.Transaction]: (vm, ins) => {
    const write = ins.p1 === 1;
    if (!vm.host.beginTransaction(write)) {
      vm.pc--;
      return Signal.Busy;
    }
    vm.inTransaction = true;
    if (vm.program.schemaGeneration !== vm.host.schemaGeneration) throw new SqliteError('database schema has changed', 'SQLITE_SCHEMA');
    if (write && vm.statementSavepoint < 0 && vm.program.unjournaledWriteStart === undefined) vm.statementSavepoint = vm.host.statementSavepoint();
  },
  /** AutoCommit: P1=0 is BEGIN (mode in P4); P1=1 is COMMIT (Busy while a concurrent COMMIT waits for the lock), or ROLLBACK when P2=1. */
  [Opcode.AutoCommit]: (vm, ins) => {
    if (vm.host.setAutocommit(ins.p1 === 1, ins.p2 === 1, (ins.p4 as AutoCommitSpec | null)?.mode ?? null) === false) {
      vm.pc--;
      return Signal.Busy;
    }
  },
  /** CreateBtree: r[P2] = root page of a new empty tree (an index tree when P1=1) in database P3. */
  [Opcode.CreateBtree]: (vm, ins) => {
    vm.registers[ins.p2] = BigInt(ins.p3 ? vm.host.createTree(ins.p1 === 1, ins.p3) : vm.host.createTree(ins.p1 === 1));
  },
  /** Destroy: free every page of the tree rooted at P1. */
  [Opcode.Destroy]: (vm, ins) => {
    vm.host.dropTree(ins.p1);
  },
  /** Clear: delete every entry of the tree rooted at P1; count P2 changes... none (SQLite counts rows; see compiler). */
  [Opcode.Clear]: (vm, ins) => {
    vm.host.clearTree(ins.p1);
  },
  /** ParseSchema: reload the schema of database P1 from its sqlite_schema (after DDL in this transaction). */
  [Opcode.ParseSchema]: (vm, ins) => {
    if (ins.p1) vm.host.reloadSchema(ins.p1);
    else vm.host.reloadSchema();
  },
  /** ReadCookie: r[P2] = the 4-byte header field at offset P1. */
  [Opcode.ReadCookie]: (vm, ins) => {
    vm.registers[ins.p2] = BigInt(vm.host.readHeaderField(ins.p1));
  },
  /** SetCookie: header field at offset P1 = r[P2] (P3=1: add r[P2] to it instead). */
  [Opcode.SetCookie]: (vm, ins) => {
    const value = Number(BigInt.asIntN(32, vm.registers[ins.p2] as bigint));
    const next = ins.p3 === 1 ? vm.host.readHeaderField(ins.p1) + value : value;
    vm.host.writeHeaderField(ins.p1, next | 0);
  },
  /**
   * HostCall: call connection operation P4 (a name, or a function of the arguments and the host:
   * table-valued functions) with r[P1..P1+P2-1]. A single value goes to r[P3]; when P5=1 the
   * result rows fill a new in-memory cursor P3 instead.
   */
  [Opcode.HostCall]: (vm, ins) => {
    const args = vm.registers.slice(ins.p1, ins.p1 + ins.p2);
    const result = typeof ins.p4 === 'function' ? (ins.p4 as HostFunction)(args, vm.host) : vm.host.call(ins.p4 as string, args);
    if (ins.p5 === 1) {
      const c = new MemoryVmCursor(null);
      if (!Array.isArray(result)) throw new SqliteError('internal error: host call returned no rows', 'SQLITE_INTERNAL');
      c.rows = result as SqlValue[][];
      vm.cursors[ins.p3] = c;
    } else {
      vm.registers[ins.p3] = result as SqlValue;
    }
  },
});
