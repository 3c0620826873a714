// EXPLAIN QUERY PLAN: while a statement compiles under recordQueryPlan(), the code generator notes
// each decision it makes (a table scan or search, a temp b-tree for sorting, a subquery, a compound
// part, a materialized view) with SQLite's wording. The lines describe the plan Tandem really
// runs; where it is the same as SQLite's, the text is SQLite's. Outside recordQueryPlan() the
// notes cost one null check. Compilation is synchronous, so one active recorder at a time suffices.

import type { IndexInfo } from '../schema/types.js';
import { forEachNode, type Select, type SelectCore, type Statement } from '../parser/ast.js';

export interface PlanLine {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

class Recorder {
  readonly lines: PlanLine[] = [];
  /** Enclosing scope ids, innermost last (0 = top level). */
  readonly parents: number[] = [0];
  /** Per open scope: lines to add when it closes (temp b-trees are used after the loops they follow). */
  readonly deferred: string[][] = [[]];
  private nextId = 1;

  constructor(readonly selectIds: ReadonlyMap<SelectCore, number>) {}

  add(detail: string): number {
    const id = this.nextId++;
    this.lines.push({ id, parent: this.parents[this.parents.length - 1]!, detail });
    return id;
  }

  /** Adds the deferred lines of the innermost scope, in the order SQLite uses the b-trees. */
  flush(): void {
    const rank = (detail: string) => TEMP_BTREE_ORDER.findIndex((use) => detail.endsWith(use));
    const pending = this.deferred[this.deferred.length - 1]!.splice(0);
    pending.sort((x, y) => rank(x) - rank(y));
    for (const detail of pending) this.add(detail);
  }
}

/** GROUP BY sorts before DISTINCT, which dedupes before ORDER BY sorts the output. */
const TEMP_BTREE_ORDER = ['GROUP BY', 'DISTINCT', 'ORDER BY'];

let active: Recorder | null = null;

/** Compiles with plan recording on; returns the plan lines (in SQLite's order: parents first). */
export function recordQueryPlan(statement: Statement, compile: () => void): PlanLine[] {
  const saved = active;
  const recorder = new Recorder(numberSelects(statement));
  active = recorder;
  try {
    compile();
    recorder.flush();
  } finally {
    active = saved;
  }
  return recorder.lines;
}

/** Runs `work` (a trial compile whose program is discarded) without noting plan lines. */
export function unrecorded<T>(work: () => T): T {
  const saved = active;
  active = null;
  try {
    return work();
  } finally {
    active = saved;
  }
}

/** Notes one plan line at the current level. */
export function notePlan(detail: string): void {
  active?.add(detail);
}

/** notePlan, returning a call that rewrites the line's text (a decision taken once the program is complete). */
export function notePlanRevisable(detail: string): (revise: (detail: string) => string) => void {
  const recorder = active;
  if (!recorder) return () => undefined;
  recorder.add(detail);
  const index = recorder.lines.length - 1;
  return (revise) => {
    recorder.lines[index] = { ...recorder.lines[index]!, detail: revise(recorder.lines[index]!.detail) };
  };
}

/** Notes a line that goes after everything else at the current level (USE TEMP B-TREE FOR ...). */
export function notePlanAfterLoops(detail: string): void {
  active?.deferred[active.deferred.length - 1]!.push(detail);
}

/**
 * Runs `work` with the lines it notes nested under a new line. `detail` is computed after the
 * work (a subquery is known to be correlated only once compiled); the line keeps its place.
 */
export function planScope<T>(detail: () => string, work: () => T): T {
  const end = beginPlanScope(detail);
  const result = work();
  end();
  return result;
}

/**
 * planScope for code that cannot be wrapped in a function: returns the call that closes the
 * scope. (An error in between abandons the whole recording, so nothing needs unwinding.)
 */
export function beginPlanScope(detail: () => string): () => void {
  const recorder = active;
  if (!recorder) return () => undefined;
  const id = recorder.add('');
  const index = recorder.lines.length - 1;
  recorder.parents.push(id);
  recorder.deferred.push([]);
  return () => {
    recorder.flush();
    recorder.parents.pop();
    recorder.deferred.pop();
    recorder.lines[index] = { ...recorder.lines[index]!, detail: detail() };
  };
}

/**
 * SQLite numbers SELECTs in the order the parser completes them (an inner SELECT before the one
 * containing it): "SCALAR SUBQUERY 1". A compound is named by its last part, as in SQLite.
 */
export function selectNumber(select: Select): number {
  const recorder = active;
  if (!recorder) return 0;
  const last = select.compounds.length > 0 ? select.compounds[select.compounds.length - 1]!.core : select.first;
  return recorder.selectIds.get(last) ?? 0;
}

const numbered = new WeakMap<Statement, Map<SelectCore, number>>();

/**
 * The name SQLite gives a FROM subquery without an alias, "(subquery-N)", N its SELECT's number
 * in `statement` (the statement being compiled; without it, or outside it, N is 0).
 */
export function unaliasedSubqueryName(statement: Statement | undefined, select: Select): string {
  let ids = statement ? numbered.get(statement) : undefined;
  if (statement && !ids) numbered.set(statement, (ids = numberSelects(statement)));
  const last = select.compounds.length > 0 ? select.compounds[select.compounds.length - 1]!.core : select.first;
  return `(subquery-${ids?.get(last) ?? 0})`;
}

function numberSelects(statement: Statement): Map<SelectCore, number> {
  const cores: SelectCore[] = [];
  forEachNode(statement, (node) => {
    if (node.kind === 'SelectClause' || node.kind === 'Values') cores.push(node as SelectCore);
  });
  cores.sort((a, b) => a.end - b.end);
  return new Map(cores.map((core, i) => [core, i + 1]));
}

/** SQLite's text for a search on index columns: "(a=? AND b>?)". */
export function indexConstraintText(index: IndexInfo, columnNames: readonly string[], equalities: number, lower: string | null, upper: string | null): string {
  const name = (position: number) => (index.columns[position]!.column === -2 ? '<expr>' : (columnNames[index.columns[position]!.column] ?? 'rowid'));
  const terms: string[] = [];
  for (let i = 0; i < equalities; i++) terms.push(`${name(i)}=?`);
  if (lower) terms.push(`${name(equalities)}${lower}?`);
  if (upper) terms.push(`${name(equalities)}${upper}?`);
  return terms.length > 0 ? ` (${terms.join(' AND ')})` : '';
}

/** The shape of where.ts's loop choice that the plan line depends on. */
export type LoopDescription =
  | { readonly kind: 'rowidEq' }
  | { readonly kind: 'rowidRange'; readonly lower: { readonly op: string } | undefined; readonly upper: { readonly op: string } | undefined }
  | {
      readonly kind: 'index';
      readonly plan: {
        readonly index: IndexInfo;
        readonly equalities: readonly unknown[];
        readonly lower: { readonly term: { readonly op: string } } | null;
        readonly upper: { readonly term: { readonly op: string } } | null;
      };
    }
  | { readonly kind: 'scan' };

/** SQLite's line for one table loop: SCAN t, SEARCH t USING INDEX i (a=?), SEARCH t USING INTEGER PRIMARY KEY (rowid=?). */
export function loopDetail(name: string, columnNames: readonly string[], choice: LoopDescription): string {
  switch (choice.kind) {
    case 'rowidEq':
      return `SEARCH ${name} USING INTEGER PRIMARY KEY (rowid=?)`;
    case 'rowidRange': {
      const terms = [choice.lower, choice.upper].filter((t) => t !== undefined).map((t) => `rowid${t.op}?`);
      return `SEARCH ${name} USING INTEGER PRIMARY KEY (${terms.join(' AND ')})`;
    }
    case 'index': {
      const { index, equalities, lower, upper } = choice.plan;
      const constraints = indexConstraintText(index, columnNames, equalities.length, lower?.term.op ?? null, upper?.term.op ?? null);
      // A WITHOUT ROWID table's own key (compiler/without-rowid.ts): SQLite says PRIMARY KEY, and a plain SCAN.
      if (index.origin === 'pk' && index.name === 'PRIMARY KEY' && index.sql === null) return constraints ? `SEARCH ${name} USING PRIMARY KEY${constraints}` : `SCAN ${name}`;
      return `${constraints ? 'SEARCH' : 'SCAN'} ${name} USING INDEX ${index.name}${constraints}`;
    }
    default:
      return `SCAN ${name}`;
  }
}

/** A VALUES list: one row is a constant row, more are scanned. */
export function valuesPlanDetail(rows: number): string {
  return rows === 1 ? 'SCAN CONSTANT ROW' : `SCAN ${rows}-ROW VALUES CLAUSE`;
}
