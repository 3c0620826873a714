// Updating one existing row: resolving a SET list (including row-value `(a, b) = (x, y)`
// assignments) to columns, and emitting the new-row computation, constraint checks and the
// delete-then-insert of the row. Shared by UPDATE and by INSERT ... ON CONFLICT DO UPDATE.

import { SqliteError } from '../common/errors.js';
import { sameName, type ConflictResolution, type Expr, type Select, type SetClause } from '../parser/ast.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import { InsertFlag } from '../vm/ops/write.js';
import type { ExprCompiler } from './expr.js';
import { emitConstraintChecks, emitDeleteIndexEntries, emitDeleteRow, emitInsertRow, type TableWriter } from './rows.js';
import { isRowidName, type RegisterSource, type Scope } from './scope.js';
import { compileSelect } from './select.js';
import type { RowTriggers } from './trigger.js';
import { copyCurrentRow, emitBeforeUpdateTriggers } from './trigger-dml.js';
import { foreignKeysBeforeUpdate } from './foreign-keys.js';
import { emitSeekRowByKey } from './without-rowid-write.js';
import { checkUpdateTarget, emitComputeGenerated } from './generated.js';

/**
 * Column index (-1: the rowid) -> the expression assigned to it; later assignments win. A
 * `(a, b) = (SELECT ...)` assignment maps its columns to placeholder nodes that `withRowValues`
 * fills from the subquery's first row (NULLs when it has none).
 */
export type Assignments = Map<number, Expr> & { rowValues?: { select: Select; items: Expr[] }[] };

function columnIndex(table: TableInfo, columnName: string): number {
  let index = table.columns.findIndex((c) => sameName(c.name, columnName));
  if (index < 0 && isRowidName(columnName) && !table.withoutRowid) return -1;
  if (index < 0) throw new SqliteError(`no such column: ${columnName}`);
  checkUpdateTarget(table, index);
  if (index === table.rowidAlias) index = -1;
  return index;
}

/** Resolves a SET list; `(a, b) = (x, y)` assigns item by item (SQLite's count check and message). */
export function resolveAssignments(table: TableInfo, sets: readonly SetClause[]): Assignments {
  const assignments: Assignments = new Map();
  assignments.rowValues = [];
  for (const set of sets) {
    if (set.columns.length === 1) {
      assignments.set(columnIndex(table, set.columns[0]!.text), set.value);
      continue;
    }
    const value = set.value;
    let items: readonly Expr[];
    if (value.kind === 'Vector') items = value.items;
    else if (value.kind === 'Subquery') {
      const core = value.select.first;
      const width = core.kind === 'Values' ? core.rows[0]!.length : core.columns.every((c) => c.kind === 'ExprColumn') ? core.columns.length : -1;
      if (width >= 0 && width !== set.columns.length) throw new SqliteError(`${set.columns.length} columns assigned ${width} values`);
      // Placeholders (distinct objects): their registers come from the subquery.
      items = set.columns.map((): Expr => ({ kind: 'Null', start: value.start, end: value.end }));
      assignments.rowValues!.push({ select: value.select, items: [...items] });
    } else items = [value];
    if (items.length !== set.columns.length) throw new SqliteError(`${set.columns.length} columns assigned ${items.length} values`);
    set.columns.forEach((column, i) => assignments.set(columnIndex(table, column.text), items[i]!));
  }
  return assignments;
}

/**
 * Runs each row-value subquery of `assignments` (in the current scope, so it may be correlated)
 * and returns the scope in which its placeholders read the first row's values.
 */
export function withRowValues(ec: ExprCompiler, assignments: Assignments): Scope {
  // Placeholders already bound (UPDATE ... FROM's second pass) are not computed again.
  const rowValues = (assignments.rowValues ?? []).filter((r) => !ec.scope.replacements?.has(r.items[0]!));
  if (rowValues.length === 0) return ec.scope;
  const b = ec.b;
  const replacements = new Map(ec.scope.replacements ?? []);
  for (const { select, items } of rowValues) {
    const rows = b.cursor();
    b.emit(Opcode.OpenEphemeral, rows);
    const columns = compileSelect(ec.ctx, b, select, { kind: 'collect', cursor: rows }, ec.scope, { used: true });
    if (columns.length !== items.length) throw new SqliteError(`${items.length} columns assigned ${columns.length} values`);
    const base = b.registerBlock(items.length);
    const empty = b.label();
    items.forEach((item, i) => {
      b.emit(Opcode.Null, 0, base + i);
      replacements.set(item, base + i);
    });
    b.emit(Opcode.Rewind, rows, empty);
    items.forEach((_, i) => b.emit(Opcode.Column, rows, i, base + i));
    b.place(empty);
    b.emit(Opcode.Close, rows);
  }
  return { ...ec.scope, replacements };
}

export interface RowUpdate {
  readonly writer: TableWriter;
  /** The name the statement uses for the table (alias or table name). */
  readonly name: string;
  readonly assignments: Assignments;
  /** Register holding the rowid of the row being updated (WITHOUT ROWID: the first of its key's registers); the table cursor is on that row. */
  readonly oldRowid: number;
  readonly onConflict: ConflictResolution | null;
  /** Jump here to leave the row unchanged (IGNORE), and after the update. */
  readonly skip: number;
  /** Called after the new row is written (RETURNING), with the row's registers. */
  readonly afterWrite?: (row: RegisterSource) => void;
  /** The UPDATE triggers the statement fires (trigger.ts). */
  readonly triggers?: RowTriggers | null;
}

/**
 * Emits the update of the row the table cursor is on. The SET expressions are compiled in the
 * current `ec.scope` (which must see the table's current row); control continues at `skip`.
 */
export function emitRowUpdate(ec: ExprCompiler, update: RowUpdate): void {
  const b = ec.b;
  const { writer, assignments, oldRowid } = update;
  const table = writer.table;
  const n = table.columns.length;
  const base = b.registerBlock(n);
  const newRowid = b.register();
  const old = update.triggers ? copyCurrentRow(ec, writer.source, oldRowid) : null;
  const saved = ec.scope;
  ec.scope = withRowValues(ec, assignments);
  table.columns.forEach((_, i) => {
    if (i === table.rowidAlias) return;
    const value = assignments.get(i);
    if (value) ec.compile(value, base + i);
    else ec.emitColumn({ source: writer.source, column: i }, base + i);
  });
  const rowidValue = assignments.get(-1);
  if (rowidValue) {
    ec.compile(rowidValue, newRowid);
    b.emit(Opcode.MustBeInt, newRowid, 0);
  } else b.emit(Opcode.SCopy, oldRowid, newRowid);
  ec.scope = saved;
  if (table.rowidAlias >= 0) b.emit(Opcode.SCopy, newRowid, base + table.rowidAlias);

  const row: RegisterSource = { kind: 'registers', table, name: update.name, base, rowid: newRowid };
  emitComputeGenerated(ec, row, update.triggers?.has('BEFORE') ?? false);
  if (update.triggers) emitBeforeUpdateTriggers(ec, update.triggers, writer, assignments, old!, row, oldRowid, update.skip);
  if (update.triggers) emitComputeGenerated(ec, row);
  emitConstraintChecks(ec, writer, row, { onConflict: update.onConflict, skip: update.skip, oldRowid });
  // Remove the old row (its index entries are computed from the stored row), then write the new one.
  if (table.withoutRowid) emitSeekRowByKey(ec, writer, oldRowid, update.skip);
  else b.emit(Opcode.NotExists, writer.source.cursor, update.skip, oldRowid);
  const foreignKeys = foreignKeysBeforeUpdate(ec, writer, oldRowid, row, assignments);
  // With the rowid unchanged, the Insert replaces the row where it is (SQLite's no-op OP_Delete):
  // deleting it first would only make the b-tree shrink and rebalance before it grows back.
  if (rowidValue || table.withoutRowid) emitDeleteRow(ec, writer, oldRowid, false);
  else emitDeleteIndexEntries(ec, writer, oldRowid);
  foreignKeys?.beforeInsert();
  emitInsertRow(ec, writer, row, InsertFlag.CountChange);
  update.afterWrite?.(row);
  foreignKeys?.afterWrite();
  update.triggers?.fire(ec, 'AFTER', old, row, update.skip);
}
