// Expression nodes of the syntax tree (see ast.ts for the invariants all nodes keep).

import type { Name, QualifiedName, Span } from './ast.js';
import type { OrderingTerm, Select, WindowSpec } from './ast-select.js';

export type Expr =
  | IntegerLiteral
  | RealLiteral
  | StringLiteral
  | BlobLiteral
  | NullLiteral
  | BooleanLiteral
  | CurrentTimeLiteral
  | ColumnRef
  | Parameter
  | UnaryExpr
  | BinaryExpr
  | LikeExpr
  | BetweenExpr
  | InListExpr
  | InSelectExpr
  | InTableExpr
  | IsNullExpr
  | CollateExpr
  | CastExpr
  | CaseExpr
  | FunctionCall
  | ExistsExpr
  | SubqueryExpr
  | VectorExpr
  | RaiseExpr;

/** Integer literal within 64 bits. `-9223372036854775808` is folded into one literal by unary minus. */
export interface IntegerLiteral extends Span {
  readonly kind: 'Integer';
  readonly value: bigint;
  /**
   * Set for a hex literal over 64 bits (and for `-0x8000000000000000`): coding this literal must
   * throw SqliteError(hexTooBig). SQLite reports it while generating code, not while parsing, so
   * such a literal in a DEFAULT or CHECK is accepted until it is evaluated.
   */
  readonly hexTooBig?: string;
}

/** Real literal, including integer literals too large for 64 bits (as SQLite does). */
export interface RealLiteral extends Span {
  readonly kind: 'Real';
  readonly value: number;
}

export interface StringLiteral extends Span {
  readonly kind: 'String';
  readonly value: string;
}

export interface BlobLiteral extends Span {
  readonly kind: 'Blob';
  readonly value: Uint8Array;
}

export interface NullLiteral extends Span {
  readonly kind: 'Null';
}

/**
 * TRUE or FALSE written as a bare word. SQLite resolves it as a column first when a column of
 * that name is in scope, and only otherwise as 1/0; `name` allows the code generator to do the same.
 */
export interface BooleanLiteral extends Span {
  readonly kind: 'Boolean';
  readonly value: boolean;
  readonly name: Name;
}

/** CURRENT_TIME, CURRENT_DATE, CURRENT_TIMESTAMP. */
export interface CurrentTimeLiteral extends Span {
  readonly kind: 'CurrentTime';
  readonly which: 'TIME' | 'DATE' | 'TIMESTAMP';
}

/**
 * `[[schema.]table.]column`. A double-quoted column that resolves to nothing is a string only in
 * schema text loaded from a file (schema/double-quoted-strings.ts); elsewhere it is an error.
 */
export interface ColumnRef extends Span {
  readonly kind: 'Column';
  readonly schema: Name | null;
  readonly table: Name | null;
  readonly column: Name;
}

/** `?`, `?NNN`, `:name`, `@name`, `$name`. `index` is the 1-based binding slot. */
export interface Parameter extends Span {
  readonly kind: 'Parameter';
  readonly index: number;
  /** The name with its prefix (":x", "?5"), or null for a bare "?". */
  readonly name: string | null;
}

export type UnaryOperator = '-' | '+' | '~' | 'NOT';

export interface UnaryExpr extends Span {
  readonly kind: 'Unary';
  readonly op: UnaryOperator;
  readonly operand: Expr;
}

/**
 * Binary operators, normalized: `==` is `=`, `<>` is `!=`, `IS NOT DISTINCT FROM` is `IS`,
 * `IS DISTINCT FROM` is `IS NOT`. (`x IS NULL` becomes an IsNullExpr, as in SQLite.)
 */
export type BinaryOperator =
  | 'OR'
  | 'AND'
  | '='
  | '!='
  | 'IS'
  | 'IS NOT'
  | '<'
  | '<='
  | '>'
  | '>='
  | '&'
  | '|'
  | '<<'
  | '>>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '||'
  | '->'
  | '->>';

export interface BinaryExpr extends Span {
  readonly kind: 'Binary';
  readonly op: BinaryOperator;
  readonly left: Expr;
  readonly right: Expr;
}

/** `left [NOT] LIKE|GLOB|MATCH|REGEXP pattern [ESCAPE escape]`. */
export interface LikeExpr extends Span {
  readonly kind: 'Like';
  readonly op: 'LIKE' | 'GLOB' | 'MATCH' | 'REGEXP';
  readonly not: boolean;
  readonly left: Expr;
  readonly pattern: Expr;
  readonly escape: Expr | null;
}

export interface BetweenExpr extends Span {
  readonly kind: 'Between';
  readonly not: boolean;
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
}

/** `x [NOT] IN (a, b, ...)`; the list may be empty (SQLite allows `x IN ()`). */
export interface InListExpr extends Span {
  readonly kind: 'InList';
  readonly not: boolean;
  readonly operand: Expr;
  readonly list: readonly Expr[];
}

export interface InSelectExpr extends Span {
  readonly kind: 'InSelect';
  readonly not: boolean;
  readonly operand: Expr;
  readonly select: Select;
}

/** `x [NOT] IN [schema.]table` or `x [NOT] IN tablefunc(args)` (args null when not a call). */
export interface InTableExpr extends Span {
  readonly kind: 'InTable';
  readonly not: boolean;
  readonly operand: Expr;
  readonly table: QualifiedName;
  readonly args: readonly Expr[] | null;
}

/** `x ISNULL`, `x IS NULL` (not=false); `x NOTNULL`, `x NOT NULL`, `x IS NOT NULL` (not=true). */
export interface IsNullExpr extends Span {
  readonly kind: 'IsNull';
  readonly not: boolean;
  readonly operand: Expr;
}

export interface CollateExpr extends Span {
  readonly kind: 'Collate';
  readonly operand: Expr;
  readonly collation: Name;
}

export interface CastExpr extends Span {
  readonly kind: 'Cast';
  readonly operand: Expr;
  readonly type: TypeName;
}

export interface CaseExpr extends Span {
  readonly kind: 'Case';
  /** The `CASE x WHEN ...` operand, or null for `CASE WHEN cond ...`. */
  readonly operand: Expr | null;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly otherwise: Expr | null;
}

/** A function call; aggregate/window usage is decided by the code generator from the name. */
export interface FunctionCall extends Span {
  readonly kind: 'Function';
  readonly name: Name;
  readonly distinct: boolean;
  /** true for `f(*)`; then `args` is empty. */
  readonly star: boolean;
  readonly args: readonly Expr[];
  /** Aggregate ORDER BY inside the parentheses: `group_concat(x ORDER BY y)`. Empty if none. */
  readonly orderBy: readonly OrderingTerm[];
  readonly filter: Expr | null;
  readonly over: WindowRef | null;
}

/** `OVER name` or `OVER (spec)`. */
export type WindowRef = { readonly kind: 'WindowName'; readonly name: Name } | WindowSpec;

export interface ExistsExpr extends Span {
  readonly kind: 'Exists';
  readonly select: Select;
}

/** A scalar subquery `(SELECT ...)`. */
export interface SubqueryExpr extends Span {
  readonly kind: 'Subquery';
  readonly select: Select;
}

/** A row value `(a, b, ...)` with at least two items (a single parenthesized expr is just the expr). */
export interface VectorExpr extends Span {
  readonly kind: 'Vector';
  readonly items: readonly Expr[];
}

/** RAISE(IGNORE) or RAISE(ROLLBACK|ABORT|FAIL, message); only valid inside triggers. */
export interface RaiseExpr extends Span {
  readonly kind: 'Raise';
  readonly action: 'IGNORE' | 'ROLLBACK' | 'ABORT' | 'FAIL';
  readonly message: Expr | null;
}

/** A declared type: `text` is the original text (SQLite stores it verbatim as the column type). */
export interface TypeName extends Span {
  readonly text: string;
  /** The type words, e.g. ["UNSIGNED", "BIG", "INT"] (quotes removed). */
  readonly words: readonly string[];
  /** Signed-number arguments as written: VARCHAR(255) -> ["255"]. */
  readonly args: readonly string[];
}
