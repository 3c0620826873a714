// The function registry: built-in and user functions by name and argument count. The compiler
// resolves calls through it (a name with no matching arity gives SQLite's "wrong number of
// arguments" error). New function families register themselves here as they are added.

import { SqliteError } from '../common/errors.js';
import type { SqlValue } from '../common/values.js';
import type { TableFunctionDef } from '../compiler/table-function.js';
import type { Collation } from '../values/collation.js';
import type { VmAggregateFunction, VmScalarFunction } from '../vm/program.js';

export interface ScalarEntry extends VmScalarFunction {
  /** -1 for any number of arguments (then minArgs applies). */
  readonly argCount: number;
  readonly minArgs?: number;
  readonly deterministic: boolean;
  /** Checks the argument expressions when a call is compiled (likelihood's constant probability). */
  readonly checkArguments?: (args: readonly import('../parser/ast.js').Expr[]) => void;
}

export interface AggregateEntry extends VmAggregateFunction {
  readonly argCount: number;
  /** For aggregates that compare their argument (min, max: SQLite's FUNC_NEEDCOLL): a copy using the argument's collation. */
  withCollation?(collation: Collation): AggregateEntry;
}

/** A built-in window function (row_number, lag...): usable only with OVER; see functions/window.ts. */
export interface WindowEntry extends AggregateEntry {
  readonly window: import('../vm/window-spec.js').WindowBehavior;
}

export type FunctionEntry = { kind: 'scalar'; fn: ScalarEntry } | { kind: 'aggregate'; fn: AggregateEntry } | { kind: 'window'; fn: WindowEntry };

function foldName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** sqlite3_create_function flags PRAGMA function_list reports. */
const SQLITE_DETERMINISTIC = 0x800;
const SQLITE_INNOCUOUS = 0x200000;

export class FunctionRegistry {
  private readonly entries = new Map<string, FunctionEntry[]>();
  private readonly tables = new Map<string, TableFunctionDef>();

  constructor(private readonly parent: FunctionRegistry | null = null) {}

  /** Registers a table-valued function (json_each...), found by name in FROM. */
  addTableFunction(fn: TableFunctionDef): void {
    this.tables.set(foldName(fn.name), fn);
  }

  tableFunction(name: string): TableFunctionDef | null {
    return this.tables.get(foldName(name)) ?? this.parent?.tableFunction(name) ?? null;
  }

  tableFunctionNames(): string[] {
    return [...new Set([...this.tables.values()].map((t) => t.name).concat(this.parent?.tableFunctionNames() ?? []))];
  }

  /**
   * PRAGMA function_list rows (name, builtin, type, enc, narg, flags): user functions first, then
   * built-in ones (the registry without a parent). Built-in aggregates are window-capable, as in SQLite.
   */
  functionList(): SqlValue[][] {
    const builtin = this.parent === null;
    const rows: SqlValue[][] = [];
    for (const list of this.entries.values()) {
      for (const entry of list) {
        const deterministic = entry.kind === 'scalar' && entry.fn.deterministic ? SQLITE_DETERMINISTIC : 0;
        const type = entry.kind === 'scalar' ? 's' : builtin ? 'w' : 'a';
        const flags = deterministic | (builtin ? SQLITE_INNOCUOUS : 0);
        rows.push([entry.fn.name, builtin ? 1n : 0n, type, 'utf8', BigInt(entry.fn.argCount), BigInt(flags)]);
      }
    }
    return [...rows, ...(this.parent?.functionList() ?? [])];
  }

  addScalar(fn: ScalarEntry): void {
    this.add({ kind: 'scalar', fn });
  }

  addAggregate(fn: AggregateEntry): void {
    this.add({ kind: 'aggregate', fn });
  }

  addWindow(fn: WindowEntry): void {
    this.add({ kind: 'window', fn });
  }

  private add(entry: FunctionEntry): void {
    const key = foldName(entry.fn.name);
    const list = (this.entries.get(key) ?? []).filter((e) => e.fn.argCount !== entry.fn.argCount);
    list.push(entry);
    this.entries.set(key, list);
  }

  /** Looks up a function for a call with `argCount` arguments; throws SQLite's errors when none fits. */
  resolve(name: string, argCount: number): FunctionEntry {
    const found = this.find(name, argCount);
    if (found) return found;
    if (this.hasName(name)) throw new SqliteError(`wrong number of arguments to function ${name}()`);
    throw new SqliteError(`no such function: ${name}`);
  }

  private find(name: string, argCount: number): FunctionEntry | undefined {
    const list = this.entries.get(foldName(name));
    if (list) {
      const exact = list.find((e) => e.fn.argCount === argCount);
      if (exact) return exact;
      const variadic = list.find((e) => e.fn.argCount < 0 && argCount >= ((e.fn as ScalarEntry).minArgs ?? 0));
      if (variadic) return variadic;
    }
    return this.parent?.find(name, argCount);
  }

  private hasName(name: string): boolean {
    return this.entries.has(foldName(name)) || (this.parent?.hasName(name) ?? false);
  }
}
