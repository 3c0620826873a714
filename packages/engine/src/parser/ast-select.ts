// SELECT nodes: queries, compound chains, result columns, FROM/joins, windows, ORDER BY/LIMIT.

import type { Name, QualifiedName, Span } from './ast.js';
import type { Expr } from './ast-expressions.js';

export interface OrderingTerm extends Span {
  /** COLLATE is part of the expression (a CollateExpr). */
  readonly expr: Expr;
  readonly direction: 'ASC' | 'DESC' | null;
  readonly nulls: 'FIRST' | 'LAST' | null;
}

/** `LIMIT limit [OFFSET offset]`; `LIMIT a, b` is stored as limit=b, offset=a. */
export interface LimitClause {
  readonly limit: Expr;
  readonly offset: Expr | null;
}

export interface WithClause extends Span {
  readonly recursive: boolean;
  readonly ctes: readonly CommonTableExpr[];
}

export interface CommonTableExpr extends Span {
  readonly name: Name;
  readonly columns: readonly Name[] | null;
  /** `AS MATERIALIZED` true, `AS NOT MATERIALIZED` false, plain `AS` null. */
  readonly materialized: boolean | null;
  readonly select: Select;
}

/** A full query: [WITH] core (compound-op core)* [ORDER BY] [LIMIT]. Used as statement and subquery. */
export interface Select extends Span {
  readonly kind: 'Select';
  readonly with: WithClause | null;
  readonly first: SelectCore;
  /** The compound chain, left-associative: ((first op1 c1) op2 c2)... */
  readonly compounds: readonly CompoundPart[];
  readonly orderBy: readonly OrderingTerm[];
  readonly limit: LimitClause | null;
}

export type CompoundOperator = 'UNION' | 'UNION ALL' | 'INTERSECT' | 'EXCEPT';

export interface CompoundPart {
  readonly op: CompoundOperator;
  readonly core: SelectCore;
}

export type SelectCore = SelectClause | ValuesClause;

export interface SelectClause extends Span {
  readonly kind: 'SelectClause';
  readonly distinct: boolean;
  readonly columns: readonly ResultColumn[];
  readonly from: FromClause | null;
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly having: Expr | null;
  readonly windows: readonly WindowDefinition[];
}

/** `VALUES (..), (..)`: every row has the same number of items (checked by the parser). */
export interface ValuesClause extends Span {
  readonly kind: 'Values';
  readonly rows: readonly (readonly Expr[])[];
}

export type ResultColumn = StarColumn | TableStarColumn | ExprColumn;

export interface StarColumn extends Span {
  readonly kind: 'Star';
}

export interface TableStarColumn extends Span {
  readonly kind: 'TableStar';
  readonly table: Name;
}

export interface ExprColumn extends Span {
  readonly kind: 'ExprColumn';
  readonly expr: Expr;
  readonly alias: Name | null;
}

/**
 * A FROM clause, flat as SQLite's SrcList: the first source has `join` null; each later source
 * says how it joins the sources before it. Parenthesized joins are a nested FromClause.
 */
export interface FromClause extends Span {
  readonly sources: readonly JoinedSource[];
}

export interface JoinedSource {
  readonly join: JoinOperator | null;
  readonly source: TableSource;
  readonly on: Expr | null;
  readonly using: readonly Name[] | null;
}

/** `,` is 'COMMA'; plain JOIN and INNER JOIN are 'INNER'; OUTER is implied by LEFT/RIGHT/FULL. */
export interface JoinOperator {
  readonly natural: boolean;
  readonly type: 'COMMA' | 'INNER' | 'CROSS' | 'LEFT' | 'RIGHT' | 'FULL';
}

export type TableSource = TableRefSource | TableFunctionSource | SubquerySource | JoinGroupSource;

export type IndexHint = { readonly kind: 'IndexedBy'; readonly index: Name } | { readonly kind: 'NotIndexed' };

export interface TableRefSource extends Span {
  readonly kind: 'TableRef';
  readonly name: QualifiedName;
  readonly alias: Name | null;
  readonly indexHint: IndexHint | null;
}

/** A table-valued function: `pragma_table_info('t')`, `json_each(x)`, `generate_series(1, 10)`. */
export interface TableFunctionSource extends Span {
  readonly kind: 'TableFunction';
  readonly name: QualifiedName;
  readonly args: readonly Expr[];
  readonly alias: Name | null;
}

export interface SubquerySource extends Span {
  readonly kind: 'Subquery';
  readonly select: Select;
  readonly alias: Name | null;
}

/** `(a JOIN b ...)` in FROM. */
export interface JoinGroupSource extends Span {
  readonly kind: 'JoinGroup';
  readonly from: FromClause;
  readonly alias: Name | null;
}

export interface WindowDefinition extends Span {
  readonly name: Name;
  readonly window: WindowSpec;
}

export interface WindowSpec extends Span {
  readonly kind: 'WindowSpec';
  /** `OVER (base ...)` / `WINDOW w AS (base ...)`: the window this one extends. */
  readonly base: Name | null;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderingTerm[];
  readonly frame: WindowFrame | null;
}

export interface WindowFrame {
  readonly units: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: FrameBound;
  /** null when written without BETWEEN (the end is then CURRENT ROW). */
  readonly end: FrameBound | null;
  readonly exclude: 'NO OTHERS' | 'CURRENT ROW' | 'GROUP' | 'TIES' | null;
}

export type FrameBound =
  | { readonly kind: 'UnboundedPreceding' }
  | { readonly kind: 'Preceding'; readonly offset: Expr }
  | { readonly kind: 'CurrentRow' }
  | { readonly kind: 'Following'; readonly offset: Expr }
  | { readonly kind: 'UnboundedFollowing' };
