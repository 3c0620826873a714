// CREATE TABLE / CREATE INDEX / DROP TABLE / DROP INDEX: allocate or free trees, maintain
// sqlite_schema rows (with the CREATE text stored as SQLite stores it), fill new indexes from
// their table, bump the schema cookie and reload the schema.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { CreateIndexStatement, CreateTableStatement, DropStatement } from '../parser/ast.js';
import { foldName } from '../schema/schema.js';
import { defineIndex } from '../schema/index-definition.js';
import { defineTable } from '../schema/table-definition.js';
import type { IndexInfo, TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { HaltError } from '../vm/ops/control.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';
import type { CursorSource } from './scope.js';
import { keyInfoOf } from './where.js';
import { emitCreateSequenceTable, emitDropSequenceRow, SEQUENCE_TABLE } from './autoincrement.js';
import { emitDropTableForeignKeys } from './foreign-keys.js';
import { compileDropView } from './view.js';
import { compileDropTrigger, deleteTriggerRow } from './trigger-ddl.js';
import { checkGeneratedAtCreate } from './generated.js';
import { compileCreateTableAs } from './create-table-as.js';
import { checkIndexFunctions, emitKeyPartFromCursor, uniqueFailureMessage } from './index-expressions.js';
import { tableKeyInfo } from './without-rowid.js';
import { createTarget, databaseOfSchema, headerAddress, namedDatabase, registerRootBase, schemaFor, schemaTableRoot } from './databases.js';
import { databaseOfRoot, isSchemaTable, MAIN_DATABASE } from '../schema/database-list.js';
import { indexKeySuffix } from '../schema/without-rowid.js';

const SCHEMA_COOKIE_OFFSET = 40;

export function checkReservedName(name: string): void {
  if (foldName(name).startsWith('sqlite_')) throw new SqliteError(`object name reserved for internal use: ${name}`);
}

/** Appends a row to sqlite_schema; `root` is a register holding the root page (0: NULL/0 constant). */
export function insertSchemaRow(b: ProgramBuilder, schemaCursor: number, values: (SqlValue | { register: number })[]): void {
  const base = b.registerBlock(values.length);
  values.forEach((v, i) => {
    if (v !== null && typeof v === 'object' && 'register' in v) b.emit(Opcode.SCopy, v.register, base + i);
    else b.emit(Opcode.Value, 0, base + i, 0, v);
  });
  const record = b.register();
  b.emit(Opcode.MakeRecord, base, values.length, record);
  const rowid = b.register();
  b.emit(Opcode.NewRowid, schemaCursor, rowid);
  b.emit(Opcode.Insert, schemaCursor, record, rowid);
}

/** Bumps database `db`'s schema cookie and reloads its schema (after DDL). */
export function bumpCookieAndReload(b: ProgramBuilder, db = MAIN_DATABASE): void {
  const one = b.register();
  b.emit(Opcode.Value, 0, one, 0, 1n);
  b.emit(Opcode.SetCookie, headerAddress(db, SCHEMA_COOKIE_OFFSET), one, 1);
  b.emit(Opcode.ParseSchema, db);
}

export function compileCreateTable(ctx: CompileContext, b: ProgramBuilder, statement: CreateTableStatement): void {
  const target = createTarget(ctx, statement.name.schema, statement.temp, 'temporary table name must be unqualified');
  const db = target.index;
  const name = statement.name.name.text;
  if (statement.ifNotExists && (target.schema.table(name) || target.schema.view(name))) return;
  checkReservedName(name);
  target.schema.assertNameFree(name, 'table', ctx.sql.slice(statement.name.name.start, statement.name.name.end));
  if (statement.asSelect) return compileCreateTableAs(ctx, b, statement, statement.asSelect, db);
  const sql = `CREATE TABLE ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  const { table, autoIndexes } = defineTable(statement, sql, 0, ctx.sql, false);
  checkGeneratedAtCreate(ctx, table);
  b.writes = true;
  const root = b.register();
  // A WITHOUT ROWID table is an index b-tree keyed by its PRIMARY KEY.
  b.emit(Opcode.CreateBtree, table.withoutRowid ? 1 : 0, root, db);
  const indexRoots = autoIndexes.map(() => {
    const r = b.register();
    b.emit(Opcode.CreateBtree, 1, r, db);
    return r;
  });
  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, schemaTableRoot(db));
  insertSchemaRow(b, schemaCursor, ['table', table.name, table.name, { register: root }, sql]);
  autoIndexes.forEach((spec, i) => insertSchemaRow(b, schemaCursor, ['index', spec.name, table.name, { register: indexRoots[i]! }, null]));
  if (table.autoincrement && !target.schema.table(SEQUENCE_TABLE)) emitCreateSequenceTable(b, (values) => insertSchemaRow(b, schemaCursor, values), db);
  bumpCookieAndReload(b, db);
}

export function compileCreateIndex(ctx: CompileContext, b: ProgramBuilder, statement: CreateIndexStatement): void {
  // The index goes where its table is: the qualifier names the database of both (SQLite's rule).
  const qualified = statement.name.schema ? namedDatabase(ctx, statement.name.schema) : null;
  const name = statement.name.name.text;
  if (statement.ifNotExists && (qualified?.schema ?? ctx.schema).index(name)) return;
  checkReservedName(name);
  const table = (qualified?.schema ?? ctx.schema).table(statement.table.text);
  if (!table && (qualified?.schema ?? ctx.schema).view(statement.table.text)) throw new SqliteError('views may not be indexed');
  if (!table) throw new SqliteError(`no such table: ${qualified?.name ?? 'main'}.${statement.table.text}`);
  const target = qualified ?? databaseOfSchema(ctx, databaseOfRoot(table.rootPage));
  const db = target.index;
  if (isSchemaTable(table) || foldName(table.name).startsWith('sqlite_')) throw new SqliteError(`table ${table.name} may not be indexed`);
  target.schema.assertNameFree(name, 'index');
  const sql = `CREATE${statement.unique ? ' UNIQUE' : ''} INDEX ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  const index = defineIndex(statement, sql, table, 0, ctx.sql, false);
  checkIndexFunctions(new ExprCompiler(b, ctx, { sources: [] }), index);
  b.writes = true;
  const root = b.register();
  b.emit(Opcode.CreateBtree, 1, root, db);
  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, schemaTableRoot(db));
  insertSchemaRow(b, schemaCursor, ['index', index.name, table.name, { register: root }, sql]);
  fillIndex(ctx, b, table, index, root);
  bumpCookieAndReload(b, db);
}

/** Emits a scan of `table` inserting every row's key into the new index whose root is in `rootReg`. */
export function fillIndex(ctx: CompileContext, b: ProgramBuilder, table: TableInfo, index: IndexInfo, rootReg: number): void {
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const source: CursorSource = { kind: 'cursor', table, name: table.name, cursor: b.cursor() };
  ec.scope = { sources: [source] };
  const indexCursor = b.cursor();
  b.emit(Opcode.OpenRead, source.cursor, table.rootPage, 0, tableKeyInfo(ec, table));
  b.emit(Opcode.OpenWrite, indexCursor, rootReg, registerRootBase(databaseOfRoot(table.rootPage)), keyInfoOf(ec, index), 1);
  const done = b.label();
  const next = b.label();
  b.emit(Opcode.Rewind, source.cursor, done);
  const top = b.here;
  if (index.where) ec.jumpIfNotTrue(index.where, next);
  const n = index.columns.length;
  // After the index columns: the rowid, or a WITHOUT ROWID table's key columns the index lacks.
  const suffix = table.withoutRowid ? indexKeySuffix(table, index) : null;
  const width = n + (suffix ? suffix.length : 1);
  const key = b.registerBlock(width);
  index.columns.forEach((c, i) => emitKeyPartFromCursor(ec, c, source, key + i));
  if (suffix) suffix.forEach((c, i) => ec.emitColumn({ source, column: c.column }, key + n + i));
  else b.emit(Opcode.Rowid, source.cursor, key + n);
  if (index.unique) {
    const ok = b.label();
    b.emit(Opcode.NoConflict, indexCursor, ok, key, n);
    b.emit(Opcode.HaltWithError, 0, 0, 0, { message: uniqueFailureMessage(table, index), code: 'SQLITE_CONSTRAINT_UNIQUE' } satisfies HaltError);
    b.place(ok);
  }
  const record = b.register();
  b.emit(Opcode.MakeRecord, key, width, record);
  b.emit(Opcode.IdxInsert, indexCursor, record);
  b.place(next);
  b.emit(Opcode.Next, source.cursor, top);
  b.place(done);
}

/** Deletes the sqlite_schema rows whose column `column` (1 = name, 2 = tbl_name) equals `name` (NOCASE). */
export function deleteSchemaRows(ctx: CompileContext, b: ProgramBuilder, column: number, name: string, db = MAIN_DATABASE): void {
  const cursor = b.cursor();
  b.emit(Opcode.OpenWrite, cursor, schemaTableRoot(db));
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const value = b.register();
  const target = b.register();
  b.emit(Opcode.Value, 0, target, 0, name);
  b.emit(Opcode.Column, cursor, column, value);
  const keep = b.label();
  const nocase = ctx.collations.get('NOCASE')!;
  b.emit(Opcode.CompareJump, value, keep, target, { op: '!=', affinity: null, collation: nocase } satisfies ComparisonSpec, 1);
  b.emit(Opcode.Delete, cursor);
  // After a delete the cursor's next() lands on the following entry; check whether one exists.
  b.place(keep);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}

export function compileDrop(ctx: CompileContext, b: ProgramBuilder, statement: DropStatement): void {
  if (statement.objectType === 'TRIGGER') return compileDropTrigger(ctx, b, statement);
  const name = statement.name.name.text;
  const qualifier = statement.name.schema;
  const schema = schemaFor(ctx, qualifier);
  const shown = qualifier ? `${qualifier.text}.${name}` : name;
  if (statement.objectType === 'TABLE') {
    const table = schema?.table(name);
    if (!table) {
      if (schema?.view(name)) throw new SqliteError(`use DROP VIEW to delete view ${name}`);
      if (statement.ifExists) return;
      throw new SqliteError(`no such table: ${shown}`);
    }
    if (isSchemaTable(table) || foldName(table.name).startsWith('sqlite_')) throw new SqliteError(`table ${table.name} may not be dropped`);
    const db = databaseOfRoot(table.rootPage);
    b.writes = true;
    emitDropTableForeignKeys(ctx, b, table);
    const roots = [table.rootPage, ...table.indexes.map((i) => i.rootPage)].sort((x, y) => y - x);
    for (const root of roots) b.emit(Opcode.Destroy, root);
    deleteSchemaRows(ctx, b, 2, table.name, db);
    // Triggers on the table in other databases (TEMP ones) go with it, as in SQLite.
    for (const trigger of ctx.schema.triggersOn(table)) {
      const triggerDb = trigger.database ?? MAIN_DATABASE;
      if (triggerDb !== db) {
        deleteTriggerRow(ctx, b, trigger.name, triggerDb);
        bumpCookieAndReload(b, triggerDb);
      }
    }
    if (table.autoincrement) emitDropSequenceRow(ctx, b, table.name, db);
    bumpCookieAndReload(b, db);
    return;
  }
  if (statement.objectType === 'INDEX') {
    const index = schema?.index(name);
    if (!index) {
      if (statement.ifExists) return;
      throw new SqliteError(`no such index: ${shown}`);
    }
    if (index.sql === null) throw new SqliteError('index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped');
    const db = databaseOfRoot(index.rootPage);
    b.writes = true;
    b.emit(Opcode.Destroy, index.rootPage);
    deleteSchemaRows(ctx, b, 1, index.name, db);
    bumpCookieAndReload(b, db);
    return;
  }
  if (statement.objectType === 'VIEW') return compileDropView(ctx, b, statement);
  throw unsupported(`DROP ${statement.objectType}`);
}
