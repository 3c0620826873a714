// ALTER TABLE code generation. The schema text is computed at compile time by the proven
// rewriting library (schema/alter); this file turns its row updates into bytecode that rewrites
// sqlite_schema in place, and adds the data work SQLite does: refusals that depend on the table
// being non-empty, CHECK verification after ADD COLUMN, every row rewritten by DROP COLUMN, the
// sqlite_sequence rename, the row checks of 3.53's ADD CHECK and SET NOT NULL. PRAGMA
// legacy_alter_table selects the pre-3.26 RENAME TO. Then the schema cookie is bumped and the
// schema reloaded (statements prepared elsewhere re-prepare).

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import { sameName, type AlterTableStatement, type CreateTableStatement, type Expr, type QualifiedName } from '../parser/ast.js';
import { parseStatement } from '../parser/parser.js';
import {
  addCheckConstraint, addColumn, dropColumn, dropConstraint, dropNotNull, renameColumn, renameTable, setNotNull, type SchemaRow, type SchemaUpdate,
} from '../schema/alter/index.js';
import { isDoubleQuoted, noSuchDoubleQuoted } from '../schema/double-quoted-strings.js';
import { defineTable } from '../schema/table-definition.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { HaltError } from '../vm/ops/control.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ColumnSpec } from '../vm/ops/cursor.js';
import { SEQUENCE_TABLE } from './autoincrement.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload } from './ddl.js';
import { headerAddress, namedDatabase, schemaTableRoot } from './databases.js';
import { databaseOfRoot, isSchemaTable, MAIN_DATABASE } from '../schema/database-list.js';
import { constantDefault, ExprCompiler, walkExpr } from './expr.js';
import type { CursorSource } from './scope.js';
import { isVirtualColumn, storageField } from '../schema/generated.js';
import { checkGeneratedAtCreate } from './generated.js';

/** sqlite_schema columns: type, name, tbl_name, rootpage, sql. */
const SCHEMA_COLUMNS = 5;
/** Header offset of the schema format number (ADD COLUMN raises it to at least 3, as SQLite does). */
const FILE_FORMAT_OFFSET = 44;

export function compileAlterTable(outer: CompileContext, b: ProgramBuilder, statement: AlterTableStatement): void {
  // The table's database: its schema alone is read and rewritten (ctx.schema.database says which).
  const ctx: CompileContext = { ...outer, schema: outer.schema.only(alterDatabase(outer, statement.table)) };
  const db = ctx.schema.database;
  const rows: SchemaRow[] = ctx.schema.rows.map((r) => ({ type: r.type as SchemaRow['type'], name: r.name, tbl_name: r.tableName, sql: r.sql }));
  const tableName = statement.table.name.text;
  // sqlite_schema has no row of its own for the library to find.
  const found = ctx.schema.table(tableName);
  if (found && isSchemaTable(found)) throw new SqliteError('table sqlite_master may not be altered');
  const action = statement.action;
  const token = (span: { start: number; end: number }): string => ctx.sql.slice(span.start, span.end);
  b.writes = true;
  switch (action.kind) {
    case 'RenameTable': {
      const result = renameTable(rows, tableName, action.newName.text, { legacy: ctx.legacyAlterTable, foreignKeys: ctx.foreignKeys !== undefined });
      emitSchemaUpdates(ctx, b, result.updates);
      if (ctx.schema.table(SEQUENCE_TABLE)) emitSequenceRename(ctx, b, result.sequence.from, result.sequence.to);
      break;
    }
    case 'RenameColumn': {
      const result = renameColumn(rows, tableName, action.column.text, action.newName.text, {
        newNameQuoted: action.newName.quoted,
        oldNameToken: token(action.column),
      });
      emitSchemaUpdates(ctx, b, result.updates);
      break;
    }
    case 'AddColumn':
      compileAddColumn(ctx, b, rows, tableName, ctx.sql.slice(action.column.start, statement.end));
      break;
    case 'DropColumn': {
      const table = writableTable(ctx, tableName);
      const result = dropColumn(rows, tableName, action.column.text, { nameToken: token(action.column) });
      if (!table) throw unsupported(`ALTER TABLE DROP COLUMN on ${tableName}`);
      emitSchemaUpdates(ctx, b, result.updates);
      emitRewriteRows(b, table, table.columns.findIndex((c) => sameName(c.name, action.column.text)));
      break;
    }
    case 'AddConstraint': {
      const constraint = action.constraint;
      if (constraint.kind !== 'Check') throw unsupported(`ALTER TABLE ADD ${constraint.kind}`);
      const validate = (): void => {
        refuseInCheck(constraint.expr);
        const table = writableTable(ctx, tableName);
        if (!table) throw unsupported(`ALTER TABLE on ${tableName}`);
        // Compiled into a scratch program only for its errors (unknown columns, misused aggregates...).
        const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: 0 };
        walkExpr(constraint.expr, (e) => {
          if (e.kind === 'Column' && e.table === null && isDoubleQuoted(e.column, ctx.sql) && !table.columns.some((c) => sameName(c.name, e.column.text))) throw noSuchDoubleQuoted(e.column);
        });
        new ExprCompiler(new ProgramBuilder(), ctx, { sources: [source] }).toRegister(constraint.expr);
      };
      const result = addCheckConstraint(rows, tableName, ctx.sql.slice(constraint.start, statement.end), constraint.name?.text ?? null, validate);
      // Unlike a CHECK on INSERT, SQLite's verification here fails a row whose CHECK is NULL.
      emitVerifyRows(ctx, b, tableName, (ec, _source, failed) => {
        b.emit(Opcode.IfNot, ec.toRegister(constraint.expr), failed, 1);
      });
      emitSchemaUpdates(ctx, b, result.updates);
      break;
    }
    case 'DropConstraint':
      emitSchemaUpdates(ctx, b, dropConstraint(rows, tableName, action.name.text).updates);
      break;
    case 'SetNotNull': {
      const rest = ctx.sql.slice(action.column.end, statement.end);
      const result = setNotNull(rows, tableName, action.column.text, rest.slice(rest.search(/\bNOT\b/i)));
      emitVerifyRows(ctx, b, tableName, (ec, source, failed) => {
        const index = source.table.columns.findIndex((c) => sameName(c.name, action.column.text));
        if (index === source.table.rowidAlias) return;
        const r = b.register();
        ec.emitColumn({ source, column: index }, r);
        b.emit(Opcode.IsNull, r, failed);
      });
      emitSchemaUpdates(ctx, b, result.updates);
      break;
    }
    case 'DropNotNull':
      emitSchemaUpdates(ctx, b, dropNotNull(rows, tableName, action.column.text).updates);
      break;
    default:
      throw unsupported(`ALTER TABLE ${(action as { kind: string }).kind}`);
  }
  bumpCookieAndReload(b, db);
}

/** The database ALTER TABLE works in: the qualifier's, else the one the name resolves to (temp first). */
function alterDatabase(ctx: CompileContext, name: QualifiedName): number {
  if (name.schema) return namedDatabase(ctx, name.schema).index;
  const table = ctx.schema.table(name.name.text);
  return table ? databaseOfRoot(table.rootPage) : MAIN_DATABASE;
}

/** SQLite's refusals for expressions a CHECK constraint may not hold. */
function refuseInCheck(expr: Expr): void {
  walkExpr(expr, (e) => {
    if (e.kind === 'Parameter') throw new SqliteError('parameters prohibited in CHECK constraints');
    if (e.kind === 'Subquery' || e.kind === 'Exists' || e.kind === 'InSelect') throw new SqliteError('subqueries prohibited in CHECK constraints');
  });
}

/**
 * The data check of ADD CHECK and SET NOT NULL: `test` emits, per existing row, a jump to
 * `failed` when the row breaks the new constraint; SQLite then fails with "constraint failed".
 */
function emitVerifyRows(ctx: CompileContext, b: ProgramBuilder, tableName: string, test: (ec: ExprCompiler, source: CursorSource, failed: number) => void): void {
  const table = writableTable(ctx, tableName);
  if (!table) throw unsupported(`ALTER TABLE on ${tableName}`);
  const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: b.cursor() };
  const ec = new ExprCompiler(b, ctx, { sources: [source] });
  const done = b.label();
  const failed = b.label();
  b.emit(Opcode.OpenRead, source.cursor, table.rootPage);
  b.emit(Opcode.Rewind, source.cursor, done);
  const top = b.here;
  test(ec, source, failed);
  b.emit(Opcode.Next, source.cursor, top);
  b.emit(Opcode.Goto, 0, done);
  b.place(failed);
  b.emit(Opcode.HaltWithError, 0, 0, 0, { message: 'constraint failed', code: 'SQLITE_CONSTRAINT' } satisfies HaltError);
  b.place(done);
}

/** The table whose rows DROP COLUMN rewrites, when Tandem can write it (else undefined: refuse after SQLite's own checks). */
function writableTable(ctx: CompileContext, name: string): TableInfo | undefined {
  const table = ctx.schema.table(name);
  if (!table || table.withoutRowid || ctx.schema.unreadableReason(name)) return undefined;
  return table;
}

/**
 * ADD COLUMN: the refusals that hold whatever the data are raised now; those SQLite only raises
 * for a non-empty table are checked when the statement runs, as SQLite's sqlite3ErrorIfNotEmpty.
 */
function compileAddColumn(ctx: CompileContext, b: ProgramBuilder, rows: readonly SchemaRow[], tableName: string, definition: string): void {
  const foreignKeys = ctx.foreignKeys !== undefined;
  const isKnownCollation = (name: string): boolean => ctx.collations.has(name.toUpperCase());
  const result = addColumn(rows, tableName, definition, { tableIsEmpty: true, foreignKeys, isKnownCollation });
  let nonEmptyError: string | null = null;
  try {
    addColumn(rows, tableName, definition, { tableIsEmpty: false, foreignKeys, isKnownCollation });
  } catch (error) {
    if (!(error instanceof SqliteError)) throw error;
    nonEmptyError = error.message;
  }
  const table = ctx.schema.table(tableName);
  const newSql = result.updates[0]!.newSql!;
  const parsed = parseStatement(newSql)?.statement as CreateTableStatement | undefined;
  if (!table || !parsed) throw unsupported(`ALTER TABLE ADD COLUMN on ${tableName}`);
  const { table: newTable } = defineTable(parsed, newSql, table.rootPage);
  if (nonEmptyError !== null) {
    const cursor = b.cursor();
    const empty = b.label();
    b.emit(Opcode.OpenRead, cursor, table.rootPage);
    b.emit(Opcode.Rewind, cursor, empty);
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: nonEmptyError, code: 'SQLITE_ERROR' } satisfies HaltError);
    b.place(empty);
  }
  const added = newTable.columns[newTable.columns.length - 1]!;
  try {
    checkGeneratedAtCreate(ctx, newTable);
  } catch (error) {
    if (error instanceof SqliteError) throw new SqliteError(`error in table ${table.name} after add column: ${error.message}`);
    throw error;
  }
  if (newTable.strict && (added.generated || (added.defaultExpr !== null && added.defaultExpr.kind !== 'Null'))) {
    // SQLite then type-checks every row (quick_check's "type mismatch on DEFAULT"): not done here.
    const error = unsupported('ALTER TABLE ADD COLUMN with a value on a STRICT table');
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: error.message, code: 'SQLITE_ERROR' } satisfies HaltError);
    return;
  }
  // The schema format number becomes at least 3 (ADD COLUMN's records may be shorter than the table).
  const format = b.register();
  const three = b.register();
  const done = b.label();
  b.emit(Opcode.ReadCookie, headerAddress(ctx.schema.database, FILE_FORMAT_OFFSET), format);
  b.emit(Opcode.Value, 0, three, 0, 3n);
  b.emit(Opcode.CompareJump, format, done, three, { op: '>=', affinity: null, collation: ctx.collations.get('BINARY')! } satisfies ComparisonSpec);
  b.emit(Opcode.SetCookie, headerAddress(ctx.schema.database, FILE_FORMAT_OFFSET), three);
  b.place(done);
  emitSchemaUpdates(ctx, b, result.updates);
  if (newTable.checks.length > 0) emitVerifyChecks({ ...ctx, sql: newSql }, b, { ...newTable, indexes: [] });
  if (added.generated && added.notNull) emitVerifyGeneratedNotNull({ ...ctx, sql: newSql }, b, { ...newTable, indexes: [] }, newTable.columns.length - 1);
}

/** After ADD COLUMN of a NOT NULL generated column: no existing row may compute NULL for it. */
function emitVerifyGeneratedNotNull(ctx: CompileContext, b: ProgramBuilder, table: TableInfo, column: number): void {
  const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: b.cursor() };
  const ec = new ExprCompiler(b, ctx, { sources: [source] });
  const done = b.label();
  b.emit(Opcode.OpenRead, source.cursor, table.rootPage);
  b.emit(Opcode.Rewind, source.cursor, done);
  const top = b.here;
  const ok = b.label();
  const value = b.register();
  ec.emitColumn({ source, column }, value);
  b.emit(Opcode.NotNull, value, ok);
  b.emit(Opcode.HaltWithError, 0, 0, 0, { message: 'NOT NULL constraint failed', code: 'SQLITE_ERROR' } satisfies HaltError);
  b.place(ok);
  b.emit(Opcode.Next, source.cursor, top);
  b.place(done);
}

/** After ADD COLUMN on a table with CHECK constraints: every existing row must still pass them. */
function emitVerifyChecks(ctx: CompileContext, b: ProgramBuilder, table: TableInfo): void {
  const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: b.cursor() };
  const ec = new ExprCompiler(b, ctx, { sources: [source] });
  const done = b.label();
  b.emit(Opcode.OpenRead, source.cursor, table.rootPage);
  b.emit(Opcode.Rewind, source.cursor, done);
  const top = b.here;
  for (const check of table.checks) {
    const ok = b.label();
    const r = ec.toRegister(check.expr);
    b.emit(Opcode.If, r, ok, 1);
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: 'CHECK constraint failed', code: 'SQLITE_ERROR' } satisfies HaltError);
    b.place(ok);
  }
  b.emit(Opcode.Next, source.cursor, top);
  b.place(done);
}

/**
 * Rewrites the sqlite_schema rows named by `updates` in place (same rowids, so the table keeps
 * its order): a scan compares each row's type and name with every update.
 */
export function emitSchemaUpdates(ctx: CompileContext, b: ProgramBuilder, updates: readonly SchemaUpdate[]): void {
  if (updates.length === 0) return;
  const binary = ctx.collations.get('BINARY')!;
  const cursor = b.cursor();
  b.emit(Opcode.OpenWrite, cursor, schemaTableRoot(ctx.schema.database));
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const next = b.label();
  const row = b.registerBlock(SCHEMA_COLUMNS);
  const wanted = b.register();
  b.emit(Opcode.Column, cursor, 0, row);
  b.emit(Opcode.Column, cursor, 1, row + 1);
  for (const update of updates) {
    const skip = b.label();
    const differs = { op: '!=', affinity: null, collation: binary } satisfies ComparisonSpec;
    b.emit(Opcode.Value, 0, wanted, 0, update.type);
    b.emit(Opcode.CompareJump, row, skip, wanted, differs, 1);
    b.emit(Opcode.Value, 0, wanted, 0, update.name);
    b.emit(Opcode.CompareJump, row + 1, skip, wanted, differs, 1);
    const set = (offset: number, value: SqlValue | undefined): void => {
      if (value === undefined) b.emit(Opcode.Column, cursor, offset, row + offset);
      else b.emit(Opcode.Value, 0, row + offset, 0, value);
    };
    set(1, update.newName);
    set(2, update.newTblName);
    set(3, undefined);
    set(4, update.newSql);
    const record = b.register();
    const rowid = b.register();
    b.emit(Opcode.MakeRecord, row, SCHEMA_COLUMNS, record);
    b.emit(Opcode.Rowid, cursor, rowid);
    b.emit(Opcode.Insert, cursor, record, rowid);
    b.emit(Opcode.Goto, 0, next);
    b.place(skip);
  }
  b.place(next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}

/** RENAME TO: `UPDATE sqlite_sequence SET name = new WHERE name = old`, as SQLite runs it. */
function emitSequenceRename(ctx: CompileContext, b: ProgramBuilder, from: string, to: string): void {
  const sequence = ctx.schema.table(SEQUENCE_TABLE)!;
  const cursor = b.cursor();
  b.emit(Opcode.OpenWrite, cursor, sequence.rootPage);
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const next = b.label();
  const row = b.registerBlock(2);
  const old = b.register();
  b.emit(Opcode.Value, 0, old, 0, from);
  b.emit(Opcode.Column, cursor, 0, row);
  b.emit(Opcode.CompareJump, row, next, old, { op: '!=', affinity: null, collation: ctx.collations.get('BINARY')! } satisfies ComparisonSpec, 1);
  b.emit(Opcode.Value, 0, row, 0, to);
  b.emit(Opcode.Column, cursor, 1, row + 1);
  const record = b.register();
  const rowid = b.register();
  b.emit(Opcode.MakeRecord, row, 2, record);
  b.emit(Opcode.Rowid, cursor, rowid);
  b.emit(Opcode.Insert, cursor, record, rowid);
  b.place(next);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}

/**
 * DROP COLUMN: every row is written again without column `dropped`. Columns read as SQLite's
 * OP_Column does (a short record yields the column's default), REAL columns keep their stored
 * integers, and the rowid alias stays NULL in the record.
 */
function emitRewriteRows(b: ProgramBuilder, table: TableInfo, dropped: number): void {
  // A VIRTUAL column is in no record; the others are read from their record fields.
  if (isVirtualColumn(table.columns[dropped]!)) return;
  const cursor = b.cursor();
  const kept = table.columns.map((_, i) => i).filter((i) => i !== dropped && !isVirtualColumn(table.columns[i]!));
  b.emit(Opcode.OpenWrite, cursor, table.rootPage);
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const row = b.registerBlock(kept.length);
  kept.forEach((column, k) => {
    if (column === table.rowidAlias) {
      b.emit(Opcode.Null, 0, row + k);
      return;
    }
    const info = table.columns[column]!;
    const spec: ColumnSpec = { defaultValue: constantDefault(info.defaultExpr, info.affinity), realAffinity: false };
    b.emit(Opcode.Column, cursor, storageField(table, column), row + k, spec);
  });
  const record = b.register();
  const rowid = b.register();
  b.emit(Opcode.MakeRecord, row, kept.length, record);
  b.emit(Opcode.Rowid, cursor, rowid);
  b.emit(Opcode.Insert, cursor, record, rowid);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}
