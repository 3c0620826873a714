// CREATE / DROP / ALTER nodes: tables, columns and their constraints, indexes, views, triggers.

import type { Name, QualifiedName, Span } from './ast.js';
import type { Expr, TypeName } from './ast-expressions.js';
import type { OrderingTerm, Select } from './ast-select.js';
import type { ConflictResolution, DeleteStatement, InsertStatement, UpdateStatement } from './ast-dml.js';

export interface CreateTableStatement extends Span {
  readonly kind: 'CreateTable';
  readonly temp: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** Empty for CREATE TABLE ... AS SELECT. */
  readonly columns: readonly ColumnDefinition[];
  readonly constraints: readonly TableConstraint[];
  readonly withoutRowid: boolean;
  readonly strict: boolean;
  readonly asSelect: Select | null;
}

export interface ColumnDefinition extends Span {
  readonly name: Name;
  readonly type: TypeName | null;
  readonly constraints: readonly ColumnConstraint[];
}

export type ForeignKeyAction = 'SET NULL' | 'SET DEFAULT' | 'CASCADE' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeyClause extends Span {
  readonly table: Name;
  readonly columns: readonly Name[] | null;
  readonly onDelete: ForeignKeyAction | null;
  readonly onUpdate: ForeignKeyAction | null;
  /** `MATCH name` clauses (SQLite parses and ignores them). */
  readonly match: Name | null;
  /** `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`; null when absent. */
  readonly deferrable: { readonly not: boolean; readonly initially: 'DEFERRED' | 'IMMEDIATE' | null } | null;
}

/** Fields every constraint has: its optional `CONSTRAINT name`. */
interface ConstraintBase extends Span {
  readonly name: Name | null;
}

export type ColumnConstraint =
  | (ConstraintBase & {
      readonly kind: 'PrimaryKey';
      readonly direction: 'ASC' | 'DESC' | null;
      readonly onConflict: ConflictResolution | null;
      readonly autoincrement: boolean;
    })
  | (ConstraintBase & { readonly kind: 'NotNull'; readonly onConflict: ConflictResolution | null })
  /** A bare `NULL` constraint: accepted and ignored by SQLite. */
  | (ConstraintBase & { readonly kind: 'Null'; readonly onConflict: ConflictResolution | null })
  | (ConstraintBase & { readonly kind: 'Unique'; readonly onConflict: ConflictResolution | null })
  | (ConstraintBase & { readonly kind: 'Check'; readonly expr: Expr })
  /** DEFAULT value; a bare identifier is a StringLiteral (as SQLite does), `expr` span = its text. */
  | (ConstraintBase & { readonly kind: 'Default'; readonly expr: Expr })
  | (ConstraintBase & { readonly kind: 'Collate'; readonly collation: Name })
  | (ConstraintBase & { readonly kind: 'References'; readonly foreignKey: ForeignKeyClause })
  | (ConstraintBase & { readonly kind: 'Generated'; readonly expr: Expr; readonly storage: 'VIRTUAL' | 'STORED' });

export type TableConstraint =
  | (ConstraintBase & {
      readonly kind: 'PrimaryKey';
      readonly columns: readonly OrderingTerm[];
      readonly autoincrement: boolean;
      readonly onConflict: ConflictResolution | null;
    })
  | (ConstraintBase & {
      readonly kind: 'Unique';
      readonly columns: readonly OrderingTerm[];
      readonly onConflict: ConflictResolution | null;
    })
  | (ConstraintBase & { readonly kind: 'Check'; readonly expr: Expr; readonly onConflict: ConflictResolution | null })
  | (ConstraintBase & {
      readonly kind: 'ForeignKey';
      readonly columns: readonly Name[];
      readonly foreignKey: ForeignKeyClause;
    });

export interface CreateIndexStatement extends Span {
  readonly kind: 'CreateIndex';
  readonly unique: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly table: Name;
  readonly columns: readonly OrderingTerm[];
  readonly where: Expr | null;
}

export interface CreateViewStatement extends Span {
  readonly kind: 'CreateView';
  readonly temp: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly columns: readonly Name[] | null;
  readonly select: Select;
}

export type TriggerEvent =
  | { readonly kind: 'Delete' }
  | { readonly kind: 'Insert' }
  | { readonly kind: 'Update'; readonly columns: readonly Name[] | null };

export interface CreateTriggerStatement extends Span {
  readonly kind: 'CreateTrigger';
  readonly temp: boolean;
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  /** null when not written (SQLite then behaves as BEFORE). */
  readonly timing: 'BEFORE' | 'AFTER' | 'INSTEAD OF' | null;
  readonly event: TriggerEvent;
  readonly table: QualifiedName;
  readonly forEachRow: boolean;
  readonly when: Expr | null;
  /** Statements between BEGIN and END; table names in them are never schema-qualified. */
  readonly body: readonly (InsertStatement | UpdateStatement | DeleteStatement | Select)[];
}

export interface CreateVirtualTableStatement extends Span {
  readonly kind: 'CreateVirtualTable';
  readonly ifNotExists: boolean;
  readonly name: QualifiedName;
  readonly module: Name;
  /** Module arguments as their original text (trimmed), or null when no parentheses were given. */
  readonly args: readonly string[] | null;
}

export interface DropStatement extends Span {
  readonly kind: 'Drop';
  readonly objectType: 'TABLE' | 'INDEX' | 'VIEW' | 'TRIGGER';
  readonly ifExists: boolean;
  readonly name: QualifiedName;
}

export type AlterTableAction =
  | { readonly kind: 'RenameTable'; readonly newName: Name }
  | { readonly kind: 'RenameColumn'; readonly column: Name; readonly newName: Name }
  | { readonly kind: 'AddColumn'; readonly column: ColumnDefinition }
  | { readonly kind: 'DropColumn'; readonly column: Name }
  /** `ADD [CONSTRAINT name] CHECK (expr) [ON CONFLICT ..]` (SQLite 3.53). */
  | { readonly kind: 'AddConstraint'; readonly constraint: TableConstraint }
  /** `DROP CONSTRAINT name` (SQLite 3.53). */
  | { readonly kind: 'DropConstraint'; readonly name: Name }
  /** `ALTER [COLUMN] c SET NOT NULL [ON CONFLICT ..]` (SQLite 3.53). */
  | { readonly kind: 'SetNotNull'; readonly column: Name; readonly onConflict: ConflictResolution | null }
  /** `ALTER [COLUMN] c DROP NOT NULL` (SQLite 3.53). */
  | { readonly kind: 'DropNotNull'; readonly column: Name };

export interface AlterTableStatement extends Span {
  readonly kind: 'AlterTable';
  readonly table: QualifiedName;
  readonly action: AlterTableAction;
}
