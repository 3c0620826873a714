// What the code generator needs from its caller: the schema, the function registry, the SQL
// text (for column names and stored CREATE text) and the statement's parameter table.

import type { ParameterTable } from '../parser/ast.js';
import type { Schema } from '../schema/schema.js';
import type { Collation } from '../values/collation.js';
import type { VmAggregateFunction, VmScalarFunction } from '../vm/program.js';
import type { VmWindowFunction } from '../vm/window-spec.js';

/** A scalar as the compiler sees it: checkArguments vets the argument expressions (likelihood's constant). */
export type CompiledScalar = VmScalarFunction & { readonly checkArguments?: (args: readonly import('../parser/ast.js').Expr[]) => void };

export type ResolvedFunction = { kind: 'scalar'; fn: CompiledScalar } | { kind: 'aggregate'; fn: VmAggregateFunction } | { kind: 'window'; fn: VmWindowFunction };

export interface FunctionResolver {
  /** Throws SQLite's "no such function" / "wrong number of arguments" errors. */
  resolve(name: string, argCount: number): ResolvedFunction;
  /** The table-valued function called `name` (json_each...), or null. */
  tableFunction?(name: string): import('./table-function.js').TableFunctionDef | null;
  /** Names of the table-valued functions (PRAGMA module_list). */
  tableFunctionNames?(): string[];
  /** PRAGMA function_list rows: name, builtin, type, enc, narg, flags. */
  functionList?(): import('../common/values.js').SqlValue[][];
}

export interface CompileContext {
  readonly schema: Schema;
  readonly functions: FunctionResolver;
  /** The whole SQL text the statement's spans index into. */
  readonly sql: string;
  readonly parameters: ParameterTable;
  /** Collations by upper-case name (BINARY, NOCASE, RTRIM and user ones). */
  readonly collations: ReadonlyMap<string, Collation>;
  /** The database is ":memory:" (journal_mode reports "memory"). */
  readonly memory: boolean;
  /** The statement being compiled (SQLite's numbering of its SELECTs names unaliased FROM subqueries). */
  readonly statement?: import('../parser/ast.js').Statement;
  /** Common table expressions in scope (WITH), by folded name; see cte.ts. */
  readonly ctes?: ReadonlyMap<string, import('./cte.js').CteBinding>;
  /** Views being expanded (to report circular definitions). */
  readonly viewStack?: readonly string[];
  /** Set while compiling a trigger body: its OLD/NEW rows and RAISE() (see trigger-scope.ts). */
  readonly trigger?: import('./trigger-scope.js').TriggerScope;
  /** PRAGMA ignore_check_constraints: INSERT and UPDATE skip CHECK constraints. */
  readonly ignoreCheckConstraints?: boolean;
  /** PRAGMA count_changes: INSERT, UPDATE and DELETE return one row, their row count (compile.ts). */
  readonly countChanges?: boolean;
  /** PRAGMA legacy_alter_table: ALTER TABLE RENAME TO as SQLite did before 3.26 (compiler/alter.ts). */
  readonly legacyAlterTable?: boolean;
  /** PRAGMA full_column_names / short_column_names when not SQLite's defaults (off / on); see column-names.ts. */
  readonly columnNames?: import('./column-names.js').ColumnNaming;
  /** Set when PRAGMA foreign_keys is on: statements enforce FOREIGN KEY constraints (foreign-keys.ts). */
  readonly foreignKeys?: import('./foreign-keys.js').ForeignKeyOptions;
}
