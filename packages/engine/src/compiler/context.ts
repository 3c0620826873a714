// What the code generator needs from its caller: the schema, the function registry, the SQL
// text (for column names and stored CREATE text) and the statement's parameter table.

import type { ParameterTable } from '../parser/ast.js';
import type { Schema } from '../schema/schema.js';
import type { Collation } from '../values/collation.js';
import type { VmAggregateFunction, VmScalarFunction } from '../vm/program.js';

export type ResolvedFunction = { kind: 'scalar'; fn: VmScalarFunction } | { kind: 'aggregate'; fn: VmAggregateFunction };

export interface FunctionResolver {
  /** Throws SQLite's "no such function" / "wrong number of arguments" errors. */
  resolve(name: string, argCount: number): ResolvedFunction;
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
  /** Common table expressions in scope (WITH), by folded name; see cte.ts. */
  readonly ctes?: ReadonlyMap<string, import('./cte.js').CteBinding>;
  /** Views being expanded (to report circular definitions). */
  readonly viewStack?: readonly string[];
}
