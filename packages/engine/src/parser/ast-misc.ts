// Transaction, PRAGMA and maintenance statement nodes, the Statement union, and parse results.

import type { Name, QualifiedName, Span } from './ast.js';
import type { Expr } from './ast-expressions.js';
import type { Select } from './ast-select.js';
import type { DeleteStatement, InsertStatement, UpdateStatement } from './ast-dml.js';
import type { AlterTableStatement, CreateIndexStatement, CreateTableStatement, CreateTriggerStatement, CreateViewStatement, CreateVirtualTableStatement, DropStatement } from './ast-ddl.js';

export interface BeginStatement extends Span {
  readonly kind: 'Begin';
  /** CONCURRENT is Tandem's (and Turso's) extension; stock SQLite rejects it. */
  readonly mode: 'DEFERRED' | 'IMMEDIATE' | 'EXCLUSIVE' | 'CONCURRENT' | null;
}

/** COMMIT or END. */
export interface CommitStatement extends Span {
  readonly kind: 'Commit';
}

export interface RollbackStatement extends Span {
  readonly kind: 'Rollback';
  /** `ROLLBACK TO [SAVEPOINT] name`; null for a plain ROLLBACK. */
  readonly savepoint: Name | null;
}

export interface SavepointStatement extends Span {
  readonly kind: 'Savepoint';
  readonly name: Name;
}

export interface ReleaseStatement extends Span {
  readonly kind: 'Release';
  readonly name: Name;
}

/**
 * A PRAGMA value as SQLite passes it to the pragma: `text` is dequoted, and a negative number
 * keeps its sign ("-2000"). `kind` tells how it was written.
 */
export interface PragmaValue extends Span {
  readonly kind: 'Name' | 'String' | 'Number';
  readonly text: string;
}

export interface PragmaStatement extends Span {
  readonly kind: 'Pragma';
  readonly name: QualifiedName;
  readonly value: PragmaValue | null;
  /** `PRAGMA x = v` ('=') or `PRAGMA x(v)` ('call'); null without a value. */
  readonly form: '=' | 'call' | null;
}

export interface AttachStatement extends Span {
  readonly kind: 'Attach';
  readonly file: Expr;
  readonly schema: Expr;
  readonly key: Expr | null;
}

export interface DetachStatement extends Span {
  readonly kind: 'Detach';
  readonly schema: Expr;
}

/** ANALYZE [schema | [schema.]table-or-index]. */
export interface AnalyzeStatement extends Span {
  readonly kind: 'Analyze';
  readonly name: QualifiedName | null;
}

/** REINDEX [collation | [schema.]table-or-index]. */
export interface ReindexStatement extends Span {
  readonly kind: 'Reindex';
  readonly name: QualifiedName | null;
}

export interface VacuumStatement extends Span {
  readonly kind: 'Vacuum';
  readonly schema: Name | null;
  readonly into: Expr | null;
}

export interface ExplainStatement extends Span {
  readonly kind: 'Explain';
  readonly queryPlan: boolean;
  readonly statement: Statement;
}

export type Statement =
  | Select
  | InsertStatement
  | UpdateStatement
  | DeleteStatement
  | CreateTableStatement
  | CreateIndexStatement
  | CreateViewStatement
  | CreateTriggerStatement
  | CreateVirtualTableStatement
  | DropStatement
  | AlterTableStatement
  | BeginStatement
  | CommitStatement
  | RollbackStatement
  | SavepointStatement
  | ReleaseStatement
  | PragmaStatement
  | AttachStatement
  | DetachStatement
  | AnalyzeStatement
  | ReindexStatement
  | VacuumStatement
  | ExplainStatement;

/** The binding slots of one statement: `names[i]` is the name of slot i+1 (null for `?`). */
export interface ParameterTable {
  readonly count: number;
  readonly names: readonly (string | null)[];
}

/** What parseStatement returns: the statement, where the rest of the script starts, and its parameters. */
export interface ParsedStatement {
  readonly statement: Statement;
  /** Offset just after the statement (and its terminating `;`, if any). */
  readonly tail: number;
  readonly parameters: ParameterTable;
}
