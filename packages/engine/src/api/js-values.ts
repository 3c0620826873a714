// Conversion between JS values and engine values at the public API boundary, following
// better-sqlite3's rules: JS numbers are REAL, bigints INTEGER, strings TEXT, any ArrayBuffer view BLOB,
// null/undefined NULL; INTEGER comes back as a number unless safe integers are on, BLOB as a Buffer.

import { MAX_INT64, MIN_INT64, type SqlValue } from '../common/values.js';

/** Why a JS value could not become an engine value. */
export const enum ConversionFailure {
  UnsupportedType = 1,
  BigIntOutOfRange = 2,
}

type BufferFactory = { from(data: Uint8Array): Uint8Array };

// Node's Buffer when running on Node (better-sqlite3 returns Buffers); plain Uint8Array elsewhere.
const NodeBuffer: BufferFactory | undefined = (globalThis as { Buffer?: BufferFactory }).Buffer;

/** Copies an engine blob into the value users receive (a Buffer on Node). Always a copy: engine blobs may alias pages. */
export function blobToJs(blob: Uint8Array): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(blob) : blob.slice();
}

/** One engine value as the user sees it. */
export function sqlToJs(value: SqlValue, safeIntegers: boolean): unknown {
  if (typeof value === 'bigint') return safeIntegers ? value : Number(value);
  if (value instanceof Uint8Array) return blobToJs(value);
  return value;
}

/**
 * One JS value as an engine value, or a ConversionFailure. Bytes are copied, so later changes to the
 * caller's buffer do not reach a bound parameter (SQLite binds with SQLITE_TRANSIENT).
 */
export function jsToSql(value: unknown): SqlValue | ConversionFailure {
  switch (typeof value) {
    case 'number':
      // SQLite stores NaN as NULL (sqlite3_bind_double / sqlite3_result_double).
      return Number.isNaN(value) ? null : value;
    case 'string':
      return value;
    case 'bigint':
      return value > MAX_INT64 || value < MIN_INT64 ? ConversionFailure.BigIntOutOfRange : value;
    case 'undefined':
      return null;
    case 'object':
      if (value === null) return null;
      if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
      return ConversionFailure.UnsupportedType;
    default:
      return ConversionFailure.UnsupportedType;
  }
}

/** true for values jsToSql rejects (the failure codes are small numbers, but so are REALs: check the type too). */
export function isConversionFailure(converted: SqlValue | ConversionFailure, original: unknown): converted is ConversionFailure {
  return typeof converted === 'number' && typeof original !== 'number';
}

/** A plain object ({} or Object.create(null)), the only kind better-sqlite3 accepts for named parameters. */
export function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}
