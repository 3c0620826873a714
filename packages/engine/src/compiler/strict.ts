// STRICT tables on write: the TypeCheck of a new row (vm/ops/type-check.ts), placed where SQLite
// places it: after NOT NULL, CHECK and the rowid check, before the first index's uniqueness check.

import { strictTypeOf } from '../schema/strict.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { TypeCheckSpec } from '../vm/ops/type-check.js';
import type { ExprCompiler } from './expr.js';
import type { RegisterSource } from './scope.js';

const specs = new WeakMap<TableInfo, TypeCheckSpec>();

const specsWithoutGenerated = new WeakMap<TableInfo, TypeCheckSpec>();

function typeCheckSpec(table: TableInfo, withGenerated: boolean): TypeCheckSpec {
  const cache = withGenerated ? specs : specsWithoutGenerated;
  let spec = cache.get(table);
  if (!spec) {
    // Generated columns (VIRTUAL ones too) are checked once computed.
    const columns = table.columns.map((column, i) => {
      if (i === table.rowidAlias || (column.generated && !withGenerated)) return null;
      return { name: column.name, type: strictTypeOf(column.declaredType) ?? 'ANY', affinity: column.affinity };
    });
    spec = { table: table.name, columns };
    cache.set(table, spec);
  }
  return spec;
}

/**
 * Emits the type check of the new row in `row` when its table is STRICT; `withGenerated` false
 * checks only the ordinary columns (before the generated ones are computed).
 */
export function emitStrictTypeCheck(ec: ExprCompiler, row: RegisterSource, withGenerated = true): void {
  const table = row.table;
  if (!table.strict) return;
  ec.b.emit(Opcode.TypeCheck, row.base, table.columns.length, 0, typeCheckSpec(table, withGenerated));
}
