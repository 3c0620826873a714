// CREATE VIEW / DROP VIEW: a view is a row in sqlite_schema (type 'view', rootpage 0) holding its
// CREATE text; selecting from it materializes its query (from.ts). CREATE VIEW compiles the query
// once, as SQLite does, so a view over unknown tables or columns is refused up front.

import { SqliteError, unsupported } from '../common/errors.js';
import type { CreateViewStatement, DropStatement } from '../parser/ast.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { bumpCookieAndReload, checkReservedName, checkSchemaName, deleteSchemaRows, insertSchemaRow } from './ddl.js';
import { compileSelect } from './select.js';
import { Opcode } from '../vm/program.js';

export function compileCreateView(ctx: CompileContext, b: ProgramBuilder, statement: CreateViewStatement): void {
  if (statement.temp) throw unsupported('TEMP views');
  checkSchemaName(statement.name.schema);
  const name = statement.name.name.text;
  if (statement.ifNotExists && (ctx.schema.table(name) || ctx.schema.view(name))) return;
  checkReservedName(name);
  ctx.schema.assertNameFree(name, 'view');
  // Resolve every name now (errors such as "no such table" belong to CREATE VIEW); discard the code.
  compileSelect({ ...ctx, ctes: undefined, viewStack: [name] }, new ProgramBuilder(), statement.select, { kind: 'result' });
  const sql = `CREATE VIEW ${ctx.sql.slice(statement.name.name.start, statement.end)}`;
  b.writes = true;
  const schemaCursor = b.cursor();
  b.emit(Opcode.OpenWrite, schemaCursor, 1);
  insertSchemaRow(b, schemaCursor, ['view', name, name, 0n, sql]);
  bumpCookieAndReload(b);
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
