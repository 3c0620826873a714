// Recursive CTEs, as SQLite's generateWithRecursiveQuery runs them. The compound splits into a
// setup part and recursive SELECTs (the trailing terms that name the CTE in their FROM, joined by
// the same UNION or UNION ALL). The setup rows fill a queue; then, until the queue is empty, the
// next row is popped, output (OFFSET skips it, LIMIT counts it) and expanded: each recursive
// SELECT runs with the CTE's name bound to that one row, appending its rows to the queue. The
// queue is FIFO, or with the CTE's ORDER BY a priority queue (ties in insertion order); UNION
// drops rows already queued once. The loop streams: the outer query sees each row before the
// next one is expanded, so an outer LIMIT stops an endless recursion. A recursive SELECT reads the
// current row through a one-row cursor or, when the row is its only FROM item, from registers.

import { SqliteError } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { forEachNode, type CommonTableExpr, type CompoundPart, type Expr, type OrderingTerm, type Select, type SelectClause, type SelectCore, type TableFunctionSource, type TableRefSource, type TableSource } from '../parser/ast.js';
import type { Affinity } from '../values/affinity.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { QueueOrder } from '../vm/ops/cte.js';
import { ProgramBuilder } from './builder.js';
import { resolveTerm } from './compound.js';
import type { CompileContext } from './context.js';
import { bindWith, whileCompiling, type QueryBinding } from './cte.js';
import { ExprCompiler } from './expr.js';
import { applyColumnList, ephemeralTextKeys, syntheticTable, type SyntheticColumn } from './materialize.js';
import { beginPlanScope, notePlan, planScope, unrecorded } from './query-plan.js';
import type { CursorSource, RegisterSource, Scope } from './scope.js';
import { compileSelect, isAggregateQuery } from './select.js';
import { splitConjunction } from './where.js';
import { coreCallsWindows } from './window.js';

/** How a recursive CTE's compound splits; the recursive terms read the current row by `currentKey`. */
export interface RecursiveShape {
  readonly setup: Select;
  readonly terms: readonly CompoundPart[];
  readonly distinct: boolean;
  /** The ctes key the recursive terms' direct references were renamed to (no SQL name can spell it). */
  readonly currentKey: string;
  /** A direct reference written with arguments, `cte(x)`: SQLite's error once the setup resolved. */
  readonly calledWithArguments: boolean;
}

const shapes = new WeakMap<CommonTableExpr, RecursiveShape | null>();

/** Whether a node is a FROM item naming `key` without a schema: `key` or `key(args)`. */
function namesTable(node: { readonly kind: string }, key: string): node is TableRefSource | TableFunctionSource {
  if (node.kind !== 'TableRef' && node.kind !== 'TableFunction') return false;
  const { name } = node as TableRefSource | TableFunctionSource;
  return !name.schema && name.name.text.toLowerCase() === key;
}

/** The FROM items of `core` (outside subqueries and parenthesized joins) that name `key`. */
function directReferences(core: SelectCore, key: string): TableSource[] {
  if (core.kind !== 'SelectClause' || !core.from) return [];
  return core.from.sources.map((s) => s.source).filter((s) => namesTable(s, key));
}

/**
 * SQLite's resolveFromTermToCte: from the last term leftwards, while the operator is the last
 * one's (UNION or UNION ALL) and the term names the CTE in its FROM, the term is recursive.
 * Null when no term is (the CTE is then an ordinary one). Cached per CTE node.
 */
export function recursiveShape(cte: CommonTableExpr): RecursiveShape | null {
  if (shapes.has(cte)) return shapes.get(cte)!;
  const select = cte.select;
  const parts = select.compounds;
  const key = cte.name.text.toLowerCase();
  const op = parts[parts.length - 1]?.op;
  let k = parts.length;
  if (op === 'UNION' || op === 'UNION ALL') {
    while (k > 0 && parts[k - 1]!.op === op) {
      const refs = directReferences(parts[k - 1]!.core, key);
      if (refs.length > 1) throw new SqliteError(`multiple references to recursive table: ${cte.name.text}`);
      if (refs.length === 0) break;
      k--;
    }
  }
  let shape: RecursiveShape | null = null;
  if (k < parts.length) {
    const currentKey = `\u0000${key}`;
    let calledWithArguments = false;
    const terms = parts.slice(k).map((part) => {
      const core = part.core as SelectClause;
      const sources = core.from!.sources.map((s) => {
        const source = s.source;
        if (!namesTable(source, key)) return s;
        if (source.kind === 'TableFunction') calledWithArguments = true;
        const name = { ...source.name, name: { ...source.name.name, text: currentKey } };
        return { ...s, source: { kind: 'TableRef', name, alias: source.alias ?? source.name.name, indexHint: null, start: source.start, end: source.end } as TableSource };
      });
      return { ...part, core: { ...core, from: { ...core.from!, sources } } };
    });
    const setup: Select = { ...select, with: null, compounds: parts.slice(0, k), orderBy: [], limit: null };
    shape = { setup, terms, distinct: op === 'UNION', currentKey, calledWithArguments };
  }
  shapes.set(cte, shape);
  return shape;
}

function single(core: SelectCore): Select {
  return { kind: 'Select', with: null, first: core, compounds: [], orderBy: [], limit: null, start: core.start, end: core.end };
}

/** The FROM source of a reference to a recursive CTE: a stream whose loop is the recursion. */
export function recursiveSource(
  binding: QueryBinding,
  shape: RecursiveShape,
  b: ProgramBuilder,
  alias: string,
  outer: Scope | undefined,
  correlation: { used: boolean } | undefined,
  mismatch: (expected: number, got: number) => string,
): CursorSource {
  const recursion = new Recursion(binding, shape, b, outer, correlation, mismatch);
  return { kind: 'cursor', table: syntheticTable(alias, recursion.columns), name: alias, cursor: recursion.queue, memory: true, openStream: (ec, where) => recursion.open(ec, where) };
}

class Recursion {
  readonly columns: SyntheticColumn[];
  readonly queue: number;
  /** The one-row cursor the recursive SELECTs read (the queue's current row). */
  private readonly current: number;
  private readonly ctx: CompileContext;
  private readonly currentColumns: SyntheticColumn[];
  /** The setup's result columns (ORDER BY resolves against their names) and explicit collations. */
  private readonly metas: readonly ResultColumnMeta[];
  private readonly setupCollations: readonly (string | null)[];
  /** Registers QueuePop copies the current row into (0: no recursive SELECT reads them). */
  private readonly rowBase: number = 0;

  constructor(
    private readonly binding: QueryBinding,
    private readonly shape: RecursiveShape,
    b: ProgramBuilder,
    private readonly outer: Scope | undefined,
    private readonly correlation: { used: boolean } | undefined,
    mismatch: (expected: number, got: number) => string,
  ) {
    const select = binding.cte.select;
    this.ctx = select.with ? bindWith(binding.ctx, select.with) : binding.ctx;
    this.queue = b.cursor();
    this.current = b.cursor();
    // Names, affinities and collations come from the setup SELECTs: trial-compile them into a
    // program that is thrown away (the recursive SELECTs compile once, in open()).
    const affinities: (Affinity | null)[] = [];
    const found: (string | null)[] = [];
    const metas = unrecorded(() =>
      whileCompiling(binding.state, 'circular reference', () => compileSelect(this.ctx, new ProgramBuilder(), shape.setup, { kind: 'result' }, outer, { used: false }, affinities, found)),
    );
    this.columns = applyColumnList(
      metas.map((m, i) => ({ name: m.name, affinity: affinities[i] ?? null, ...(found[i] ? { collation: found[i]! } : {}) })),
      binding.cte.columns,
      mismatch,
    );
    // The recursive SELECTs read the current row without affinity (SQLite's rule).
    this.currentColumns = this.columns.map((c) => ({ ...c, affinity: null }));
    if (shape.terms.some((t) => this.aloneInFrom(t.core))) this.rowBase = b.registerBlock(this.columns.length);
    this.metas = metas;
    this.setupCollations = found;
    if (shape.calledWithArguments) throw new SqliteError(`too many arguments on ${binding.cte.name.text}() - max 0`);
  }

  /**
   * Compiles the recursive SELECTs (appending to the queue through `push`) and checks what SQLite
   * refuses in them; returns each column's collation: the left-most term's that has one.
   */
  private compileTerms(b: ProgramBuilder, push: (results: number, n: number, skip: number) => void): Collation[] {
    const name = this.binding.cte.name.text;
    const found = [...this.setupCollations];
    for (const term of this.shape.terms) {
      const termCollations: (string | null)[] = [];
      const got = this.compileTerm(b, term, push, this.correlation, termCollations);
      if (got !== found.length) throw new SqliteError(`SELECTs to the left and right of ${term.op} do not have the same number of result columns`);
      termCollations.forEach((c, i) => (found[i] ??= c));
    }
    // SQLite resolves a WINDOW clause even when no function uses it (the compile above does not).
    const key = name.toLowerCase();
    if (this.shape.terms.some((t) => t.core.kind === 'SelectClause' && forEachNode(t.core.windows, (n) => namesTable(n, key) || undefined))) {
      throw new SqliteError(`multiple recursive references: ${name}`);
    }
    const last = this.shape.terms[this.shape.terms.length - 1]!;
    if (coreCallsWindows(last.core)) throw new SqliteError('cannot use window functions in recursive queries');
    if (this.shape.terms.some((t) => t.core.kind === 'SelectClause' && isAggregateQuery(this.ctx, t.core, []))) throw new SqliteError('recursive aggregate queries not supported');
    const keyed = new ExprCompiler(b, this.ctx, { sources: [] });
    return found.map((c) => (c ? keyed.collation(c) : binaryCollation));
  }

  /** The priority of the queue: the ORDER BY terms as result columns (SQLite's compound rule). */
  private queueOrder(keyed: ExprCompiler, columnCollations: readonly Collation[], orderBy: readonly OrderingTerm[]): QueueOrder {
    const cores = [this.binding.cte.select.first, ...this.binding.cte.select.compounds.map((c) => c.core)];
    const columns: number[] = [];
    const collations: Collation[] = [];
    const descending: boolean[] = [];
    const nulls: ('FIRST' | 'LAST' | null)[] = [];
    orderBy.forEach((term, i) => {
      const resolved = resolveTerm(this.binding.ctx, cores, this.metas, term, i).expr;
      const ordinal = (resolved.kind === 'Collate' ? resolved.operand : resolved) as Extract<Expr, { kind: 'Integer' }>;
      const column = Number(ordinal.value) - 1;
      columns.push(column);
      collations.push(resolved.kind === 'Collate' ? keyed.collation(resolved.collation.text) : columnCollations[column]!);
      descending.push(term.direction === 'DESC');
      nulls.push(term.nulls && term.nulls !== (term.direction === 'DESC' ? 'LAST' : 'FIRST') ? term.nulls : null);
    });
    return { columns, spec: { collations, descending, ...(nulls.some((n) => n) ? { nulls } : {}) } };
  }

  /** Compiles one recursive SELECT reading the current row; returns its column count. */
  private compileTerm(
    b: ProgramBuilder,
    term: CompoundPart,
    emit: (results: number, n: number, skip: number) => void,
    correlation: { used: boolean } | undefined,
    outCollations?: (string | null)[],
  ): number {
    const compile = (): number => {
      const alone = this.aloneInFrom(term.core);
      if (!alone) {
        const ctes = new Map(this.ctx.ctes ?? []);
        ctes.set(this.shape.currentKey, { kind: 'current', cursor: this.current, columns: this.currentColumns });
        return compileSelect({ ...this.ctx, ctes }, b, single(term.core), { kind: 'emit', emit }, this.outer, correlation, undefined, outCollations).length;
      }
      // The row alone in FROM: its columns are read from the registers QueuePop filled, as the
      // nearest enclosing scope (nothing else is at its level, so names resolve the same way).
      const row: RegisterSource = { kind: 'registers', table: syntheticTable(alone, this.currentColumns), name: alone, base: this.rowBase, rowid: 0 };
      const scope: Scope = { sources: [row], outer: this.outer, correlation };
      notePlan(`SCAN ${alone}`);
      const core = { ...(term.core as SelectClause), from: null };
      return unrecorded(() => compileSelect(this.ctx, b, single(core), { kind: 'emit', emit }, scope, { used: false }, undefined, outCollations)).length;
    };
    return whileCompiling(this.binding.state, 'multiple recursive references', compile);
  }

  /** The alias of the current row when it is the term's only FROM item and `*` does not expand it (else null). */
  private aloneInFrom(core: SelectCore): string | null {
    if (core.kind !== 'SelectClause' || core.from?.sources.length !== 1 || coreCallsWindows(core)) return null;
    const source = core.from.sources[0]!.source;
    if (source.kind !== 'TableRef' || source.name.name.text !== this.shape.currentKey) return null;
    if (core.columns.some((c) => c.kind !== 'ExprColumn')) return null;
    return source.alias!.text;
  }

  open(ec: ExprCompiler, where: Expr | null): { next: number; finish(): void } {
    const b = ec.b;
    const { queue, current } = this;
    const name = this.binding.cte.name.text;
    const next = b.label();
    const step = b.label();
    const top = b.label();
    const done = b.label();
    const endCoroutine = beginPlanScope(() => `CO-ROUTINE ${name}`);
    // Their P4 (queue order, UNION key collations) is set once the recursive SELECTs compiled.
    // The one-row cursor only when some recursive SELECT does not read the row from registers.
    const view = this.shape.terms.every((t) => this.aloneInFrom(t.core)) ? -1 : current;
    const openQueue = b.emit(Opcode.QueueOpen, queue, view, 0, null);
    let distinct = -1;
    let openDistinct = -1;
    if (this.shape.distinct) {
      distinct = b.cursor();
      openDistinct = b.emit(Opcode.OpenEphemeral, distinct, 0, 0, null);
    }
    const limit = this.binding.cte.select.limit;
    let limitReg = 0;
    let offsetReg = 0;
    if (limit) {
      limitReg = ec.toRegister(limit.limit);
      b.emit(Opcode.MustBeInt, limitReg, 0);
      if (limit.offset) {
        offsetReg = ec.toRegister(limit.offset);
        b.emit(Opcode.MustBeInt, offsetReg, 0);
      }
      b.emit(Opcode.IfNot, limitReg, done); // LIMIT 0: not even the setup runs
    }
    const push = (results: number, n: number, skip: number) => {
      if (distinct >= 0) {
        b.emit(Opcode.Found, distinct, skip, results, n);
        b.emit(Opcode.IdxInsert, distinct, results, n);
      }
      b.emit(Opcode.QueuePush, queue, results, n);
    };
    planScope(
      () => 'SETUP',
      () => whileCompiling(this.binding.state, 'circular reference', () => compileSelect(this.ctx, b, this.shape.setup, { kind: 'emit', emit: push }, this.outer, this.correlation)),
    );
    b.emit(Opcode.Goto, 0, top);
    // The expansion of the row just output; placed before the loop top so it is compiled (and
    // noted in the query plan) inside the co-routine, ahead of the outer query's body.
    b.place(step);
    const collations = planScope(() => 'RECURSIVE STEP', () => this.compileTerms(b, push));
    const orderBy = this.binding.cte.select.orderBy;
    if (orderBy.length > 0) b.setP4(openQueue, this.queueOrder(new ExprCompiler(b, this.ctx, { sources: [] }), collations, orderBy));
    if (openDistinct >= 0) b.setP4(openDistinct, ephemeralTextKeys(collations));
    endCoroutine();
    notePlan(`SCAN ${name}`);
    b.place(top);
    b.emit(Opcode.QueuePop, queue, done, view, this.rowBase || null);
    // OFFSET skips the output of a row, not its expansion; LIMIT counts the rows output.
    if (offsetReg) b.emit(Opcode.IfPos, offsetReg, step, 1);
    for (const e of splitConjunction(where)) ec.jumpIfNotTrue(e, next);
    return {
      next,
      finish: () => {
        b.place(next);
        if (limitReg) b.emit(Opcode.DecrJumpZero, limitReg, done);
        b.emit(Opcode.Goto, 0, step);
        b.place(done);
      },
    };
  }
}
