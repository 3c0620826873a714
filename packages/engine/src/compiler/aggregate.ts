// Aggregate queries: aggregate calls and bare columns found in a pre-pass, accumulated per row
// (GROUP BY by hash on the group keys, or through a sorter on them when a key's collation has no
// hashable form or an aggregate needs its arguments' subtypes), then finalized and output once per group.

import { notePlanAfterLoops } from './query-plan.js';
import { SqliteError } from '../common/errors.js';
import type { Expr, FunctionCall, OrderingTerm, SelectClause } from '../parser/ast.js';
import type { AggregateEntry } from '../functions/registry.js';
import { binaryCollation, textKeyOf, type Collation, type TextKey } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { SortSpec } from '../vm/ops/sorter.js';
import type { GroupSpec } from '../vm/ops/group.js';
import { chooseLoop, type LoopChoice, type OrderTerm } from './where.js';
import { columnNumberTerm, walkExpr, type ExprCompiler } from './expr.js';
import type { CursorSource, Scope } from './scope.js';
import { isAggregateCall, ordinal, type OutputColumn } from './select.js';
import type { GroupRowSink } from './window.js';
import { enclosedReferences, enclosingReplacement } from './outer-aggregates.js';
import { minMaxRequest, type MinMaxRequest } from './min-max.js';
import { orderedAggregate } from './aggregate-order.js';

/** Aggregate queries: accumulate per group (GROUP BY through a sorter), then output per group. */
export function compileAggregate(ec: ExprCompiler, core: SelectClause, openLoop: ((where: Expr | null, order?: readonly OrderTerm[] | MinMaxRequest) => { finish(): void; readonly break?: number }) | null, outputs: readonly OutputColumn[], output: GroupRowSink): void {
  const b = ec.b;
  const ctx = ec.ctx;
  core = { ...core, groupBy: resolveGroupOrdinals(core.groupBy, outputs).map((g) => resolveGroupAlias(ec, g)) };
  // Pre-pass: aggregate calls and bare column references in outputs, HAVING and ORDER BY.
  const aggregates: { call: FunctionCall; acc: number }[] = [];
  const bareColumns: { expr: Expr; reg: number }[] = [];
  const groupTexts = core.groupBy.map((g) => ctx.sql.slice(g.start, g.end));
  const groupKeyUses: { expr: Expr; group: number }[] = [];
  const visitOutputExpr = (root: Expr) =>
    walkExpr(root, (node) => {
      // An output expression equal to a GROUP BY term shows the group's key (its first row).
      const group = groupTexts.indexOf(ctx.sql.slice(node.start, node.end));
      if (group >= 0 && node.kind !== 'Integer') {
        groupKeyUses.push({ expr: node, group });
        return false;
      }
      if (node.kind === 'Column' && !node.table && !ec.tryResolve(node) && ec.scope.aliases?.has(node.column.text.toLowerCase())) return false;
      if (isAggregateCall(ctx, node)) {
        // An enclosing query's aggregate (outer-aggregates.ts): it supplies the value.
        if (ec.scope.outer && enclosingReplacement(ec.scope.outer, node) !== undefined) return false;
        for (const arg of [...node.args, ...node.orderBy.map((o) => o.expr), ...(node.filter ? [node.filter] : [])]) walkExpr(arg, (inner) => {
          if (isAggregateCall(ctx, inner)) throw new SqliteError(`misuse of aggregate function ${inner.name.text}()`);
        });
        if (node.distinct && node.args.length !== 1) throw new SqliteError('DISTINCT aggregates must have exactly one argument');
        aggregates.push({ call: node, acc: b.register() });
        return false;
      }
      if (node.kind === 'Column') bareColumns.push({ expr: node, reg: b.register() });
      return true;
    });
  outputs.forEach((o) => visitOutputExpr(o.expr));
  if (core.having) visitOutputExpr(core.having);
  output.orderExprs().forEach(visitOutputExpr);
  const sources = ec.scope.sources.filter((s) => s.kind === 'cursor');
  const enclosed = enclosedReferences(ctx, sources, [...outputs.map((o) => o.expr), ...(core.having ? [core.having] : []), ...output.orderExprs()]);
  for (const call of enclosed.calls) aggregates.push({ call, acc: b.register() });
  for (const column of enclosed.columns) bareColumns.push({ expr: column, reg: b.register() });
  // With one min()/max() aggregate (SQLite's special case below), a group key column shown as is
  // comes from the min/max row as bare columns do (it may differ from the key under NOCASE/RTRIM).
  if (aggregates.length === 1 && isMinMaxCall(aggregates[0]!.call)) {
    for (const use of groupKeyUses) if (use.expr.kind === 'Column') bareColumns.push({ expr: use.expr, reg: b.register() });
    groupKeyUses.splice(0, groupKeyUses.length, ...groupKeyUses.filter((use) => use.expr.kind !== 'Column'));
  }
  // This query's own aggregate in its WHERE: SQLite's wording for an aggregate query (an enclosing
  // query's aggregate written there is that query's value, outer-aggregates.ts).
  if (core.where) walkExpr(core.where, (node) => {
    if (!isAggregateCall(ctx, node)) return true;
    if (!(ec.scope.outer && enclosingReplacement(ec.scope.outer, node) !== undefined)) throw new SqliteError(`misuse of aggregate: ${node.name.text}()`);
    return false;
  });
  for (const g of core.groupBy) walkExpr(g, (node) => {
    if (isAggregateCall(ctx, node)) throw new SqliteError(`aggregate functions are not allowed in the GROUP BY clause`);
  });
  const replacements = new Map<Expr, number>();
  for (const a of aggregates) replacements.set(a.call, a.acc);
  for (const c of bareColumns) replacements.set(c.expr, c.reg);
  const previous = b.registerBlock(core.groupBy.length);
  for (const use of groupKeyUses) replacements.set(use.expr, previous + use.group);
  const rowScope = ec.scope;
  const outputScope: Scope = { ...rowScope, replacements };

  // Inputs evaluated per source row: group keys, aggregate arguments, bare columns.
  // An aggregate's own ORDER BY keys (aggregate-order.ts) follow its arguments.
  const width = (a: (typeof aggregates)[number]) => a.call.args.length + a.call.orderBy.length;
  const argCount = aggregates.reduce((n, a) => n + width(a), 0);
  const groupCount = core.groupBy.length;
  // FILTER (WHERE ...): per filtered aggregate, one more input holding 1 when the row passes, else 0.
  const filtered = aggregates.filter((a) => a.call.filter);
  const filterBase = groupCount + argCount + bareColumns.length;
  const inputWidth = filterBase + filtered.length;
  const inputs = b.registerBlock(inputWidth);
  // Where each aggregate's arguments are: an aggregate of the same single column as an earlier one
  // (min(x), max(x)) reads that one's register instead of reading the column again.
  const argBase = new Map<(typeof aggregates)[number], number>();
  const duplicate = new Set<(typeof aggregates)[number]>();
  {
    let slot = inputs + groupCount;
    const columns: { source: unknown; column: number; base: number }[] = [];
    for (const a of aggregates) {
      argBase.set(a, slot);
      const arg = a.call.args.length === 1 && a.call.orderBy.length === 0 ? a.call.args[0]! : null;
      let resolved: ReturnType<typeof ec.tryResolve> = null;
      try {
        resolved = arg?.kind === 'Column' ? ec.tryResolve(arg) : null;
      } catch {
        // (An unresolvable name fails where the argument is compiled.)
      }
      const same = resolved ? columns.find((c) => c.source === resolved.source && c.column === resolved.column) : undefined;
      if (same) {
        argBase.set(a, same.base);
        duplicate.add(a);
      } else if (resolved) columns.push({ source: resolved.source, column: resolved.column, base: slot });
      slot += width(a);
    }
  }
  const evaluateInputs = () => {
    core.groupBy.forEach((g, i) => ec.compile(g, inputs + i));
    for (const a of aggregates) if (!duplicate.has(a)) [...a.call.args, ...a.call.orderBy.map((o) => o.expr)].forEach((arg, i) => ec.compile(arg, argBase.get(a)! + i));
    bareColumns.forEach((c, i) => ec.compile(c.expr, inputs + groupCount + argCount + i));
    filtered.forEach((a, i) => {
      const passes = inputs + filterBase + i;
      const fails = b.label();
      b.emit(Opcode.Value, 0, passes, 0, 0n);
      ec.jumpIfNotTrue(a.call.filter!, fails);
      b.emit(Opcode.Value, 0, passes, 0, 1n);
      b.place(fails);
    });
  };
  // Bare columns come from the group's first row (SQLite 3.53), except in SQLite's special case: with
  // exactly one min()/max() aggregate, they come from the row that holds the minimum/maximum (the
  // first such row; before any non-NULL value, the latest row). Without bare columns nothing reads it.
  const only = aggregates.length === 1 ? aggregates[0]! : null;
  const minMax = bareColumns.length > 0 && only && isMinMaxCall(only.call) ? only : null;
  const best = minMax ? b.register() : 0;
  // min/max: a non-NULL best value was seen; otherwise: this group's bare columns are captured.
  const captured = minMax || bareColumns.length > 0 ? b.register() : 0;
  const haveBest = captured;
  const resetBest = () => {
    if (captured) b.emit(Opcode.Value, 0, captured, 0, 0n);
  };
  /** The aggregate a call runs, bound to its argument's collation when it compares values (min, max). */
  const unorderedFunction = (call: (typeof aggregates)[number]['call']): AggregateEntry => {
    const fn = ctx.functions.resolve(call.name.text, call.star ? 0 : call.args.length).fn as AggregateEntry;
    const collation = (fn.withCollation || call.distinct) && call.args.length > 0 ? ec.collationOf(call.args[0]!) : null;
    if (!collation) return fn;
    const bound = fn.withCollation ? fn.withCollation(ec.collation(collation.name)) : fn;
    // DISTINCT compares the argument under its collation, as SQLite's ephemeral index does.
    const distinctTextKey = call.distinct ? textKeyOf(ec.collation(collation.name)) : undefined;
    return distinctTextKey ? { ...bound, distinctTextKey } : bound;
  };
  /** With its own ORDER BY, the call buffers its rows and steps them in order (one entry per call: AggStep and AggFinal share it). */
  const ordered = new Map<FunctionCall, AggregateEntry>();
  const aggregateFunction = (call: FunctionCall): AggregateEntry => {
    if (call.orderBy.length === 0) return unorderedFunction(call);
    let fn = ordered.get(call);
    if (!fn) ordered.set(call, (fn = orderedAggregate(unorderedFunction(call), call.args.length, orderSpec(ec, call.orderBy), call.distinct)));
    return fn;
  };
  const stepAggregates = () => {
    const slot = inputs + groupCount;
    const skipCapture = b.label();
    if (minMax) {
      const arg = slot;
      const take = b.label();
      const isMax = minMax.call.name.text.toLowerCase() === 'max';
      const c = ec.collationOf(minMax.call.args[0]!);
      const spec: ComparisonSpec = { op: isMax ? '<=' : '>=', affinity: null, collation: c ? ec.collation(c.name) : binaryCollation };
      const notNull = b.label();
      b.emit(Opcode.NotNull, arg, notNull);
      b.emit(Opcode.If, haveBest, skipCapture);
      b.emit(Opcode.Goto, 0, take);
      b.place(notNull);
      b.emit(Opcode.IfNot, haveBest, take);
      b.emit(Opcode.CompareJump, arg, skipCapture, best, spec);
      b.place(take);
      b.emit(Opcode.NotNull, arg, b.here + 2);
      b.emit(Opcode.Goto, 0, b.here + 3);
      b.emit(Opcode.SCopy, arg, best);
      b.emit(Opcode.Value, 0, haveBest, 0, 1n);
    } else if (captured) {
      b.emit(Opcode.If, captured, skipCapture);
    }
    bareColumns.forEach((c, i) => b.emit(Opcode.SCopy, inputs + groupCount + argCount + i, c.reg));
    if (!minMax && captured) b.emit(Opcode.Value, 0, captured, 0, 1n);
    b.place(skipCapture);
    for (const a of aggregates) {
      const skipRow = b.label();
      if (a.call.filter) b.emit(Opcode.IfNot, inputs + filterBase + filtered.indexOf(a), skipRow);
      b.emit(Opcode.AggStep, argBase.get(a)!, width(a), a.acc, aggregateFunction(a.call), a.call.distinct && a.call.orderBy.length === 0 ? 1 : 0);
      b.place(skipRow);
    }
  };
  const finalizeAggregates = () => {
    for (const a of aggregates) {
      b.emit(Opcode.AggFinal, a.acc, 0, 0, aggregateFunction(a.call));
    }
  };

  /** Subroutine at `label`: finish the current group and output it; returns through `returnReg`. */
  const emitGroupOutput = (label: number, returnReg: number) => {
    b.place(label);
    finalizeAggregates();
    const skip = b.label();
    ec.scope = outputScope;
    if (core.having) ec.jumpIfNotTrue(core.having, skip);
    output.emitRow(outputScope, skip);
    b.place(skip);
    ec.scope = rowScope;
    b.emit(Opcode.Return, returnReg);
  };

  const collations = core.groupBy.map((g) => {
    const c = ec.collationOf(g);
    return c ? ec.collation(c.name) : binaryCollation;
  });
  output.prepare(groupOrderServesOrderBy(ec, core.groupBy, collations, output));
  const rowOrder = groupRowOrder(ec, core.groupBy, collations, output, bareColumns.length > 0 || groupKeyUses.some((u) => collations[u.group] !== binaryCollation) || aggregates.some((a) => !orderInsensitive(ec, a.call)));
  for (const a of aggregates) b.emit(Opcode.Null, 0, a.acc);
  for (const c of bareColumns) b.emit(Opcode.Null, 0, c.reg);
  resetBest();

  if (groupCount === 0) {
    // One min()/max() and no HAVING: the loop may find the extreme row first (min-max.ts).
    const minMaxSearch = core.having ? null : minMaxRequest(ec, aggregates.map((a) => a.call));
    const loop = openLoop ? openLoop(core.where, minMaxSearch ?? undefined) : null;
    if (!openLoop && core.where) ec.jumpIfNotTrue(core.where, output.afterLoopLabel);
    evaluateInputs();
    stepAggregates();
    if (minMaxSearch?.ordered && loop?.break !== undefined) b.emit(Opcode.Goto, 0, loop.break);
    loop?.finish();
    finalizeAggregates();
    const skip = b.label();
    if (core.having) {
      ec.scope = outputScope;
      ec.jumpIfNotTrue(core.having, skip);
    }
    output.emitRow(outputScope, skip);
    b.place(skip);
    ec.scope = rowScope;
    output.finish();
    return;
  }

  const textKeys = collations.map(textKeyOf);
  if (textKeys.every((k) => k !== null) && !aggregates.some((a) => aggregateFunction(a.call).subtypes)) {
    // GROUP BY by hash (vm/ops/group.ts): each row steps its group's accumulators at once; the groups
    // are then output in key order. Per group: the accumulators, the key copy, the bare columns and
    // the min()/max() row state.
    const groups = b.cursor();
    const registers = [...core.groupBy.map((_, i) => previous + i), ...bareColumns.map((c) => c.reg), ...(best ? [best] : []), ...(captured ? [captured] : [])];
    const spec: GroupSpec = {
      sort: { collations, descending: collations.map(() => false) },
      textKeys: textKeys as (TextKey | undefined)[],
      accumulators: aggregates.map((a) => a.acc),
      registers,
      flag: captured,
    };
    b.emit(Opcode.GroupOpen, groups, 0, 0, spec);
    notePlanAfterLoops('USE TEMP B-TREE FOR GROUP BY');
    const loop = openLoop ? openLoop(core.where, rowOrder) : null;
    evaluateInputs();
    b.emit(Opcode.GroupStep, groups, inputs);
    stepAggregates();
    loop?.finish();
    const outputGroup = b.label();
    const returnReg = b.register();
    const allDone = b.label();
    b.emit(Opcode.GroupSort, groups, allDone);
    const top = b.here;
    b.emit(Opcode.Gosub, returnReg, outputGroup);
    b.emit(Opcode.GroupNext, groups, top);
    b.emit(Opcode.Goto, 0, allDone);
    emitGroupOutput(outputGroup, returnReg);
    b.place(allDone);
    output.finish();
    return;
  }

  // GROUP BY: sort the inputs by the group keys, then walk groups.
  const sorter = b.cursor();
  b.emit(Opcode.SorterOpen, sorter, 0, 0, { collations, descending: collations.map(() => false) } satisfies SortSpec);
  notePlanAfterLoops('USE TEMP B-TREE FOR GROUP BY');
  const loop = openLoop ? openLoop(core.where, rowOrder) : null;
  evaluateInputs();
  b.emit(Opcode.SorterInsert, sorter, inputs, inputWidth);
  loop?.finish();

  const outputGroup = b.label();
  const returnReg = b.register();
  const haveGroup = b.register();
  const allDone = b.label();
  b.emit(Opcode.Value, 0, haveGroup, 0, 0n);
  b.emit(Opcode.SorterSort, sorter, allDone);
  const top = b.here;
  for (let i = 0; i < inputWidth; i++) b.emit(Opcode.Column, sorter, i, inputs + i);
  if (aggregates.some((a) => aggregateFunction(a.call).subtypes)) b.emit(Opcode.SorterSubtypes, sorter, inputs);
  const sameGroup = b.label();
  const newGroup = b.label();
  b.emit(Opcode.IfNot, haveGroup, newGroup, 1);
  const changed = b.label();
  for (let i = 0; i < groupCount; i++) {
    b.emit(Opcode.CompareJump, inputs + i, changed, previous + i, { op: 'IS NOT', affinity: null, collation: collations[i]! });
  }
  b.emit(Opcode.Goto, 0, sameGroup);
  b.place(changed);
  b.emit(Opcode.Gosub, returnReg, outputGroup);
  b.place(newGroup);
  resetBest();
  b.emit(Opcode.Copy, inputs, previous, groupCount - 1);
  b.emit(Opcode.Value, 0, haveGroup, 0, 1n);
  b.place(sameGroup);
  stepAggregates();
  b.emit(Opcode.SorterNext, sorter, top);
  b.emit(Opcode.Gosub, returnReg, outputGroup);
  b.emit(Opcode.Goto, 0, allDone);

  emitGroupOutput(outputGroup, returnReg);
  b.place(allDone);
  output.finish();
}

/**
 * Groups come out in ascending key order (NULLs first, each key's collation): an ORDER BY that is a
 * prefix of the GROUP BY columns in that order needs no sorter of its own.
 */
function groupOrderServesOrderBy(ec: ExprCompiler, groupBy: readonly Expr[], collations: readonly Collation[], output: GroupRowSink): boolean {
  if (groupBy.length === 0 || !output.orderTerms || !output.placesNulls || output.placesNulls()) return false;
  const terms = output.orderTerms();
  if (terms.length === 0 || terms.length > groupBy.length) return false;
  const column = (e: Expr) => {
    try {
      return e.kind === 'Column' ? ec.tryResolve(e) : null;
    } catch {
      return null;
    }
  };
  return terms.every((t, i) => {
    const ordered = column(t.expr);
    const grouped = column(groupBy[i]!);
    return !t.descending && t.collation === collations[i] && ordered !== null && grouped !== null && ordered.source === grouped.source && ordered.column === grouped.column;
  });
}

/**
 * GROUP BY k, a bare integer (COLLATE allowed), names the k-th result column, as ORDER BY k does;
 * any other expression, a constant one included, is grouped by its value.
 */
function resolveGroupOrdinals(groupBy: readonly Expr[], outputs: readonly OutputColumn[]): Expr[] {
  return groupBy.map((term, i) => {
    const collate = term.kind === 'Collate' ? term : null;
    const inner = collate ? collate.operand : term;
    const k = columnNumberTerm(inner);
    if (k === null) return term;
    if (k < 1 || k > outputs.length) throw new SqliteError(`${ordinal(i + 1)} GROUP BY term out of range - should be between 1 and ${outputs.length}`);
    const target = outputs[Number(k) - 1]!.expr;
    return collate ? { ...collate, operand: target } : target;
  });
}

/** How an aggregate call's own ORDER BY sorts its rows: each term's collation, direction and NULLS placement. */
function orderSpec(ec: ExprCompiler, orderBy: readonly OrderingTerm[]): SortSpec {
  const collations = orderBy.map((o) => {
    const c = ec.collationOf(o.expr);
    return c ? ec.collation(c.name) : binaryCollation;
  });
  return { collations, descending: orderBy.map((o) => o.direction === 'DESC'), nulls: orderBy.map((o) => o.nulls) };
}

/** A plain min(x)/max(x) call: SQLite then takes bare columns from the row holding the extremum. */
function isMinMaxCall(call: FunctionCall): boolean {
  return !call.distinct && !call.filter && call.args.length === 1 && /^(min|max)$/i.test(call.name.text);
}

/** GROUP BY k naming a result column's alias (and no column) groups by that column's expression, under its collation. */
function resolveGroupAlias(ec: ExprCompiler, term: Expr): Expr {
  if (term.kind !== 'Column' || term.table || ec.tryResolve(term)) return term;
  return ec.scope.aliases?.get(term.column.text.toLowerCase()) ?? term;
}

/** An aggregate whose result cannot depend on the order of its rows: count, and min/max under BINARY. */
function orderInsensitive(ec: ExprCompiler, call: FunctionCall): boolean {
  if (/^count$/i.test(call.name.text)) return true;
  return /^(min|max)$/i.test(call.name.text) && call.args.length === 1 && (ec.collationOf(call.args[0]!)?.name ?? 'BINARY').toUpperCase() === 'BINARY';
}

/**
 * The row order SQLite's GROUP BY reads, when the results may depend on it (bare columns, the shown
 * key under NOCASE/RTRIM, order-sensitive aggregates): SQLite walks an index on the GROUP BY terms
 * when one serves them (in the ORDER BY's directions when it has as many terms), and a group's rows
 * then arrive in that index's order. The planner (where.ts) picks such a walk only when no WHERE term
 * chooses the access path; undefined: any order.
 */
function groupRowOrder(ec: ExprCompiler, groupBy: readonly Expr[], collations: readonly Collation[], output: GroupRowSink, sensitive: boolean): OrderTerm[] | undefined {
  if (!sensitive) return undefined;
  const terms = output.orderTerms?.() ?? [];
  const directions = terms.length === groupBy.length ? terms.map((t) => t.descending) : groupBy.map(() => false);
  return groupBy.map((expr, i) => ({ expr, collation: collations[i]!, descending: directions[i]! }));
}

/**
 * The loop of a one-table GROUP BY query whose rows want `order` (groupRowOrder): the planner's walk
 * serving that order, or undefined (the plain choice) when that walk would be an ascending walk of an
 * index of just the group keys that a plain scan would replace: the scan meets each group's rows in
 * the same order (the index orders equal keys by rowid), and the hash grouping is cheaper than the walk.
 */
export function groupLoop(ec: ExprCompiler, source: CursorSource, where: Expr | null, order: readonly OrderTerm[]): LoopChoice | undefined {
  const ordered = chooseLoop(ec, source, where, order);
  const c = ordered.choice;
  if (c.kind !== 'index') return ordered;
  const plan = c.plan;
  const walkOnly = !plan.reverse && plan.equalities.length === 0 && !plan.lower && !plan.upper && plan.index.columns.length === order.length;
  return walkOnly && chooseLoop(ec, source, where).choice.kind === 'scan' ? undefined : ordered;
}
