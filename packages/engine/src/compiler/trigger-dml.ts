// Where INSERT, UPDATE and DELETE meet triggers: the BEFORE-trigger steps SQLite takes for a
// table row (NEW as the trigger sees it, re-reading the row a trigger may have changed), and
// writes to a view, which only INSTEAD OF triggers carry out (the view's rows are computed
// first, then each fires the triggers; nothing is stored and changes() counts nothing).

import { SqliteError, unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import { sameName, type DeleteStatement, type InsertStatement, type Select, type SelectClause, type UpdateStatement } from '../parser/ast.js';
import { parseStatement } from '../parser/parser.js';
import type { TableInfo, ViewInfo } from '../schema/types.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { applyColumnList, materializeSelect, syntheticTable } from './materialize.js';
import { Returning } from './returning.js';
import type { TableWriter } from './rows.js';
import { isRowidName, type CursorSource, type RegisterSource } from './scope.js';
import { compileSelect } from './select.js';
import { RowTriggers } from './trigger.js';
import { resolveAssignments, withRowValues, type Assignments } from './update-row.js';

/** Copies the row `source`'s cursor is on into registers (the OLD row of UPDATE and DELETE triggers). */
export function copyCurrentRow(ec: ExprCompiler, source: CursorSource, rowid: number): RegisterSource {
  const table = source.table;
  const base = ec.b.registerBlock(table.columns.length);
  table.columns.forEach((_, i) => {
    if (i === table.rowidAlias) ec.b.emit(Opcode.SCopy, rowid, base + i);
    else ec.emitColumn({ source, column: i }, base + i);
  });
  return { kind: 'registers', table, name: source.name, base, rowid };
}

function emitAffinity(ec: ExprCompiler, table: TableInfo, base: number): void {
  const affinities: (Affinity | null)[] = table.columns.map((c, i) => (i === table.rowidAlias ? null : c.affinity));
  ec.b.emit(Opcode.Affinity, base, table.columns.length, 0, affinities);
}

/**
 * BEFORE INSERT triggers, fired before the rowid is chosen: NEW carries the column affinities, and
 * NEW.rowid is the rowid given (evaluated again here, as SQLite does) or -1 when it is automatic.
 */
export function emitBeforeInsertTriggers(ec: ExprCompiler, triggers: RowTriggers, table: TableInfo, base: number, loadRowid: ((target: number) => void) | null, skip: number): void {
  if (!triggers.has('BEFORE')) return;
  const b = ec.b;
  const rowid = b.register();
  if (loadRowid) {
    const given = b.label();
    loadRowid(rowid);
    b.emit(Opcode.NotNull, rowid, given);
    b.emit(Opcode.Value, 0, rowid, 0, -1n);
    b.place(given);
    b.emit(Opcode.MustBeInt, rowid, 0);
  } else b.emit(Opcode.Value, 0, rowid, 0, -1n);
  emitAffinity(ec, table, base);
  triggers.fire(ec, 'BEFORE', null, { kind: 'registers', table, name: table.name, base, rowid }, skip);
}

/**
 * BEFORE UPDATE triggers: NEW carries the column affinities. Afterwards the row is looked up again
 * (a trigger that deleted it skips the update) and the columns the UPDATE does not assign are
 * re-read, since the trigger may have changed them; assigned values stay as computed before.
 */
export function emitBeforeUpdateTriggers(
  ec: ExprCompiler,
  triggers: RowTriggers,
  writer: TableWriter,
  assignments: Assignments,
  old: RegisterSource,
  row: RegisterSource,
  oldRowid: number,
  skip: number,
): void {
  if (!triggers.has('BEFORE')) return;
  const b = ec.b;
  const table = writer.table;
  emitAffinity(ec, table, row.base);
  triggers.fire(ec, 'BEFORE', old, row, skip);
  b.emit(Opcode.NotExists, writer.source.cursor, skip, oldRowid);
  table.columns.forEach((_, i) => {
    if (i !== table.rowidAlias && !assignments.has(i)) ec.emitColumn({ source: writer.source, column: i }, row.base + i);
  });
}

/**
 * A row REPLACE removes (the table cursor is on it, its rowid in `rowid`): with recursive_triggers
 * on, its DELETE triggers fire around `deleteRow`, their statements resolving conflicts with
 * REPLACE (SQLite's rule). Without DELETE triggers this is just `deleteRow`.
 */
export function emitReplaceDelete(ec: ExprCompiler, writer: TableWriter, rowid: number, deleteRow: () => void): void {
  const triggers = RowTriggers.find(ec.ctx, writer.table, 'DELETE', null, 'REPLACE');
  if (!triggers) return deleteRow();
  const b = ec.b;
  const done = b.label();
  const old = copyCurrentRow(ec, writer.source, rowid);
  triggers.fire(ec, 'BEFORE', old, null, done, true);
  b.emit(Opcode.NotExists, writer.source.cursor, done, rowid);
  deleteRow();
  triggers.fire(ec, 'AFTER', old, null, done, true);
  b.place(done);
}

/** Whether rows REPLACE removes from `table` may fire DELETE triggers (with recursive_triggers on). */
export function replaceFiresTriggers(ec: ExprCompiler, table: TableInfo): boolean {
  return RowTriggers.find(ec.ctx, table, 'DELETE', null, 'REPLACE') !== null;
}

// ---- Writes to views ------------------------------------------------------------------------

function viewNotModifiable(name: string): SqliteError {
  return new SqliteError(`cannot modify ${name} because it is a view`);
}

/** The view's INSTEAD OF triggers for `event`; SQLite's error when there are none. */
function insteadOfTriggers(ctx: CompileContext, view: ViewInfo, table: TableInfo, event: 'INSERT' | 'UPDATE' | 'DELETE', sets: UpdateStatement['sets'] | null, onConflict: InsertStatement['orConflict']): RowTriggers {
  const triggers = RowTriggers.find(ctx, table, event, sets, onConflict);
  if (!triggers?.has('INSTEAD OF')) throw viewNotModifiable(view.name);
  return triggers;
}

function viewContext(ctx: CompileContext, view: ViewInfo): CompileContext {
  const stack = ctx.viewStack ?? [];
  if (stack.some((v) => sameName(v, view.name))) throw new SqliteError(`view ${view.name} is circularly defined`);
  return { ...ctx, sql: view.sql, ctes: undefined, viewStack: [...stack, view.name] };
}

/** The view's columns as a table (its query compiled into a scratch program, for names and affinities). */
function viewTable(ctx: CompileContext, view: ViewInfo): TableInfo {
  const scratch = new ProgramBuilder();
  const columns = applyColumnList(
    materializeSelect(viewContext(ctx, view), scratch, view.statement.select, scratch.cursor(), undefined, undefined),
    view.statement.columns,
    (expected, got) => `expected ${expected} columns for '${view.name}' but got ${got}`,
  );
  return syntheticTable(view.name, columns);
}

/** INSERT into a view: each row becomes NEW for the INSTEAD OF INSERT triggers (no affinity, no defaults). */
export function compileInsteadOfInsert(ctx: CompileContext, b: ProgramBuilder, statement: InsertStatement): ResultColumnMeta[] {
  const view = ctx.schema.view(statement.table.name.text)!;
  const table = viewTable(ctx, view);
  const triggers = insteadOfTriggers(ctx, view, table, 'INSERT', null, statement.orConflict);
  if (statement.upserts.length > 0) throw new SqliteError('cannot UPSERT a view');
  b.writes = true;
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const n = table.columns.length;
  const targets = statement.columns
    ? statement.columns.map((name) => {
        const index = table.columns.findIndex((c) => sameName(c.name, name.text));
        if (index < 0) throw new SqliteError(`table ${view.name} has no column named ${name.text}`);
        return index;
      })
    : table.columns.map((_, i) => i);
  const mismatch = (values: number): SqliteError =>
    statement.columns ? new SqliteError(`${values} values for ${targets.length} columns`) : new SqliteError(`table ${view.name} has ${n} columns but ${values} values were supplied`);
  const returning = Returning.open(ec, table, statement.returning);
  const emitRow = (load: (slot: number, target: number) => void): void => {
    const base = b.registerBlock(n);
    const rowid = b.register();
    const skip = b.label();
    b.emit(Opcode.Null, 0, rowid);
    table.columns.forEach((_, i) => {
      const slot = targets.lastIndexOf(i);
      if (slot >= 0) load(slot, base + i);
      else b.emit(Opcode.Null, 0, base + i);
    });
    const row: RegisterSource = { kind: 'registers', table, name: view.name, base, rowid };
    triggers.fire(ec, 'INSTEAD OF', null, row, skip);
    returning?.emitRow(ec, row);
    b.place(skip);
  };
  const source = statement.source;
  if (source.kind === 'DefaultValues') emitRow(() => {});
  else {
    const select = source.select;
    const core = select.first;
    if (core.kind === 'Values' && select.orderBy.length === 0 && !select.limit && select.compounds.length === 0 && !select.with) {
      for (const values of core.rows) {
        if (values.length !== targets.length) throw mismatch(values.length);
        emitRow((slot, target) => ec.compile(values[slot]!, target));
      }
    } else {
      const collected = b.cursor();
      b.emit(Opcode.OpenEphemeral, collected);
      const columns = compileSelect(ctx, b, select, { kind: 'collect', cursor: collected });
      if (columns.length !== targets.length) throw mismatch(columns.length);
      const done = b.label();
      b.emit(Opcode.Rewind, collected, done);
      const top = b.here;
      emitRow((slot, target) => b.emit(Opcode.Column, collected, slot, target));
      b.emit(Opcode.Next, collected, top);
      b.place(done);
    }
  }
  returning?.finish(ec);
  return returning?.columns ?? [];
}

/**
 * The view's rows an UPDATE or DELETE targets (WHERE, ORDER BY, LIMIT), computed first as
 * `SELECT * FROM view AS alias ...`; `each` emits the work for one row (OLD in registers).
 */
function forEachViewRow(ctx: CompileContext, b: ProgramBuilder, view: ViewInfo, statement: UpdateStatement | DeleteStatement, each: (ec: ExprCompiler, source: CursorSource, old: RegisterSource, next: number) => void): TableInfo {
  // Unlike a table's, a view's rows may be ordered without a LIMIT (SQLite accepts it).
  const alias = statement.alias ? statement.alias.text : view.name;
  const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
  const scan = parseStatement(`SELECT * FROM ${quote(view.name)} AS ${quote(alias)}`)!.statement as Select;
  const select: Select = { ...scan, first: { ...(scan.first as SelectClause), where: statement.where }, orderBy: statement.orderBy, limit: statement.limit };
  const table = viewTable(ctx, view);
  const cursor = b.cursor();
  b.emit(Opcode.OpenEphemeral, cursor);
  compileSelect(ctx, b, select, { kind: 'collect', cursor });
  const source: CursorSource = { kind: 'cursor', table, name: alias, cursor, memory: true };
  const ec = new ExprCompiler(b, ctx, { sources: [source] });
  const done = b.label();
  const next = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const n = table.columns.length;
  const base = b.registerBlock(n);
  const rowid = b.register();
  b.emit(Opcode.Null, 0, rowid);
  table.columns.forEach((_, i) => ec.emitColumn({ source, column: i }, base + i));
  each(ec, source, { kind: 'registers', table, name: alias, base, rowid }, next);
  b.place(next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
  return table;
}

/** UPDATE of a view: OLD is each targeted view row, NEW the row with the SET values (RETURNING reads NEW). */
export function compileInsteadOfUpdate(ctx: CompileContext, b: ProgramBuilder, statement: UpdateStatement): ResultColumnMeta[] {
  const view = ctx.schema.view(statement.table.name.text)!;
  if (statement.from) throw unsupported('UPDATE ... FROM on a view');
  const table = viewTable(ctx, view);
  const triggers = insteadOfTriggers(ctx, view, table, 'UPDATE', statement.sets, statement.orConflict);
  // A view has no rowid, yet SQLite accepts (and drops) a rowid assignment on one.
  const sets = statement.sets.filter((set) => !(set.columns.length === 1 && isRowidName(set.columns[0]!.text) && !table.columns.some((c) => sameName(c.name, set.columns[0]!.text))));
  const assignments = resolveAssignments(table, sets);
  b.writes = true;
  const returning = Returning.open(new ExprCompiler(b, ctx, { sources: [] }), table, statement.returning);
  forEachViewRow(ctx, b, view, statement, (ec, source, old, next) => {
    const n = table.columns.length;
    const base = b.registerBlock(n);
    const saved = ec.scope;
    ec.scope = withRowValues(ec, assignments);
    table.columns.forEach((_, i) => {
      const value = assignments.get(i);
      if (value) ec.compile(value, base + i);
      else ec.emitColumn({ source, column: i }, base + i);
    });
    ec.scope = saved;
    const row: RegisterSource = { kind: 'registers', table, name: view.name, base, rowid: old.rowid };
    triggers.fire(ec, 'INSTEAD OF', old, row, next);
    returning?.emitRow(ec, row);
  });
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  returning?.finish(ec);
  return returning?.columns ?? [];
}

/** DELETE from a view: OLD is each targeted view row (RETURNING reads it). */
export function compileInsteadOfDelete(ctx: CompileContext, b: ProgramBuilder, statement: DeleteStatement): ResultColumnMeta[] {
  const view = ctx.schema.view(statement.table.name.text)!;
  const table = viewTable(ctx, view);
  const triggers = insteadOfTriggers(ctx, view, table, 'DELETE', null, null);
  b.writes = true;
  const returning = Returning.open(new ExprCompiler(b, ctx, { sources: [] }), table, statement.returning);
  forEachViewRow(ctx, b, view, statement, (ec, _source, old, next) => {
    triggers.fire(ec, 'INSTEAD OF', old, null, next);
    returning?.emitRow(ec, old);
  });
  returning?.finish(new ExprCompiler(b, ctx, { sources: [] }));
  return returning?.columns ?? [];
}
