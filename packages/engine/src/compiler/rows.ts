// Writing table rows with their indexes: opening the cursors, constraint checks (NOT NULL,
// CHECK, rowid and UNIQUE conflicts with ABORT/IGNORE/REPLACE), inserting a row with its index
// entries, and deleting one. Shared by INSERT, UPDATE and DELETE.

import { unsupported } from '../common/errors.js';
import type { ConflictResolution } from '../parser/ast.js';
import type { IndexInfo, TableInfo } from '../schema/types.js';
import type { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import type { HaltError, NullCheck } from '../vm/ops/control.js';
import { InsertFlag } from '../vm/ops/write.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ExprCompiler } from './expr.js';
import { databaseNameOf } from './databases.js';
import type { CursorSource, RegisterSource } from './scope.js';
import { keyInfoOf } from './where.js';
import { emitReplaceDelete, replaceFiresTriggers } from './trigger-dml.js';
import { withForeignKeyDelete } from './foreign-keys.js';
import { emitStrictTypeCheck } from './strict.js';
import { emitRecordFields } from './generated.js';
import { emitKeyPartFromCursor, emitKeyPartFromRegisters, uniqueFailureMessage } from './index-expressions.js';
import { tableKeyInfo } from './without-rowid.js';
import { emitDeleteRowWithoutRowid, emitIndexCheckWithoutRowid, emitInsertRowWithoutRowid, emitPrimaryKeyCheck } from './without-rowid-write.js';

export interface TableWriter {
  readonly table: TableInfo;
  readonly source: CursorSource;
  /** Cursor of each index, parallel to table.indexes. */
  readonly indexCursors: readonly number[];
}

/** Opens the table and all its indexes for writing. */
export function openForWrite(ec: ExprCompiler, table: TableInfo, name: string): TableWriter {
  if (table.withoutRowid && ec.ctx.schema.triggersOn(table).length > 0) throw unsupported('triggers on WITHOUT ROWID tables');
  const b = ec.b;
  b.writes = true;
  const source: CursorSource = { kind: 'cursor', table, name, cursor: b.cursor(), database: databaseNameOf(ec.ctx, table) };
  b.emit(Opcode.OpenWrite, source.cursor, table.rootPage, 0, tableKeyInfo(ec, table));
  const indexCursors = table.indexes.map((index) => {
    const c = b.cursor();
    b.emit(Opcode.OpenWrite, c, index.rootPage, 0, keyInfoOf(ec, index));
    return c;
  });
  return { table, source, indexCursors };
}

export function halt(ec: ExprCompiler, message: string, code: HaltError['code'], mode: ConflictResolution = 'ABORT'): void {
  ec.b.emit(Opcode.HaltWithError, 0, 0, 0, haltError(message, code, mode));
}

function haltError(message: string, code: HaltError['code'], mode: ConflictResolution): HaltError {
  const error: HaltError = { message, code };
  if (mode === 'FAIL' || mode === 'ROLLBACK') error.action = mode;
  return error;
}

/** Registers for index `index`'s key of the row in `row` (key columns, then rowid); returns the first. */
function loadIndexKey(ec: ExprCompiler, index: IndexInfo, row: RegisterSource): number {
  const b = ec.b;
  const n = index.columns.length;
  const base = b.registerBlock(n + 1);
  index.columns.forEach((c, i) => emitKeyPartFromRegisters(ec, c, row, base + i));
  b.emit(Opcode.SCopy, row.rowid, base + n);
  return base;
}

/** Emits `jump to skip when the partial index condition is not true for row`. */
export function partialGuard(ec: ExprCompiler, index: IndexInfo, row: RegisterSource | CursorSource, skip: number): void {
  if (!index.where) return;
  const saved = ec.scope;
  ec.scope = { sources: [row] };
  ec.jumpIfNotTrue(index.where, skip);
  ec.scope = saved;
}

/**
 * Deletes the row the table cursor is on (rowid in `rowidReg`) with its index entries. Index keys
 * are read from the table row itself.
 */
export function emitDeleteRow(ec: ExprCompiler, w: TableWriter, rowidReg: number, countChange: boolean): void {
  if (w.table.withoutRowid) return emitDeleteRowWithoutRowid(ec, w, countChange);
  emitDeleteIndexEntries(ec, w, rowidReg);
  ec.b.emit(Opcode.Delete, w.source.cursor, 0, 0, null, countChange ? InsertFlag.CountChange : 0);
}

/** Deletes the index entries of the row the table cursor is on (rowid in `rowidReg`), keeping the row. */
export function emitDeleteIndexEntries(ec: ExprCompiler, w: TableWriter, rowidReg: number): void {
  const b = ec.b;
  w.table.indexes.forEach((index, i) => {
    const skip = b.label();
    partialGuard(ec, index, w.source, skip);
    const n = index.columns.length;
    const base = b.registerBlock(n + 1);
    index.columns.forEach((c, k) => emitKeyPartFromCursor(ec, c, w.source, base + k));
    b.emit(Opcode.SCopy, rowidReg, base + n);
    b.emit(Opcode.IdxDelete, w.indexCursors[i]!, base, n + 1);
    b.place(skip);
  });
}

/** Deletes the row with rowid r[rowidReg] if it exists (REPLACE conflict resolution). */
function emitDeleteByRowid(ec: ExprCompiler, w: TableWriter, rowidReg: number): void {
  const b = ec.b;
  const missing = b.label();
  b.emit(Opcode.NotExists, w.source.cursor, missing, rowidReg);
  emitReplaceDelete(ec, w, rowidReg, () => withForeignKeyDelete(ec, w, rowidReg, () => emitDeleteRow(ec, w, rowidReg, false)));
  b.place(missing);
}

export interface ConstraintOptions {
  onConflict: ConflictResolution | null;
  /** Jump here to skip the row (IGNORE). */
  skip: number;
  /** For UPDATE: register holding the row's current rowid (its own entries never conflict). */
  oldRowid: number | null;
  /** INSERT ... ON CONFLICT: the order of the uniqueness checks and the upsert's conflict actions. */
  unique?: UniqueConflictHook;
  /**
   * The caller applies the column affinities when it makes the record (emitInsertRow's
   * `affinities`), as SQLite does when no check reads a converted value first: no Affinity here.
   */
  affinityInRecord?: boolean;
}

/** The affinity applied to each column of a new row (none for the rowid alias, which holds the rowid). */
export function columnAffinities(table: TableInfo): (Affinity | null)[] {
  return table.columns.map((c, i) => (i === table.rowidAlias ? null : c.affinity));
}

/** A uniqueness check: ROWID_CHECK for the rowid, else a position in table.indexes. */
export const ROWID_CHECK = -1;

export interface UniqueConflictHook {
  /** Uniqueness checks in the order to run them (non-unique index positions are ignored). */
  readonly order: readonly number[];
  /**
   * Emits the action for a conflict on `check` with the row whose rowid is in `conflictRowid`
   * (code that jumps away), or returns false to use the normal conflict resolution.
   */
  handle(check: number, conflictRowid: number): boolean;
}

/**
 * Applies column affinities to the new row and checks its constraints. `row` holds the new values
 * (the rowid alias slot is ignored; the rowid is in row.rowid).
 */
export function emitConstraintChecks(ec: ExprCompiler, w: TableWriter, row: RegisterSource, options: ConstraintOptions): void {
  const b = ec.b;
  const table = w.table;
  // The statement's OR clause overrides each constraint's own ON CONFLICT clause; default ABORT.
  const modeFor = (constraintMode: ConflictResolution | null | undefined): ConflictResolution => options.onConflict ?? constraintMode ?? 'ABORT';
  if (!options.affinityInRecord) b.emit(Opcode.Affinity, row.base, table.columns.length, 0, columnAffinities(table));

  // Columns whose NOT NULL failure just halts are checked by one HaltIfNull per run of them (in
  // column order, so the first failing column is still the one reported).
  let halting: NullCheck[] = [];
  const flushHalting = (): void => {
    if (halting.length > 0) b.emit(Opcode.HaltIfNull, 0, 0, 0, halting);
    halting = [];
  };
  table.columns.forEach((column, i) => {
    if (!column.notNull || i === table.rowidAlias) return;
    const mode = modeFor(column.notNullConflict);
    const message = `NOT NULL constraint failed: ${table.name}.${column.name}`;
    if (mode !== 'IGNORE' && !(mode === 'REPLACE' && column.defaultExpr)) {
      halting.push({ register: row.base + i, error: haltError(message, 'SQLITE_CONSTRAINT_NOTNULL', mode) });
      return;
    }
    flushHalting();
    const ok = b.label();
    b.emit(Opcode.NotNull, row.base + i, ok);
    if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
    else {
      ec.compile(column.defaultExpr!, row.base + i);
      b.emit(Opcode.NotNull, row.base + i, ok);
      halt(ec, message, 'SQLITE_CONSTRAINT_NOTNULL', mode);
    }
    b.place(ok);
  });
  flushHalting();

  // STRICT's type check goes where SQLite applies the affinity: before CHECK or the first index.
  let typesChecked = false;
  if (table.checks.length > 0 && !ec.ctx.ignoreCheckConstraints) {
    typesChecked = (emitStrictTypeCheck(ec, row), true);
    const saved = ec.scope;
    ec.scope = { sources: [row] };
    const mode = modeFor(null);
    for (const check of table.checks) {
      const ok = b.label();
      const r = ec.toRegister(check.expr);
      b.emit(Opcode.If, r, ok, 1);
      if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
      else halt(ec, `CHECK constraint failed: ${check.name}`, 'SQLITE_CONSTRAINT_CHECK', mode);
      b.place(ok);
    }
    ec.scope = saved;
  }

  const order = options.unique?.order ?? defaultCheckOrder(table, options.onConflict);
  for (const check of order) {
    if (check !== ROWID_CHECK && !typesChecked) typesChecked = (emitStrictTypeCheck(ec, row), true);
    if (check === ROWID_CHECK) (table.withoutRowid ? emitPrimaryKeyCheck : emitRowidCheck)(ec, w, row, options, modeFor(table.rowidConflict));
    else if (table.indexes[check]!.unique) (table.withoutRowid ? emitIndexCheckWithoutRowid : emitIndexCheck)(ec, w, row, options, check, modeFor(table.indexes[check]!.onConflict));
  }
  if (!typesChecked) emitStrictTypeCheck(ec, row);
  const replacing = order.some((check) => modeFor(check === ROWID_CHECK ? table.rowidConflict : table.indexes[check]!.onConflict) === 'REPLACE');
  if (replacing && replaceFiresTriggers(ec, table)) {
    // DELETE triggers of the replaced rows may have written conflicting rows again: every check
    // runs once more, failing with ABORT (SQLite's rule).
    const recheck: ConstraintOptions = { ...options, onConflict: 'ABORT', unique: undefined };
    for (const check of order) {
      if (check === ROWID_CHECK) emitRowidCheck(ec, w, row, recheck, 'ABORT');
      else if (table.indexes[check]!.unique) emitIndexCheck(ec, w, row, recheck, check, 'ABORT');
    }
  }
}

/**
 * SQLite's order of the uniqueness checks: the rowid, then the indexes with REPLACE ones last; a
 * rowid conflict resolved by the table's own REPLACE goes after the indexes (so an IGNORE or
 * ABORT there wins before any row is deleted).
 */
function defaultCheckOrder(table: TableInfo, override: ConflictResolution | null): number[] {
  const mode = (own: ConflictResolution | null | undefined): ConflictResolution => override ?? own ?? 'ABORT';
  // SQLite checks the newest index first; a WITHOUT ROWID table's key is one of them (made where
  // CREATE TABLE made it), checked in place of a rowid.
  const created: number[] = table.indexes.map((_, i) => i);
  if (table.withoutRowid) created.splice(table.withoutRowidKeyOrder ?? 0, 0, ROWID_CHECK);
  const checks = created.reverse();
  const modeOf = (check: number) => mode(check === ROWID_CHECK ? table.rowidConflict : table.indexes[check]!.onConflict);
  const ordered = [...checks.filter((c) => modeOf(c) !== 'REPLACE'), ...checks.filter((c) => modeOf(c) === 'REPLACE')];
  if (table.withoutRowid) return ordered;
  const indexes = ordered;
  const deferRowid = override === null && mode(table.rowidConflict) === 'REPLACE' && table.indexes.some((index) => index.unique);
  return deferRowid ? [...indexes, ROWID_CHECK] : [ROWID_CHECK, ...indexes];
}

const sameRowid = (ec: ExprCompiler): ComparisonSpec => ({ op: '=', affinity: null, collation: ec.collation('BINARY') });

/** Rowid conflict (only possible when the rowid was given or changed). */
function emitRowidCheck(ec: ExprCompiler, w: TableWriter, row: RegisterSource, options: ConstraintOptions, mode: ConflictResolution): void {
  const b = ec.b;
  const table = w.table;
  const rowidFree = b.label();
  if (options.oldRowid !== null) b.emit(Opcode.CompareJump, row.rowid, rowidFree, options.oldRowid, sameRowid(ec));
  b.emit(Opcode.NotExists, w.source.cursor, rowidFree, row.rowid);
  if (options.unique?.handle(ROWID_CHECK, row.rowid)) {
    // handled by the upsert
  } else if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
  else if (mode === 'REPLACE') emitReplaceDelete(ec, w, row.rowid, () => withForeignKeyDelete(ec, w, row.rowid, () => emitDeleteRow(ec, w, row.rowid, false)));
  else {
    const pkName = table.rowidAlias >= 0 ? table.columns[table.rowidAlias]!.name : 'rowid';
    halt(ec, `UNIQUE constraint failed: ${table.name}.${pkName}`, 'SQLITE_CONSTRAINT_PRIMARYKEY', mode);
  }
  b.place(rowidFree);
}

function emitIndexCheck(ec: ExprCompiler, w: TableWriter, row: RegisterSource, options: ConstraintOptions, position: number, mode: ConflictResolution): void {
  const b = ec.b;
  const table = w.table;
  const index = table.indexes[position]!;
  const ok = b.label();
  partialGuard(ec, index, row, ok);
  const key = loadIndexKey(ec, index, row);
  const cursor = w.indexCursors[position]!;
  b.emit(Opcode.NoConflict, cursor, ok, key, index.columns.length);
  const conflictRowid = b.register();
  b.emit(Opcode.IdxRowid, cursor, conflictRowid);
  if (options.oldRowid !== null) b.emit(Opcode.CompareJump, conflictRowid, ok, options.oldRowid, sameRowid(ec));
  if (options.unique?.handle(position, conflictRowid)) {
    // handled by the upsert
  } else if (mode === 'IGNORE') b.emit(Opcode.Goto, 0, options.skip);
  else if (mode === 'REPLACE') emitDeleteByRowid(ec, w, conflictRowid);
  else {
    halt(ec, uniqueFailureMessage(table, index), index.origin === 'pk' ? 'SQLITE_CONSTRAINT_PRIMARYKEY' : 'SQLITE_CONSTRAINT_UNIQUE', mode);
  }
  b.place(ok);
}

/**
 * Writes the new row and its index entries. `affinities` (ConstraintOptions.affinityInRecord):
 * applied to the row's registers by the MakeRecord, which must then read them in place.
 */
export function emitInsertRow(ec: ExprCompiler, w: TableWriter, row: RegisterSource, flags: number, affinities: (Affinity | null)[] | null = null): void {
  if (w.table.withoutRowid) return emitInsertRowWithoutRowid(ec, w, row, flags);
  const b = ec.b;
  const table = w.table;
  const fields = emitRecordFields(ec, row);
  if (affinities && fields.base !== row.base) throw new Error('internal error: record affinities need the row registers');
  const record = b.register();
  b.emit(Opcode.MakeRecord, fields.base, fields.count, record, affinities, fields.nullField + 1);
  b.emit(Opcode.Insert, w.source.cursor, record, row.rowid, null, flags);
  table.indexes.forEach((index, i) => {
    const skip = b.label();
    partialGuard(ec, index, row, skip);
    const key = loadIndexKey(ec, index, row);
    const keyRecord = b.register();
    b.emit(Opcode.MakeRecord, key, index.columns.length + 1, keyRecord);
    b.emit(Opcode.IdxInsert, w.indexCursors[i]!, keyRecord);
    b.place(skip);
  });
}
