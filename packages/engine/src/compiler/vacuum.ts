// VACUUM [schema] [INTO expr]: the rebuild itself needs the pager, so it is a call into the
// connection (engine/vacuum.ts); the INTO expression is evaluated here, when the statement runs.

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type VacuumStatement } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import { TEMP_DATABASE } from '../schema/database-list.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';

export function compileVacuum(ctx: CompileContext, b: ProgramBuilder, statement: VacuumStatement): void {
  const schema = statement.schema;
  if (schema && !sameName(schema.text, 'main')) {
    const database = ctx.schema.databaseNamed(schema.text);
    if (!database) throw new SqliteError(`unknown database ${schema.text}`);
    // temp lives in memory: rebuilding it changes nothing anyone can observe.
    if (database.index === TEMP_DATABASE && !statement.into) return;
    throw unsupported(`VACUUM of database ${schema.text}`);
  }
  const args = b.register();
  if (statement.into) new ExprCompiler(b, ctx, { sources: [] }).compile(statement.into, args);
  b.emit(Opcode.HostCall, args, statement.into ? 1 : 0, b.register(), 'vacuum');
}
