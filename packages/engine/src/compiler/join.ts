// Nested-loop joins over a FromPlan (inner joins reordered by join-order.ts). Each WHERE / inner-join term is checked
// at the outermost level where every table it reads is positioned (so the planner in where.ts can
// use it to seek an index on that level). A LEFT JOIN level checks only its ON terms while
// looping; when no row matched it runs the rest of the body once with the level's cursor on a
// NULL row, and WHERE terms on it are checked after that, as SQLite's outer-join rules require.

import { unsupported } from '../common/errors.js';
import type { Expr } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import { walkExpr, type ExprCompiler } from './expr.js';
import type { FromLevel, FromPlan } from './from.js';
import { orderJoin } from './join-order.js';
import { openMemoryLoop } from './materialize.js';
import { notePlan } from './query-plan.js';
import { openTableLoop, splitConjunction } from './where.js';
import { emitRowIdentity, tableKeyInfo } from './without-rowid.js';

export interface JoinLoop {
  /** Jump here to continue with the next row combination. */
  readonly next: number;
  /** Emits the advance of every level, innermost first. */
  finish(): void;
}

/** Joins `terms` into one AND expression (null when empty). */
export function conjunction(terms: readonly Expr[]): Expr | null {
  if (terms.length === 0) return null;
  return terms.reduce((left, right) => ({ kind: 'Binary', op: 'AND', left, right, start: left.start, end: right.end }));
}

/** The innermost level a term reads (subqueries and unknown names: the last level, to be safe). */
function levelOf(ec: ExprCompiler, plan: FromPlan, term: Expr): number {
  const last = plan.levels.length - 1;
  let level = 0;
  walkExpr(term, (e) => {
    if (e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect') level = last;
    if (e.kind === 'Column') {
      let index = last;
      try {
        const resolved = ec.tryResolve(e);
        if (resolved) {
          const found = plan.levels.findIndex((l) => l.source === resolved.source);
          index = found >= 0 ? found : 0;
        }
      } catch {
        index = last;
      }
      level = Math.max(level, index);
    }
  });
  return level;
}

/**
 * Where an inner-join term is checked. After a RIGHT / FULL JOIN it must stay between the last right level
 * written before it (so it also filters the rows that join adds) and its own level (so it does not filter
 * rows a later right join adds), whatever it reads (a subquery counts as reading the last level).
 */
function joinTermLevel(ec: ExprCompiler, plan: FromPlan, term: Expr): number {
  const level = levelOf(ec, plan, term);
  const written = plan.termLevels?.get(term);
  if (written === undefined) return level;
  const floor = plan.levels.slice(0, written + 1).reduce((last, l, k) => (l.right ? k : last), 0);
  return Math.min(Math.max(level, floor), written);
}

function openLevel(ec: ExprCompiler, level: FromLevel, where: Expr | null): { next: number; finish(): void } {
  if (level.source.openStream) return level.source.openStream(ec, where);
  if (level.source.memory) notePlan(`SCAN ${level.source.name}`);
  if (level.source.memory) return openMemoryLoop(ec, level.source.cursor, where);
  return openTableLoop(ec, level.source, where, true);
}

export function openJoinLoops(ec: ExprCompiler, written: FromPlan, where: Expr | null): JoinLoop {
  const b = ec.b;
  const plan = orderJoin(ec, written, where);
  const byLevel: Expr[][] = plan.levels.map(() => []);
  // WHERE terms apply to every output row; with RIGHT/FULL levels they wait until the last one, so
  // the rows each adds (earlier levels NULL) are filtered too. Inner-join terms stay where they are.
  const lastRight = plan.levels.reduce((last, l, k) => (l.right ? k : last), -1);
  for (const t of splitConjunction(where)) byLevel[Math.max(levelOf(ec, plan, t), lastRight)]!.push(t);
  for (const t of plan.joinTerms) byLevel[joinTermLevel(ec, plan, t)]!.push(t);
  const closers: (() => void)[] = [];
  let next = 0;
  // One pass per RIGHT/FULL level, run after the join in written order: ((A RIGHT JOIN B) RIGHT JOIN C) adds
  // B's unmatched rows first, and those rows can match C's (so C's pass comes after them).
  const passes = new Map<number, RightPass>();
  plan.levels.forEach((level, k) => {
    if (!level.right) return;
    const pass = { flag: b.register(), matchedRows: b.cursor(), body: 0, next: b.label() };
    b.emit(Opcode.Value, 0, pass.flag, 0, 0n);
    b.emit(Opcode.OpenEphemeral, pass.matchedRows);
    passes.set(k, pass);
  });
  plan.levels.forEach((level, k) => {
    const rightPass = passes.get(k);
    if (!level.outer && !level.right) {
      const loop = openLevel(ec, level, conjunction(byLevel[k]!));
      next = loop.next;
      closers.push(() => loop.finish());
      return;
    }
    const matched = b.register();
    const nullPass = b.register();
    b.emit(Opcode.Value, 0, matched, 0, 0n);
    b.emit(Opcode.Value, 0, nullPass, 0, 0n);
    const loop = openLevel(ec, level, conjunction(level.on));
    if (level.right) {
      // Remember which rows of this level found a partner (rowid, or position in a memory cursor).
      const id = emitRowIdentity(ec, level.source);
      b.emit(Opcode.IdxInsert, rightPass!.matchedRows, id.base, id.count);
    }
    const body = b.here;
    if (level.right) rightPass!.body = body;
    b.emit(Opcode.Value, 0, matched, 0, 1n);
    const cont = b.label();
    for (const t of byLevel[k]!) ec.jumpIfNotTrue(t, cont);
    next = cont;
    closers.push(() => {
      const after = b.label();
      b.place(cont);
      if (level.right) b.emit(Opcode.If, rightPass!.flag, rightPass!.next);
      if (level.outer) b.emit(Opcode.If, nullPass, after);
      b.emit(Opcode.Goto, 0, loop.next);
      loop.finish();
      if (level.outer) {
        b.emit(Opcode.If, matched, after);
        b.emit(Opcode.Value, 0, nullPass, 0, 1n);
        b.emit(Opcode.NullRow, level.source.cursor);
        b.emit(Opcode.Goto, 0, body);
      }
      b.place(after);
    });
  });
  return {
    next,
    finish() {
      for (let i = closers.length - 1; i >= 0; i--) closers[i]!();
      for (const [k, pass] of passes) emitUnmatchedRightRows(ec, plan, k, pass);
    },
  };
}

interface RightPass {
  /** Set while this pass runs: the level's loop end then continues the pass instead. */
  readonly flag: number;
  /** Identities of the level's rows that found a partner. */
  readonly matchedRows: number;
  body: number;
  readonly next: number;
}

/** After the join: each row of the RIGHT/FULL level that never matched runs the body with the levels before it NULL. */
function emitUnmatchedRightRows(ec: ExprCompiler, plan: FromPlan, k: number, pass: RightPass): void {
  const b = ec.b;
  const level = plan.levels[k]!;
  if (level.source.openStream) {
    throw unsupported(level.source.argumentExprs ? 'a table-valued function on the right of RIGHT or FULL JOIN' : 'a recursive common table expression on the right of RIGHT or FULL JOIN');
  }
  const cursor = level.source.cursor;
  const done = b.label();
  b.emit(Opcode.Value, 0, pass.flag, 0, 1n);
  for (let i = 0; i < k; i++) {
    const c = plan.levels[i]!.source.cursor;
    if (!plan.levels[i]!.source.memory) b.emit(Opcode.OpenRead, c, plan.levels[i]!.source.table.rootPage, 0, tableKeyInfo(ec, plan.levels[i]!.source.table));
    b.emit(Opcode.NullRow, c);
  }
  if (!level.source.memory) b.emit(Opcode.OpenRead, cursor, level.source.table.rootPage, 0, tableKeyInfo(ec, level.source.table));
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const id = emitRowIdentity(ec, level.source);
  b.emit(Opcode.Found, pass.matchedRows, pass.next, id.base, id.count);
  b.emit(Opcode.Goto, 0, pass.body);
  b.place(pass.next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}
