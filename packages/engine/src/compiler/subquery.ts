// Subqueries in expressions: scalar (SELECT ...), EXISTS (SELECT ...) and x IN (SELECT ...).
// An uncorrelated subquery runs once (guarded by Once) and its result is reused; a correlated one
// (it reads a column of the enclosing query) runs again for every outer row.

import { SqliteError } from '../common/errors.js';
import type { Expr, Select } from '../parser/ast.js';
import { comparisonAffinity, type Affinity } from '../values/affinity.js';
import { binaryCollation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ExprCompiler } from './expr.js';
import { compileSelect } from './select.js';
import { planScope, selectNumber, unrecorded } from './query-plan.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';

/** Emits `work` under a Once guard that is dropped when the work turned out to be correlated. */
function onceUnlessCorrelated(ec: ExprCompiler, work: (correlation: { used: boolean }) => void, kind: 'SCALAR' | 'LIST', select: Select): void {
  const b = ec.b;
  const after = b.label();
  const guard = b.emit(Opcode.Once, 0, after);
  const correlation = { used: false };
  planScope(() => `${correlation.used ? 'CORRELATED ' : ''}${kind} SUBQUERY ${selectNumber(select)}`, () => work(correlation));
  b.place(after);
  if (correlation.used) b.replaceOp(guard, Opcode.Noop);
}

const expressionAffinities = new WeakMap<CompileContext, WeakMap<Select, (Affinity | null)[]>>();

/**
 * The affinities of a subquery's result columns where it is an expression (scalar, IN): those of
 * its last SELECT's columns, as SQLite reads them (a compound is its last part), found by a trial
 * compile. FROM subqueries combine all parts instead (compound.ts).
 */
export function expressionSubqueryAffinities(ec: ExprCompiler, select: Select): readonly (Affinity | null)[] {
  let byContext = expressionAffinities.get(ec.ctx);
  if (!byContext) expressionAffinities.set(ec.ctx, (byContext = new WeakMap()));
  const known = byContext.get(select);
  if (known) return known;
  const last = select.compounds.length > 0 ? select.compounds[select.compounds.length - 1]!.core : select.first;
  const affinities: (Affinity | null)[] = [];
  const single: Select = { ...select, first: last, compounds: [], orderBy: [], limit: null };
  unrecorded(() => compileSelect(ec.ctx, new ProgramBuilder(), single, { kind: 'emit', emit: () => undefined }, ec.scope, { used: false }, affinities));
  byContext.set(select, affinities);
  return affinities;
}

export function compileScalarSubquery(ec: ExprCompiler, select: Select, target: number): void {
  const b = ec.b;
  const cached = b.register();
  onceUnlessCorrelated(ec, (correlation) => {
    const done = b.label();
    b.emit(Opcode.Null, 0, cached);
    const columns = compileSelect(ec.ctx, b, select, { kind: 'first', register: cached, done, exists: false }, ec.scope, correlation);
    if (columns.length !== 1) throw new SqliteError(`sub-select returns ${columns.length} columns - expected 1`);
    b.place(done);
  }, 'SCALAR', select);
  b.emit(Opcode.SCopy, cached, target);
}

export function compileExists(ec: ExprCompiler, select: Select, target: number): void {
  const b = ec.b;
  const cached = b.register();
  onceUnlessCorrelated(ec, (correlation) => {
    const done = b.label();
    b.emit(Opcode.Value, 0, cached, 0, 0n);
    compileSelect(ec.ctx, b, select, { kind: 'first', register: cached, done, exists: true }, ec.scope, correlation);
    b.place(done);
  }, 'SCALAR', select);
  b.emit(Opcode.SCopy, cached, target);
}

/** `operand [NOT] IN (SELECT ...)` with SQL's NULL rules: no match and a NULL among the values gives NULL. */
export function compileInSelect(ec: ExprCompiler, operand: Expr, select: Select, not: boolean, target: number): void {
  const b = ec.b;
  const rows = b.cursor();
  const affinities: (Affinity | null)[] = [];
  const width = operand.kind === 'Vector' ? operand.items.length : 1;
  onceUnlessCorrelated(ec, (correlation) => {
    b.emit(Opcode.OpenEphemeral, rows);
    const columns = compileSelect(ec.ctx, b, select, { kind: 'collect', cursor: rows }, ec.scope, correlation, affinities);
    if (columns.length !== width) throw new SqliteError(`sub-select returns ${columns.length} columns - expected ${width}`);
  }, 'LIST', select);
  if (select.compounds.length > 0) affinities.splice(0, affinities.length, ...expressionSubqueryAffinities(ec, select));
  if (operand.kind === 'Vector') {
    compileRowInRows(ec, operand.items, rows, affinities, not, target);
    return;
  }
  const value = ec.toRegister(operand);
  const c = ec.collationOf(operand);
  const spec: ComparisonSpec = {
    op: '=',
    affinity: comparisonAffinity(ec.affinity(operand), affinities[0] ?? null),
    collation: c ? ec.collation(c.name) : binaryCollation,
  };
  const found = b.label();
  const done = b.label();
  const empty = b.label();
  const sawNull = b.register();
  const item = b.register();
  b.emit(Opcode.Value, 0, sawNull, 0, 0n);
  b.emit(Opcode.Rewind, rows, empty);
  const top = b.here;
  b.emit(Opcode.Column, rows, 0, item);
  const next = b.label();
  b.emit(Opcode.NotNull, value, b.here + 3);
  b.emit(Opcode.Null, 0, target);
  b.emit(Opcode.Goto, 0, done);
  b.emit(Opcode.CompareJump, value, found, item, spec);
  b.emit(Opcode.NotNull, item, next);
  b.emit(Opcode.Value, 0, sawNull, 0, 1n);
  b.place(next);
  b.emit(Opcode.Next, rows, top);
  emitInOutcome(b, { target, not, sawNull, empty, found, done });
}

/**
 * `(a, b, ...) [NOT] IN (SELECT x, y, ...)` over the collected rows: true when some row equals the row
 * value, else NULL when some row's comparison was NULL (a NULL element), else false.
 */
function compileRowInRows(ec: ExprCompiler, items: readonly Expr[], rows: number, affinities: readonly (Affinity | null)[], not: boolean, target: number): void {
  const b = ec.b;
  const values = items.map((item) => ec.toRegister(item));
  const specs: ComparisonSpec[] = items.map((item, i) => {
    const c = ec.collationOf(item);
    return { op: '=', affinity: comparisonAffinity(ec.affinity(item), affinities[i] ?? null), collation: c ? ec.collation(c.name) : binaryCollation };
  });
  const found = b.label();
  const done = b.label();
  const empty = b.label();
  const sawNull = b.register();
  const rowNull = b.register();
  const column = b.register();
  const equal = b.register();
  b.emit(Opcode.Value, 0, sawNull, 0, 0n);
  b.emit(Opcode.Rewind, rows, empty);
  const top = b.here;
  const next = b.label();
  b.emit(Opcode.Value, 0, rowNull, 0, 0n);
  values.forEach((value, i) => {
    b.emit(Opcode.Column, rows, i, column);
    b.emit(Opcode.Compare, value, column, equal, specs[i]);
    b.emit(Opcode.IfNot, equal, next); // false (not NULL): this row cannot match
    b.emit(Opcode.NotNull, equal, b.here + 2);
    b.emit(Opcode.Value, 0, rowNull, 0, 1n);
  });
  b.emit(Opcode.IfNot, rowNull, found);
  b.emit(Opcode.Value, 0, sawNull, 0, 1n);
  b.place(next);
  b.emit(Opcode.Next, rows, top);
  emitInOutcome(b, { target, not, sawNull, empty, found, done });
}

/**
 * The end of an IN scan over collected rows: `empty` (no row matched) gives false, or NULL when some
 * comparison was NULL (`sawNull`); `found` gives true; NOT IN inverts both. Control leaves at `done`.
 */
function emitInOutcome(
  b: ProgramBuilder,
  labels: { target: number; not: boolean; sawNull: number; empty: number; found: number; done: number },
): void {
  const { target, not, sawNull, empty, found, done } = labels;
  b.place(empty);
  b.emit(Opcode.Value, 0, target, 0, not ? 1n : 0n);
  b.emit(Opcode.IfNot, sawNull, done);
  b.emit(Opcode.Null, 0, target);
  b.emit(Opcode.Goto, 0, done);
  b.place(found);
  b.emit(Opcode.Value, 0, target, 0, not ? 0n : 1n);
  b.place(done);
}
