// FOREIGN KEY enforcement at the points where a statement changes a row (SQLite's sqlite3FkCheck):
// a row added to a child table needs its parent (else a violation is counted), a row removed from a
// child table may resolve a counted violation, and a parent key added or removed resolves or
// creates violations in the child tables. Immediate constraints are checked when the statement
// ends (FkCheck, emitted by compile.ts), deferred ones at COMMIT. The actions (CASCADE, SET NULL,
// SET DEFAULT, RESTRICT) run after the change (foreign-key-actions.ts). Compiled only while
// PRAGMA foreign_keys is on (CompileContext.foreignKeys).

import { sameName, type InsertStatement, type Statement } from '../parser/ast.js';
import type { ForeignKeyInfo } from '../schema/foreign-keys.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { HaltError } from '../vm/ops/control.js';
import { FOREIGN_KEY_FAILED } from '../vm/ops/foreign-key.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import { emitChildScan, emitParentProbe, locateParentKey, mismatch, referencesTo, resolveParentKey } from './foreign-key-parent.js';
import { emitForeignKeyActions, isLatestSetNullAction } from './foreign-key-actions.js';
import { emitDeleteRow, openForWrite, type TableWriter } from './rows.js';
import type { RegisterSource } from './scope.js';
import { copyCurrentRow } from './trigger-dml.js';
import type { Assignments } from './update-row.js';
import { addChangedGeneratedColumns } from '../schema/generated.js';

/** Options of the foreign key code of one statement (CompileContext.foreignKeys). */
export interface ForeignKeyOptions {
  /** PRAGMA defer_foreign_keys was on when the statement was compiled. */
  readonly deferAll: boolean;
  /** DROP TABLE's implicit DELETE: a missing parent table reads as empty, a mismatched key is skipped. */
  readonly lenient?: boolean;
}

function options(ctx: CompileContext): ForeignKeyOptions | undefined {
  return ctx.foreignKeys;
}

function counter(b: ProgramBuilder, fk: ForeignKeyInfo, delta: number): void {
  b.emit(Opcode.FkCounter, fk.deferred ? 1 : 0, delta);
}

/** Columns an UPDATE assigns (the rowid alias counted when the rowid is assigned). */
function assignedColumns(table: TableInfo, assignments: Assignments): Set<number> {
  const columns = new Set<number>();
  for (const column of assignments.keys()) {
    if (column >= 0) columns.add(column);
    else if (table.rowidAlias >= 0) columns.add(table.rowidAlias);
  }
  addChangedGeneratedColumns(table, columns);
  return columns;
}

/** SQLite's fkParentIsModified: the UPDATE assigns a column of the parent key `fk` refers to. */
function parentKeyAssigned(table: TableInfo, fk: ForeignKeyInfo, assigned: ReadonlySet<number>): boolean {
  return [...assigned].some((i) => {
    const column = table.columns[i]!;
    return fk.parentColumns ? fk.parentColumns.some((name) => sameName(name, column.name)) : column.primaryKey;
  });
}

/**
 * Child side: `row` is added (+1) to or removed (-1) from `table`, which holds foreign keys `keys`.
 * A row added whose parent is missing is a violation; a row removed whose parent is missing
 * resolved one (checked only while violations are outstanding).
 */
function emitChildChecks(ec: ExprCompiler, table: TableInfo, keys: readonly ForeignKeyInfo[], row: RegisterSource, delta: 1 | -1): void {
  const b = ec.b;
  const opts = options(ec.ctx)!;
  for (const fk of keys) {
    if (delta > 0 && isLatestSetNullAction(ec, fk)) continue;
    const key = resolveParentKey(ec.ctx, table, fk, opts.lenient);
    if (key === null) continue;
    const ok = b.label();
    if (key === 'missing') {
      // DROP TABLE with the parent gone: the parent reads as empty.
      for (const column of fk.columns) b.emit(Opcode.IsNull, column === table.rowidAlias ? row.rowid : row.base + column, ok);
      counter(b, fk, delta);
      b.place(ok);
      continue;
    }
    if (delta < 0) b.emit(Opcode.FkIfZero, fk.deferred ? 1 : 0, ok);
    const self = delta > 0 && key.parent.rootPage === table.rootPage;
    emitParentProbe(ec, key, row, ok, self, () => counter(b, fk, delta));
    b.place(ok);
  }
}

/**
 * Parent side: the parent key of `row` is added (-1: child rows referring to it stop being
 * violations) or removed (+1: they become violations) in `table`.
 */
function emitParentChecks(ec: ExprCompiler, table: TableInfo, refs: readonly { child: TableInfo; fk: ForeignKeyInfo }[], row: RegisterSource, delta: 1 | -1): void {
  const b = ec.b;
  const opts = options(ec.ctx)!;
  for (const { child, fk } of refs) {
    const key = locateParentKey(child, fk, table);
    if (!key) {
      if (opts.lenient) continue;
      throw mismatch(child, fk);
    }
    const skip = b.label();
    if (delta < 0) b.emit(Opcode.FkIfZero, fk.deferred ? 1 : 0, skip);
    emitChildScan(ec, key, row, delta > 0 && child.rootPage === table.rootPage, () => counter(b, fk, delta));
    b.place(skip);
  }
}

/** Whether a single-row INSERT may skip the parent side (SQLite: it cannot create or resolve an immediate violation). */
function singleRowInsert(statement: InsertStatement): boolean {
  if (statement.orConflict === 'REPLACE') return false;
  const source = statement.source;
  if (source.kind === 'DefaultValues') return true;
  const select = source.select;
  return select.first.kind === 'Values' && select.first.rows.length === 1 && select.compounds.length === 0 && select.orderBy.length === 0 && !select.limit && !select.with;
}

/** INSERT: before the new row in `row` is written (after its other constraint checks). */
export function foreignKeysBeforeInsert(ec: ExprCompiler, table: TableInfo, row: RegisterSource, statement: InsertStatement): void {
  const opts = options(ec.ctx);
  if (!opts) return;
  emitChildChecks(ec, table, table.foreignKeys ?? [], row, 1);
  const immediateSkip = !opts.deferAll && !ec.ctx.trigger && singleRowInsert(statement);
  const refs = referencesTo(ec.ctx, table).filter(({ fk }) => fk.deferred || !immediateSkip);
  emitParentChecks(ec, table, refs, row, -1);
}

/** A row being deleted: its old values, for the actions that follow the delete. */
export interface ForeignKeyDelete {
  readonly old: RegisterSource;
}

/**
 * DELETE (and the rows REPLACE removes): before the row the writer's cursor is on is deleted.
 * Returns what foreignKeysAfterDelete needs, or null when foreign keys are off.
 */
export function foreignKeysBeforeDelete(ec: ExprCompiler, writer: TableWriter, rowid: number): ForeignKeyDelete | null {
  if (!options(ec.ctx)) return null;
  const table = writer.table;
  const refs = referencesTo(ec.ctx, table);
  if ((table.foreignKeys ?? []).length === 0 && refs.length === 0) return null;
  const old = copyCurrentRow(ec, writer.source, rowid);
  emitChildChecks(ec, table, table.foreignKeys ?? [], old, -1);
  emitParentChecks(ec, table, refs, old, 1);
  return { old };
}

/** After the row is deleted: ON DELETE actions. */
export function foreignKeysAfterDelete(ec: ExprCompiler, change: ForeignKeyDelete | null): void {
  if (!change) return;
  emitForeignKeyActions(ec, change.old.table, change.old, null);
}

/** An UPDATE of one row, between its steps (see foreignKeysBeforeUpdate). */
export interface ForeignKeyUpdate {
  /** After the old row is removed, before the new one is written: checks of the new row. */
  beforeInsert(): void;
  /** After the new row is written: ON UPDATE actions. */
  afterWrite(): void;
}

/**
 * UPDATE (and upsert's DO UPDATE): called with the writer's cursor on the old row, before it is
 * removed; `row` holds the new row. Only the constraints whose columns the SET list names are
 * checked, as in SQLite (a self-referencing constraint always is).
 */
export function foreignKeysBeforeUpdate(ec: ExprCompiler, writer: TableWriter, oldRowid: number, row: RegisterSource, assignments: Assignments): ForeignKeyUpdate | null {
  if (!options(ec.ctx)) return null;
  const table = writer.table;
  const assigned = assignedColumns(table, assignments);
  const childKeys = (table.foreignKeys ?? []).filter(
    (fk) => sameName(fk.parentTable, table.name) || fk.columns.some((c) => assigned.has(c)),
  );
  const refs = referencesTo(ec.ctx, table).filter(({ fk }) => parentKeyAssigned(table, fk, assigned));
  if (childKeys.length === 0 && refs.length === 0) return null;
  const old = copyCurrentRow(ec, writer.source, oldRowid);
  emitChildChecks(ec, table, childKeys, old, -1);
  emitParentChecks(ec, table, refs, old, 1);
  return {
    beforeInsert: () => {
      emitChildChecks(ec, table, childKeys, row, 1);
      emitParentChecks(ec, table, refs, row, -1);
    },
    afterWrite: () => {
      if (refs.length > 0) emitForeignKeyActions(ec, table, old, row, refs);
    },
  };
}

/** Emits `deleteRow()` (deleting the row the writer's cursor is on) with its foreign key checks before and actions after. */
export function withForeignKeyDelete(ec: ExprCompiler, writer: TableWriter, rowid: number, deleteRow: () => void): void {
  const change = foreignKeysBeforeDelete(ec, writer, rowid);
  deleteRow();
  foreignKeysAfterDelete(ec, change);
}

/**
 * The end of a statement that changes rows (compile.ts): it fails when it left immediate
 * violations, and in autocommit mode, where its end commits, deferred ones too.
 */
export function emitForeignKeyCheck(ctx: CompileContext, b: ProgramBuilder, statement: Statement): void {
  if (!options(ctx)) return;
  if (statement.kind === 'Insert' || statement.kind === 'Update' || statement.kind === 'Delete' || statement.kind === 'Drop') b.emit(Opcode.FkCheck, 1);
}

/**
 * DROP TABLE with foreign keys on (SQLite's sqlite3FkDropTable): an implicit DELETE of every row,
 * with its checks and actions, before the table goes; immediate violations it leaves fail the
 * DROP. A table no constraint refers to needs it only to resolve its own deferred violations.
 */
export function emitDropTableForeignKeys(ctx: CompileContext, b: ProgramBuilder, table: TableInfo): void {
  const opts = options(ctx);
  if (!opts) return;
  const refs = referencesTo(ctx, table);
  const skip = b.label();
  if (refs.length === 0) {
    if (!(table.foreignKeys ?? []).some((fk) => fk.deferred || opts.deferAll)) return;
    b.emit(Opcode.FkIfZero, 1, skip);
  }
  const ec = new ExprCompiler(b, { ...ctx, foreignKeys: { ...opts, lenient: true } }, { sources: [] });
  const writer = openForWrite(ec, table, table.name);
  const rowSet = b.register();
  const rowid = b.register();
  const reader = b.cursor();
  b.emit(Opcode.OpenRead, reader, table.rootPage);
  const collected = b.label();
  b.emit(Opcode.Rewind, reader, collected);
  const scan = b.here;
  b.emit(Opcode.Rowid, reader, rowid);
  b.emit(Opcode.RowSetAdd, rowSet, rowid);
  b.emit(Opcode.Next, reader, scan);
  b.place(collected);
  b.emit(Opcode.Close, reader);
  const done = b.label();
  const top = b.here;
  b.emit(Opcode.RowSetRead, rowSet, done, rowid);
  b.emit(Opcode.NotExists, writer.source.cursor, top, rowid);
  withForeignKeyDelete(ec, writer, rowid, () => emitDeleteRow(ec, writer, rowid, false));
  b.emit(Opcode.Goto, 0, top);
  b.place(done);
  for (const cursor of [writer.source.cursor, ...writer.indexCursors]) b.emit(Opcode.Close, cursor);
  if (!opts.deferAll) {
    const ok = b.label();
    b.emit(Opcode.FkIfZero, 0, ok);
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: FOREIGN_KEY_FAILED, code: 'SQLITE_CONSTRAINT_FOREIGNKEY' } satisfies HaltError);
    b.place(ok);
  }
  b.place(skip);
}

/** Before RETURNING rows are output: immediate violations fail the statement first (SQLite's OP_FkCheck). */
export function emitForeignKeyCheckBeforeResults(ctx: CompileContext, b: ProgramBuilder): void {
  if (options(ctx)) b.emit(Opcode.FkCheck, 0);
}
