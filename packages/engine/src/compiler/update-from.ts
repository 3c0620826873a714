// UPDATE ... FROM: the FROM items joined (nested loops, compiler/join.ts), then with the target table.
// Pass 1 evaluates, for each target row that has a matching combination, the SET expressions
// (which may read the FROM tables) and keeps them with the rowid in memory, first match wins as
// in SQLite; pass 2 updates those rows, reading the kept values instead of the expressions.

import { unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import type { Expr, UpdateStatement } from '../parser/ast.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import { ProgramBuilder } from './builder.js';
import { ExprCompiler } from './expr.js';
import { resolveFromClause, type FromPlan } from './from.js';
import { openJoinLoops } from './join.js';
import { unrecorded } from './query-plan.js';
import { Returning } from './returning.js';
import type { TableWriter } from './rows.js';
import type { CursorSource } from './scope.js';
import { checkNestedFromNames } from './update-from-names.js';
import { resolveIndexHint } from './where.js';
import { emitRowUpdate, resolveAssignments, withRowValues } from './update-row.js';
import { RowTriggers } from './trigger.js';

export function compileUpdateFrom(ec: ExprCompiler, writer: TableWriter, name: string, statement: UpdateStatement, table: TableInfo): ResultColumnMeta[] {
  if (statement.orderBy.length > 0 || statement.limit) throw unsupported('UPDATE ... FROM with ORDER BY/LIMIT');
  const b = ec.b;
  const assignments = resolveAssignments(table, statement.sets);
  const returning = Returning.open(ec, table, statement.returning);
  const values: Expr[] = [...new Set(assignments.values())];

  // Pass 1: join, and keep [rowid, value...] for the first combination of each target row.
  const indexHint = resolveIndexHint(table, statement.indexHint);
  const reader: CursorSource = { ...writer.source, cursor: b.cursor(), ...(indexHint ? { indexHint } : {}) };
  const joined = resolveFromClause(ec.ctx, b, statement.from!, undefined, undefined);
  // The FROM items join among themselves first (the target is not visible in their ON clauses, and
  // their outer joins are computed without it), then each combination meets the target rows.
  checkNestedFromNames(statement.from!, joined.sources, (n) => ec.ctx.ctes?.has(n.toLowerCase()) ?? false);
  // Compiled once into a scratch program with only the FROM items in scope, so that a reference to
  // the target, even inside a subquery, fails as in SQLite.
  const onScope = new ExprCompiler(new ProgramBuilder(), ec.ctx, { sources: joined.sources });
  unrecorded(() => [...joined.joinTerms, ...joined.levels.flatMap((l) => l.on)].forEach((term) => onScope.toRegister(term)));
  const plan: FromPlan = {
    levels: [...joined.levels, { source: reader, outer: false, right: false, on: [] }],
    sources: [...joined.sources, reader],
    joinTerms: joined.joinTerms,
    ...(joined.termLevels ? { termLevels: joined.termLevels } : {}),
  };
  ec.scope = { sources: plan.sources };
  const kept = b.cursor();
  const seen = b.cursor();
  b.emit(Opcode.OpenEphemeral, kept);
  b.emit(Opcode.OpenEphemeral, seen);
  const loop = openJoinLoops(ec, plan, statement.where);
  const row = b.registerBlock(values.length + 1);
  b.emit(Opcode.Rowid, reader.cursor, row);
  b.emit(Opcode.Found, seen, loop.next, row, 1);
  b.emit(Opcode.IdxInsert, seen, row, 1);
  const joinedScope = ec.scope;
  ec.scope = withRowValues(ec, assignments);
  values.forEach((v, i) => ec.compile(v, row + 1 + i));
  ec.scope = joinedScope;
  b.emit(Opcode.IdxInsert, kept, row, values.length + 1);
  loop.finish();

  // Pass 2: update each kept row with its kept values.
  const done = b.label();
  b.emit(Opcode.Rewind, kept, done);
  const top = b.here;
  const next = b.label();
  const oldRowid = b.register();
  b.emit(Opcode.Column, kept, 0, oldRowid);
  b.emit(Opcode.NotExists, writer.source.cursor, next, oldRowid);
  const replacements = new Map<Expr, number>();
  const loaded = b.registerBlock(values.length);
  values.forEach((v, i) => {
    b.emit(Opcode.Column, kept, i + 1, loaded + i);
    replacements.set(v, loaded + i);
  });
  ec.scope = { sources: [writer.source], replacements };
  emitRowUpdate(ec, {
    writer,
    name,
    assignments,
    oldRowid,
    onConflict: statement.orConflict,
    skip: next,
    afterWrite: returning ? (written) => returning.emitRow(ec, written) : undefined,
    triggers: RowTriggers.find(ec.ctx, table, 'UPDATE', statement.sets, statement.orConflict),
  });
  b.place(next);
  b.emit(Opcode.Next, kept, top);
  b.place(done);
  returning?.finish(ec);
  return returning?.columns ?? [];
}
