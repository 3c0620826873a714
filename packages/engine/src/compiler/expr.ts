// Expression code generation: evaluates an AST expression into a register. Also the static
// properties SQLite derives from expressions: affinity, collation, and the result-column name.

import { SqliteError, unsupported } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { BinaryOperator, Expr, InTableExpr, Select, SelectClause, TableSource } from '../parser/ast.js';
import { Affinity, applyAffinity, castAffinity, comparisonAffinity } from '../values/affinity.js';
import { binaryCollation, type Collation } from '../values/collation.js';
import { Opcode } from '../vm/program.js';
import type { ComparisonOperator, ComparisonSpec } from '../vm/ops/expression.js';
import type { ColumnSpec } from '../vm/ops/cursor.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import { noSuchColumn, resolveColumn, type ResolvedColumn, type Scope } from './scope.js';
import { enclosingReplacement } from './outer-aggregates.js';
import { rewriteRowValues } from './row-values.js';
import { compileExists, compileInSelect, compileScalarSubquery, expressionSubqueryAffinities } from './subquery.js';
import { compileRaise, resolveTriggerColumn } from './trigger-scope.js';
import { emitGeneratedRead } from './generated.js';
import { hasGeneratedColumns } from '../schema/generated.js';
import { storedPosition } from '../schema/without-rowid.js';

const ARITHMETIC: Partial<Record<BinaryOperator, Opcode>> = {
  '+': Opcode.Add,
  '-': Opcode.Subtract,
  '*': Opcode.Multiply,
  '/': Opcode.Divide,
  '%': Opcode.Remainder,
  '&': Opcode.BitAnd,
  '|': Opcode.BitOr,
  '<<': Opcode.ShiftLeft,
  '>>': Opcode.ShiftRight,
  '||': Opcode.Concat,
  AND: Opcode.And,
  OR: Opcode.Or,
};

const COMPARISONS = new Set<BinaryOperator>(['=', '!=', '<', '<=', '>', '>=', 'IS', 'IS NOT']);
/** For two non-NULL values, `a op b` is false exactly when `a inverse b` is true. */
const INVERSE_COMPARISON: Partial<Record<string, ComparisonOperator>> = { '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/** The value of a literal expression, or undefined when `expr` is not a constant literal. */
export function literalValue(expr: Expr): SqlValue | undefined {
  switch (expr.kind) {
    case 'Integer':
      // `-0x8000000000000000` as a value (sqlite3ValueFromExpr, e.g. an added column's DEFAULT for
      // existing rows) negates the INTEGER minimum into a REAL; coding it is an error (compile()).
      if (expr.hexTooBig !== undefined && expr.value === -0x8000000000000000n) return 9223372036854775808;
      return expr.value;
    case 'Real':
    case 'String':
    case 'Blob':
      return expr.value;
    case 'Null':
      return null;
    case 'Boolean':
      return expr.value ? 1n : 0n;
    case 'Unary':
      if (expr.op === '-' && expr.operand.kind === 'Integer') {
        // -(-9223372036854775808) does not fit: SQLite makes it REAL.
        return expr.operand.value === -9223372036854775808n ? 9223372036854775808 : -expr.operand.value;
      }
      if (expr.op === '-' && expr.operand.kind === 'Real') return -expr.operand.value;
      if (expr.op === '+') return literalValue(expr.operand);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * An integer literal that fits in 32 bits, through unary + and - (SQLite's sqlite3ExprIsInteger):
 * as an ORDER BY or GROUP BY term it is a result-column number; anything else is an expression.
 */
export function columnNumberTerm(expr: Expr): number | null {
  if (expr.kind === 'Integer') return expr.value >= -2147483648n && expr.value <= 2147483647n ? Number(expr.value) : null;
  if (expr.kind !== 'Unary' || (expr.op !== '+' && expr.op !== '-')) return null;
  const inner = columnNumberTerm(expr.operand);
  return inner === null ? null : expr.op === '-' ? -inner : inner;
}

/**
 * The default of a column as a constant (for records shorter than the table), converted by the
 * column's affinity as SQLite's sqlite3ColumnDefault does (DEFAULT 0 on a TEXT column reads '0').
 */
export function constantDefault(expr: Expr | null, affinity?: Affinity): SqlValue {
  if (!expr) return null;
  const v = literalValue(expr);
  if (v === undefined) return null;
  return affinity ? applyAffinity(v, affinity) : v;
}

export class ExprCompiler {
  constructor(
    readonly b: ProgramBuilder,
    readonly ctx: CompileContext,
    public scope: Scope,
  ) {}

  collation(name: string): Collation {
    const c = this.ctx.collations.get(name.toUpperCase());
    if (!c) throw new SqliteError(`no such collation sequence: ${name}`);
    return c;
  }

  /** Affinity of an expression (column affinity, CAST type), or null for "no affinity". */
  affinity(expr: Expr): Affinity | null {
    switch (expr.kind) {
      case 'Column': {
        const resolved = this.tryResolve(expr);
        if (!resolved || resolved.coalesce) return null;
        if (resolved.column < 0) return Affinity.Integer;
        const column = resolved.source.table.columns[resolved.column]!;
        return column.noAffinity ? null : column.affinity;
      }
      case 'Cast':
        return castAffinity(expr.type.text);
      case 'Collate':
        return this.affinity(expr.operand);
      case 'Subquery':
        return expressionSubqueryAffinities(this, expr.select)[0] ?? null;
      default:
        return null;
    }
  }

  /** The collation an expression carries: explicit (COLLATE) first, then a column's. */
  collationOf(expr: Expr): { name: string; explicit: boolean } | null {
    if (expr.kind === 'Collate') return { name: expr.collation.text, explicit: true };
    if (expr.kind === 'Column') {
      const resolved = this.tryResolve(expr);
      if (resolved && resolved.column >= 0 && !resolved.coalesce) return { name: resolved.source.table.columns[resolved.column]!.collation, explicit: false };
    }
    return null;
  }

  /** SQLite's choice of collation for a binary comparison. */
  comparisonCollation(left: Expr, right: Expr): Collation {
    const l = this.collationOf(left);
    const r = this.collationOf(right);
    const chosen = l?.explicit ? l : r?.explicit ? r : (l ?? r);
    return chosen ? this.collation(chosen.name) : binaryCollation;
  }

  comparisonSpec(op: ComparisonOperator, left: Expr, right: Expr): ComparisonSpec {
    return { op, affinity: comparisonAffinity(this.affinity(left), this.affinity(right)), collation: this.comparisonCollation(left, right) };
  }

  tryResolve(ref: Expr & { kind: 'Column' }): ResolvedColumn | null {
    return resolveColumn(this.scope, ref) ?? resolveTriggerColumn(this.ctx, ref);
  }

  /** Emits code reading a resolved column into `target`. */
  emitColumn(resolved: ResolvedColumn, target: number): void {
    if (resolved.coalesce) return this.emitCoalesce(resolved.coalesce, target);
    const { source, column } = resolved;
    if (source.kind === 'registers') {
      this.b.emit(Opcode.SCopy, column < 0 ? source.rowid : source.base + column, target);
      return;
    }
    if (column < 0) {
      this.b.emit(Opcode.Rowid, source.cursor, target);
      return;
    }
    const info = source.table.columns[column]!;
    const field = hasGeneratedColumns(source.table) ? emitGeneratedRead(this, source, column, target) : storedPosition(source.table, column);
    if (field === null) return;
    const spec: ColumnSpec = { defaultValue: constantDefault(info.defaultExpr, info.affinity), realAffinity: info.affinity === Affinity.Real };
    this.b.emit(Opcode.Column, source.cursor, field, target, spec);
    if (source.columnSubtype) this.b.emit(Opcode.ColumnSubtype, source.cursor, field, target, source.columnSubtype);
  }

  /** coalesce() of columns (the USING column of FULL joins), as SQLite builds it. */
  private emitCoalesce(columns: readonly ResolvedColumn[], target: number): void {
    const done = this.b.label();
    columns.forEach((c, i) => {
      this.emitColumn(c, target);
      if (i < columns.length - 1) this.b.emit(Opcode.NotNull, target, done);
    });
    this.b.place(done);
  }

  /** Evaluates `expr` into a fresh register and returns it. */
  toRegister(expr: Expr): number {
    const r = this.b.register();
    this.compile(expr, r);
    return r;
  }

  /** Evaluates `expr` into register `target`. */
  compile(expr: Expr, target: number): void {
    // An enclosing query's replacement too: its aggregate written in this subquery (outer-aggregates.ts).
    const replaced = enclosingReplacement(this.scope, expr);
    if (replaced !== undefined) {
      this.b.emit(Opcode.SCopy, replaced, target);
      return;
    }
    const rowValues = expr.kind === 'Binary' || expr.kind === 'Between' || expr.kind === 'InList' ? rewriteRowValues(expr) : null;
    if (rowValues) {
      this.compile(rowValues, target);
      return;
    }
    const b = this.b;
    switch (expr.kind) {
      case 'Integer':
        // SQLite reports an oversized hex literal while generating code (codeInteger), not while parsing.
        if (expr.hexTooBig !== undefined) throw new SqliteError(expr.hexTooBig);
        b.emit(Opcode.Value, 0, target, 0, expr.value);
        return;
      case 'Real':
      case 'String':
      case 'Blob':
        b.emit(Opcode.Value, 0, target, 0, expr.value);
        return;
      case 'Null':
        b.emit(Opcode.Null, 0, target);
        return;
      case 'Boolean': {
        const asColumn = this.tryResolve({ kind: 'Column', schema: null, table: null, column: expr.name, start: expr.start, end: expr.end });
        if (asColumn) this.emitColumn(asColumn, target);
        else b.emit(Opcode.Value, 0, target, 0, expr.value ? 1n : 0n);
        return;
      }
      case 'Parameter':
        b.emit(Opcode.Variable, expr.index, target);
        return;
      case 'Column': {
        const resolved = this.tryResolve(expr);
        if (resolved) {
          this.emitColumn(resolved, target);
          return;
        }
        const aliased = expr.table ? undefined : this.scope.aliases?.get(expr.column.text.toLowerCase());
        if (aliased && aliased !== expr) {
          // The alias's expression is resolved without aliases, as in SQLite: `SELECT b+1 AS b ... WHERE b > 0`
          // is "no such column: b", not an endless expansion.
          const saved = this.scope;
          this.scope = { ...saved, aliases: undefined };
          try {
            this.compile(aliased, target);
          } finally {
            this.scope = saved;
          }
          return;
        }
        // No double-quoted string fallback: better-sqlite3 builds SQLite with SQLITE_DQS=0, and
        // stored schema expressions had theirs made strings at load (schema/double-quoted-strings.ts).
        throw noSuchColumn(expr, this.ctx.sql);
      }
      case 'Unary': {
        const constant = literalValue(expr);
        if (constant !== undefined && expr.op === '-') {
          b.emit(Opcode.Value, 0, target, 0, constant);
          return;
        }
        if (expr.op === '+') {
          this.compile(expr.operand, target);
          return;
        }
        const operand = this.toRegister(expr.operand);
        b.emit(expr.op === '-' ? Opcode.Negate : expr.op === '~' ? Opcode.BitNot : Opcode.Not, operand, target);
        return;
      }
      case 'Binary': {
        if ((expr.op === 'IS' || expr.op === 'IS NOT') && this.isTruthLiteral(expr.right)) {
          // `x IS [NOT] TRUE/FALSE` tests x's truth value (NULL is neither), not equality with 1 or 0.
          const operand = this.toRegister(expr.left);
          const wantTrue = this.isTruthLiteral(expr.right) === 'TRUE';
          const fails = b.label();
          const done = b.label();
          b.emit(wantTrue ? Opcode.IfNot : Opcode.If, operand, fails, 1);
          b.emit(Opcode.Value, 0, target, 0, expr.op === 'IS' ? 1n : 0n);
          b.emit(Opcode.Goto, 0, done);
          b.place(fails);
          b.emit(Opcode.Value, 0, target, 0, expr.op === 'IS' ? 0n : 1n);
          b.place(done);
          return;
        }
        if (COMPARISONS.has(expr.op)) {
          const left = this.toRegister(expr.left);
          const right = this.toRegister(expr.right);
          b.emit(Opcode.Compare, left, right, target, this.comparisonSpec(expr.op as ComparisonOperator, expr.left, expr.right));
          return;
        }
        if (expr.op === '->' || expr.op === '->>') {
          // The JSON operators are functions registered under the operator's own name (functions/json).
          this.compileCall(expr.op, [expr.left, expr.right], target, false);
          return;
        }
        const op = ARITHMETIC[expr.op];
        if (op === undefined) throw unsupported(`the ${expr.op} operator`);
        const left = this.toRegister(expr.left);
        const right = this.toRegister(expr.right);
        b.emit(op, left, right, target);
        return;
      }
      case 'Like': {
        const name = expr.op.toLowerCase();
        const args = [expr.pattern, expr.left, ...(expr.escape ? [expr.escape] : [])];
        this.compileCall(name, args, target, false);
        if (expr.not) b.emit(Opcode.Not, target, target);
        return;
      }
      case 'Between': {
        const operand = this.toRegister(expr.operand);
        const low = this.toRegister(expr.low);
        const high = this.toRegister(expr.high);
        const lowResult = b.register();
        b.emit(Opcode.Compare, operand, low, lowResult, this.comparisonSpec('>=', expr.operand, expr.low));
        b.emit(Opcode.Compare, operand, high, target, this.comparisonSpec('<=', expr.operand, expr.high));
        b.emit(Opcode.And, lowResult, target, target);
        if (expr.not) b.emit(Opcode.Not, target, target);
        return;
      }
      case 'InList':
        this.compileInList(expr, target);
        return;
      case 'IsNull': {
        const operand = this.toRegister(expr.operand);
        const done = b.label();
        b.emit(Opcode.Value, 0, target, 0, 1n);
        b.emit(expr.not ? Opcode.NotNull : Opcode.IsNull, operand, done);
        b.emit(Opcode.Value, 0, target, 0, 0n);
        b.place(done);
        return;
      }
      case 'Collate':
        this.collation(expr.collation.text);
        this.compile(expr.operand, target);
        return;
      case 'Cast':
        this.compile(expr.operand, target);
        b.emit(Opcode.Cast, target, 0, 0, castAffinity(expr.type.text));
        return;
      case 'Case':
        this.compileCase(expr, target);
        return;
      case 'Function':
        if (expr.over) throw new SqliteError(`misuse of window function ${expr.name.text}()`);
        if (expr.filter) throw new SqliteError(`FILTER may not be used with non-aggregate ${expr.name.text}()`);
        if (expr.orderBy.length > 0) throw new SqliteError(`ORDER BY may not be used with non-aggregate ${expr.name.text}()`);
        this.compileCall(expr.name.text, expr.args, target, expr.star);
        return;
      case 'CurrentTime':
        // CURRENT_TIME/DATE/TIMESTAMP are time('now'), date('now'), datetime('now').
        this.compileCall(expr.which === 'TIME' ? 'time' : expr.which === 'DATE' ? 'date' : 'datetime', [], target, false);
        return;
      case 'Subquery':
        compileScalarSubquery(this, expr.select, target);
        return;
      case 'Exists':
        compileExists(this, expr.select, target);
        return;
      case 'InSelect':
        compileInSelect(this, expr.operand, expr.select, expr.not, target);
        return;
      case 'InTable':
        compileInSelect(this, expr.operand, inTableSelect(expr), expr.not, target);
        return;
      case 'Vector':
        throw new SqliteError('row value misused');
      case 'Raise':
        compileRaise(this, expr, target);
        return;
    }
  }

  private compileCall(name: string, args: readonly Expr[], target: number, star: boolean): void {
    const resolved = this.ctx.functions.resolve(name, star ? 0 : args.length);
    if (resolved.kind === 'aggregate') throw new SqliteError(`misuse of aggregate function ${name}()`);
    if (resolved.kind === 'window') throw new SqliteError(`misuse of window function ${name}()`);
    resolved.fn.checkArguments?.(args);
    const base = this.b.registerBlock(args.length);
    args.forEach((arg, i) => this.compile(arg, base + i));
    this.b.emit(Opcode.Function, base, args.length, target, resolved.fn);
  }

  private compileInList(expr: Expr & { kind: 'InList' }, target: number): void {
    const b = this.b;
    if (expr.list.length === 0) {
      b.emit(Opcode.Value, 0, target, 0, expr.not ? 1n : 0n);
      return;
    }
    const operand = this.toRegister(expr.operand);
    const found = b.label();
    const done = b.label();
    const sawNull = b.register();
    b.emit(Opcode.Null, 0, target);
    b.emit(Opcode.IsNull, operand, done);
    b.emit(Opcode.Value, 0, sawNull, 0, 0n);
    const item = b.register();
    for (const element of expr.list) {
      this.compile(element, item);
      const spec = this.comparisonSpec('=', expr.operand, element);
      b.emit(Opcode.CompareJump, operand, found, item, spec);
      const notNull = b.label();
      b.emit(Opcode.NotNull, item, notNull);
      b.emit(Opcode.Value, 0, sawNull, 0, 1n);
      b.place(notNull);
    }
    // No match: NULL when the list held a NULL, else false.
    b.emit(Opcode.If, sawNull, done);
    b.emit(Opcode.Value, 0, target, 0, expr.not ? 1n : 0n);
    b.emit(Opcode.Goto, 0, done);
    b.place(found);
    b.emit(Opcode.Value, 0, target, 0, expr.not ? 0n : 1n);
    b.place(done);
  }

  private compileCase(expr: Expr & { kind: 'Case' }, target: number): void {
    const b = this.b;
    const done = b.label();
    // When a branch may give target a subtype (json(...)), the others must take it away: they
    // are evaluated apart and copied in, as a copy carries the (absent) subtype along.
    const results = [...expr.whens.map((w) => w.then), ...(expr.otherwise ? [expr.otherwise] : [])];
    const plain = results.some(mayCarrySubtype) ? new Set(results.filter((e) => !mayCarrySubtype(e))) : null;
    const compileResult = (e: Expr) => {
      if (!plain?.has(e)) return this.compile(e, target);
      b.emit(Opcode.SCopy, this.toRegister(e), target);
    };
    const operand = expr.operand ? this.toRegister(expr.operand) : 0;
    const test = b.register();
    for (const { when, then } of expr.whens) {
      const next = b.label();
      if (expr.operand) {
        const value = this.toRegister(when);
        b.emit(Opcode.Compare, operand, value, test, this.comparisonSpec('=', expr.operand, when));
      } else {
        this.compile(when, test);
      }
      b.emit(Opcode.IfNot, test, next, 1);
      compileResult(then);
      b.emit(Opcode.Goto, 0, done);
      b.place(next);
    }
    if (expr.otherwise) compileResult(expr.otherwise);
    else b.emit(Opcode.Null, 0, target);
    b.place(done);
  }

  /** TRUE or FALSE written as a keyword (not a column that happens to be named so). */
  private isTruthLiteral(expr: Expr): 'TRUE' | 'FALSE' | null {
    if (expr.kind === 'Collate') return this.isTruthLiteral(expr.operand);
    if (expr.kind !== 'Boolean' || this.tryResolve({ kind: 'Column', schema: null, table: null, column: expr.name, start: expr.start, end: expr.end })) return null;
    return expr.value ? 'TRUE' : 'FALSE';
  }

  /** Emits a jump to `label` when `expr` is false or NULL (a WHERE/HAVING filter). */
  jumpIfNotTrue(expr: Expr, label: number): void {
    const rowValues = expr.kind === 'Binary' || expr.kind === 'Between' || expr.kind === 'InList' ? rewriteRowValues(expr) : null;
    if (rowValues) {
      this.jumpIfNotTrue(rowValues, label);
      return;
    }
    if (expr.kind === 'Binary' && expr.op in INVERSE_COMPARISON) {
      // One CompareJump on the inverse comparison (NULL jumps too) instead of Compare + IfNot.
      const left = this.toRegister(expr.left);
      const right = this.toRegister(expr.right);
      const spec = this.comparisonSpec(INVERSE_COMPARISON[expr.op]!, expr.left, expr.right);
      this.b.emit(Opcode.CompareJump, left, label, right, spec, 1);
      return;
    }
    if (expr.kind === 'Between' && !expr.not) {
      // Not true when either bound check is not true (false or NULL): two CompareJumps.
      const operand = this.toRegister(expr.operand);
      const low = this.toRegister(expr.low);
      const high = this.toRegister(expr.high);
      this.b.emit(Opcode.CompareJump, operand, label, low, this.comparisonSpec('<', expr.operand, expr.low), 1);
      this.b.emit(Opcode.CompareJump, operand, label, high, this.comparisonSpec('>', expr.operand, expr.high), 1);
      return;
    }
    const r = this.toRegister(expr);
    this.b.emit(Opcode.IfNot, r, label, 1);
  }
}

/** Walks an expression tree (not into subqueries), calling `visit` on every node. */
/** Whether `expr` may leave a subtype on its register (vm/subtype.ts): a call, or CASE, a subquery, COLLATE or unary + over one. */
function mayCarrySubtype(expr: Expr): boolean {
  switch (expr.kind) {
    case 'Function':
    case 'Case':
    case 'Subquery':
      return true;
    case 'Binary':
      return expr.op === '->';
    case 'Collate':
      return mayCarrySubtype(expr.operand);
    case 'Unary':
      return expr.op === '+' && mayCarrySubtype(expr.operand);
    default:
      return false;
  }
}

export function walkExpr(expr: Expr, visit: (e: Expr) => boolean | void): void {
  if (visit(expr) === false) return;
  const children: (Expr | null | undefined)[] = [];
  switch (expr.kind) {
    case 'Unary':
    case 'Collate':
    case 'Cast':
    case 'IsNull':
      children.push(expr.operand);
      break;
    case 'Binary':
      children.push(expr.left, expr.right);
      break;
    case 'Like':
      children.push(expr.left, expr.pattern, expr.escape);
      break;
    case 'Between':
      children.push(expr.operand, expr.low, expr.high);
      break;
    case 'InList':
      children.push(expr.operand, ...expr.list);
      break;
    case 'InSelect':
    case 'InTable':
      children.push(expr.operand);
      break;
    case 'Case':
      children.push(expr.operand, expr.otherwise);
      for (const w of expr.whens) children.push(w.when, w.then);
      break;
    case 'Function':
      children.push(...expr.args, expr.filter);
      for (const o of expr.orderBy) children.push(o.expr);
      break;
    case 'Vector':
      children.push(...expr.items);
      break;
    default:
      break;
  }
  for (const child of children) if (child) walkExpr(child, visit);
}

/** `x IN t` and `x IN f(args)` mean `x IN (SELECT * FROM t)` / `x IN (SELECT * FROM f(args))`. */
function inTableSelect(expr: InTableExpr): Select {
  const span = { start: expr.table.name.start, end: expr.end };
  const source: TableSource = expr.args
    ? { kind: 'TableFunction', name: expr.table, args: expr.args, alias: null, ...span }
    : { kind: 'TableRef', name: expr.table, alias: null, indexHint: null, ...span };
  const from = { sources: [{ join: null, source, on: null, using: null }], ...span };
  const core: SelectClause = { kind: 'SelectClause', distinct: false, columns: [{ kind: 'Star', ...span }], from, where: null, groupBy: [], having: null, windows: [], ...span };
  return { kind: 'Select', with: null, first: core, compounds: [], orderBy: [], limit: null, ...span };
}
