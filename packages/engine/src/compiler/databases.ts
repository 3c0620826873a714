// Which database a name belongs to: `temp.x`, `main.x`, `aux.x` qualifiers, TEMP in DDL, and the
// addresses (schema/database-list.ts) DDL writes a database's sqlite_schema and header through.

import { SqliteError } from '../common/errors.js';
import { forEachNode, type Name, type TableRefSource } from '../parser/ast.js';
import { databaseAddress, databaseOfRoot, MAIN_DATABASE, TEMP_DATABASE, type DatabaseSchema } from '../schema/database-list.js';
import type { Schema } from '../schema/schema.js';
import type { TableInfo } from '../schema/types.js';
import type { CompileContext } from './context.js';

/** The schema names qualified with `qualifier` resolve in (every database's when unqualified); undefined for an unknown database. */
export function schemaFor(ctx: CompileContext, qualifier: Name | null | undefined): Schema | undefined {
  if (!qualifier) return ctx.schema;
  return ctx.schema.databaseNamed(qualifier.text)?.schema;
}

/** The database a qualifier names, or SQLite's "unknown database" error. */
export function namedDatabase(ctx: CompileContext, qualifier: Name): DatabaseSchema {
  const found = ctx.schema.databaseNamed(qualifier.text);
  if (!found) throw new SqliteError(`unknown database ${qualifier.text}`);
  return found;
}

/**
 * The database CREATE makes an object in: temp for CREATE TEMP, else the qualifier's, else main
 * (SQLite's sqlite3TwoPartName). `what` words the error for a qualified TEMP name.
 */
export function createTarget(ctx: CompileContext, qualifier: Name | null, temp: boolean, what: string): DatabaseSchema {
  if (temp) {
    if (qualifier && ctx.schema.databaseNamed(qualifier.text)?.index !== TEMP_DATABASE) throw new SqliteError(what);
    return ctx.schema.databases()[TEMP_DATABASE] ?? internalNoTemp();
  }
  if (qualifier) return namedDatabase(ctx, qualifier);
  return ctx.schema.databases()[MAIN_DATABASE]!;
}

function internalNoTemp(): never {
  throw new SqliteError('internal error: the connection has no temp database', 'SQLITE_INTERNAL');
}

/** The database (index) an object found in ctx.schema lives in, by its schema. */
export function databaseOfSchema(ctx: CompileContext, index: number): DatabaseSchema {
  return ctx.schema.databases()[index] ?? ctx.schema.databases()[MAIN_DATABASE]!;
}

/** The address of database `db`'s sqlite_schema tree. */
export function schemaTableRoot(db: number): number {
  return databaseAddress(db, 1);
}

/** A header field of database `db` (schema cookie 40, user_version 60...). */
export function headerAddress(db: number, offset: number): number {
  return databaseAddress(db, offset);
}

/** P3 of an OpenRead/OpenWrite whose root page is in a register (P5=1): where database `db`'s addresses start. */
export function registerRootBase(db: number): number {
  return databaseAddress(db, 0);
}

/**
 * SQLite's DbFixer: a view or trigger stored in a database other than temp may name tables of its
 * own database only, so a qualifier naming another one is an error (`what` is "view v" or
 * "trigger t"). TEMP objects may name any database.
 */
export function checkOwnDatabaseOnly(ctx: CompileContext, node: unknown, db: number, what: string): void {
  if (db === TEMP_DATABASE) return;
  forEachNode(node, (n) => {
    const qualifier = n.kind === 'TableRef' ? (n as TableRefSource).name.schema : null;
    if (qualifier && ctx.schema.databaseNamed(qualifier.text)?.index !== db) {
      throw new SqliteError(`${what} cannot reference objects in database ${qualifier.text}`);
    }
  });
}

/**
 * The context a statement on the qualified table `qualifier.name` (INSERT INTO aux.t, UPDATE,
 * DELETE) compiles in: that database's objects found first. SQLite's error when it has no such table.
 */
export function qualifiedContext(ctx: CompileContext, qualifier: Name, name: string): CompileContext {
  const db = ctx.schema.databaseNamed(qualifier.text);
  if (!db || (!db.schema.table(name) && !db.schema.view(name))) throw new SqliteError(`no such table: ${qualifier.text}.${name}`);
  return { ...ctx, schema: ctx.schema.preferring(db.index) };
}

/** The schema a view's query resolves names in: a TEMP view's as any statement, another's in its own database (SQLite's DbFixer). */
export function viewSchema(ctx: CompileContext, database: number | undefined): Schema {
  return database === TEMP_DATABASE ? ctx.schema.full() : ctx.schema.only(database ?? MAIN_DATABASE);
}

/** The name of the database a stored table is in (a CursorSource's `database`). */
export function databaseNameOf(ctx: CompileContext, table: TableInfo): string {
  return ctx.schema.databases()[databaseOfRoot(table.rootPage)]?.name ?? 'main';
}
