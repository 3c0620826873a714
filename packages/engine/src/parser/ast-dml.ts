// INSERT / UPDATE / DELETE nodes, with upsert clauses and SET lists.

import type { Name, QualifiedName, Span } from './ast.js';
import type { Expr } from './ast-expressions.js';
import type { FromClause, IndexHint, LimitClause, OrderingTerm, ResultColumn, Select, WithClause } from './ast-select.js';

export type ConflictResolution = 'ROLLBACK' | 'ABORT' | 'FAIL' | 'IGNORE' | 'REPLACE';

export interface InsertStatement extends Span {
  readonly kind: 'Insert';
  readonly with: WithClause | null;
  /** `REPLACE INTO` is INSERT with orConflict 'REPLACE'. */
  readonly orConflict: ConflictResolution | null;
  readonly table: QualifiedName;
  readonly alias: Name | null;
  readonly columns: readonly Name[] | null;
  /** A Select (VALUES is a Select whose core is a ValuesClause) or DEFAULT VALUES. */
  readonly source: { readonly kind: 'Select'; readonly select: Select } | { readonly kind: 'DefaultValues' };
  readonly upserts: readonly UpsertClause[];
  readonly returning: readonly ResultColumn[] | null;
}

/** `ON CONFLICT [(target) [WHERE ..]] DO NOTHING | DO UPDATE SET .. [WHERE ..]`. */
export interface UpsertClause extends Span {
  readonly target: { readonly columns: readonly OrderingTerm[]; readonly where: Expr | null } | null;
  readonly action:
    | { readonly kind: 'Nothing' }
    | { readonly kind: 'Update'; readonly sets: readonly SetClause[]; readonly where: Expr | null };
}

/** `col = expr` (columns has one name) or `(a, b) = expr` (parenthesized true). */
export interface SetClause {
  readonly columns: readonly Name[];
  readonly parenthesized: boolean;
  readonly value: Expr;
}

export interface UpdateStatement extends Span {
  readonly kind: 'Update';
  readonly with: WithClause | null;
  readonly orConflict: ConflictResolution | null;
  readonly table: QualifiedName;
  readonly alias: Name | null;
  readonly indexHint: IndexHint | null;
  readonly sets: readonly SetClause[];
  readonly from: FromClause | null;
  readonly where: Expr | null;
  readonly returning: readonly ResultColumn[] | null;
  readonly orderBy: readonly OrderingTerm[];
  readonly limit: LimitClause | null;
}

export interface DeleteStatement extends Span {
  readonly kind: 'Delete';
  readonly with: WithClause | null;
  readonly table: QualifiedName;
  readonly alias: Name | null;
  readonly indexHint: IndexHint | null;
  readonly where: Expr | null;
  readonly returning: readonly ResultColumn[] | null;
  readonly orderBy: readonly OrderingTerm[];
  readonly limit: LimitClause | null;
}
