// VACUUM [schema] [INTO expr]: the rebuild itself needs the pager, so it is a call into the
// connection (engine/vacuum.ts); the INTO expression is evaluated here, when the statement runs.

import { SqliteError, unsupported } from '../common/errors.js';
import { sameName, type VacuumStatement } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';

export function compileVacuum(ctx: CompileContext, b: ProgramBuilder, statement: VacuumStatement): void {
  const schema = statement.schema;
  if (schema && !sameName(schema.text, 'main')) {
    if (sameName(schema.text, 'temp')) throw unsupported('VACUUM temp');
    throw new SqliteError(`unknown database ${schema.text}`);
  }
  const args = b.register();
  if (statement.into) new ExprCompiler(b, ctx, { sources: [] }).compile(statement.into, args);
  b.emit(Opcode.HostCall, args, statement.into ? 1 : 0, b.register(), 'vacuum');
}
