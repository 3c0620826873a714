// WITH clauses: each common table expression is bound by name in the compile context; every
// reference materializes it into a memory cursor. A recursive CTE runs its initial SELECTs into a
// queue, then for each queued row (in insertion order) runs the recursive SELECT with the CTE's
// name bound to a one-row cursor holding that row; new rows are appended to the same queue, which
// is the CTE's result (UNION drops rows already present; LIMIT stops the expansion). The loop
// streams: the outer query sees each row before the next one is expanded.

import { SqliteError, unsupported } from '../common/errors.js';
import type { CommonTableExpr, CompoundPart, Expr, FromClause, Select, SelectCore, WithClause } from '../parser/ast.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { applyColumnList, ephemeralTextKeys, materializeSelect, syntheticTable, type SyntheticColumn } from './materialize.js';
import type { CursorSource, Scope } from './scope.js';
import { compileSelect, isAggregateQuery } from './select.js';
import { splitConjunction } from './where.js';
import { coreCallsWindows } from './window.js';

export type CteBinding =
  /** A CTE as written; `ctx` is the context it was defined in (it sees the CTEs before it). */
  | { readonly kind: 'query'; readonly cte: CommonTableExpr; readonly ctx: CompileContext; readonly recursive: boolean }
  /** Inside a recursive CTE's recursive SELECT: the queued row being expanded. */
  | { readonly kind: 'current'; readonly cursor: number; readonly columns: readonly SyntheticColumn[] };

/** A context with the WITH clause's CTEs bound (later CTEs see earlier ones). */
export function bindWith(ctx: CompileContext, withClause: WithClause): CompileContext {
  let current = ctx;
  const seen = new Set<string>();
  for (const cte of withClause.ctes) {
    const key = cte.name.text.toLowerCase();
    if (seen.has(key)) throw new SqliteError(`duplicate WITH table name: ${cte.name.text}`);
    seen.add(key);
    // SQLite treats a CTE that reads its own name as recursive, with or without RECURSIVE.
    const recursive = selectReads(cte.select, key);
    const ctes = new Map(current.ctes ?? []);
    ctes.set(key, { kind: 'query', cte, ctx: current, recursive });
    current = { ...current, ctes };
  }
  return current;
}

function coresOf(select: Select): SelectCore[] {
  return [select.first, ...select.compounds.map((c) => c.core)];
}

function fromReads(from: FromClause | null, key: string): boolean {
  if (!from) return false;
  return from.sources.some(({ source }) => {
    if (source.kind === 'TableRef') return !source.name.schema && source.name.name.text.toLowerCase() === key;
    if (source.kind === 'JoinGroup') return fromReads(source.from, key);
    if (source.kind === 'Subquery') return selectReads(source.select, key);
    return false;
  });
}

/** How many FROM items (outside subqueries) name `key`. */
function directReferences(from: FromClause | null, key: string): number {
  if (!from) return 0;
  let count = 0;
  for (const { source } of from.sources) {
    if (source.kind === 'TableRef' && !source.name.schema && source.name.name.text.toLowerCase() === key) count++;
    else if (source.kind === 'JoinGroup') count += directReferences(source.from, key);
  }
  return count;
}

function coreReads(core: SelectCore, key: string): boolean {
  return core.kind === 'SelectClause' && fromReads(core.from, key);
}

function selectReads(select: Select, key: string): boolean {
  return coresOf(select).some((core) => coreReads(core, key));
}

function single(core: SelectCore): Select {
  return { kind: 'Select', with: null, first: core, compounds: [], orderBy: [], limit: null, start: core.start, end: core.end };
}

const mismatch = (name: string) => (expected: number, got: number) => `table ${name} has ${got} values for ${expected} columns`;

/** A FROM reference to a CTE: emits its materialization (or, when recursive, a streaming loop) and returns the source. */
export function resolveCteReference(ctx: CompileContext, b: ProgramBuilder, binding: CteBinding, alias: string, outer: Scope | undefined, correlation: { used: boolean } | undefined): CursorSource {
  if (binding.kind === 'current') return { kind: 'cursor', table: syntheticTable(alias, binding.columns), name: alias, cursor: binding.cursor, memory: true };
  const cursor = b.cursor();
  const name = binding.cte.name.text;
  void ctx;
  if (binding.recursive) {
    const recursion = new Recursion(binding.ctx, binding.cte, cursor, outer, correlation);
    return { kind: 'cursor', table: syntheticTable(alias, recursion.columns), name: alias, cursor, memory: true, openStream: (ec, where) => recursion.open(ec, where) };
  }
  const columns = applyColumnList(materializeSelect(binding.ctx, b, binding.cte.select, cursor, outer, correlation, name), binding.cte.columns, mismatch(name));
  return { kind: 'cursor', table: syntheticTable(alias, columns), name: alias, cursor, memory: true };
}

/**
 * A recursive CTE read as a loop: the initial SELECTs fill the queue; the loop body sees each queued
 * row in turn, and advancing runs the recursive SELECT on that row (appending to the queue). So
 * an outer LIMIT stops the recursion, as SQLite's co-routine does.
 */
class Recursion {
  readonly columns: SyntheticColumn[];
  private readonly initial: Select;
  private readonly recursive: CompoundPart;
  private readonly distinct: boolean;

  constructor(
    private readonly ctx: CompileContext,
    private readonly cte: CommonTableExpr,
    private readonly queue: number,
    private readonly outer: Scope | undefined,
    private readonly correlation: { used: boolean } | undefined,
  ) {
    const select = cte.select;
    const name = cte.name.text;
    const cores = coresOf(select);
    const last = select.compounds[select.compounds.length - 1];
    if (!last || cores.slice(0, -1).some((c) => coreReads(c, name.toLowerCase()))) throw new SqliteError(`recursive reference in a subquery: ${name}`);
    if (last.op !== 'UNION' && last.op !== 'UNION ALL') throw new SqliteError('recursive aggregate queries not supported');
    if (coreCallsWindows(last.core)) throw new SqliteError('cannot use window functions in recursive queries');
    if (last.core.kind === 'SelectClause' && isAggregateQuery(ctx, last.core, [])) throw new SqliteError('recursive aggregate queries not supported');
    if (last.core.kind === 'SelectClause' && directReferences(last.core.from, name.toLowerCase()) > 1) throw new SqliteError(`multiple references to recursive table: ${name}`);
    if (select.orderBy.length > 0) throw unsupported('ORDER BY in a recursive common table expression');
    if (select.limit?.offset) throw unsupported('OFFSET in a recursive common table expression');
    this.recursive = last;
    this.distinct = last.op === 'UNION';
    this.initial = { ...select, with: null, compounds: select.compounds.slice(0, -1), orderBy: [], limit: null };
    // Names and affinities come from the initial SELECTs: compile them once into a scratch program.
    const affinities: (Affinity | null)[] = [];
    const collations: (string | null)[] = [];
    const metas = compileSelect(ctx, new ProgramBuilder(), this.initial, { kind: 'result' }, outer, { used: false }, affinities, collations);
    this.columns = applyColumnList(
      metas.map((m, i) => ({ name: m.name, affinity: affinities[i] ?? null, ...(collations[i] ? { collation: collations[i]! } : {}) })),
      cte.columns,
      mismatch(name),
    );
  }

  open(ec: ExprCompiler, where: Expr | null): { next: number; finish(): void } {
    const b = ec.b;
    const { queue, outer, correlation } = this;
    const width = this.columns.length;
    const next = b.label();
    const done = b.label();
    // UNION drops rows equal under each column's collation.
    const keyed = new ExprCompiler(b, this.ctx, { sources: [] });
    b.emit(Opcode.OpenEphemeral, queue, 0, 0, this.distinct ? ephemeralTextKeys(this.columns.map((c) => keyed.collation(c.collation ?? 'BINARY'))) : null);
    let limit = 0;
    const select = this.cte.select;
    if (select.limit) {
      limit = ec.toRegister(select.limit.limit);
      b.emit(Opcode.MustBeInt, limit, 0);
      b.emit(Opcode.IfNot, limit, done); // LIMIT 0: not even the initial SELECT runs
    }
    const append = (full: number) => (results: number, n: number, skip: number) => {
      if (limit) b.emit(Opcode.IfNot, limit, full);
      if (this.distinct) b.emit(Opcode.Found, queue, skip, results, n);
      b.emit(Opcode.IdxInsert, queue, results, n);
      if (limit) b.emit(Opcode.DecrJumpZero, limit, full);
    };
    const initialDone = b.label();
    compileSelect(this.ctx, b, this.initial, { kind: 'emit', emit: append(initialDone) }, outer, correlation);
    b.place(initialDone);
    b.emit(Opcode.Rewind, queue, done);
    const top = b.here;
    for (const e of splitConjunction(where)) ec.jumpIfNotTrue(e, next);
    return {
      next,
      finish: () => {
        b.place(next);
        const current = b.cursor();
        const ctes = new Map(this.ctx.ctes ?? []);
        // The recursive SELECT reads the current row without affinity (SQLite's rule).
        ctes.set(this.cte.name.text.toLowerCase(), { kind: 'current', cursor: current, columns: this.columns.map((c) => ({ ...c, affinity: null })) });
        const row = b.registerBlock(width);
        for (let i = 0; i < width; i++) b.emit(Opcode.Column, queue, i, row + i);
        b.emit(Opcode.OpenEphemeral, current);
        b.emit(Opcode.IdxInsert, current, row, width);
        const stepDone = b.label();
        const got = compileSelect({ ...this.ctx, ctes }, b, single(this.recursive.core), { kind: 'emit', emit: append(stepDone) }, outer, correlation);
        if (got.length !== width) throw new SqliteError(`SELECTs to the left and right of ${this.recursive.op} do not have the same number of result columns`);
        b.place(stepDone);
        b.emit(Opcode.Next, queue, top);
        b.place(done);
      },
    };
  }
}
