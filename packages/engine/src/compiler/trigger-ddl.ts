// CREATE TRIGGER / DROP TRIGGER: a trigger is a sqlite_schema row (type 'trigger', rootpage 0,
// tbl_name its table or view) holding "CREATE TRIGGER " + the text from its name on, exactly as
// SQLite stores it. As in SQLite the body is not compiled here: its errors (unknown tables or
// columns) surface when a statement that fires it is prepared. DROP TABLE and DROP VIEW remove
// their triggers with them (their rows share the tbl_name).

import { SqliteError } from '../common/errors.js';
import { databaseOfRoot, MAIN_DATABASE, TEMP_DATABASE } from '../schema/database-list.js';
import type { TableInfo, ViewInfo } from '../schema/types.js';
import { checkOwnDatabaseOnly, namedDatabase, schemaFor, schemaTableRoot } from './databases.js';
import { forEachNode, sameName, type CreateTriggerStatement, type DropStatement } from '../parser/ast.js';
import { foldName } from '../schema/schema.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload, checkReservedName, insertSchemaRow } from './ddl.js';

export function compileCreateTrigger(ctx: CompileContext, b: ProgramBuilder, statement: CreateTriggerStatement): void {
  const name = statement.name.name.text;
  if (statement.temp && statement.name.schema && !sameName(statement.name.schema.text, 'temp')) throw new SqliteError('temporary trigger may not have qualified name');
  const tableSchema = statement.table.schema;
  const tableName = statement.table.name.text;
  // SQLite's sqlite3BeginTrigger: the trigger goes in temp (TEMP, or an unqualified trigger on a
  // temp table), else the database its name is qualified with, else main.
  let target = statement.name.schema ? namedDatabase(ctx, statement.name.schema) : undefined;
  const lookIn = tableSchema ? schemaFor(ctx, tableSchema) : target ? target.schema : ctx.schema;
  const found = lookIn?.table(tableName) ?? lookIn?.view(tableName);
  if (!target) {
    const inTemp = statement.temp || (found !== undefined && objectDatabase(found) === TEMP_DATABASE);
    target = ctx.schema.databases()[inTemp ? TEMP_DATABASE : MAIN_DATABASE]!;
  }
  const db = target.index;
  if (db !== TEMP_DATABASE && tableSchema && ctx.schema.databaseNamed(tableSchema.text)?.index !== db) {
    throw new SqliteError(`trigger ${name} cannot reference objects in database ${tableSchema.text}`);
  }
  // SQLite's order of checks: the table, the name, then what the trigger may be on.
  const table = lookIn?.table(tableName);
  const view = table ? undefined : lookIn?.view(tableName);
  if (!table && !view) throw new SqliteError(`no such table: ${tableSchema?.text ?? target.name}.${tableName}`);
  checkReservedName(name);
  checkOwnDatabaseOnly(ctx, [statement.when, statement.body], db, `trigger ${name}`);
  if (target.schema.trigger(name)) {
    if (statement.ifNotExists) return;
    // SQLite quotes the name as written.
    throw new SqliteError(`trigger ${ctx.sql.slice(statement.name.name.start, statement.name.name.end)} already exists`);
  }
  const targetName = table ? table.name : view!.name;
  if (foldName(targetName).startsWith('sqlite_')) throw new SqliteError('cannot create trigger on system table');
  const timing = statement.timing ?? 'BEFORE';
  if (view && timing !== 'INSTEAD OF') throw new SqliteError(`cannot create ${timing} trigger on view: ${targetName}`);
  if (table && timing === 'INSTEAD OF') throw new SqliteError(`cannot create INSTEAD OF trigger on table: ${targetName}`);
  // SQLite's sqlite3FinishTrigger (its DbFixer): a stored trigger program cannot hold a `?` to bind.
  if (forEachNode([statement.body, statement.when], (node) => node.kind === 'Parameter' || undefined)) throw new SqliteError('trigger cannot use variables');
  const sql = `CREATE TRIGGER ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  b.writes = true;
  const schemaCursor = b.cursor();
  const tableDb = table ? databaseOfRoot(table.rootPage) : (view!.database ?? MAIN_DATABASE);
  if (db === TEMP_DATABASE && !tableSchema && tableDb !== TEMP_DATABASE) {
    const args = b.registerBlock(2);
    b.emit(Opcode.Value, 0, args, 0, name);
    b.emit(Opcode.Value, 0, args + 1, 0, ctx.schema.databases()[tableDb]!.name);
    b.emit(Opcode.HostCall, args, 2, b.register(), 'temp_trigger_target');
  }
  b.emit(Opcode.OpenWrite, schemaCursor, schemaTableRoot(db));
  insertSchemaRow(b, schemaCursor, ['trigger', name, targetName, 0n, sql]);
  bumpCookieAndReload(b, db);
}

/** The database a table or view of the combined schema is in. */
function objectDatabase(object: TableInfo | ViewInfo): number {
  return 'rootPage' in object ? databaseOfRoot(object.rootPage) : (object.database ?? MAIN_DATABASE);
}

export function compileDropTrigger(ctx: CompileContext, b: ProgramBuilder, statement: DropStatement): void {
  const schema = statement.name.schema;
  const name = statement.name.name.text;
  const trigger = schemaFor(ctx, schema)?.trigger(name);
  if (!trigger) {
    if (statement.ifExists) return;
    throw new SqliteError(`no such trigger: ${schema ? `${schema.text}.` : ''}${name}`);
  }
  const db = trigger.database ?? MAIN_DATABASE;
  b.writes = true;
  deleteTriggerRow(ctx, b, trigger.name, db);
  bumpCookieAndReload(b, db);
}

/** Deletes the sqlite_schema row of trigger `name` of database `db` (type 'trigger': a table may have the same name). */
export function deleteTriggerRow(ctx: CompileContext, b: ProgramBuilder, name: string, db = MAIN_DATABASE): void {
  const cursor = b.cursor();
  b.emit(Opcode.OpenWrite, cursor, schemaTableRoot(db));
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  const keep = b.label();
  const type = b.register();
  const wantedType = b.register();
  const value = b.register();
  const wanted = b.register();
  b.emit(Opcode.Value, 0, wantedType, 0, 'trigger');
  b.emit(Opcode.Value, 0, wanted, 0, name);
  const nocase = ctx.collations.get('NOCASE')!;
  const differs = (collation: typeof nocase): ComparisonSpec => ({ op: '!=', affinity: null, collation });
  b.emit(Opcode.Column, cursor, 0, type);
  b.emit(Opcode.CompareJump, type, keep, wantedType, differs(nocase), 1);
  b.emit(Opcode.Column, cursor, 1, value);
  b.emit(Opcode.CompareJump, value, keep, wanted, differs(nocase), 1);
  b.emit(Opcode.Delete, cursor);
  b.place(keep);
  b.emit(Opcode.Next, cursor, top);
  b.place(done);
}
