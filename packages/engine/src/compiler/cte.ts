// WITH clauses: every common table expression of a WITH is bound by name in the compile context,
// and all of them see each other (SQLite ignores the RECURSIVE keyword: a CTE may read a later
// one). Each reference compiles the CTE's query where it is used: materialized into a memory
// cursor, or, when recursive, as a streaming loop (recursive-cte.ts). While a CTE's own query
// compiles, a reference to it is an error whose wording says where it came from (SQLite's
// Cte.zCteErr): "circular reference" in a plain CTE or a recursive CTE's setup part,
// "multiple recursive references" inside its recursive part.

import { SqliteError } from '../common/errors.js';
import type { CommonTableExpr, WithClause } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { applyColumnList, materializeSelect, syntheticTable, type SyntheticColumn } from './materialize.js';
import { recursiveShape, recursiveSource } from './recursive-cte.js';
import type { CursorSource, Scope } from './scope.js';
import { splitConjunction } from './where.js';

/** Compile-time state of one CTE: the error a reference to it raises right now (null: none). */
export interface CteState {
  error: string | null;
  /** AS MATERIALIZED: the subroutine filling the rows every reference of this program shares. */
  shared?: { readonly b: ProgramBuilder; readonly cursor: number; readonly subroutine: number; readonly returnReg: number; readonly columns: SyntheticColumn[] };
}

export interface QueryBinding {
  readonly kind: 'query';
  readonly cte: CommonTableExpr;
  /** The context its WITH clause bound (it sees itself and its siblings). */
  readonly ctx: CompileContext;
  readonly state: CteState;
}

export type CteBinding =
  | QueryBinding
  /** Inside a recursive CTE's recursive SELECT: the queued row being expanded (a one-row cursor). */
  | { readonly kind: 'current'; readonly cursor: number; readonly columns: readonly SyntheticColumn[] };

/** A context with the WITH clause's CTEs bound; they see each other and the outer CTEs. */
export function bindWith(ctx: CompileContext, withClause: WithClause): CompileContext {
  const ctes = new Map(ctx.ctes ?? []);
  const bound: CompileContext = { ...ctx, ctes };
  // The parser already refused duplicate names (SQLite: "duplicate WITH table name").
  for (const cte of withClause.ctes) ctes.set(cte.name.text.toLowerCase(), { kind: 'query', cte, ctx: bound, state: { error: null } });
  return bound;
}

/** Runs `compile` (part of the CTE's own query) with references to the CTE failing with `message`. */
export function whileCompiling<T>(state: CteState, message: string, compile: () => T): T {
  const saved = state.error;
  state.error = message;
  try {
    return compile();
  } finally {
    state.error = saved;
  }
}

const mismatch = (name: string) => (expected: number, got: number) => `table ${name} has ${got} values for ${expected} columns`;

/** A FROM reference to a CTE: emits its materialization (or, when recursive, a streaming loop) and returns the source. */
export function resolveCteReference(ctx: CompileContext, b: ProgramBuilder, binding: CteBinding, alias: string, outer: Scope | undefined, correlation: { used: boolean } | undefined): CursorSource {
  void ctx;
  if (binding.kind === 'current') return currentRowSource(binding.cursor, binding.columns, alias);
  const name = binding.cte.name.text;
  if (binding.state.error) throw new SqliteError(`${binding.state.error}: ${name}`);
  const shape = recursiveShape(binding.cte);
  if (shape) return recursiveSource(binding, shape, b, alias, outer, correlation, mismatch(name));
  if (binding.cte.materialized) return materializedOnce(binding, b, alias, outer, correlation);
  const cursor = b.cursor();
  const columns = whileCompiling(binding.state, 'circular reference', () =>
    applyColumnList(materializeSelect(binding.ctx, b, binding.cte.select, cursor, outer, correlation, name), binding.cte.columns, mismatch(name)),
  );
  return { kind: 'cursor', table: syntheticTable(alias, columns), name: alias, cursor, memory: true };
}

/**
 * AS MATERIALIZED: the rows are computed once per run and every reference reads them (SQLite's
 * materialization subroutine, called by each reference, guarded by Once, then OpenDup). A query
 * that reads the referencing query's columns is re-run per reference, as any subquery.
 */
function materializedOnce(binding: QueryBinding, b: ProgramBuilder, alias: string, outer: Scope | undefined, correlation: { used: boolean } | undefined): CursorSource {
  const name = binding.cte.name.text;
  let shared = binding.state.shared?.b === b ? binding.state.shared : undefined;
  const cursor = b.cursor();
  if (!shared) {
    const target = b.cursor();
    const returnReg = b.register();
    const subroutine = b.label();
    const after = b.label();
    b.emit(Opcode.Goto, 0, after);
    b.place(subroutine);
    const used = { used: false };
    const columns = whileCompiling(binding.state, 'circular reference', () =>
      applyColumnList(materializeSelect(binding.ctx, b, binding.cte.select, target, outer, used, name), binding.cte.columns, mismatch(name)),
    );
    b.emit(Opcode.Return, returnReg);
    b.place(after);
    shared = { b, cursor: target, subroutine, returnReg, columns };
    if (used.used) {
      if (correlation) correlation.used = true;
    } else binding.state.shared = shared;
  }
  b.emit(Opcode.Gosub, shared.returnReg, shared.subroutine);
  b.emit(Opcode.OpenDup, cursor, shared.cursor);
  return { kind: 'cursor', table: syntheticTable(alias, shared.columns), name: alias, cursor, memory: true };
}

/** `name(args)` in FROM naming a CTE: SQLite's errors (a CTE is not a table-valued function). */
export function rejectCteCall(ctx: CompileContext, name: string): void {
  const binding = ctx.ctes?.get(name.toLowerCase());
  if (binding?.kind !== 'query') return;
  if (binding.state.error) throw new SqliteError(`${binding.state.error}: ${binding.cte.name.text}`);
  throw new SqliteError(`'${name}' is not a function`);
}

/**
 * The row a recursive SELECT expands, already current in `cursor` (the queue popped it): its
 * "loop" runs once, so the planner may put it anywhere a stream may go (outermost).
 */
function currentRowSource(cursor: number, columns: readonly SyntheticColumn[], alias: string): CursorSource {
  return {
    kind: 'cursor',
    table: syntheticTable(alias, columns),
    name: alias,
    cursor,
    memory: true,
    openStream: (ec, where) => {
      const next = ec.b.label();
      for (const e of splitConjunction(where)) ec.jumpIfNotTrue(e, next);
      return { next, finish: () => ec.b.place(next) };
    },
  };
}
