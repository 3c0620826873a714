// Compound SELECT (UNION, UNION ALL, INTERSECT, EXCEPT), left-associative, plus VALUES with
// ORDER BY/LIMIT. Operands run into memory cursors; the set operations compare rows as DISTINCT
// does. The result is then read back through the ordinary row output, where ORDER BY terms are
// result-column ordinals, names or expressions of any operand (SQLite's rule). Without ORDER BY a
// de-duplicating compound returns its rows sorted, as SQLite's ephemeral index does.

import { SqliteError } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { sameName, type Expr, type OrderingTerm, type Select, type SelectCore } from '../parser/ast.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import { InsertFlag } from '../vm/ops/write.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { columnNumberTerm, ExprCompiler } from './expr.js';
import { compoundColumnAffinities } from './compound-affinity.js';
import { flatten, type FlatSource } from './from.js';
import { ephemeralTextKeys, openMemoryLoop, syntheticTable } from './materialize.js';
import { beginPlanScope, planScope } from './query-plan.js';
import type { CursorSource, Scope } from './scope.js';
import { compileSelect, RowOutput, type OutputColumn, type RowSink } from './select.js';

function single(core: SelectCore): Select {
  return { kind: 'Select', with: null, first: core, compounds: [], orderBy: [], limit: null, start: core.start, end: core.end };
}

function integer(value: number, at: { start: number; end: number }): Expr {
  return { kind: 'Integer', value: BigInt(value), start: at.start, end: at.end } as Expr;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

export function compileCompound(
  ctx: CompileContext,
  b: ProgramBuilder,
  select: Select,
  sink: RowSink,
  outer?: Scope,
  correlation?: { used: boolean },
  outAffinities?: (Affinity | null)[],
  outCollations?: (string | null)[],
): ResultColumnMeta[] {
  const cores = [select.first, ...select.compounds.map((c) => c.core)];
  // Each result column compares by the collation of the left-most operand that has one (SQLite's
  // rule); operands are compiled after the sets are opened, so those get their key form late.
  const collations: (string | null)[] = [];
  const sets: number[] = [];
  // Of rows equal under the columns' collations, a de-duplicating set keeps the first of the latest
  // operand that has one (`generation`): SQLite merges sorted operands and, on a tie, drops the
  // left row for the right one, whose first stands for all its equals.
  const insertInto = (cursor: number, dedupe: boolean, generation = 0) => (results: number, width: number) => {
    b.emit(Opcode.IdxInsert, cursor, results, width, dedupe ? generation : null, dedupe ? InsertFlag.Replace : 0);
  };
  const run = (core: SelectCore, cursor: number, dedupe: boolean, affinities?: (Affinity | null)[], generation = 0) => {
    const found: (string | null)[] = [];
    const metas = compileSelect(ctx, b, single(core), { kind: 'emit', emit: insertInto(cursor, dedupe, generation) }, outer, correlation, affinities, found);
    metas.forEach((_, i) => (collations[i] ??= found[i] ?? null));
    return metas;
  };
  const fresh = () => {
    const c = b.cursor();
    sets.push(b.emit(Opcode.OpenEphemeral, c));
    return c;
  };
  let acc = fresh();
  const affinities: (Affinity | null)[] = [];
  const endCompound = beginPlanScope(() => 'COMPOUND QUERY');
  const metas = planScope(() => 'LEFT-MOST SUBQUERY', () => run(cores[0]!, acc, false, affinities));
  const partsAffinities: (Affinity | null)[][] = [affinities];
  const width = metas.length;
  let distinct = false;
  /** Copies the rows of `from` that pass `keep` (emitted per row, jumping to skip) into a new de-duplicated cursor. */
  const filterInto = (from: number, keep: (row: number, skip: number) => void) => {
    const target = fresh();
    const row = b.registerBlock(width);
    const loop = openMemoryLoop(new ExprCompiler(b, ctx, { sources: [] }), from, null);
    for (let i = 0; i < width; i++) b.emit(Opcode.Column, from, i, row + i);
    keep(row, loop.next);
    insertInto(target, true)(row, width);
    loop.finish();
    return target;
  };
  select.compounds.forEach((part, index) => {
    const other = part.op === 'UNION ALL' || part.op === 'UNION' ? -1 : fresh();
    if (part.op === 'UNION' && !distinct) acc = filterInto(acc, () => {});
    const partAffinities: (Affinity | null)[] = [];
    partsAffinities.push(partAffinities);
    const got = planScope(() => (part.op === 'UNION ALL' ? part.op : `${part.op} USING TEMP B-TREE`), () => (other >= 0 ? run(part.core, other, false, partAffinities) : run(part.core, acc, part.op === 'UNION', partAffinities, index + 1)));
    if (got.length !== width) throw new SqliteError(`SELECTs to the left and right of ${part.op} do not have the same number of result columns`);
    if (part.op === 'INTERSECT') acc = filterInto(acc, (row, skip) => b.emit(Opcode.NotFound, other, skip, row, width));
    if (part.op === 'EXCEPT') acc = filterInto(acc, (row, skip) => b.emit(Opcode.Found, other, skip, row, width));
    distinct = part.op !== 'UNION ALL';
  });
  endCompound();
  if (outAffinities) outAffinities.push(...compoundColumnAffinities(cores, partsAffinities));
  if (outCollations) outCollations.push(...metas.map((_, i) => collations[i] ?? null));
  const keyed = new ExprCompiler(b, ctx, { sources: [] });
  const textKeys = ephemeralTextKeys(metas.map((_, i) => keyed.collation(collations[i] ?? 'BINARY')));
  for (const set of sets) b.setP4(set, textKeys);

  const table = syntheticTable('', metas.map((m, i) => ({ name: m.name, affinity: affinities[i] ?? null, ...(collations[i] ? { collation: collations[i]! } : {}) })));
  const source: CursorSource = { kind: 'cursor', table, name: '', cursor: acc, memory: true };
  const ec = new ExprCompiler(b, ctx, { sources: [source], outer, correlation });
  const outputs: OutputColumn[] = table.columns.map((c, i) => ({
    expr: { kind: 'Column', schema: null, table: null, column: { text: c.name, quoted: false, start: 0, end: 0 }, start: 0, end: 0 },
    meta: metas[i]!,
  }));
  let orderBy = select.orderBy.map((term, i) => resolveTerm(ctx, cores, metas, term, i));
  if (distinct) {
    // A de-duplicating compound sorts on every column: those the ORDER BY leaves out follow its
    // terms, ascending (SQLite's multiSelectOrderBy), which decides the order of ties.
    const named = new Set(orderBy.map((t) => columnNumberTerm(t.expr.kind === 'Collate' ? t.expr.operand : t.expr)));
    const rest = metas.flatMap((_, i) => (named.has(i + 1) ? [] : [{ expr: integer(i + 1, select.first), direction: null, nulls: null, start: 0, end: 0 }]));
    orderBy = [...orderBy, ...rest];
  }
  const output = new RowOutput(ec, { ...select, orderBy, compounds: [] }, outputs, sink, false);
  output.prepare(false);
  const loop = openMemoryLoop(ec, acc, null);
  output.emitRow(ec.scope, loop.next);
  loop.finish();
  output.finish();
  return metas;
}

/** Maps a compound ORDER BY term to a result-column ordinal (keeping COLLATE). */
export function resolveTerm(ctx: CompileContext, cores: readonly SelectCore[], metas: readonly ResultColumnMeta[], term: OrderingTerm, i: number): OrderingTerm {
  let expr = term.expr;
  const wrap = (e: Expr): Expr => (term.expr.kind === 'Collate' ? { ...term.expr, operand: e } : e);
  if (expr.kind === 'Collate') expr = expr.operand;
  const k = columnNumberTerm(expr);
  if (k !== null) {
    if (k < 1 || k > metas.length) throw new SqliteError(`${ordinal(i + 1)} ORDER BY term out of range - should be between 1 and ${metas.length}`);
    return { ...term, expr: wrap(integer(k, expr)) };
  }
  if (expr.kind === 'Column' && !expr.table) {
    const name = expr.column.text;
    for (const core of cores) {
      if (core.kind !== 'SelectClause') continue;
      const k = core.columns.findIndex((c) => c.kind === 'ExprColumn' && c.alias && sameName(c.alias.text, name));
      if (k >= 0) return { ...term, expr: wrap(integer(k + 1, expr)) };
    }
    const k = metas.findIndex((m) => sameName(m.name, name));
    if (k >= 0) return { ...term, expr: wrap(integer(k + 1, expr)) };
  }
  const text = ctx.sql.slice(expr.start, expr.end).toLowerCase();
  for (const core of cores) {
    if (core.kind !== 'SelectClause') continue;
    const k = core.columns.findIndex((c) => c.kind === 'ExprColumn' && (ctx.sql.slice(c.expr.start, c.expr.end).toLowerCase() === text || sameQualifiedColumn(core, expr, c.expr)));
    if (k >= 0) return { ...term, expr: wrap(integer(k + 1, expr)) };
  }
  throw new SqliteError(`${ordinal(i + 1)} ORDER BY term does not match any column in the result set`);
}

/**
 * `t.c` names result column `t.c`, or `c` of an operand whose one FROM item is called t (SQLite
 * compares the resolved columns; with one FROM item an unqualified name can only be that item's).
 */
function sameQualifiedColumn(core: SelectCore & { kind: 'SelectClause' }, term: Expr, result: Expr): boolean {
  if (term.kind !== 'Column' || !term.table || result.kind !== 'Column' || !sameName(term.column.text, result.column.text)) return false;
  if (result.table) return sameName(result.table.text, term.table.text);
  const flat: FlatSource[] = [];
  if (core.from) flatten(core.from, null, flat);
  const only = flat.length === 1 ? flat[0]!.source : null;
  const name = only?.kind === 'TableRef' ? (only.alias ?? only.name.name) : only?.alias;
  return !!name && sameName(name.text, term.table.text);
}
