// The planner for one table: picks how a WHERE clause reaches its rows (rowid lookup, rowid
// range, index equality/range on leading columns, or a full scan) and emits the loop. WHERE terms
// the seek already guarantees (the rows visited satisfy them exactly) are not checked again, as in
// SQLite's disableTerm; every other term is checked on each row.

import { SqliteError } from '../common/errors.js';
import type { KeyInfo } from '../btree/types.js';
import { sameName, type Expr, type IndexHint } from '../parser/ast.js';
import { EXPRESSION_COLUMN, type IndexInfo, type TableInfo } from '../schema/types.js';
import { Affinity, comparisonAffinity, isNumericAffinity } from '../values/affinity.js';
import type { Collation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ExprCompiler } from './expr.js';
import { walkExpr } from './expr.js';
import { loopDetail, notePlanRevisable } from './query-plan.js';
import { coverWhenPossible, mayCover } from './covering-index.js';
import type { CursorSource } from './scope.js';
import { isIndexedExpression, termOnIndexColumn } from './index-expressions.js';
import { emitSeekRowOfIndexEntry, isTableTree, primaryKeyIndex, tableKeyInfo, withoutRowidIndexKeyInfo, withoutRowidTableOf } from './without-rowid.js';

type RangeOperator = '=' | '<' | '<=' | '>' | '>=';

/** A WHERE term of the form `column op value` where value does not read this table. */
interface Term {
  column: number;
  op: RangeOperator;
  value: Expr;
  columnExpr: Expr;
  /** The WHERE conjunct the term comes from (a BETWEEN gives two terms). */
  conjunct: Expr;
}

export interface TableLoop {
  /** Jump here to skip to the next row. */
  readonly next: number;
  /** Jump here to leave the loop. */
  readonly break: number;
  /** How the rows are reached (for tests and EXPLAIN QUERY PLAN-style checks). */
  readonly plan: string;
  /** Emits the loop's advance and places `next`/`break`. */
  finish(): void;
}

const FLIP: Record<RangeOperator, RangeOperator> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function splitConjunction(expr: Expr | null): Expr[] {
  if (!expr) return [];
  if (expr.kind === 'Binary' && expr.op === 'AND') return [...splitConjunction(expr.left), ...splitConjunction(expr.right)];
  return [expr];
}

function readsTable(ec: ExprCompiler, expr: Expr, source: CursorSource): boolean {
  let reads = false;
  walkExpr(expr, (e) => {
    if (e.kind === 'Column') {
      const resolved = ec.tryResolve(e);
      if (!resolved || resolved.source === source) reads = true;
    }
    if (e.kind === 'Function' || e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect') reads = true;
  });
  return reads;
}

function columnOf(ec: ExprCompiler, expr: Expr, source: CursorSource): number | null {
  // An expression some index of the table is on counts as that index's (expression) column.
  if (expr.kind !== 'Column') return isIndexedExpression(ec, source, expr) ? EXPRESSION_COLUMN : null;
  const resolved = ec.tryResolve(expr);
  return resolved && resolved.source === source ? resolved.column : null;
}

function extractTerms(ec: ExprCompiler, where: Expr | null, source: CursorSource): Term[] {
  const terms: Term[] = [];
  for (const e of splitConjunction(where)) {
    // `x BETWEEN a AND b` compares exactly as `x >= a AND x <= b` (same affinity and collation rules).
    if (e.kind === 'Between' && !e.not) {
      const column = columnOf(ec, e.operand, source);
      if (column !== null && !readsTable(ec, e.low, source)) terms.push({ column, op: '>=', value: e.low, columnExpr: e.operand, conjunct: e });
      if (column !== null && !readsTable(ec, e.high, source)) terms.push({ column, op: '<=', value: e.high, columnExpr: e.operand, conjunct: e });
      continue;
    }
    if (e.kind !== 'Binary' || !['=', '<', '<=', '>', '>='].includes(e.op)) continue;
    const op = e.op as RangeOperator;
    const left = columnOf(ec, e.left, source);
    if (left !== null && !readsTable(ec, e.right, source)) {
      terms.push({ column: left, op, value: e.right, columnExpr: e.left, conjunct: e });
      continue;
    }
    const right = columnOf(ec, e.right, source);
    if (right !== null && !readsTable(ec, e.left, source)) terms.push({ column: right, op: FLIP[op], value: e.left, columnExpr: e.right, conjunct: e });
  }
  return terms;
}

/** The affinity to apply to a key value for an index seek on `column`, or undefined when the index cannot serve the term. */
function seekAffinity(ec: ExprCompiler, table: TableInfo, index: IndexInfo, position: number, term: Term): Affinity | null | undefined {
  const indexColumn = index.columns[position]!;
  const columnAffinity = indexColumn.column === EXPRESSION_COLUMN ? (ec.affinity(term.columnExpr) ?? Affinity.Blob) : table.columns[indexColumn.column]!.affinity;
  const affinity = comparisonAffinity(columnAffinity, ec.affinity(term.value));
  if (affinity === Affinity.Text && columnAffinity !== Affinity.Text) return undefined;
  if (affinity !== null && isNumericAffinity(affinity) && !isNumericAffinity(columnAffinity)) return undefined;
  const collation = ec.comparisonCollation(term.columnExpr, term.value);
  if (collation !== ec.collation(indexColumn.collation)) return undefined;
  return affinity;
}

interface IndexPlan {
  index: IndexInfo;
  equalities: { term: Term; affinity: Affinity | null }[];
  lower: { term: Term; affinity: Affinity | null } | null;
  upper: { term: Term; affinity: Affinity | null } | null;
  /** Walk the index from its end backwards (ORDER BY … DESC served by an ascending index). */
  reverse?: boolean;
  /** Visit the entries whose column after the equalities is NULL last, after all others (a forward min() search, min-max.ts). */
  skipNulls?: boolean;
}

/** `prefer`: among plans of the same score, one it accepts wins (one that delivers the wanted order, as SQLite's costs choose). */
function bestIndexPlan(ec: ExprCompiler, source: CursorSource, terms: Term[], prefer?: (plan: IndexPlan) => boolean): IndexPlan | null {
  let best: IndexPlan | null = null;
  let bestScore = 0;
  for (const index of plannableIndexes(source)) {
    if (index.where) continue;
    const plan: IndexPlan = { index, equalities: [], lower: null, upper: null };
    for (let position = 0; position < index.columns.length; position++) {
      const indexColumn = index.columns[position]!;
      let matched = false;
      for (const term of terms) {
        if (term.op !== '=' || !termOnIndexColumn(ec, source, term.column, term.columnExpr, indexColumn)) continue;
        const affinity = seekAffinity(ec, source.table, index, position, term);
        if (affinity === undefined) continue;
        plan.equalities.push({ term, affinity });
        matched = true;
        break;
      }
      if (matched) continue;
      if (!index.columns[position]!.descending) {
        for (const term of terms) {
          if (term.op === '=' || !termOnIndexColumn(ec, source, term.column, term.columnExpr, indexColumn)) continue;
          const affinity = seekAffinity(ec, source.table, index, position, term);
          if (affinity === undefined) continue;
          if ((term.op === '>' || term.op === '>=') && !plan.lower) plan.lower = { term, affinity };
          if ((term.op === '<' || term.op === '<=') && !plan.upper) plan.upper = { term, affinity };
        }
      }
      break;
    }
    const score = plan.equalities.length * 4 + (plan.lower ? 1 : 0) + (plan.upper ? 1 : 0) + (index.unique && plan.equalities.length === index.columns.length ? 2 : 0);
    if (score > bestScore || (score === bestScore && best && prefer && prefer(plan) && !prefer(best))) {
      best = plan;
      bestScore = score;
    }
  }
  return best;
}

/** The indexes a loop may walk: a WITHOUT ROWID table's PRIMARY KEY (its own tree) first. */
function plannableIndexes(source: CursorSource): readonly IndexInfo[] {
  if (source.indexHint === 'none') return [];
  if (source.indexHint) return [source.indexHint];
  const pk = primaryKeyIndex(source.table);
  return pk ? [pk, ...source.table.indexes] : source.table.indexes;
}

/** Resolves `INDEXED BY name` / `NOT INDEXED` on `table` for CursorSource.indexHint. */
export function resolveIndexHint(table: TableInfo, hint: IndexHint | null): CursorSource['indexHint'] {
  if (!hint) return undefined;
  if (hint.kind === 'NotIndexed') return 'none';
  const index = table.indexes.find((i) => sameName(i.name, hint.index.text));
  if (!index) throw new SqliteError(`no such index: ${hint.index.text}`);
  return index;
}

export function keyInfoOf(ec: ExprCompiler, index: IndexInfo): KeyInfo {
  const withoutRowid = withoutRowidTableOf(ec, index);
  if (withoutRowid) return withoutRowidIndexKeyInfo(ec, withoutRowid, index);
  return {
    collations: [...index.columns.map((c) => ec.collation(c.collation)), ec.collation('BINARY')],
    descending: [...index.columns.map((c) => c.descending), false],
  };
}

/** One ORDER BY term, resolved: the plan may deliver rows in this order so no sorter is needed. */
export interface OrderTerm {
  readonly expr: Expr;
  readonly collation: Collation;
  readonly descending: boolean;
}

type PlanChoice =
  | { kind: 'rowidEq'; term: Term }
  | { kind: 'index'; plan: IndexPlan }
  | { kind: 'rowidRange'; lower: Term | undefined; upper: Term | undefined }
  | { kind: 'scan' };

/** How the loop will reach its rows, and whether they come out in the requested order. */
export interface LoopChoice {
  readonly choice: PlanChoice;
  readonly ordered: boolean;
  /** A min/max query's loop (min-max.ts): SQLite's plan calls it a SEARCH even when it scans. */
  readonly minMax?: boolean;
}

function isRowidTerm(ec: ExprCompiler, source: CursorSource, term: OrderTerm, reverse = false): boolean {
  return term.descending === reverse && columnOf(ec, term.expr, source) === -1;
}

/** Rows in rowid order satisfy ORDER BY rowid (ASC). */
function rowidOrders(ec: ExprCompiler, source: CursorSource, order: readonly OrderTerm[]): boolean {
  return order.length === 1 && isRowidTerm(ec, source, order[0]!);
}

/**
 * An index walked from its equality prefix delivers its next columns (then the rowid) in order; walked
 * backwards (`reverse`), it delivers each of them in the opposite direction.
 */
function indexOrders(ec: ExprCompiler, source: CursorSource, index: IndexInfo, equalities: number, order: readonly OrderTerm[], reverse = false): boolean {
  if (order.length === 0) return !reverse;
  for (let k = 0; k < order.length; k++) {
    const term = order[k]!;
    const position = equalities + k;
    if (position === index.columns.length) return k === order.length - 1 && isRowidTerm(ec, source, term, reverse);
    if (position > index.columns.length) return false;
    const column = index.columns[position]!;
    if (column.descending || term.descending !== reverse) return false;
    const resolved = columnOf(ec, term.expr, source);
    const tableColumn = column.column === source.table.rowidAlias ? -1 : column.column;
    if (resolved === null || !termOnIndexColumn(ec, source, resolved, term.expr, { ...column, column: tableColumn }) || term.collation !== ec.collation(column.collation)) return false;
  }
  return true;
}

/** Decides the access path for `where` (and, when it costs nothing extra, for `order`). */
export function chooseLoop(ec: ExprCompiler, source: CursorSource, where: Expr | null, order: readonly OrderTerm[] = []): LoopChoice {
  const terms = extractTerms(ec, where, source);
  const forced = source.indexHint && source.indexHint !== 'none' && !source.indexHint.where ? source.indexHint : null;
  if (forced) {
    // INDEXED BY: SQLite walks the named index (seeking when it can), never the rowid.
    const plan = bestIndexPlan(ec, source, terms) ?? { index: forced, equalities: [], lower: null, upper: null };
    const equalities = plan.equalities.length;
    const reverse = !indexOrders(ec, source, forced, equalities, order) && indexOrders(ec, source, forced, equalities, order, true);
    return { choice: { kind: 'index', plan: { ...plan, reverse } }, ordered: reverse || indexOrders(ec, source, forced, equalities, order) };
  }
  const rowidEq = terms.find((t) => t.column === -1 && t.op === '=');
  if (rowidEq) return { choice: { kind: 'rowidEq', term: rowidEq }, ordered: true };
  const serves = (plan: IndexPlan) => indexOrders(ec, source, plan.index, plan.equalities.length, order) || indexOrders(ec, source, plan.index, plan.equalities.length, order, true);
  const indexPlan = bestIndexPlan(ec, source, terms, order.length > 0 ? serves : undefined);
  const lower = terms.find((t) => t.column === -1 && (t.op === '>' || t.op === '>='));
  const upper = terms.find((t) => t.column === -1 && (t.op === '<' || t.op === '<='));
  if (indexPlan && (indexPlan.equalities.length > 0 || (!lower && !upper))) {
    const equalities = indexPlan.equalities.length;
    if (!indexOrders(ec, source, indexPlan.index, equalities, order) && indexOrders(ec, source, indexPlan.index, equalities, order, true)) {
      return { choice: { kind: 'index', plan: { ...indexPlan, reverse: true } }, ordered: true };
    }
    return { choice: { kind: 'index', plan: indexPlan }, ordered: indexOrders(ec, source, indexPlan.index, equalities, order) };
  }
  if (lower || upper) return { choice: { kind: 'rowidRange', lower, upper }, ordered: rowidOrders(ec, source, order) };
  if (order.length > 0 && !rowidOrders(ec, source, order)) {
    // No usable WHERE term: walking an index that has the ORDER BY columns avoids the sort.
    for (const index of plannableIndexes(source)) {
      if (index.where) continue;
      for (const reverse of [false, true]) {
        if (indexOrders(ec, source, index, 0, order, reverse)) {
          return { choice: { kind: 'index', plan: { index, equalities: [], lower: null, upper: null, reverse } }, ordered: true };
        }
      }
    }
  }
  return { choice: { kind: 'scan' }, ordered: rowidOrders(ec, source, order) };
}

/**
 * The WHERE conjuncts the access path already guarantees, so the loop need not check them: a rowid
 * equality or range (SeekRowid / the rowid seek and its CompareJump compare exactly as the term
 * does), index equalities and range bounds on plain columns (the key has the term's affinity and
 * collation; a NULL key ends the loop before any row, see loadKey; the walk never reaches entries
 * whose column is NULL, see indexLoop). A BETWEEN goes only when both of its bounds are used.
 */
function impliedConjuncts(choice: PlanChoice): Set<Expr> {
  const used: Term[] = [];
  if (choice.kind === 'rowidEq') used.push(choice.term);
  else if (choice.kind === 'rowidRange') {
    if (choice.lower) used.push(choice.lower);
    if (choice.upper) used.push(choice.upper);
  } else if (choice.kind === 'index') {
    const plan = choice.plan;
    for (const e of plan.equalities) used.push(e.term);
    if (plan.lower) used.push(plan.lower.term);
    if (plan.upper) used.push(plan.upper.term);
    for (let i = used.length - 1; i >= 0; i--) if (used[i]!.column === EXPRESSION_COLUMN) used.splice(i, 1);
  }
  const implied = new Set<Expr>();
  for (const term of used) {
    const c = term.conjunct;
    if (c.kind !== 'Between' || used.filter((t) => t.conjunct === c).length === 2) implied.add(c);
  }
  return implied;
}

/**
 * Opens `source.cursor` on its table and emits the loop head: after this call, code emitted is the
 * loop body, run once per row that satisfies `where` (which is fully checked here).
 */
export function openTableLoop(ec: ExprCompiler, source: CursorSource, where: Expr | null, residual = true, decided?: LoopChoice): TableLoop {
  const b = ec.b;
  const next = b.label();
  const done = b.label();
  const { choice, minMax } = decided ?? chooseLoop(ec, source, where);
  const detail = loopDetail(source.name, source.table.columns.map((c) => c.name), choice);
  const revisePlan = notePlanRevisable(minMax ? detail.replace(/^SCAN /, 'SEARCH ') : detail);
  const table = source.table;
  b.emit(Opcode.OpenRead, source.cursor, table.rootPage, 0, tableKeyInfo(ec, table));
  const implied = impliedConjuncts(choice);
  const filter = () => {
    if (residual) for (const e of splitConjunction(where)) if (!implied.has(e)) ec.jumpIfNotTrue(e, next);
  };
  if (choice.kind === 'rowidEq') {
    const key = ec.toRegister(choice.term.value);
    b.emit(Opcode.SeekRowid, source.cursor, done, key);
    filter();
    return {
      next,
      break: done,
      plan: 'SEARCH USING INTEGER PRIMARY KEY (rowid=?)',
      finish() {
        b.place(next);
        b.place(done);
      },
    };
  }
  if (choice.kind === 'index') return indexLoop(ec, source, choice.plan, next, done, filter, revisePlan);
  if (choice.kind === 'rowidRange') {
    const rowidLower = choice.lower;
    const rowidUpper = choice.upper;
    if (rowidLower) {
      const key = ec.toRegister(rowidLower.value);
      b.emit(rowidLower.op === '>' ? Opcode.SeekGT : Opcode.SeekGE, source.cursor, done, key);
    } else b.emit(Opcode.Rewind, source.cursor, done);
    const upperValue = rowidUpper ? ec.toRegister(rowidUpper.value) : 0;
    const body = b.here;
    if (rowidUpper) {
      const rowid = b.register();
      b.emit(Opcode.Rowid, source.cursor, rowid);
      const spec: ComparisonSpec = { op: rowidUpper.op === '<' ? '>=' : '>', affinity: Affinity.Numeric, collation: ec.collation('BINARY') };
      b.emit(Opcode.CompareJump, rowid, done, upperValue, spec, 1);
    }
    filter();
    return {
      next,
      break: done,
      plan: 'SEARCH USING INTEGER PRIMARY KEY (rowid range)',
      finish() {
        b.place(next);
        b.emit(Opcode.Next, source.cursor, body);
        b.place(done);
      },
    };
  }
  b.emit(Opcode.Rewind, source.cursor, done);
  const body = b.here;
  filter();
  return {
    next,
    break: done,
    plan: 'SCAN',
    finish() {
      b.place(next);
      b.emit(Opcode.Next, source.cursor, body);
      b.place(done);
    },
  };
}

/** Positions the table cursor on the row of the index entry under `indexCursor` (nothing to do when they are one tree). */
function emitRowOfIndexEntry(ec: ExprCompiler, source: CursorSource, index: IndexInfo, indexCursor: number, missing: number): void {
  if (indexCursor === source.cursor) return;
  if (source.table.withoutRowid) {
    emitSeekRowOfIndexEntry(ec, source, index, indexCursor, missing);
    return;
  }
  const rowid = ec.b.register();
  ec.b.emit(Opcode.IdxRowid, indexCursor, rowid);
  ec.b.emit(Opcode.NotExists, source.cursor, missing, rowid);
}

function indexLoop(
  ec: ExprCompiler,
  source: CursorSource,
  plan: IndexPlan,
  next: number,
  done: number,
  filter: () => void,
  revisePlan: (revise: (detail: string) => string) => void,
): TableLoop {
  const b = ec.b;
  // A WITHOUT ROWID table's PRIMARY KEY is walked on the table cursor itself.
  const onTable = isTableTree(source.table, plan.index);
  const indexCursor = onTable ? source.cursor : b.cursor();
  if (!onTable) b.emit(Opcode.OpenRead, indexCursor, plan.index.rootPage, 0, keyInfoOf(ec, plan.index));
  const eq = plan.equalities.length;
  // A key of the equality values and, when given, a bound ('null': a NULL, to seek past the entries
  // whose column is NULL). A NULL equality value or bound matches no row: the loop is skipped.
  const loadKey = (bound: { term: Term; affinity: Affinity | null } | 'null' | null): number => {
    const base = b.registerBlock(eq + 1);
    const affinities: (Affinity | null)[] = [];
    plan.equalities.forEach((e, i) => {
      ec.compile(e.term.value, base + i);
      affinities.push(e.affinity);
    });
    if (bound === 'null') b.emit(Opcode.Null, 0, base + eq);
    else if (bound) {
      ec.compile(bound.term.value, base + eq);
      affinities.push(bound.affinity);
    }
    if (affinities.length > 0) b.emit(Opcode.Affinity, base, affinities.length, 0, affinities);
    for (let i = 0; i < affinities.length; i++) b.emit(Opcode.IsNull, base + i, done);
    return base;
  };
  // The table lookup of each entry (IdxRowid, NotExists) is dropped when the index covers every read of the row.
  const rowOfEntry = (): void => {
    const lookup = b.here;
    emitRowOfIndexEntry(ec, source, plan.index, indexCursor, next);
    if (!onTable && mayCover(source.table, plan.index)) {
      coverWhenPossible(b, source.table, plan.index, source.cursor, indexCursor, lookup, () => revisePlan((d) => d.replace(' USING INDEX ', ' USING COVERING INDEX ')));
    }
  };
  if (plan.reverse) return reverseIndexLoop(ec, source, plan, indexCursor, loadKey, next, done, filter, rowOfEntry);
  // A min() search without bounds visits the NULL entries after all the others, as SQLite's
  // WHERE_BIGNULL_SORT loop does: `end` starts that second pass, flagged by `nullPhase`.
  const nullPass = plan.skipNulls === true && !plan.lower && !plan.upper;
  const end = nullPass ? b.label() : done;
  const nullPhase = nullPass ? b.register() : 0;
  if (nullPass) b.emit(Opcode.Value, 0, nullPhase, 0, 0n);
  let seekKey = 0;
  if (plan.lower) {
    seekKey = loadKey(plan.lower);
    b.emit(plan.lower.term.op === '>' ? Opcode.SeekGT : Opcode.SeekGE, indexCursor, done, seekKey, eq + 1);
  } else if (plan.upper || plan.skipNulls) {
    // Only an upper bound: start past the entries whose column is NULL (they satisfy no bound).
    seekKey = loadKey('null');
    b.emit(Opcode.SeekGT, indexCursor, end, seekKey, eq + 1);
  } else if (eq > 0) {
    seekKey = loadKey(null);
    b.emit(Opcode.SeekGE, indexCursor, done, seekKey, eq);
  } else {
    b.emit(Opcode.Rewind, indexCursor, done);
  }
  // Without an upper bound the end test compares the equality prefix only: the seek key's first
  // eq registers already hold it (evaluated, affinity applied, NULL checked).
  const upperKey = plan.upper ? loadKey(plan.upper) : eq > 0 ? seekKey : 0;
  const body = b.here;
  if (nullPass) {
    // Second pass: past the NULL entries, the loop is over.
    const first = b.label();
    b.emit(Opcode.IfNot, nullPhase, first);
    b.emit(Opcode.IdxGT, indexCursor, done, seekKey, eq + 1);
    b.place(first);
  }
  if (plan.upper) b.emit(plan.upper.term.op === '<' ? Opcode.IdxGE : Opcode.IdxGT, indexCursor, done, upperKey, eq + 1);
  else if (eq > 0) b.emit(Opcode.IdxGT, indexCursor, end, upperKey, eq);
  rowOfEntry();
  filter();
  return {
    next,
    break: done,
    plan: `SEARCH USING INDEX ${plan.index.name}`,
    finish() {
      b.place(next);
      b.emit(Opcode.Next, indexCursor, body);
      if (nullPass) {
        b.place(end);
        b.emit(Opcode.If, nullPhase, done);
        b.emit(Opcode.Value, 0, nullPhase, 0, 1n);
        b.emit(Opcode.SeekGE, indexCursor, done, seekKey, eq + 1);
        b.emit(Opcode.Goto, 0, body);
      }
      b.place(done);
    },
  };
}

/** indexLoop walking backwards: from the last entry within the upper bound down to the lower bound. */
function reverseIndexLoop(
  ec: ExprCompiler,
  source: CursorSource,
  plan: IndexPlan,
  indexCursor: number,
  loadKey: (bound: { term: Term; affinity: Affinity | null } | 'null' | null) => number,
  next: number,
  done: number,
  filter: () => void,
  rowOfEntry: () => void,
): TableLoop {
  const b = ec.b;
  const eq = plan.equalities.length;
  let seekKey = 0;
  if (plan.upper) {
    seekKey = loadKey(plan.upper);
    b.emit(plan.upper.term.op === '<' ? Opcode.SeekLT : Opcode.SeekLE, indexCursor, done, seekKey, eq + 1);
  } else if (eq > 0) {
    seekKey = loadKey(null);
    b.emit(Opcode.SeekLE, indexCursor, done, seekKey, eq);
  } else {
    b.emit(Opcode.Last, indexCursor, done);
  }
  // Only an upper bound: stop at the entries whose column is NULL (they satisfy no bound). A NOT NULL
  // table column has no such entries: no per-row test, as in SQLite.
  const bounded = plan.index.columns[eq];
  const nullBound = plan.upper !== null && !(bounded && bounded.column >= 0 && source.table.columns[bounded.column]?.notNull);
  const lowerKey = plan.lower ? loadKey(plan.lower) : nullBound ? loadKey('null') : eq > 0 ? seekKey : 0; // (the seek key's prefix: the equalities)
  const body = b.here;
  if (plan.lower) b.emit(plan.lower.term.op === '>' ? Opcode.IdxLE : Opcode.IdxLT, indexCursor, done, lowerKey, eq + 1);
  else if (nullBound) b.emit(Opcode.IdxLE, indexCursor, done, lowerKey, eq + 1);
  else if (eq > 0) b.emit(Opcode.IdxLT, indexCursor, done, lowerKey, eq);
  rowOfEntry();
  filter();
  return {
    next,
    break: done,
    plan: `SEARCH USING INDEX ${plan.index.name} (reverse)`,
    finish() {
      b.place(next);
      b.emit(Opcode.Prev, indexCursor, body);
      b.place(done);
    },
  };
}
