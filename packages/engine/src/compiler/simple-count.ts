// SELECT count(*) FROM t, nothing else: the answer is the table b-tree's entry count, read from
// its pages' cell counts (SQLite's isSimpleCount + OP_Count) instead of a loop that steps the
// aggregate once per row.

import type { SelectClause } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ExprCompiler } from './expr.js';
import { notePlan } from './query-plan.js';
import type { CursorSource } from './scope.js';
import type { OutputColumn } from './select.js';
import type { GroupRowSink } from './window.js';
import { tableKeyInfo } from './without-rowid.js';

/**
 * Compiles `core` as a simple count when it is one (one plain table, no WHERE, GROUP BY, HAVING
 * or DISTINCT, and the only output is the built-in count(*)); returns false, emitting nothing, otherwise.
 */
export function compileSimpleCount(ec: ExprCompiler, core: SelectClause, source: CursorSource, outputs: readonly OutputColumn[], output: GroupRowSink): boolean {
  if (core.where || core.groupBy.length > 0 || core.having || core.distinct || outputs.length !== 1) return false;
  if (source.memory || source.openStream || source.argumentExprs || source.indexHint !== undefined) return false;
  const call = outputs[0]!.expr;
  if (call.kind !== 'Function' || !call.star || call.over || call.filter || call.distinct) return false;
  if (call.name.text.toLowerCase() !== 'count' || call.args.length > 0) return false;
  const resolved = ec.ctx.functions.resolve(call.name.text, 0);
  // A user function may have replaced count(): only the built-in one counts rows.
  if (resolved.kind !== 'aggregate' || resolved.fn.countsRows !== true) return false;
  const b = ec.b;
  notePlan(`SCAN ${source.name}`);
  output.prepare();
  b.emit(Opcode.OpenRead, source.cursor, source.table.rootPage, 0, tableKeyInfo(ec, source.table));
  const count = b.register();
  b.emit(Opcode.Count, source.cursor, count);
  const skip = b.label();
  output.emitRow({ ...ec.scope, replacements: new Map([[call, count]]) }, skip);
  b.place(skip);
  output.finish();
  return true;
}
