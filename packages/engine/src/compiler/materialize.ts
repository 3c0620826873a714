// Query results held in memory as tables: subqueries in FROM, views, CTEs and compound SELECT
// operands are compiled into an ephemeral (memory) cursor, then read like a table with no rowid.

import { SqliteError, unsupported } from '../common/errors.js';
import type { ResultColumn as ResultColumnMeta } from '../engine/prepared.js';
import type { Expr, Name, Select } from '../parser/ast.js';
import type { ColumnInfo, TableInfo } from '../schema/types.js';
import { textKeyOf, type Collation, type TextKey } from '../values/collation.js';
import { Affinity } from '../values/affinity.js';
import { Opcode } from '../vm/program.js';
import type { ProgramBuilder } from './builder.js';
import type { CompileContext } from './context.js';
import type { ExprCompiler } from './expr.js';
import type { Scope } from './scope.js';
import { compileSelect } from './select.js';
import { planScope } from './query-plan.js';
import { splitConjunction } from './where.js';

export interface SyntheticColumn {
  readonly name: string;
  readonly affinity: Affinity | null;
  readonly collation?: string;
}

/**
 * A table description for rows held in a memory cursor. Duplicate names get SQLite's ":1", ":2"
 * suffixes so every column stays addressable by name; there is no rowid.
 */
export function syntheticTable(name: string, columns: readonly SyntheticColumn[]): TableInfo {
  const seen = new Set<string>();
  const infos: ColumnInfo[] = columns.map((c) => {
    let unique = c.name;
    for (let k = 1; seen.has(unique.toLowerCase()); k++) unique = `${c.name}:${k}`;
    seen.add(unique.toLowerCase());
    return {
      name: unique,
      declaredType: null,
      affinity: c.affinity ?? Affinity.Blob,
      ...(c.affinity === null ? { noAffinity: true } : {}),
      collation: c.collation ?? 'BINARY',
      notNull: false,
      defaultExpr: null,
      primaryKey: false,
      generated: false,
    };
  });
  return { name, rootPage: 0, sql: '', columns: infos, rowidAlias: -1, primaryKey: [], withoutRowid: true, strict: false, autoincrement: false, checks: [], indexes: [] };
}

/** Renames result columns by an explicit column list (CTE or view), with SQLite's error on a count mismatch. */
export function applyColumnList(columns: SyntheticColumn[], list: readonly Name[] | null, mismatch: (expected: number, got: number) => string): SyntheticColumn[] {
  if (!list) return columns;
  if (list.length !== columns.length) throw new SqliteError(mismatch(list.length, columns.length));
  return columns.map((c, i) => ({ ...c, name: list[i]!.text }));
}

/**
 * Emits code that runs `select` into memory cursor `cursor` (OpenEphemeral first). The work is
 * guarded by Once unless the query reads the enclosing query's columns; then it re-runs each time.
 * Returns the result columns (names from SQLite's naming rules, affinities of the expressions).
 */
export function materializeSelect(
  ctx: CompileContext,
  b: ProgramBuilder,
  select: Select,
  cursor: number,
  outer: Scope | undefined,
  parentCorrelation: { used: boolean } | undefined,
  /** The name EXPLAIN QUERY PLAN gives it (MATERIALIZE name). */
  planName?: string,
): SyntheticColumn[] {
  const after = b.label();
  const guard = b.emit(Opcode.Once, 0, after);
  const correlation = { used: false };
  b.emit(Opcode.OpenEphemeral, cursor);
  const affinities: (Affinity | null)[] = [];
  const collations: (string | null)[] = [];
  const metas: ResultColumnMeta[] = planScope(() => `MATERIALIZE ${planName ?? ''}`.trim(), () => compileSelect(ctx, b, select, { kind: 'collect', cursor }, outer, correlation, affinities, collations));
  b.place(after);
  if (correlation.used) {
    b.replaceOp(guard, Opcode.Noop);
    if (parentCorrelation) parentCorrelation.used = true;
  }
  return metas.map((m, i) => ({ name: m.name, affinity: affinities[i] ?? null, ...(collations[i] ? { collation: collations[i]! } : {}) }));
}

/**
 * P4 of OpenEphemeral for a key set (DISTINCT, UNION...) whose columns compare by `collations`:
 * null when all are BINARY. A user-defined collation has no key form, hence no set.
 */
export function ephemeralTextKeys(collations: readonly Collation[]): (TextKey | undefined)[] | null {
  const keys = collations.map((c) => {
    const key = textKeyOf(c);
    if (key === null) throw unsupported('DISTINCT, UNION, INTERSECT or EXCEPT on a column with a user-defined collation');
    return key;
  });
  return keys.some((k) => k) ? keys : null;
}

/** A loop over every row of memory cursor `cursor` that satisfies `where`. */
export function openMemoryLoop(ec: ExprCompiler, cursor: number, where: Expr | null): { next: number; finish(): void } {
  const b = ec.b;
  const next = b.label();
  const done = b.label();
  b.emit(Opcode.Rewind, cursor, done);
  const top = b.here;
  for (const e of splitConjunction(where)) ec.jumpIfNotTrue(e, next);
  return {
    next,
    finish() {
      b.place(next);
      b.emit(Opcode.Next, cursor, top);
      b.place(done);
    },
  };
}
