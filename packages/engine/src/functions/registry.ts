// The function registry: built-in and user functions by name and argument count. The compiler
// resolves calls through it (a name with no matching arity gives SQLite's "wrong number of
// arguments" error). New function families register themselves here as they are added.

import { SqliteError } from '../common/errors.js';
import type { Collation } from '../values/collation.js';
import type { VmAggregateFunction, VmScalarFunction } from '../vm/program.js';

export interface ScalarEntry extends VmScalarFunction {
  /** -1 for any number of arguments (then minArgs applies). */
  readonly argCount: number;
  readonly minArgs?: number;
  readonly deterministic: boolean;
}

export interface AggregateEntry extends VmAggregateFunction {
  readonly argCount: number;
  /** For aggregates that compare their argument (min, max: SQLite's FUNC_NEEDCOLL): a copy using the argument's collation. */
  withCollation?(collation: Collation): AggregateEntry;
}

export type FunctionEntry = { kind: 'scalar'; fn: ScalarEntry } | { kind: 'aggregate'; fn: AggregateEntry };

function foldName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export class FunctionRegistry {
  private readonly entries = new Map<string, FunctionEntry[]>();

  constructor(private readonly parent: FunctionRegistry | null = null) {}

  addScalar(fn: ScalarEntry): void {
    this.add({ kind: 'scalar', fn });
  }

  addAggregate(fn: AggregateEntry): void {
    this.add({ kind: 'aggregate', fn });
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
