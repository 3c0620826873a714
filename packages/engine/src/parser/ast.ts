// The syntax tree the parser produces and the code generator consumes: readonly nodes tagged by
// `kind`, one union per category so consumers can `switch (node.kind)` exhaustively.
//
// Invariants:
// - Identifiers keep the text as written (quotes removed, escapes undone) plus a `quoted` flag;
//   compare names with `sameName` (ASCII case-insensitive, as SQLite does).
// - Every statement and every expression carries `start`/`end` offsets (UTF-16 indexes into the
//   SQL text; `end` is exclusive). `sql.slice(start, end)` is the original text, which SQLite uses
//   for sqlite_schema.sql and for result column names.
// - Every Name carries the offsets of its token (quotes included), for ALTER TABLE RENAME rewrites.
//
// The node interfaces live in ast-expressions/select/dml/ddl/misc.ts; import them from here.

/** A source range: `sql.slice(start, end)` is the node's original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** An identifier as written. `text` has quotes removed; `start`/`end` cover the whole token. */
export interface Name extends Span {
  readonly text: string;
  /** true for "x", [x], `x` and 'x' (a string used where a name is expected). */
  readonly quoted: boolean;
}

/** `[schema.]name`. */
export interface QualifiedName {
  readonly schema: Name | null;
  readonly name: Name;
}

/** SQLite's name comparison: ASCII letters fold, nothing else does. */
export function sameName(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

export type * from './ast-expressions.js';
export type * from './ast-select.js';
export type * from './ast-dml.js';
export type * from './ast-ddl.js';
export type * from './ast-misc.js';

/**
 * Visits every node that has a `kind` below `root` (root included), depth first, through arrays
 * and the kind-less parts that hold nodes (CASE's WHEN/THEN pairs, a function's OVER clause…).
 * `visit` returning false skips that node's children; returning true stops the whole walk, and
 * forEachNode then returns true.
 */
export function forEachNode(root: unknown, visit: (node: { readonly kind: string }) => boolean | void): boolean {
  const walk = (node: unknown): boolean => {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return false;
    if (Array.isArray(node)) return node.some(walk);
    const record = node as Record<string, unknown>;
    if (typeof record.kind === 'string') {
      const verdict = visit(record as { readonly kind: string });
      if (verdict === true) return true;
      if (verdict === false) return false;
    }
    for (const key in record) if (key !== 'start' && key !== 'end' && walk(record[key])) return true;
    return false;
  };
  return walk(root);
}
