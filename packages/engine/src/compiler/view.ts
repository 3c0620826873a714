// CREATE VIEW / DROP VIEW: a view is a row in sqlite_schema (type 'view', rootpage 0) holding its
// CREATE text; selecting from it materializes its query (from.ts). CREATE VIEW compiles the query
// only when the view is used, as SQLite does: a view over unknown tables or columns is accepted.

import { SqliteError, unsupported } from '../common/errors.js';
import { forEachNode, type CreateViewStatement, type DropStatement } from '../parser/ast.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload, checkReservedName, checkSchemaName, deleteSchemaRows, insertSchemaRow } from './ddl.js';
import { Opcode } from '../vm/program.js';

export function compileCreateView(ctx: CompileContext, b: ProgramBuilder, statement: CreateViewStatement): void {
  if (statement.temp) throw unsupported('TEMP views');
  checkSchemaName(statement.name.schema);
  const name = statement.name.name.text;
  if (statement.ifNotExists && (ctx.schema.table(name) || ctx.schema.view(name))) return;
  checkReservedName(name);
  ctx.schema.assertNameFree(name, 'view');
  // SQLite resolves a view's names only when it is used (a view may name tables created later);
  // parameters are the one thing refused up front.
  if (hasParameter(statement.select)) throw new SqliteError('parameters are not allowed in views');
  const sql = `CREATE VIEW ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  b.writes = true;
  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, 1);
  insertSchemaRow(b, schemaCursor, ['view', name, name, 0n, sql]);
  bumpCookieAndReload(b);
}

function hasParameter(node: unknown): boolean {
  return forEachNode(node, (n) => n.kind === 'Parameter' || undefined);
}

export function compileDropView(ctx: CompileContext, b: ProgramBuilder, statement: DropStatement): void {
  const name = statement.name.name.text;
  const view = ctx.schema.view(name);
  if (!view) {
    if (ctx.schema.table(name)) throw new SqliteError(`use DROP TABLE to delete table ${name}`);
    if (statement.ifExists) return;
    throw new SqliteError(`no such view: ${name}`);
  }
  b.writes = true;
  // By tbl_name: the view's row and its triggers' rows.
  deleteSchemaRows(ctx, b, 2, view.name);
  bumpCookieAndReload(b);
}
