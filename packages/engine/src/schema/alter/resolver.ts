// Name resolution over view and trigger bodies (and table/index expressions), reduced to what
// ALTER TABLE needs: which tokens name a given table or a given column of it. It follows the
// scoping of SQLite's resolve.c (FROM items innermost first, then outer queries; CTEs shadow
// tables; NEW/OLD in triggers) and reports unresolvable names with SQLite's messages.

import { noSuchDoubleQuoted } from '../double-quoted-strings.js';
import { SqliteError } from '../../common/errors.js';
import { sameName, type ColumnRef, type Expr, type FromClause, type Name, type Select, type SelectCore } from '../../parser/ast.js';
import type { CreateTriggerStatement, OrderingTerm, ResultColumn, WindowSpec } from '../../parser/ast.js';
import type { Catalog, Relation } from './catalog.js';

/** Callbacks telling the ALTER operation what each name resolved to. */
export interface ResolveHooks {
  /** A FROM item, DML target or `name.*` naming a real table or view. */
  table?(token: Name, relation: Relation): void;
  /**
   * A column reference that resolved to column `column` (-1: the rowid) of `relation`.
   * `qualifiedByName` is true when written `relation.col` (not through an alias).
   */
  column?(ref: ColumnRef, relation: Relation, column: number, qualifiedByName: boolean): void;
  /** `NEW.col` / `OLD.col` inside a trigger on `relation`. */
  triggerColumn?(ref: ColumnRef, relation: Relation, column: number): void;
  /** A bare column name of a DML target: INSERT column list, UPDATE SET, UPDATE OF, upsert SET. */
  targetColumn?(token: Name, relation: Relation): void;
}

interface Source {
  readonly label: string | null;
  readonly relation: Relation | null;
  readonly columns: readonly string[];
  readonly aliased: boolean;
  /** Columns unknown (table-valued function): any name resolves here, silently. */
  readonly open: boolean;
  /** Columns merged into an earlier source by USING or NATURAL (unqualified names skip them). */
  readonly merged?: readonly string[];
  /** Reached only as `label.col` (the upsert's `excluded`). */
  readonly qualifiedOnly?: boolean;
}

interface Scope {
  readonly sources: readonly Source[];
  readonly parent: Scope | null;
  /** Result-column aliases, valid as a fallback in WHERE/GROUP BY/HAVING/ORDER BY. */
  readonly aliases: readonly string[];
  /** The table a trigger is on and its event (which of NEW/OLD exist), or null outside triggers. */
  readonly trigger: { readonly table: Relation; readonly event: 'Insert' | 'Update' | 'Delete' } | null;
}

type Ctes = ReadonlyMap<string, readonly string[]>;

const ROWID_NAMES = ['rowid', 'oid', '_rowid_'];

/** Columns (hidden ones included) of the built-in table-valued functions; others are open. */
const TABLE_FUNCTION_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  json_each: ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root'],
  json_tree: ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root'],
  jsonb_each: ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root'],
  jsonb_tree: ['key', 'value', 'type', 'atom', 'id', 'parent', 'fullkey', 'path', 'json', 'root'],
  generate_series: ['value', 'start', 'stop', 'step'],
};

function fail(message: string): never {
  throw new SqliteError(message);
}

export class Resolver {
  /** The text the walked statement was parsed from (tells `"x"` from `[x]` in error messages). */
  sql: string | null = null;
  /**
   * Whether an unresolvable "double-quoted" name is a string literal. SQLite allows that while
   * loading the schema (init.busy), so the reload after an ALTER tolerates it; the checks that
   * run as SQL functions do not (better-sqlite3 builds SQLite with SQLITE_DQS=0).
   */
  dqsAsString = false;

  constructor(private readonly catalog: Catalog, private readonly hooks: ResolveHooks) {}

  /** Resolves a view's query; returns its result column names. */
  select(select: Select, parent: Scope | null = null, ctes: Ctes = new Map()): string[] {
    const inner = new Map(ctes);
    if (select.with) {
      for (const cte of select.with.ctes) {
        const declared = cte.columns?.map((c) => c.text) ?? null;
        if (select.with.recursive) inner.set(cte.name.text.toLowerCase(), declared ?? []);
        const names = this.select(cte.select, parent, inner);
        inner.set(cte.name.text.toLowerCase(), declared ?? names);
      }
    }
    let first: { names: string[]; scope: Scope } | null = null;
    for (const core of [select.first, ...select.compounds.map((c) => c.core)]) {
      const result = this.core(core, parent, inner);
      first ??= result;
    }
    if (first !== null) {
      // ORDER BY of a simple SELECT sees its FROM items; of a compound, only result names.
      const scope = select.compounds.length === 0 ? first.scope : { ...first.scope, sources: [], aliases: first.names };
      for (const term of select.orderBy) {
        // A bare name that is a result alias means that result column (resolveAsName), before any FROM column.
        const bare = term.expr.kind === 'Collate' ? term.expr.operand : term.expr;
        if (bare.kind === 'Column' && bare.table === null && scope.aliases.some((a) => sameName(a, bare.column.text))) continue;
        this.expr(term.expr, scope, inner);
      }
    }
    if (select.limit) {
      const scope = emptyScope(parent);
      this.expr(select.limit.limit, scope, inner);
      if (select.limit.offset) this.expr(select.limit.offset, scope, inner);
    }
    return first?.names ?? [];
  }

  private core(core: SelectCore, parent: Scope | null, ctes: Ctes): { names: string[]; scope: Scope } {
    if (core.kind === 'Values') {
      const scope = emptyScope(parent);
      for (const row of core.rows) for (const e of row) this.expr(e, scope, ctes);
      return { names: (core.rows[0] ?? []).map((_, i) => `column${i + 1}`), scope };
    }
    const sources: Source[] = [];
    const ons: Expr[] = [];
    if (core.from) this.fromClause(core.from, parent, ctes, sources, ons);
    // resolveSelectStep's order (it decides which error is reported first): result columns,
    // HAVING, WHERE with the ON terms appended to it, windows, GROUP BY.
    let scope: Scope = { sources, parent, aliases: [], trigger: parent?.trigger ?? null };
    const names: string[] = [];
    for (const column of core.columns) names.push(...this.resultColumn(column, scope, ctes));
    scope = { ...scope, aliases: core.columns.flatMap((c) => (c.kind === 'ExprColumn' && c.alias ? [c.alias.text] : [])) };
    if (core.having) this.expr(core.having, scope, ctes);
    if (core.where) this.expr(core.where, scope, ctes);
    for (const on of ons) this.expr(on, scope, ctes);
    for (const w of core.windows) this.window(w.window, scope, ctes);
    for (const e of core.groupBy) this.expr(e, scope, ctes);
    return { names, scope };
  }

  private resultColumn(column: ResultColumn, scope: Scope, ctes: Ctes): string[] {
    if (column.kind === 'Star') return scope.sources.flatMap((s) => s.columns);
    if (column.kind === 'TableStar') {
      const source = scope.sources.find((s) => s.label !== null && sameName(s.label, column.table.text));
      if (!source) fail(`no such table: ${column.table.text}`);
      // `t.*` written with the table's own name is a reference to the table (RENAME TABLE edits it).
      if (source.relation && !source.aliased) this.hooks.table?.(column.table, source.relation);
      return [...source.columns];
    }
    this.expr(column.expr, scope, ctes);
    if (column.alias) return [column.alias.text];
    return [column.expr.kind === 'Column' ? column.expr.column.text : `column${column.start}`];
  }

  private fromClause(from: FromClause, parent: Scope | null, ctes: Ctes, out: Source[], ons: Expr[]): void {
    for (const joined of from.sources) {
      const source = joined.source;
      switch (source.kind) {
        case 'TableRef': {
          const name = source.name.name;
          const cte = source.name.schema === null ? ctes.get(name.text.toLowerCase()) : undefined;
          if (cte !== undefined) {
            out.push({ label: source.alias?.text ?? name.text, relation: null, columns: cte, aliased: source.alias !== null, open: false });
            break;
          }
          const relation = this.relation(source.name.schema, name);
          out.push({ label: source.alias?.text ?? name.text, relation, columns: relation.columns, aliased: source.alias !== null, open: false });
          break;
        }
        case 'TableFunction': {
          for (const arg of source.args) this.expr(arg, emptyScope(parent), ctes);
          const known = TABLE_FUNCTION_COLUMNS[source.name.name.text.toLowerCase()];
          out.push({ label: source.alias?.text ?? source.name.name.text, relation: null, columns: known ?? [], aliased: false, open: !known });
          break;
        }
        case 'Subquery': {
          const names = this.select(source.select, parent, ctes);
          out.push({ label: source.alias?.text ?? null, relation: null, columns: names, aliased: true, open: false });
          break;
        }
        case 'JoinGroup':
          this.fromClause(source.from, parent, ctes, out, ons);
          break;
      }
      if (joined.on) ons.push(joined.on);
      const added = out[out.length - 1];
      if (added && source.kind !== 'JoinGroup' && (joined.using || joined.join?.natural)) {
        const earlier = out.slice(0, -1).flatMap((o) => o.columns);
        const opaque = out.some((o) => o.open);
        for (const n of joined.using ?? []) {
          const inBoth = added.columns.some((c) => sameName(c, n.text)) && earlier.some((c) => sameName(c, n.text));
          if (!inBoth && !opaque) fail(`cannot join using column ${n.text} - column not present in both tables`);
        }
        const merged = joined.using
          ? joined.using.map((n) => n.text)
          : added.columns.filter((c) => earlier.some((e) => sameName(e, c)));
        out[out.length - 1] = { ...added, merged };
      }
    }
  }

  private relation(schema: Name | null, name: Name): Relation {
    const relation = schema === null || sameName(schema.text, 'main') ? this.catalog.find(name.text) : undefined;
    if (relation === undefined) fail(`no such table: ${schema?.text ?? 'main'}.${name.text}`);
    this.hooks.table?.(name, relation);
    return relation;
  }

  private window(spec: WindowSpec, scope: Scope, ctes: Ctes): void {
    for (const e of spec.partitionBy) this.expr(e, scope, ctes);
    this.terms(spec.orderBy, scope, ctes);
    const frame = spec.frame;
    if (frame) {
      for (const bound of [frame.start, frame.end]) {
        if (bound && (bound.kind === 'Preceding' || bound.kind === 'Following')) this.expr(bound.offset, scope, ctes);
      }
    }
  }

  private terms(terms: readonly OrderingTerm[], scope: Scope, ctes: Ctes): void {
    for (const term of terms) this.expr(term.expr, scope, ctes);
  }

  /** Resolves every name in an expression. */
  expr(e: Expr, scope: Scope, ctes: Ctes = new Map()): void {
    switch (e.kind) {
      case 'Integer': case 'Real': case 'String': case 'Blob': case 'Null': case 'CurrentTime': case 'Parameter':
        return;
      case 'Boolean':
        return;
      case 'Column':
        return this.column(e, scope);
      case 'Unary': return this.expr(e.operand, scope, ctes);
      case 'Binary': this.expr(e.left, scope, ctes); return this.expr(e.right, scope, ctes);
      case 'Like':
        this.expr(e.left, scope, ctes); this.expr(e.pattern, scope, ctes);
        if (e.escape) this.expr(e.escape, scope, ctes);
        return;
      case 'Between':
        this.expr(e.operand, scope, ctes); this.expr(e.low, scope, ctes); return this.expr(e.high, scope, ctes);
      case 'InList':
        this.expr(e.operand, scope, ctes);
        for (const item of e.list) this.expr(item, scope, ctes);
        return;
      case 'InSelect':
        // resolveExprStep handles the IN node (its subquery) before walking into the operand.
        this.select(e.select, scope, ctes); this.expr(e.operand, scope, ctes); return;
      case 'InTable':
        this.expr(e.operand, scope, ctes);
        if (e.args) for (const a of e.args) this.expr(a, scope, ctes);
        else if (!ctes.has(e.table.name.text.toLowerCase())) this.relation(e.table.schema, e.table.name);
        return;
      case 'IsNull': case 'Collate': case 'Cast':
        return this.expr(e.operand, scope, ctes);
      case 'Case':
        if (e.operand) this.expr(e.operand, scope, ctes);
        for (const w of e.whens) { this.expr(w.when, scope, ctes); this.expr(w.then, scope, ctes); }
        if (e.otherwise) this.expr(e.otherwise, scope, ctes);
        return;
      case 'Function':
        for (const a of e.args) this.expr(a, scope, ctes);
        this.terms(e.orderBy, scope, ctes);
        if (e.filter) this.expr(e.filter, scope, ctes);
        if (e.over && e.over.kind === 'WindowSpec') this.window(e.over, scope, ctes);
        return;
      case 'Exists': case 'Subquery':
        this.select(e.select, scope, ctes); return;
      case 'Vector':
        for (const item of e.items) this.expr(item, scope, ctes);
        return;
      case 'Raise':
        if (e.message) this.expr(e.message, scope, ctes);
        return;
    }
  }

  private column(ref: ColumnRef, scope: Scope): void {
    const name = ref.column.text;
    if (ref.table === null) {
      for (let s: Scope | null = scope; s; s = s.parent) {
        let match: { source: Source; index: number } | null = null;
        for (const source of s.sources) {
          if (source.qualifiedOnly || source.merged?.some((c) => sameName(c, name))) continue;
          const index = source.columns.findIndex((c) => sameName(c, name));
          if (index < 0) continue;
          if (match) fail(`ambiguous column name: ${name}`);
          match = { source, index };
        }
        if (match) return this.found(ref, match.source, match.index);
        if (s.sources.some((source) => source.open)) return; // may be a column of an unknown table function
        const rowidSource = s.sources.length === 1 ? s.sources[0]! : null;
        if (rowidSource?.relation?.hasRowid && isRowidName(name)) return this.found(ref, rowidSource, -1);
        if (s.aliases.some((a) => sameName(a, name))) return;
      }
      if (ref.column.quoted && this.isDoubleQuoted(ref.column)) {
        if (this.dqsAsString) return;
        fail(noSuchDoubleQuoted(ref.column).message);
      }
      fail(`no such column: ${name}`);
    }
    const qualifier = ref.table.text;
    for (let s: Scope | null = scope; s; s = s.parent) {
      for (const source of s.sources) {
        if (source.label === null || !sameName(source.label, qualifier)) continue;
        if (ref.schema !== null && (source.aliased || source.relation === null)) continue;
        if (source.open) return;
        const index = source.columns.findIndex((c) => sameName(c, name));
        if (index >= 0) return this.found(ref, source, index);
        if (source.relation?.hasRowid && isRowidName(name)) return this.found(ref, source, -1);
        fail(`no such column: ${ref.schema ? `${ref.schema.text}.` : ''}${qualifier}.${name}`);
      }
      const isNew = sameName(qualifier, 'new') && s.trigger?.event !== 'Delete';
      const isOld = sameName(qualifier, 'old') && s.trigger?.event !== 'Insert';
      if (s.trigger && ref.schema === null && (isNew || isOld)) {
        const table = s.trigger.table;
        const index = table.columns.findIndex((c) => sameName(c, name));
        if (index >= 0 || (table.hasRowid && isRowidName(name))) {
          this.hooks.triggerColumn?.(ref, table, index);
          return;
        }
        break;
      }
    }
    fail(`no such column: ${ref.schema ? `${ref.schema.text}.` : ''}${qualifier}.${name}`);
  }

  /** A name token written "like this" (not [x] or `x`); unknown text counts as double-quoted. */
  isDoubleQuoted(token: Name): boolean {
    return this.sql === null ? token.quoted : this.sql.charAt(token.start) === '"';
  }

  private found(ref: ColumnRef, source: Source, index: number): void {
    if (source.relation === null) return;
    // A rowid alias column is reached as the rowid (SQLite resolves both to column -1).
    const column = index >= 0 && index === source.relation.rowidAlias ? -1 : index;
    this.hooks.column?.(ref, source.relation, column, ref.table !== null && !source.aliased);
  }

  /** Resolves a trigger: its WHEN clause and every statement of its body. */
  trigger(trigger: CreateTriggerStatement): void {
    const table = this.catalog.find(trigger.table.name.text);
    if (table === undefined) fail(`no such table: main.${trigger.table.name.text}`);
    const top: Scope = { sources: [], parent: null, aliases: [], trigger: { table, event: trigger.event.kind } };
    if (trigger.event.kind === 'Update' && trigger.event.columns) {
      for (const c of trigger.event.columns) this.hooks.targetColumn?.(c, table);
    }
    if (trigger.when) this.expr(trigger.when, top);
    for (const step of trigger.body) this.step(step, top);
  }

  private step(step: CreateTriggerStatement['body'][number], top: Scope): void {
    if (step.kind === 'Select') {
      this.select(step, top);
      return;
    }
    const target = this.relation(null, step.table.name);
    const targetSource: Source = { label: step.alias?.text ?? target.name, relation: target, columns: target.columns, aliased: step.alias !== null, open: false };
    if (step.kind === 'Insert') {
      for (const c of step.columns ?? []) this.hooks.targetColumn?.(c, target);
      if (step.source.kind === 'Select') this.select(step.source.select, top);
      for (const upsert of step.upserts) {
        const scope: Scope = { ...top, sources: [targetSource] };
        if (upsert.target) {
          this.terms(upsert.target.columns, scope, new Map());
          if (upsert.target.where) this.expr(upsert.target.where, scope);
        }
        if (upsert.action.kind === 'Update') {
          // SQLite 3.53 resolves `excluded.x` to the target table and RENAME TABLE then rewrites
          // the `excluded` qualifier too (a quirk we reproduce: it is what lands in sqlite_schema).
          const excluded: Source = { ...targetSource, label: 'excluded', aliased: false, qualifiedOnly: true };
          const setScope: Scope = { ...top, sources: [targetSource, excluded] };
          for (const set of upsert.action.sets) {
            for (const c of set.columns) this.hooks.targetColumn?.(c, target);
            this.expr(set.value, setScope);
          }
          if (upsert.action.where) this.expr(upsert.action.where, setScope);
        }
      }
      return;
    }
    const sources: Source[] = [targetSource];
    const ons: Expr[] = [];
    if (step.kind === 'Update' && step.from) this.fromClause(step.from, top, new Map(), sources, ons);
    const scope: Scope = { ...top, sources };
    for (const on of ons) this.expr(on, scope);
    if (step.kind === 'Update') {
      for (const set of step.sets) {
        for (const c of set.columns) this.hooks.targetColumn?.(c, target);
        this.expr(set.value, scope);
      }
    }
    if (step.where) this.expr(step.where, scope);
    this.terms(step.orderBy, scope, new Map());
  }

  /** Resolves expressions of a table (CHECK, generated columns) or an index, over one table. */
  tableExpr(e: Expr, relation: Relation): void {
    const source: Source = { label: relation.name, relation, columns: relation.columns, aliased: false, open: false };
    this.expr(e, { sources: [source], parent: null, aliases: [], trigger: null });
  }
}

function emptyScope(parent: Scope | null): Scope {
  return { sources: [], parent, aliases: [], trigger: parent?.trigger ?? null };
}

function isRowidName(name: string): boolean {
  return ROWID_NAMES.some((r) => sameName(r, name));
}

/** Column names of a view's query (used by the catalog to describe views). */
export function viewColumnNames(select: Select, catalog: Catalog): string[] {
  try {
    return new Resolver(catalog, {}).select(select);
  } catch {
    return [];
  }
}

