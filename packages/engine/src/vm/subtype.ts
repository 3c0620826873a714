// Value subtypes (SQLite's sqlite3_value_subtype / sqlite3_result_subtype): a small number a
// function attaches to its result and another function reads from its argument, like the JSON
// subtype that makes json_array(json('[1]')) embed [1] rather than the string "[1]".
//
// A subtype belongs to a register, not to the value. It is set by the function (or aggregate)
// that writes the register, travels with register copies (SCopy/Copy: CASE, COALESCE, scalar
// subqueries, aggregate results), and is lost wherever the value itself is stored: tables,
// sorters, and the memory cursors that hold subqueries, views and CTEs. This is SQLite's rule
// since 3.45, where a subquery or view boundary strips subtypes.
//
// Cost: until some function gives a result a subtype, Vdbe.subtypes is null, and the opcodes
// only test that. Functions that deal in subtypes say so (`subtypes: true` on the entry, SQLite's
// SQLITE_SUBTYPE | SQLITE_RESULT_SUBTYPE) and are called with a SubtypeCall; others never are.

import type { SqlValue } from '../common/values.js';

/** The JSON subtype ('J'), as SQLite numbers it. */
export const JSON_SUBTYPE = 74;

/** What a subtype-aware function sees of one call: its arguments' subtypes in, its result's out. */
export interface SubtypeCall {
  /** Subtype of each argument (0: none). */
  readonly args: readonly number[];
  /** Set by the function: the subtype of its result (0: none). */
  result: number;
}

/** A call with no argument subtypes (aggregate results, calls outside the VM). */
export function subtypeCall(args: readonly number[] = []): SubtypeCall {
  return { args, result: 0 };
}

/**
 * The subtypes of a register file. A tag remembers the value it was given with: it holds only
 * while the register still holds that very value, so an opcode that overwrites the register with
 * something else (a constant, a column, a CAST to another type) drops it without having to know.
 */
export class RegisterSubtypes {
  private readonly values: SqlValue[] = [];
  private readonly kinds: number[] = [];

  /** The subtype of register r, which holds `value` now (0: none). */
  get(r: number, value: SqlValue): number {
    const kind = this.kinds[r];
    return kind !== undefined && kind !== 0 && this.values[r] === value ? kind : 0;
  }

  /** Register r was just given `value` with subtype `kind` (0 clears). */
  set(r: number, value: SqlValue, kind: number): void {
    if (kind === 0 || value === null) {
      if (this.kinds[r]) this.kinds[r] = 0;
      return;
    }
    this.kinds[r] = kind;
    this.values[r] = value;
  }

  clear(r: number): void {
    if (this.kinds[r]) this.kinds[r] = 0;
  }
}
