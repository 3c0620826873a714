// SELECTs with window functions. The query first produces its rows as usual (through the aggregate
// code for GROUP BY queries), each row carrying every value the windows and the outer expressions
// need (the "payload"). Windows run as passes, as SQLite runs them: one pass per distinct window,
// the first-written window last; each pass sorts the rows by its PARTITION BY and ORDER BY keys and
// fills in its functions' results (WindowOpen/WindowNext). The last pass feeds the normal output
// (DISTINCT, ORDER BY, LIMIT), with the window calls replaced by their results.

import { SqliteError } from '../common/errors.js';
import type { Expr, FrameBound, FunctionCall, Name, OrderingTerm, SelectClause, WindowSpec } from '../parser/ast.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { SortSpec } from '../vm/ops/sorter.js';
import type { FrameBoundSpec, FrameSpec, VmWindowFunction, WindowFunctionSpec, WindowPassSpec } from '../vm/window-spec.js';
import { walkExpr, type ExprCompiler } from './expr.js';
import type { Scope } from './scope.js';
import type { OrderTerm } from './where.js';
import type { CompileContext } from './context.js';
import { isAggregateCall, type OutputColumn, type RowOutput } from './select.js';

/** The part of RowOutput the aggregate code drives (compileAggregate accepts either). */
export interface GroupRowSink {
  readonly afterLoopLabel: number;
  orderExprs(): Expr[];
  /** `ordered`: the rows come in ORDER BY order (no sorter). */
  prepare(ordered?: boolean): void;
  /** The resolved ORDER BY, when the sink sorts (a GROUP BY in key order may already satisfy it). */
  orderTerms?(): OrderTerm[];
  placesNulls?(): boolean;
  emitRow(scope: Scope, skip: number): void;
  finish(): void;
}

export function isWindowCall(e: Expr): e is FunctionCall {
  return e.kind === 'Function' && e.over !== null;
}

/** Whether `e` calls a window function outside aggregate arguments (where it is a misuse, reported when compiled). */
function containsWindow(ctx: CompileContext, e: Expr): boolean {
  let found = false;
  walkExpr(e, (node) => {
    if (isWindowCall(node)) found = true;
    return !found && !isAggregateCall(ctx, node);
  });
  return found;
}

/** true when the result columns or ORDER BY call window functions. */
export function usesWindows(ctx: CompileContext, outputs: readonly OutputColumn[], orderBy: readonly OrderingTerm[]): boolean {
  return outputs.some((o) => containsWindow(ctx, o.expr)) || orderBy.some((o) => containsWindow(ctx, o.expr));
}

/** Whether a SELECT core's result columns call window functions (recursive CTEs reject them). */
export function coreCallsWindows(core: import('../parser/ast.js').SelectCore): boolean {
  if (core.kind !== 'SelectClause') return false;
  let found = false;
  for (const c of core.columns) if (c.kind === 'ExprColumn') walkExpr(c.expr, (node) => !(found ||= isWindowCall(node)));
  return found;
}

interface ResolvedWindow {
  partitionBy: readonly Expr[];
  orderBy: readonly OrderingTerm[];
  frame: WindowSpec['frame'];
}

interface WindowCall {
  call: FunctionCall;
  fn: VmWindowFunction | import('../vm/program.js').VmAggregateFunction;
  evaluation: WindowFunctionSpec['evaluation'];
  window: ResolvedWindow;
  frame: { units: FrameSpec['units']; start: FrameBound | FrameBoundSpec; end: FrameBound | FrameBoundSpec; exclude: FrameSpec['exclude'] };
  /** Text identifying the window (calls with equal keys share a pass). */
  key: string;
  resultSlot: number;
}

const foldName = (n: Name) => n.text.toLowerCase();

/** Compiles the window passes of a SELECT; `runInput` emits the row source feeding `input`. */
export function compileWindowSelect(
  ec: ExprCompiler,
  core: SelectClause,
  orderBy: readonly OrderingTerm[],
  outputs: readonly OutputColumn[],
  output: RowOutput,
  runInput: (input: GroupRowSink, values: OutputColumn[]) => void,
): void {
  const b = ec.b;
  const aliases = new Set(core.columns.flatMap((c) => (c.kind === 'ExprColumn' && c.alias ? [c.alias.text.toLowerCase()] : [])));

  // Window calls in the order SQLite meets them: result columns, then ORDER BY.
  const calls: FunctionCall[] = [];
  const roots: Expr[] = [...outputs.map((o) => o.expr), ...orderBy.map((o) => o.expr)];
  for (const root of roots) walkExpr(root, (node) => {
    if (isWindowCall(node)) {
      if (!calls.includes(node)) calls.push(node);
      return false;
    }
    return !isAggregateCall(ec.ctx, node);
  });

  // Payload: the values computed per source row, then one result slot per call.
  const values: Expr[] = [];
  const valueIndex = new Map<Expr, number>();
  const addValue = (e: Expr): number => {
    let i = valueIndex.get(e);
    if (i === undefined) {
      i = values.length;
      values.push(e);
      valueIndex.set(e, i);
    }
    return i;
  };
  const resolved = calls.map((call) => resolveCall(ec, core, call));
  for (const r of resolved) {
    r.call.args.forEach(addValue);
    if (r.call.filter) addValue(r.call.filter);
    r.window.partitionBy.forEach(addValue);
    r.window.orderBy.forEach((o) => addValue(o.expr));
  }
  const addLeaves = (root: Expr) =>
    walkExpr(root, (node) => {
      if (isWindowCall(node)) return false;
      if (!containsWindow(ec.ctx, node)) {
        addValue(node);
        return false;
      }
      return true;
    });
  outputs.forEach((o) => addLeaves(o.expr));
  for (const term of orderBy) {
    const e = term.expr.kind === 'Collate' ? term.expr.operand : term.expr;
    if (e.kind === 'Integer' || (e.kind === 'Column' && !e.table && aliases.has(e.column.text.toLowerCase()))) continue;
    addLeaves(term.expr);
  }
  const valueCount = values.length;
  resolved.forEach((r, i) => (r.resultSlot = valueCount + i));
  const width = valueCount + resolved.length;

  // Passes: calls with the same window, in order of first appearance; run last-first.
  const passes: WindowCall[][] = [];
  for (const r of resolved) {
    const pass = passes.find((p) => p[0]!.key === r.key);
    if (pass) pass.push(r);
    else passes.push([r]);
  }
  passes.reverse();

  output.prepare(outerOrderSatisfied(ec, core, orderBy, outputs, passes[passes.length - 1]![0]!.window));
  // Frame offsets: constant expressions evaluated once (anything else is NULL, as in SQLite).
  const boundSpec = (bound: FrameBound | FrameBoundSpec): FrameBoundSpec => {
    if (!('offset' in bound)) return bound as FrameBoundSpec;
    const reg = b.register();
    if (isConstant(bound.offset)) ec.compile(bound.offset, reg);
    else b.emit(Opcode.Null, 0, reg);
    return { kind: bound.kind, register: reg };
  };
  const layouts = passes.map((pass) => {
    const w = pass[0]!.window;
    const keyCount = w.partitionBy.length + w.orderBy.length;
    const frame = pass[0]!.frame;
    const frameSpec: FrameSpec = { units: frame.units, start: boundSpec(frame.start), end: boundSpec(frame.end), exclude: frame.exclude };
    const partitionCollations = w.partitionBy.map((e) => collationOf(ec, e));
    const orderCollations = w.orderBy.map((o) => collationOf(ec, o.expr));
    const descending = w.orderBy.map((o) => o.direction === 'DESC');
    const functions: WindowFunctionSpec[] = pass.map((c) => ({
      evaluation: c.evaluation,
      fn: c.fn,
      args: c.call.args.map((a) => valueIndex.get(a)!),
      filter: c.call.filter ? valueIndex.get(c.call.filter)! : -1,
      result: c.resultSlot,
      ...(c.evaluation === 'minmax' ? { max: c.call.name.text.toLowerCase() === 'max', collation: collationOf(ec, c.call.args[0]!) } : {}),
    }));
    const spec: WindowPassSpec = {
      partitionCollations,
      orderCollations,
      orderDescending: descending,
      orderBigNull: w.orderBy.map((o) => (o.direction === 'DESC' ? o.nulls === 'FIRST' : o.nulls === 'LAST')),
      payloadWidth: width,
      frames: [{ frame: frameSpec, functions }],
    };
    const sortSpec: SortSpec = {
      collations: [...partitionCollations, ...orderCollations],
      descending: [...w.partitionBy.map(() => false), ...descending],
      nulls: [...w.partitionBy.map(() => null), ...w.orderBy.map((o) => o.nulls ?? null)],
    };
    const keySources = [...w.partitionBy.map((e) => valueIndex.get(e)!), ...w.orderBy.map((o) => valueIndex.get(o.expr)!)];
    const sorter = b.cursor();
    b.emit(Opcode.SorterOpen, sorter, 0, 0, sortSpec);
    return { keyCount, keySources, spec, sorter, row: b.registerBlock(keyCount + width) };
  });

  /** Copies the sort keys of pass `p` from its payload registers and inserts the row. */
  const insertRow = (p: number) => {
    const layout = layouts[p]!;
    const payload = layout.row + layout.keyCount;
    layout.keySources.forEach((source, i) => b.emit(Opcode.SCopy, payload + source, layout.row + i));
    b.emit(Opcode.SorterInsert, layout.sorter, layout.row, layout.keyCount + width);
  };

  const first = layouts[0]!;
  const inputDone = b.label();
  const sink: GroupRowSink = {
    afterLoopLabel: inputDone,
    orderExprs: () => [],
    prepare: () => {},
    emitRow: (scope, _skip) => {
      const saved = ec.scope;
      ec.scope = scope;
      const payload = first.row + first.keyCount;
      values.forEach((e, i) => ec.compile(e, payload + i));
      for (let i = valueCount; i < width; i++) b.emit(Opcode.Null, 0, payload + i);
      insertRow(0);
      ec.scope = saved;
    },
    finish: () => b.place(inputDone),
  };
  runInput(
    sink,
    values.map((expr) => ({ expr, meta: { name: '', column: null, table: null, database: null, type: null } })),
  );

  // The passes, then the output of the last one.
  const finalRow = b.registerBlock(width);
  const replacements = new Map<Expr, number>(ec.scope.replacements ?? []);
  values.forEach((e, i) => replacements.set(e, finalRow + i));
  resolved.forEach((r) => replacements.set(r.call, finalRow + r.resultSlot));
  const finalScope: Scope = { ...ec.scope, replacements };
  layouts.forEach((layout, p) => {
    const passDone = b.label();
    b.emit(Opcode.SorterSort, layout.sorter, output.afterLoopLabel);
    const cursor = b.cursor();
    b.emit(Opcode.WindowOpen, cursor, layout.sorter, 0, layout.spec);
    const top = b.here;
    const next = layouts[p + 1];
    // P5: the last pass's results keep their subtypes; an earlier pass's are stored by the next one's sorter.
    b.emit(Opcode.WindowNext, cursor, passDone, next ? next.row + next.keyCount : finalRow, null, next ? 0 : 1);
    if (next) insertRow(p + 1);
    else output.emitRow(finalScope, top);
    b.emit(Opcode.Goto, 0, top);
    b.place(passDone);
  });
  output.finish();
}

/**
 * SQLite drops the statement's ORDER BY when it is a prefix of the last window's sort (PARTITION BY
 * terms ascending, then its ORDER BY): rows then stream out in window order (and LIMIT stops early).
 */
function outerOrderSatisfied(ec: ExprCompiler, core: SelectClause, orderBy: readonly OrderingTerm[], outputs: readonly OutputColumn[], window: ResolvedWindow): boolean {
  const text = (e: Expr) => ec.ctx.sql.slice(e.start, e.end).toLowerCase();
  const bigNull = (o: OrderingTerm) => (o.direction === 'DESC' ? o.nulls === 'FIRST' : o.nulls === 'LAST');
  const sort = [...window.partitionBy.map((e) => ({ text: text(e), desc: false, bigNull: false })), ...window.orderBy.map((o) => ({ text: text(o.expr), desc: o.direction === 'DESC', bigNull: bigNull(o) }))];
  if (orderBy.length === 0 || orderBy.length > sort.length) return false;
  return orderBy.every((term, i) => {
    let e = term.expr;
    if (e.kind === 'Integer') {
      const k = Number(e.value);
      if (k < 1 || k > outputs.length) return false;
      e = outputs[k - 1]!.expr;
    } else if (e.kind === 'Column' && !e.table) {
      const name = e.column.text.toLowerCase();
      const aliased = core.columns.find((c) => c.kind === 'ExprColumn' && c.alias?.text.toLowerCase() === name);
      if (aliased?.kind === 'ExprColumn') e = aliased.expr;
    }
    const key = sort[i]!;
    return !containsWindow(ec.ctx, e) && text(e) === key.text && (term.direction === 'DESC') === key.desc && bigNull(term) === key.bigNull;
  });
}

function collationOf(ec: ExprCompiler, e: Expr): Collation {
  const c = ec.collationOf(e);
  return c ? ec.collation(c.name) : binaryCollation;
}

/** SQLite's sqlite3ExprIsConstant for frame offsets: literals and operators only (no columns, functions, subqueries). */
function isConstant(e: Expr): boolean {
  let constant = true;
  walkExpr(e, (node) => {
    if (node.kind === 'Column' || node.kind === 'Function' || node.kind === 'Subquery' || node.kind === 'Exists' || node.kind === 'InSelect' || node.kind === 'InTable') constant = false;
    return constant;
  });
  return constant;
}

const DEFAULT_FRAME = { units: 'RANGE', start: { kind: 'UnboundedPreceding' }, end: { kind: 'CurrentRow' }, exclude: null } as const;

function resolveCall(ec: ExprCompiler, core: SelectClause, call: FunctionCall): WindowCall {
  const name = call.name.text;
  const window = resolveWindow(ec, core, call.over!);
  const frame = window.frame;
  const units = frame?.units ?? 'RANGE';
  const start: FrameBound = frame?.start ?? DEFAULT_FRAME.start;
  const end: FrameBound = frame ? (frame.end ?? { kind: 'CurrentRow' }) : DEFAULT_FRAME.end;
  if ((start.kind === 'CurrentRow' && end.kind === 'Preceding') || (start.kind === 'Following' && (end.kind === 'Preceding' || end.kind === 'CurrentRow'))) {
    throw new SqliteError('unsupported frame specification');
  }
  if (call.orderBy.length > 0) throw new SqliteError(`ORDER BY may not be used with non-aggregate ${name}()`);
  if (call.distinct) throw new SqliteError('DISTINCT is not supported for window functions');
  const resolved = ec.ctx.functions.resolve(name, call.star ? 0 : call.args.length);
  if (units === 'RANGE' && ('offset' in start || 'offset' in end) && window.orderBy.length !== 1) {
    throw new SqliteError('RANGE with offset PRECEDING/FOLLOWING requires one ORDER BY expression');
  }
  let evaluation: WindowCall['evaluation'] = 'aggregate';
  let frameOut: WindowCall['frame'] = { units, start, end, exclude: frame?.exclude ?? null };
  let fn = resolved.fn as VmWindowFunction;
  if (resolved.kind === 'window') {
    if (call.filter) throw new SqliteError('FILTER clause may only be used with aggregate window functions');
    evaluation = fn.window.evaluation;
    if (fn.window.frame) frameOut = { ...fn.window.frame };
  } else if (resolved.kind === 'aggregate') {
    const minMax = /^(min|max)$/i.test(name) && call.args.length === 1;
    if (!minMax && !resolved.fn.inverse) throw new SqliteError(`${name}() may not be used as a window function`);
    const withCollation = (resolved.fn as { withCollation?: (c: Collation) => VmWindowFunction }).withCollation;
    if (minMax && withCollation && call.args.length > 0) fn = withCollation(collationOf(ec, call.args[0]!));
    if (minMax && frameOut.start.kind !== 'UnboundedPreceding' && frameOut.exclude === null) evaluation = 'minmax';
  } else {
    throw new SqliteError(`${name}() may not be used as a window function`);
  }
  const sql = ec.ctx.sql;
  const exprText = (e: Expr) => sql.slice(e.start, e.end);
  const boundText = (bound: FrameBound | FrameBoundSpec) => `${bound.kind}:${'offset' in bound ? exprText(bound.offset) : 'constant' in bound ? String(bound.constant) : ''}`;
  const key = JSON.stringify([
    window.partitionBy.map(exprText),
    window.orderBy.map((o) => [exprText(o.expr), o.direction, o.nulls]),
    frameOut.units,
    boundText(frameOut.start),
    boundText(frameOut.end),
    frameOut.exclude,
  ]);
  return { call, fn, evaluation, window, frame: frameOut, key, resultSlot: -1 };
}

/** The window a call's OVER names or describes, with named base windows applied (SQLite's rules). */
function resolveWindow(ec: ExprCompiler, core: SelectClause, over: NonNullable<FunctionCall['over']>, depth = 0): ResolvedWindow {
  const find = (name: Name, before = core.windows.length) => {
    // A name defined twice means its last definition, as in SQLite.
    for (let i = Math.min(before, core.windows.length) - 1; i >= 0; i--) if (foldName(core.windows[i]!.name) === foldName(name)) return i;
    throw new SqliteError(`no such window: ${name.text}`);
  };
  if (over.kind === 'WindowName') {
    const i = find(over.name);
    return resolveWindow(ec, core, core.windows[i]!.window, depth + 1);
  }
  if (!over.base || depth > core.windows.length) return { partitionBy: over.partitionBy, orderBy: over.orderBy, frame: over.frame };
  const baseIndex = find(over.base);
  const baseSpec = core.windows[baseIndex]!.window;
  const base = resolveWindow(ec, core, baseSpec, depth + 1);
  let problem: string | null = null;
  if (over.partitionBy.length > 0) problem = 'PARTITION clause';
  else if (base.orderBy.length > 0 && over.orderBy.length > 0) problem = 'ORDER BY clause';
  else if (base.frame) problem = 'frame specification';
  if (problem) throw new SqliteError(`cannot override ${problem} of window: ${over.base.text}`);
  return { partitionBy: base.partitionBy, orderBy: base.orderBy.length > 0 ? base.orderBy : over.orderBy, frame: over.frame };
}
