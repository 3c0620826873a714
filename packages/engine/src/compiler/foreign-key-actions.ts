// ON DELETE / ON UPDATE actions (SQLite's fkActionTrigger). CASCADE, SET NULL and SET DEFAULT run
// as a trigger-like sub-program holding one statement on the child table (`DELETE FROM child WHERE
// child.key = old.key`, or `UPDATE child SET key = ... WHERE ...`), whose own row changes enforce
// the child's constraints and fire its actions in turn, so cascades recurse to any depth (and
// through self-references). RESTRICT fails at once when a child row still refers to the old key.

import type { DeleteStatement, Expr, Name, SetClause, UpdateStatement } from '../parser/ast.js';
import type { ForeignKeyInfo } from '../schema/foreign-keys.js';
import type { TableInfo } from '../schema/types.js';
import { Opcode } from '../vm/program.js';
import type { HaltError } from '../vm/ops/control.js';
import type { ComparisonSpec } from '../vm/ops/expression.js';
import { FOREIGN_KEY_FAILED } from '../vm/ops/foreign-key.js';
import type { SubProgram } from '../vm/ops/trigger.js';
import { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';
import { emitChildScan, locateParentKey, mismatch, referencesTo, type ParentKey } from './foreign-key-parent.js';
import type { RegisterSource } from './scope.js';
import type { TriggerScope } from './trigger-scope.js';
import { compileDelete, compileUpdate } from './update-delete.js';

/** Action sub-programs of the statement being prepared, by its root builder (shared with nested ones). */
const rootCaches = new WeakMap<ProgramBuilder, Map<string, SubProgram>>();

/** Per statement being prepared (its sub-program cache): the action whose program was compiled last. */
const lastCompiled = new WeakMap<Map<string, SubProgram>, { fk: ForeignKeyInfo; setNull: boolean }>();
/** RESTRICT actions are inline, but count as compiled programs (SQLite compiles them as triggers). */
const restrictSeen = new WeakMap<Map<string, SubProgram>, Set<string>>();

function cacheOf(ec: ExprCompiler): Map<string, SubProgram> {
  let cache = ec.ctx.trigger?.cache ?? rootCaches.get(ec.b);
  if (!cache) {
    cache = new Map();
    rootCaches.set(ec.b, cache);
  }
  return cache;
}

function cacheKey(key: ParentKey, update: boolean): string {
  const position = (key.child.foreignKeys ?? []).indexOf(key.fk);
  return `\u0001fk ${key.child.name.toLowerCase()} ${position} ${update ? 'update' : 'delete'}`;
}

/**
 * Whether the new child keys of `fk` are not checked here: SQLite skips the check when the action
 * program it compiled last, for the statement being prepared, is a SET NULL action of `fk` (meant
 * for that action's own UPDATE, whose new keys are NULL; it also applies to a REPLACE that
 * compiled such an action just before, as in SQLite).
 */
export function isLatestSetNullAction(ec: ExprCompiler, fk: ForeignKeyInfo): boolean {
  const last = lastCompiled.get(cacheOf(ec));
  return last !== undefined && last.setNull && last.fk === fk;
}

const NO_PARAMETERS = { count: 0, names: [] };

function name(text: string): Name {
  return { text, quoted: false, start: 0, end: 0 };
}

function column(table: string, text: string): Expr {
  return { kind: 'Column', schema: null, table: name(table), column: name(text), start: 0, end: 0 };
}

function conjunction(terms: Expr[]): Expr {
  return terms.reduce((left, right) => ({ kind: 'Binary', op: 'AND', left, right, start: 0, end: 0 }));
}

/**
 * Emits the actions for a row of `parent` deleted (`row` null) or updated (new row in `row`):
 * `refs` are the constraints whose parent key the UPDATE assigns (all of them for DELETE).
 */
export function emitForeignKeyActions(
  ec: ExprCompiler,
  parent: TableInfo,
  old: RegisterSource,
  row: RegisterSource | null,
  refs: readonly { child: TableInfo; fk: ForeignKeyInfo }[] = referencesTo(ec.ctx, parent),
): void {
  const b = ec.b;
  for (const { child, fk } of refs) {
    const action = row ? fk.onUpdate : fk.onDelete;
    if (action === 'NO ACTION') continue;
    // With PRAGMA defer_foreign_keys on, RESTRICT waits for COMMIT like NO ACTION.
    if (action === 'RESTRICT' && ec.ctx.foreignKeys?.deferAll) continue;
    const key = locateParentKey(child, fk, parent);
    if (!key) {
      if (ec.ctx.foreignKeys?.lenient) continue;
      throw mismatch(child, fk);
    }
    const skip = b.label();
    if (row) emitUnlessKeyChanged(ec, key, old, row, skip);
    if (action === 'RESTRICT') {
      const cache = cacheOf(ec);
      const seen = restrictSeen.get(cache) ?? new Set<string>();
      restrictSeen.set(cache, seen);
      if (!seen.has(cacheKey(key, row !== null))) lastCompiled.set(cache, { fk, setNull: false });
      seen.add(cacheKey(key, row !== null));
      emitChildScan(ec, key, old, false, () => {
        b.emit(Opcode.HaltWithError, 0, 0, 0, { message: FOREIGN_KEY_FAILED, code: 'SQLITE_CONSTRAINT_TRIGGER' } satisfies HaltError);
      });
    } else {
      const sub = actionProgram(ec, key, row !== null, action);
      const n = parent.columns.length;
      const args = b.registerBlock(2 * (n + 1));
      b.emit(Opcode.SCopy, old.rowid, args);
      if (n > 0) b.emit(Opcode.Copy, old.base, args + 1, n - 1);
      if (row) {
        b.emit(Opcode.SCopy, row.rowid, args + n + 1);
        if (n > 0) b.emit(Opcode.Copy, row.base, args + n + 2, n - 1);
      } else b.emit(Opcode.Null, 0, args + n + 1, args + 2 * n + 1);
      b.emit(Opcode.Program, args, skip, 2 * (n + 1), sub, 0);
    }
    b.place(skip);
  }
}

/** ON UPDATE actions run only when the parent key changed (`old.k IS NOT new.k`, with the column's collation). */
function emitUnlessKeyChanged(ec: ExprCompiler, key: ParentKey, old: RegisterSource, row: RegisterSource, skip: number): void {
  const b = ec.b;
  const parent = key.parent;
  const changed = b.label();
  for (const c of key.parentColumns) {
    const register = (source: RegisterSource): number => (c === parent.rowidAlias ? source.rowid : source.base + c);
    const next = b.label();
    const oldNull = b.label();
    b.emit(Opcode.IsNull, register(old), oldNull);
    b.emit(Opcode.IsNull, register(row), changed);
    b.emit(Opcode.CompareJump, register(old), changed, register(row), { op: '!=', affinity: null, collation: ec.collation(parent.columns[c]!.collation) } satisfies ComparisonSpec);
    b.emit(Opcode.Goto, 0, next);
    b.place(oldNull);
    b.emit(Opcode.NotNull, register(row), changed);
    b.place(next);
  }
  b.emit(Opcode.Goto, 0, skip);
  b.place(changed);
}

/** The sub-program of one constraint's action, compiled once per statement being prepared. */
function actionProgram(ec: ExprCompiler, key: ParentKey, update: boolean, action: ForeignKeyInfo['onDelete']): SubProgram {
  const cache = cacheOf(ec);
  const name = cacheKey(key, update);
  const cached = cache.get(name);
  if (cached) return cached;
  // Registered before compiling: a cascade that reaches the same constraint again runs this same program.
  const sub: SubProgram = { program: null, name: `foreign key action on ${key.child.name}` };
  cache.set(name, sub);
  lastCompiled.set(cache, { fk: key.fk, setNull: action === 'SET NULL' });
  sub.program = compileAction(ec.ctx, key, update, action, cache);
  return sub;
}

function compileAction(ctx: CompileContext, key: ParentKey, update: boolean, action: ForeignKeyInfo['onDelete'], cache: Map<string, SubProgram>) {
  const b = new ProgramBuilder();
  const parent = key.parent;
  const n = parent.columns.length;
  b.registerBlock(2 * (n + 1));
  const scope: TriggerScope = {
    old: { kind: 'registers', table: parent, name: 'old', base: 2, rowid: 1 },
    new: update ? { kind: 'registers', table: parent, name: 'new', base: n + 3, rowid: n + 2 } : null,
    cache,
  };
  const options = ctx.foreignKeys!;
  const bodyCtx: CompileContext = {
    ...ctx,
    sql: '',
    parameters: NO_PARAMETERS,
    ctes: undefined,
    viewStack: undefined,
    trigger: scope,
    foreignKeys: { deferAll: options.deferAll },
  };
  const child = key.child;
  const parentColumnName = (c: number): string => parent.columns[c]!.name;
  const where = conjunction(
    key.parentColumns.map((c, i): Expr => ({ kind: 'Binary', op: '=', left: column('old', parentColumnName(c)), right: column(child.name, child.columns[key.childColumns[i]!]!.name), start: 0, end: 0 })),
  );
  const table = { schema: null, name: name(child.name) };
  const span = { start: 0, end: 0 };
  if (action === 'CASCADE' && !update) {
    const statement: DeleteStatement = { kind: 'Delete', with: null, table, alias: null, indexHint: null, where, returning: null, orderBy: [], limit: null, ...span };
    compileDelete(bodyCtx, b, statement);
  } else {
    const sets: SetClause[] = key.childColumns.map((c, i) => {
      let value: Expr;
      if (action === 'CASCADE') value = column('new', parentColumnName(key.parentColumns[i]!));
      else if (action === 'SET DEFAULT') value = child.columns[c]!.defaultExpr ?? { kind: 'Null', ...span };
      else value = { kind: 'Null', ...span };
      return { columns: [name(child.columns[c]!.name)], parenthesized: false, value };
    });
    const statement: UpdateStatement = {
      kind: 'Update', with: null, orConflict: null, table, alias: null, indexHint: null, sets, from: null, where, returning: null, orderBy: [], limit: null, ...span,
    };
    compileUpdate(bodyCtx, b, statement);
  }
  b.emit(Opcode.ResetCount);
  b.emit(Opcode.TriggerReturn);
  return b.finish([], [], ctx.schema.generation);
}
