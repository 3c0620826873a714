// EXPLAIN: the statement is compiled as usual, not run; its bytecode is returned as rows with
// SQLite's EXPLAIN columns (addr, opcode, p1, p2, p3, p4, p5, comment). The opcodes are Tandem's
// own, so the listing describes the program Tandem would really run.

import type { SqlValue } from '../common/values.js';
import type { ResultColumn } from '../engine/prepared.js';
import type { Statement } from '../parser/ast.js';
import { Opcode, type Instruction, type Program } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { recordQueryPlan } from './query-plan.js';

export const EXPLAIN_COLUMNS = ['addr', 'opcode', 'p1', 'p2', 'p3', 'p4', 'p5', 'comment'];

/**
 * Opcode names for the listing. Partial on purpose: an opcode added later without a name here is
 * listed as "Opcode<n>" rather than breaking the build.
 */
const OPCODE_NAMES: Partial<Record<Opcode, string>> = {
  [Opcode.Init]: 'Init', [Opcode.Goto]: 'Goto', [Opcode.Halt]: 'Halt', [Opcode.HaltWithError]: 'HaltWithError',
  [Opcode.HaltIfNull]: 'HaltIfNull',
  [Opcode.If]: 'If', [Opcode.IfNot]: 'IfNot', [Opcode.IsNull]: 'IsNull', [Opcode.NotNull]: 'NotNull',
  [Opcode.Gosub]: 'Gosub', [Opcode.Return]: 'Return', [Opcode.IfPos]: 'IfPos', [Opcode.DecrJumpZero]: 'DecrJumpZero',
  [Opcode.Once]: 'Once', [Opcode.Noop]: 'Noop',
  [Opcode.Value]: 'Value', [Opcode.Null]: 'Null', [Opcode.Variable]: 'Variable', [Opcode.Copy]: 'Copy',
  [Opcode.SCopy]: 'SCopy', [Opcode.ResultRow]: 'ResultRow', [Opcode.MakeRecord]: 'MakeRecord', [Opcode.Cast]: 'Cast',
  [Opcode.Affinity]: 'Affinity', [Opcode.MustBeInt]: 'MustBeInt',
  [Opcode.Add]: 'Add', [Opcode.Subtract]: 'Subtract', [Opcode.Multiply]: 'Multiply', [Opcode.Divide]: 'Divide',
  [Opcode.Remainder]: 'Remainder', [Opcode.BitAnd]: 'BitAnd', [Opcode.BitOr]: 'BitOr', [Opcode.ShiftLeft]: 'ShiftLeft',
  [Opcode.ShiftRight]: 'ShiftRight', [Opcode.BitNot]: 'BitNot', [Opcode.Negate]: 'Negate', [Opcode.Concat]: 'Concat',
  [Opcode.Not]: 'Not', [Opcode.And]: 'And', [Opcode.Or]: 'Or', [Opcode.Compare]: 'Compare',
  [Opcode.CompareJump]: 'CompareJump', [Opcode.Function]: 'Function', [Opcode.AggStep]: 'AggStep', [Opcode.AggFinal]: 'AggFinal',
  [Opcode.OpenRead]: 'OpenRead', [Opcode.OpenWrite]: 'OpenWrite', [Opcode.OpenEphemeral]: 'OpenEphemeral', [Opcode.Close]: 'Close',
  [Opcode.Rewind]: 'Rewind', [Opcode.Last]: 'Last', [Opcode.Next]: 'Next', [Opcode.Prev]: 'Prev',
  [Opcode.SeekRowid]: 'SeekRowid', [Opcode.NotExists]: 'NotExists', [Opcode.SeekGE]: 'SeekGE', [Opcode.SeekGT]: 'SeekGT',
  [Opcode.SeekLE]: 'SeekLE', [Opcode.SeekLT]: 'SeekLT', [Opcode.IdxGE]: 'IdxGE', [Opcode.IdxGT]: 'IdxGT',
  [Opcode.IdxLE]: 'IdxLE', [Opcode.IdxLT]: 'IdxLT', [Opcode.Found]: 'Found', [Opcode.NotFound]: 'NotFound',
  [Opcode.Column]: 'Column', [Opcode.Rowid]: 'Rowid', [Opcode.IdxRowid]: 'IdxRowid', [Opcode.NullRow]: 'NullRow', [Opcode.Count]: 'Count',
  [Opcode.NewRowid]: 'NewRowid', [Opcode.Insert]: 'Insert', [Opcode.IdxInsert]: 'IdxInsert', [Opcode.Delete]: 'Delete',
  [Opcode.IdxDelete]: 'IdxDelete', [Opcode.NoConflict]: 'NoConflict', [Opcode.RowSetAdd]: 'RowSetAdd', [Opcode.RowSetRead]: 'RowSetRead',
  [Opcode.SorterOpen]: 'SorterOpen', [Opcode.SorterInsert]: 'SorterInsert', [Opcode.SorterSort]: 'SorterSort', [Opcode.SorterNext]: 'SorterNext',
  [Opcode.SorterSubtypes]: 'SorterSubtypes', [Opcode.ColumnSubtype]: 'ColumnSubtype',
  [Opcode.Transaction]: 'Transaction', [Opcode.AutoCommit]: 'AutoCommit', [Opcode.CreateBtree]: 'CreateBtree', [Opcode.Destroy]: 'Destroy',
  [Opcode.Clear]: 'Clear', [Opcode.ParseSchema]: 'ParseSchema', [Opcode.ReadCookie]: 'ReadCookie', [Opcode.SetCookie]: 'SetCookie',
  [Opcode.HostCall]: 'HostCall',
  [Opcode.WindowOpen]: 'WindowOpen', [Opcode.WindowNext]: 'WindowNext', [Opcode.Program]: 'Program', [Opcode.TriggerReturn]: 'TriggerReturn',
  [Opcode.Raise]: 'Raise', [Opcode.ResetCount]: 'ResetCount', [Opcode.FkCounter]: 'FkCounter', [Opcode.FkIfZero]: 'FkIfZero',
  [Opcode.FkCheck]: 'FkCheck',
  [Opcode.QueueOpen]: 'QueueOpen', [Opcode.QueuePush]: 'QueuePush', [Opcode.QueuePop]: 'QueuePop',
  [Opcode.OpenDup]: 'OpenDup',
  [Opcode.GroupOpen]: 'GroupOpen', [Opcode.GroupStep]: 'GroupStep', [Opcode.GroupSort]: 'GroupSort', [Opcode.GroupNext]: 'GroupNext',
};

export function opcodeName(op: Opcode): string {
  return OPCODE_NAMES[op] ?? `Opcode${op as number}`;
}

/** P4 as text: constants as SQLite prints them, functions and collations by name, other operands summarized. */
export function describeP4(p4: unknown, depth = 0): string | null {
  if (p4 === null || p4 === undefined) return null;
  if (typeof p4 === 'string') return p4;
  if (typeof p4 === 'number' || typeof p4 === 'bigint') return String(p4);
  if (typeof p4 === 'boolean') return p4 ? '1' : '0';
  if (typeof p4 === 'function') return p4.name || 'function';
  if (p4 instanceof Uint8Array) return `x'${Array.from(p4, (x) => x.toString(16).padStart(2, '0')).join('')}'`;
  if (depth > 1) return '…';
  if (Array.isArray(p4)) return `(${p4.map((v) => describeP4(v, depth + 1) ?? 'NULL').join(',')})`;
  const record = p4 as Record<string, unknown>;
  if (typeof record.name === 'string') return record.name;
  const fields = Object.entries(record)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .map(([k, v]) => `${k}=${describeP4(v, depth + 1) ?? 'NULL'}`);
  return fields.join(' ');
}

function listingRow(address: number, ins: Instruction): SqlValue[] {
  return [
    BigInt(address), opcodeName(ins.op), BigInt(ins.p1), BigInt(ins.p2), BigInt(ins.p3), describeP4(ins.p4), BigInt(ins.p5), ins.comment ?? null,
  ];
}

function column(name: string): ResultColumn {
  return { name, column: null, table: null, database: null, type: null };
}

/** EXPLAIN <statement>: emits one result row per instruction of the statement's program. */
export function compileExplain(
  ctx: CompileContext,
  b: ProgramBuilder,
  statement: Statement,
  compile: (ctx: CompileContext, statement: Statement) => Program,
): ResultColumn[] {
  const program = compile(ctx, statement);
  const base = b.registerBlock(EXPLAIN_COLUMNS.length);
  program.instructions.forEach((ins, address) => {
    listingRow(address, ins).forEach((value, i) => b.emit(Opcode.Value, 0, base + i, 0, value));
    b.emit(Opcode.ResultRow, base, EXPLAIN_COLUMNS.length);
  });
  return EXPLAIN_COLUMNS.map(column);
}

export const QUERY_PLAN_COLUMNS = ['id', 'parent', 'notused', 'detail'];

/**
 * EXPLAIN QUERY PLAN <statement>: the statement is compiled with plan recording on; each noted
 * decision is one row. `notused` is 0 (SQLite puts a cost estimate there that Tandem has no use for).
 */
export function compileExplainQueryPlan(
  ctx: CompileContext,
  b: ProgramBuilder,
  statement: Statement,
  compile: (ctx: CompileContext, statement: Statement) => Program,
): ResultColumn[] {
  const lines = recordQueryPlan(statement, () => void compile(ctx, statement));
  const base = b.registerBlock(QUERY_PLAN_COLUMNS.length);
  for (const line of lines) {
    [BigInt(line.id), BigInt(line.parent), 0n, line.detail].forEach((value, i) => b.emit(Opcode.Value, 0, base + i, 0, value));
    b.emit(Opcode.ResultRow, base, QUERY_PLAN_COLUMNS.length);
  }
  return QUERY_PLAN_COLUMNS.map(column);
}
