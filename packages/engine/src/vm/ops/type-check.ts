// TypeCheck: STRICT tables' column types (OP_TypeCheck), applied to a new row before it is written.

import { SqliteError } from '../../common/errors.js';
import type { SqlValue } from '../../common/values.js';
import { applyAffinity, type Affinity } from '../../values/affinity.js';
import { Opcode } from '../program.js';
import { registerOps } from '../vdbe.js';

/** One column of a TypeCheck's P4: null for a register the check skips (the rowid alias). */
export interface TypeCheckColumn {
  readonly name: string;
  /** One of STRICT's type names (ANY accepts every value). */
  readonly type: 'ANY' | 'BLOB' | 'INT' | 'INTEGER' | 'REAL' | 'TEXT';
  readonly affinity: Affinity;
}

/** P4 of TypeCheck. */
export interface TypeCheckSpec {
  readonly table: string;
  readonly columns: readonly (TypeCheckColumn | null)[];
}

function storageName(value: SqlValue): string {
  if (typeof value === 'bigint') return 'INT';
  if (typeof value === 'number') return 'REAL';
  if (typeof value === 'string') return 'TEXT';
  return 'BLOB';
}

function accepts(type: TypeCheckColumn['type'], value: SqlValue): boolean {
  switch (type) {
    case 'ANY':
      return true;
    case 'BLOB':
      return value instanceof Uint8Array;
    case 'INT':
    case 'INTEGER':
      return typeof value === 'bigint';
    case 'REAL':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'TEXT':
      return typeof value === 'string';
  }
}

registerOps({
  /**
   * TypeCheck: apply each column's affinity to r[P1+i] (i < P2) in place, then fail with
   * SQLITE_CONSTRAINT_DATATYPE when a non-NULL value is not of the column's STRICT type.
   */
  [Opcode.TypeCheck]: (vm, ins) => {
    const spec = ins.p4 as TypeCheckSpec;
    for (let i = 0; i < ins.p2; i++) {
      const column = spec.columns[i];
      if (!column) continue;
      const value = applyAffinity(vm.registers[ins.p1 + i]!, column.affinity);
      vm.registers[ins.p1 + i] = value;
      if (value === null || accepts(column.type, value)) continue;
      throw new SqliteError(`cannot store ${storageName(value)} value in ${column.type} column ${spec.table}.${column.name}`, 'SQLITE_CONSTRAINT_DATATYPE');
    }
  },
});
