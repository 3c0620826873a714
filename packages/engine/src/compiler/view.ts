// CREATE VIEW / DROP VIEW: a view is a row in sqlite_schema (type 'view', rootpage 0) holding its
// CREATE text; selecting from it materializes its query (from.ts). CREATE VIEW compiles the query
// only when the view is used, as SQLite does: a view over unknown tables or columns is accepted.

import { SqliteError } from '../common/errors.js';
import { MAIN_DATABASE } from '../schema/database-list.js';
import { checkOwnDatabaseOnly, createTarget, schemaFor, schemaTableRoot } from './databases.js';
import { forEachNode, type CreateViewStatement, type DropStatement } from '../parser/ast.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload, checkReservedName, deleteSchemaRows, insertSchemaRow } from './ddl.js';
import { Opcode } from '../vm/program.js';

export function compileCreateView(ctx: CompileContext, b: ProgramBuilder, statement: CreateViewStatement): void {
  const target = createTarget(ctx, statement.name.schema, statement.temp, 'temporary table name must be unqualified');
  const db = target.index;
  const name = statement.name.name.text;
  if (statement.ifNotExists && (target.schema.table(name) || target.schema.view(name))) return;
  checkReservedName(name);
  target.schema.assertNameFree(name, 'view', ctx.sql.slice(statement.name.name.start, statement.name.name.end));
  checkOwnDatabaseOnly(ctx, statement.select, db, `view ${name}`);
  // SQLite resolves a view's names only when it is used (a view may name tables created later);
  // parameters are the one thing refused up front.
  if (hasParameter(statement.select)) throw new SqliteError('parameters are not allowed in views');
  const sql = `CREATE VIEW ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  b.writes = true;
  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, schemaTableRoot(db));
  insertSchemaRow(b, schemaCursor, ['view', name, name, 0n, sql]);
  bumpCookieAndReload(b, db);
}

function hasParameter(node: unknown): boolean {
  return forEachNode(node, (n) => n.kind === 'Parameter' || undefined);
}

export function compileDropView(ctx: CompileContext, b: ProgramBuilder, statement: DropStatement): void {
  const name = statement.name.name.text;
  const schema = schemaFor(ctx, statement.name.schema);
  const view = schema?.view(name);
  if (!view) {
    if (schema?.table(name)) throw new SqliteError(`use DROP TABLE to delete table ${name}`);
    if (statement.ifExists) return;
    throw new SqliteError(`no such view: ${statement.name.schema ? `${statement.name.schema.text}.` : ''}${name}`);
  }
  const db = view.database ?? MAIN_DATABASE;
  b.writes = true;
  // By tbl_name: the view's row and its triggers' rows.
  deleteSchemaRows(ctx, b, 2, view.name, db);
  bumpCookieAndReload(b, db);
}
