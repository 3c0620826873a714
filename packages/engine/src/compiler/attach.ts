// ATTACH [DATABASE] file AS name [KEY k] / DETACH [DATABASE] name: evaluate the operands, then the
// connection does the work (engine/attach.ts). As in SQLite a bare identifier is its own name
// (`ATTACH 'f' AS aux` is `AS 'aux'`).

import { unsupported } from '../common/errors.js';
import type { AttachStatement, DetachStatement, Expr } from '../parser/ast.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { ExprCompiler } from './expr.js';

function emitOperand(ec: ExprCompiler, expr: Expr, target: number): void {
  if (expr.kind === 'Column' && !expr.table && !expr.schema) ec.b.emit(Opcode.Value, 0, target, 0, expr.column.text);
  else ec.compile(expr, target);
}

export function compileAttach(ctx: CompileContext, b: ProgramBuilder, statement: AttachStatement): void {
  if (statement.key) throw unsupported('ATTACH ... KEY (encryption)');
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const args = b.registerBlock(2);
  emitOperand(ec, statement.file, args);
  emitOperand(ec, statement.schema, args + 1);
  b.emit(Opcode.HostCall, args, 2, b.register(), 'attach');
}

export function compileDetach(ctx: CompileContext, b: ProgramBuilder, statement: DetachStatement): void {
  const ec = new ExprCompiler(b, ctx, { sources: [] });
  const arg = b.register();
  emitOperand(ec, statement.schema, arg);
  b.emit(Opcode.HostCall, arg, 1, b.register(), 'detach');
}
