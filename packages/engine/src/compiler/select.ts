// SELECT code generation for the first slice: one table (or none), WHERE through the planner,
// DISTINCT, aggregates with optional GROUP BY/HAVING, ORDER BY through a sorter, LIMIT/OFFSET.
// Anything else raises "not supported by Tandem yet", never a wrong result.

import { SqliteError, unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { sameName, type Expr, type FunctionCall, type OrderingTerm, type Select, type SelectClause } from '../parser/ast.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { ephemeralTextKeys } from './materialize.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import type { SortSpec } from '../vm/ops/sorter.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { columnNumberTerm, ExprCompiler, walkExpr } from './expr.js';
import { noSuchColumn, type CursorSource, type Scope } from './scope.js';
import { chooseLoop, openTableLoop, type OrderTerm } from './where.js';
import { notePlan, notePlanAfterLoops, valuesPlanDetail } from './query-plan.js';
import { compileCompound } from './compound.js';
import { bindWith } from './cte.js';
import { resolveFromClause, type FromPlan } from './from.js';
import { openJoinLoops } from './join.js';
import { compileAggregate, groupLoop } from './aggregate.js';
import { compileSimpleCount } from './simple-count.js';
import { MinMaxRequest, minMaxLoop } from './min-max.js';
import { compileWindowSelect, usesWindows } from './window.js';
import { expressionColumnName, starColumnName, type ColumnNaming } from './column-names.js';
import { enclosingReplacement, outerAggregateCalls, rejectOuterAggregates } from './outer-aggregates.js';

/** Where result rows go: to the caller (ResultRow) or into an in-memory cursor (INSERT ... SELECT). */
export type RowSink =
  | { kind: 'result' }
  | { kind: 'collect'; cursor: number }
  /** Subqueries: the first row's first column (scalar) or 1 (EXISTS) goes to `register`, then jump to `done`. */
  | { kind: 'first'; register: number; done: number; exists: boolean }
  /** Compound SELECT / CTE internals: `emit` writes the code consuming r[results..results+width-1]; `skip` drops the row. */
  | { kind: 'emit'; emit: (results: number, width: number, skip: number) => void };

export interface OutputColumn {
  expr: Expr;
  meta: ResultColumnMeta;
}

/** Compiles `select`; returns the result column metadata. */
export function compileSelect(
  ctx: CompileContext,
  b: ProgramBuilder,
  select: Select,
  sink: RowSink,
  outer?: Scope,
  correlation?: { used: boolean },
  outAffinities?: (Affinity | null)[],
  /** Receives each result column's collation name (null when it has none, as for an expression). */
  outCollations?: (string | null)[],
): ResultColumnMeta[] {
  if (select.with) return compileSelect(bindWith(ctx, select.with), b, { ...select, with: null }, sink, outer, correlation, outAffinities, outCollations);
  const core = select.first;
  if (select.compounds.length > 0 || (core.kind === 'Values' && (select.orderBy.length > 0 || select.limit))) {
    return compileCompound(ctx, b, select, sink, outer, correlation, outAffinities, outCollations);
  }
  if (core.kind === 'Values') return compileValues(ctx, b, select, sink, outCollations, outer, correlation);
  const ec = new ExprCompiler(b, ctx, { sources: [], outer, correlation });
  const from = core.from ? resolveFromClause(ctx, b, core.from, outer, correlation) : null;
  if (!from) notePlan('SCAN CONSTANT ROW');
  if (from) ec.scope = { sources: from.sources, outer, correlation };
  const outputs = expandColumns(ec, core, from, sink.kind === 'result' ? ctx.columnNames : undefined);
  if (outAffinities) for (const o of outputs) outAffinities.push(ec.affinity(o.expr));
  if (outCollations) for (const o of outputs) outCollations.push(ec.collationOf(o.expr)?.name ?? null);
  const aliases = new Map<string, Expr>();
  for (const column of core.columns) if (column.kind === 'ExprColumn' && column.alias) aliases.set(column.alias.text.toLowerCase(), column.expr);
  ec.scope = { ...ec.scope, aliases };
  // EXISTS only asks whether a row comes out: SQLite drops the ORDER BY and DISTINCT (so OFFSET counts plain rows).
  const exists = sink.kind === 'first' && sink.exists;
  const output = new RowOutput(ec, select, outputs, sink, core.distinct && !exists);
  if (exists) output.dropOrderTerms(0);
  // One btree table: the planner may also deliver ORDER BY; otherwise the join loops (join.ts).
  const simple = from && from.levels.length === 1 && !from.sources[0]!.memory ? from.sources[0]! : null;
  // `order`: the row order an aggregate query's groups want (GROUP BY walks an index as SQLite does; aggregate.ts).
  const openLoop = from ? (where: Expr | null, order?: readonly OrderTerm[] | MinMaxRequest) => (simple ? openTableLoop(ec, simple, where, true, order instanceof MinMaxRequest ? minMaxLoop(ec, simple, where, order) : order ? groupLoop(ec, simple, where, order) : undefined) : openJoinLoops(ec, from, where)) : null;
  if (from) rejectOuterAggregates(ctx, from.sources, core.where, core.groupBy);
  if (usesWindows(ctx, outputs, select.orderBy)) {
    // Window functions: the rows (or groups) feed the window passes, which feed the output (window.ts).
    const aggregate = isAggregateQuery(ctx, core, []);
    if (!aggregate) rejectOrderByAggregates(ctx, select.orderBy);
    compileWindowSelect(ec, core, select.orderBy, outputs, output, (input, values) => {
      if (aggregate) return compileAggregate(ec, core, openLoop, values, input);
      const loop = openLoop ? openLoop(core.where) : null;
      if (!from && core.where) ec.jumpIfNotTrue(core.where, input.afterLoopLabel);
      input.emitRow(ec.scope, loop ? loop.next : input.afterLoopLabel);
      loop?.finish();
      input.finish();
    });
  } else if (isAggregateQuery(ctx, core, [], outer) || (from && outerAggregateCalls(ctx, from.sources, outputs.map((o) => o.expr)).length > 0)) {
    // Without GROUP BY there is one row: SQLite never codes its ORDER BY.
    if (core.groupBy.length === 0) output.dropOrderTerms(0);
    if (!simple || !compileSimpleCount(ec, core, simple, outputs, output)) compileAggregate(ec, core, openLoop, outputs, output);
  } else {
    // Terms after the rowid of the one table cannot change the order: SQLite never codes them.
    const first = output.orderTerms()[0]?.expr;
    if (!from) output.dropOrderTerms(0); // one row, or none
    else if (simple && first?.kind === 'Column' && ec.tryResolve(first)?.column === -1) output.dropOrderTerms(1);
    const kept = select.orderBy.slice(0, output.orderTerms().length);
    rejectOrderByAggregates(ctx, kept);
    const enclosed = from ? outerAggregateCalls(ctx, from.sources, kept.map((o) => o.expr))[0] : undefined;
    if (enclosed) throw new SqliteError(`misuse of aggregate: ${enclosed.name.text}()`);
    // NULLS FIRST/LAST against SQLite's default placement: no index order serves it, the sorter does.
    const placesNulls = output.placesNulls();
    const decided = simple ? chooseLoop(ec, simple, core.where, placesNulls ? [] : output.orderTerms()) : null;
    output.prepare(!placesNulls && (decided?.ordered ?? false));
    const loop = simple ? openTableLoop(ec, simple, core.where, true, decided!) : from ? openJoinLoops(ec, from, core.where) : null;
    if (!from && core.where) ec.jumpIfNotTrue(core.where, output.afterLoopLabel);
    output.emitRow(ec.scope, loop ? loop.next : output.afterLoopLabel);
    loop?.finish();
    output.finish();
  }
  return outputs.map((o) => o.meta);
}

/** A column of a table left of a RIGHT / FULL JOIN that a later USING / NATURAL joins on: `*` then reads the joined value. */
function usingOfLaterRightJoin(from: FromPlan, source: CursorSource, column: string): boolean {
  const at = from.levels.findIndex((l) => l.source === source);
  const later = from.levels.slice(at + 1);
  if (at < 0 || !later.some((l) => l.right)) return false;
  return later.some((l) => [...(l.source.hiddenColumns ?? [])].some((i) => sameName(l.source.table.columns[i]!.name, column)));
}

function expandColumns(ec: ExprCompiler, core: SelectClause, from: FromPlan | null, naming: ColumnNaming | undefined): OutputColumn[] {
  const outputs: OutputColumn[] = [];
  for (const column of core.columns) {
    if (column.kind === 'Star' || column.kind === 'TableStar') {
      if (!from) throw new SqliteError('no tables specified');
      const sources = column.kind === 'TableStar' ? from.sources.filter((s) => sameName(s.name, column.table.text)) : from.sources;
      if (column.kind === 'TableStar' && sources.length === 0) throw new SqliteError(`no such table: ${column.table.text}`);
      for (const source of sources) {
        source.table.columns.forEach((info, i) => {
          if ((column.kind === 'Star' && source.hiddenColumns?.has(i)) || source.hiddenFromStar?.has(i)) return;
          const name = { text: info.name, quoted: false, start: column.start, end: column.end };
          const table = { ...name, text: source.name };
          // Qualified with the database too: main.t and aux.t may both be in the FROM clause.
          const schema = source.kind === 'cursor' && source.database !== undefined ? { ...name, text: source.database } : null;
          if (usingOfLaterRightJoin(from, source, info.name)) {
            // As in SQLite, the unqualified name: the right table's column, or coalesce() for FULL JOIN.
            const expr: Expr = { kind: 'Column', schema: null, table: null, column: name, start: column.start, end: column.end };
            const r = ec.tryResolve(expr)!;
            const read = r.coalesce || r.source.kind !== 'cursor' || r.source.memory ? null : r.source;
            const at = read ? read.table.columns[r.column < 0 ? read.table.rowidAlias : r.column]! : null;
            const meta = { name: starColumnName(naming, source.name, info.name), column: at ? at.name : null, table: read ? read.table.name : null, database: read ? (read.database ?? 'main') : null, type: r.coalesce ? null : at ? at.declaredType : info.declaredType };
            outputs.push({ expr, meta });
            return;
          }
          const expr: Expr = { kind: 'Column', schema, table, column: name, start: column.start, end: column.end };
          const origin = source.memory ? null : source.table.name;
          const database = source.kind === 'cursor' ? (source.database ?? 'main') : 'main';
          outputs.push({ expr, meta: { name: starColumnName(naming, source.name, info.name), column: origin ? info.name : null, table: origin, database: origin ? database : null, type: info.declaredType } });
        });
      }
      continue;
    }
    const expr = column.expr;
    let meta: ResultColumnMeta = { name: ec.ctx.sql.slice(expr.start, expr.end), column: null, table: null, database: null, type: null };
    if (expr.kind === 'Column') {
      const found = ec.tryResolve(expr);
      const resolved = found?.coalesce ? null : found; // FULL JOIN's USING column: an expression, no origin
      if (resolved && resolved.source.kind === 'cursor' && resolved.source.memory) {
        meta = { ...meta, name: resolved.source.table.columns[resolved.column]!.name };
      } else if (resolved) {
        const info = resolved.column >= 0 ? resolved.source.table.columns[resolved.column]! : resolved.source.table.rowidAlias >= 0 ? resolved.source.table.columns[resolved.source.table.rowidAlias]! : null;
        meta = {
          name: info ? info.name : 'rowid', // SQLite names any rowid reference by the INTEGER PRIMARY KEY, else "rowid"
          column: info ? info.name : expr.column.text,
          table: resolved.source.table.name,
          database: resolved.source.kind === 'cursor' ? (resolved.source.database ?? 'main') : 'main',
          type: info ? info.declaredType : 'INTEGER',
        };
      }
    }
    if (naming) {
      const found = expr.kind === 'Column' ? ec.tryResolve(expr) : null;
      const read = found?.coalesce ? null : found;
      // The table's own name, not its alias (a view's or subquery's: its name or alias).
      const table = read?.source.kind === 'cursor' && read.source.table.name !== '' ? read.source.table : null;
      const index = read && read.column >= 0 ? read.column : (table?.rowidAlias ?? -1);
      const origin = table ? { table: table.name, column: index >= 0 ? table.columns[index]!.name : 'rowid' } : null;
      meta = { ...meta, name: expressionColumnName(naming, origin, meta.name, ec.ctx.sql.slice(expr.start, expr.end)) };
    }
    if (column.alias) meta = { ...meta, name: column.alias.text };
    outputs.push({ expr, meta });
  }
  return outputs;
}

export function isAggregateCall(ctx: CompileContext, e: Expr): e is FunctionCall {
  if (e.kind !== 'Function' || e.over) return false;
  try {
    return ctx.functions.resolve(e.name.text, e.star ? 0 : e.args.length).kind === 'aggregate';
  } catch {
    return false;
  }
}

/** A window query that is not an aggregate query may not sort by an aggregate (SQLite's wording). */
function rejectOrderByAggregates(ctx: CompileContext, orderBy: readonly OrderingTerm[]): void {
  for (const term of orderBy) walkExpr(term.expr, (node) => {
    if (isAggregateCall(ctx, node)) throw new SqliteError(`misuse of aggregate: ${node.name.text}()`);
  });
}

/** Whether the query aggregates; calls an enclosing query (`outer`) accumulates do not count. */
export function isAggregateQuery(ctx: CompileContext, core: SelectClause, orderBy: readonly OrderingTerm[], outer?: Scope): boolean {
  if (core.groupBy.length > 0 || core.having) return true;
  let found = false;
  const exprs: Expr[] = [...core.columns.flatMap((c) => (c.kind === 'ExprColumn' ? [c.expr] : [])), ...orderBy.map((o) => o.expr)];
  for (const e of exprs) walkExpr(e, (node) => {
    if (isAggregateCall(ctx, node) && !(outer && enclosingReplacement(outer, node) !== undefined)) found = true;
  });
  return found;
}

/** Result rows: DISTINCT filtering, ORDER BY sorting, OFFSET/LIMIT, then the sink. */
export class RowOutput {
  readonly afterLoopLabel: number;
  private readonly endLabel: number;
  private limitReg = 0;
  private offsetReg = 0;
  private distinctCursor = -1;
  private sorterCursor = -1;
  /** ORDER BY terms kept (dropOrderTerms); the others are checked but never evaluated. */
  private keptTerms = Infinity;
  private orderResolved = false;
  /** `nulls` is set only where it differs from SQLite's default (NULLs smallest). */
  private readonly sortKeys: { expr: Expr | null; resultIndex: number; collation: Collation; descending: boolean; nulls: 'FIRST' | 'LAST' | null }[] = [];

  constructor(
    private readonly ec: ExprCompiler,
    private readonly select: Select,
    private readonly outputs: readonly OutputColumn[],
    private readonly sink: RowSink,
    private readonly distinct: boolean,
  ) {
    this.afterLoopLabel = ec.b.label();
    this.endLabel = ec.b.label();
  }

  /** Expressions ORDER BY needs evaluated per row (for aggregate pre-passes). */
  orderExprs(): Expr[] {
    return this.select.orderBy.slice(0, this.keptTerms).map((o) => o.expr);
  }

  /**
   * Keeps only the first `keep` ORDER BY terms, as SQLite does where the rest cannot change the
   * order (a one-row aggregate, terms after the rowid of a rowid-ordered scan): it resolves them,
   * so their names and ordinals are still checked, but never codes them, so nothing else is.
   */
  dropOrderTerms(keep: number): void {
    this.resolveOrderBy();
    for (const key of this.sortKeys.slice(keep)) {
      if (key.expr) walkExpr(key.expr, (e) => {
        if (e.kind === 'Column' && !this.ec.tryResolve(e) && !(e.table === null && this.ec.scope.aliases?.has(e.column.text.toLowerCase()))) throw noSuchColumn(e, this.ec.ctx.sql);
      });
    }
    this.keptTerms = Math.min(this.keptTerms, keep);
    this.sortKeys.length = Math.min(this.sortKeys.length, keep);
  }

  /** Whether an ORDER BY term places NULLs other than where SQLite's default order puts them. */
  placesNulls(): boolean {
    this.resolveOrderBy();
    return this.sortKeys.some((k) => k.nulls !== null);
  }

  /** The resolved ORDER BY terms (the planner may deliver rows in this order). */
  orderTerms(): OrderTerm[] {
    this.resolveOrderBy();
    return this.sortKeys.map((k) => ({ expr: k.expr ?? this.outputs[k.resultIndex]!.expr, collation: k.collation, descending: k.descending }));
  }

  /** Emits setup before the loop: LIMIT/OFFSET registers, DISTINCT set, and the sorter unless `ordered`. */
  prepare(ordered = false): void {
    const b = this.ec.b;
    const limit = this.select.limit;
    if (limit) {
      this.limitReg = this.ec.toRegister(limit.limit);
      b.emit(Opcode.MustBeInt, this.limitReg, 0);
      if (limit.offset) {
        this.offsetReg = this.ec.toRegister(limit.offset);
        b.emit(Opcode.MustBeInt, this.offsetReg, 0);
      }
      b.emit(Opcode.IfNot, this.limitReg, this.endLabel);
    }
    if (this.distinct) {
      this.distinctCursor = b.cursor();
      b.emit(Opcode.OpenEphemeral, this.distinctCursor, 0, 0, ephemeralTextKeys(this.outputs.map((o) => this.collationOrBinary(o.expr))));
      notePlanAfterLoops('USE TEMP B-TREE FOR DISTINCT');
    }
    this.resolveOrderBy();
    if (this.sortKeys.length > 0 && !ordered) {
      this.sorterCursor = b.cursor();
      const spec: SortSpec = { collations: this.sortKeys.map((k) => k.collation), descending: this.sortKeys.map((k) => k.descending) };
      if (this.placesNulls()) spec.nulls = this.sortKeys.map((k) => k.nulls);
      b.emit(Opcode.SorterOpen, this.sorterCursor, 0, 0, spec);
      notePlanAfterLoops('USE TEMP B-TREE FOR ORDER BY');
    }
  }

  private resolveOrderBy(): void {
    if (this.orderResolved) return;
    this.orderResolved = true;
    const n = this.outputs.length;
    this.select.orderBy.forEach((term, i) => {
      let expr = term.expr;
      let collationName: string | null = null;
      if (expr.kind === 'Collate') {
        collationName = expr.collation.text;
        expr = expr.operand;
      }
      let resultIndex = -1;
      const k = columnNumberTerm(expr);
      if (k !== null) {
        if (k < 1 || k > n) throw new SqliteError(`${ordinal(i + 1)} ORDER BY term out of range - should be between 1 and ${n}`);
        resultIndex = k - 1;
      } else if (expr.kind === 'Column' && !expr.table) {
        const name = expr.column.text;
        const aliased = this.select.first.kind === 'SelectClause' ? this.select.first.columns.findIndex((c) => c.kind === 'ExprColumn' && c.alias && sameName(c.alias.text, name)) : -1;
        const aliasedColumn = aliased >= 0 ? (this.select.first as SelectClause).columns[aliased] : undefined;
        if (aliasedColumn?.kind === 'ExprColumn') resultIndex = this.outputs.findIndex((o) => o.expr === aliasedColumn.expr);
      }
      const source = resultIndex >= 0 ? this.outputs[resultIndex]!.expr : expr;
      const collation = collationName ? this.ec.collation(collationName) : this.collationOrBinary(source);
      const nulls = term.nulls && term.nulls !== (term.direction === 'DESC' ? 'LAST' : 'FIRST') ? term.nulls : null;
      this.sortKeys.push({ expr: resultIndex >= 0 ? null : expr, resultIndex, collation, descending: term.direction === 'DESC', nulls });
    });
  }

  private collationOrBinary(expr: Expr): Collation {
    const c = this.ec.collationOf(expr);
    return c ? this.ec.collation(c.name) : binaryCollation;
  }

  /** Emits the per-row code: evaluate outputs in `scope`, then filter/sort/emit. `skip` continues the loop. */
  emitRow(scope: Scope, skip: number): void {
    const b = this.ec.b;
    const saved = this.ec.scope;
    this.ec.scope = scope;
    const n = this.outputs.length;
    const keys = this.sortKeys.length;
    const base = b.registerBlock(keys + n);
    const results = base + keys;
    this.outputs.forEach((o, i) => this.ec.compile(o.expr, results + i));
    if (this.distinctCursor >= 0) {
      b.emit(Opcode.Found, this.distinctCursor, skip, results, n);
      b.emit(Opcode.IdxInsert, this.distinctCursor, results, n);
    }
    if (this.sorterCursor >= 0) {
      this.sortKeys.forEach((k, i) => {
        if (k.expr) this.ec.compile(k.expr, base + i);
        else b.emit(Opcode.SCopy, results + k.resultIndex, base + i);
      });
      b.emit(Opcode.SorterInsert, this.sorterCursor, base, keys + n);
    } else {
      this.emitFinal(results, skip);
    }
    this.ec.scope = saved;
  }

  private emitFinal(results: number, skip: number): void {
    const b = this.ec.b;
    const n = this.outputs.length;
    if (this.offsetReg) b.emit(Opcode.IfPos, this.offsetReg, skip, 1);
    if (this.sink.kind === 'result') b.emit(Opcode.ResultRow, results, n);
    else if (this.sink.kind === 'collect') b.emit(Opcode.IdxInsert, this.sink.cursor, results, n);
    else if (this.sink.kind === 'emit') this.sink.emit(results, n, skip);
    else {
      if (this.sink.exists) b.emit(Opcode.Value, 0, this.sink.register, 0, 1n);
      else b.emit(Opcode.SCopy, results, this.sink.register);
      b.emit(Opcode.Goto, 0, this.sink.done);
    }
    if (this.limitReg) b.emit(Opcode.DecrJumpZero, this.limitReg, this.endLabel);
  }

  /** Emits the code after the loop: sorted output, then the end label. */
  finish(): void {
    const b = this.ec.b;
    b.place(this.afterLoopLabel);
    if (this.sorterCursor >= 0) {
      const keys = this.sortKeys.length;
      const n = this.outputs.length;
      b.emit(Opcode.SorterSort, this.sorterCursor, this.endLabel);
      const top = b.here;
      const results = b.registerBlock(n);
      for (let i = 0; i < n; i++) b.emit(Opcode.Column, this.sorterCursor, keys + i, results + i);
      const next = b.label();
      this.emitFinal(results, next);
      b.place(next);
      b.emit(Opcode.SorterNext, this.sorterCursor, top);
    }
    b.place(this.endLabel);
  }
}

/** 1st, 2nd, 3rd, 4th… as SQLite's error messages spell term positions. */
export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function compileValues(
  ctx: CompileContext,
  b: ProgramBuilder,
  select: Select,
  sink: RowSink,
  outCollations?: (string | null)[],
  outer?: Scope,
  correlation?: { used: boolean },
): ResultColumnMeta[] {
  const core = select.first;
  if (core.kind !== 'Values') throw new Error('unreachable');
  // VALUES may read the enclosing query's columns (a correlated subquery's VALUES(outer.x)).
  const ec = new ExprCompiler(b, ctx, { sources: [], outer, correlation });
  const width = core.rows[0]!.length;
  if (outCollations) for (const e of core.rows[0]!) outCollations.push(ec.collationOf(e)?.name ?? null);
  notePlan(valuesPlanDetail(core.rows.length));
  const metas = Array.from({ length: width }, (_, i) => ({ name: `column${i + 1}`, column: null, table: null, database: null, type: null }));
  // Each VALUES row is output through its own RowOutput over the row's expressions (same sorter/limit would need one shared output; keep simple).
  if (select.orderBy.length > 0 || select.limit) throw unsupported('ORDER BY/LIMIT on VALUES');
  for (const row of core.rows) {
    const base = b.registerBlock(width);
    row.forEach((e, i) => ec.compile(e, base + i));
    if (sink.kind === 'result') b.emit(Opcode.ResultRow, base, width);
    else if (sink.kind === 'collect') b.emit(Opcode.IdxInsert, sink.cursor, base, width);
    else if (sink.kind === 'emit') {
      const skip = b.label();
      sink.emit(base, width, skip);
      b.place(skip);
    } else {
      if (sink.exists) b.emit(Opcode.Value, 0, sink.register, 0, 1n);
      else b.emit(Opcode.SCopy, base, sink.register);
      b.emit(Opcode.Goto, 0, sink.done);
    }
  }
  return metas;
}
